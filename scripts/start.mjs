// `npm start`: the demo on http://127.0.0.1:8000/demo/ (PORT changes the port).
// With Janus installed it starts Janus (as root, in a network namespace of its own that this
// side reaches over a veth pair) and the reference escalation service, and the demo uses both.
// Without Janus it runs on the loopback adapter in one browser, and the page says so.
import { startDevServer } from '@web/dev-server';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startService } from '../demo/service/service.mjs';
import { sdpAsModule } from './dev-plugins.mjs';
import { startJanus } from './janus.mjs';
import { createDemoNetns, deleteNetns, NETNS_ADDRESS, sweepStaleNetns } from './netns.mjs';
import { isRoot } from './system-deps.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const port = Number(process.env.PORT ?? 8000);
const origin = `http://127.0.0.1:${port}`;
const cleanups = [];

async function startMedia() {
  if (!existsSync('/usr/bin/janus')) return null;
  let netns;
  let bind = '127.0.0.1';
  let iceAddress = process.env.ESCALATE_ICE_ADDRESS;
  if (isRoot() && !process.env.ESCALATE_NETNS && process.env.ESCALATE_NO_NETNS !== '1') {
    sweepStaleNetns('escalate-demo-');
    netns = createDemoNetns(`escalate-demo-${process.pid}`).name;
    cleanups.push(() => deleteNetns(netns));
    bind = NETNS_ADDRESS;
    iceAddress = NETNS_ADDRESS;
  }
  const janus = await startJanus({ runDir: join(root, '.run', `janus-demo-${process.pid}`), iceAddress, bind, netns });
  cleanups.unshift(() => janus.stop());
  const service = await startService({
    janusHttp: janus.httpUrl,
    janusWs: janus.wsUrl,
    roomAdminKey: janus.roomAdminKey,
    dataDir: process.env.ESCALATE_DEMO_DATA ?? join(root, '.run', 'demo-service'),
    guestBaseUrl: `${origin}/demo/guest.html`,
    port: Number(process.env.SERVICE_PORT ?? port + 1),
  });
  cleanups.unshift(() => service.stop());
  return { janus, service };
}

const media = await startMedia();
const config = media
  ? { mode: 'janus', serviceUrl: media.service.url, outbox: join(process.env.ESCALATE_DEMO_DATA ?? join('.run', 'demo-service'), 'outbox.jsonl') }
  : { mode: 'loopback', reason: 'Janus is not installed (apt-get install janus), so the video runs between tabs of this browser.' };

const server = await startDevServer({
  config: {
    rootDir: root,
    hostname: '127.0.0.1',
    port,
    nodeResolve: true,
    plugins: [
      sdpAsModule,
      esbuildPlugin({ ts: true, tsconfig: resolve(root, 'tsconfig.json'), target: 'es2021' }),
      { name: 'demo-config', serve: (context) => (context.path === '/demo/config.json' ? { type: 'json', body: JSON.stringify(config) } : undefined) },
    ],
  },
  readCliArgs: false,
  readFileConfig: false,
  logStartMessage: false,
  // This script stops the server itself, after Janus and the namespace.
  autoExitProcess: false,
});
cleanups.unshift(() => server.stop());

console.log(`Escalate Video demo: ${origin}/demo/  (Ctrl-C stops it)`);
console.log(
  media
    ? `  Janus ${media.janus.wsUrl}, escalation service ${media.service.url}; SMS and e-mail go to ${config.outbox}`
    : `  ${config.reason}`,
);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  for (const cleanup of cleanups) {
    try {
      await cleanup();
    } catch (error) {
      console.error('stopping the demo:', error);
    }
  }
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
