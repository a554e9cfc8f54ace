// `npm start`: the demo on http://127.0.0.1:8000/demo/ (PORT changes the port).
// With Janus installed it starts Janus (as root, in a network namespace of its own that this
// side reaches over a veth pair) and the escalation service with its own command, beside Janus
// (the service alone reaches Janus's HTTP API), and the demo uses both. The demo signs its agent
// in with development tokens it mints itself. Without Janus it runs on the loopback adapter in
// one browser, and the page says so.
import { startDevServer } from '@web/dev-server';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mintDevAgentToken, sha256Hex } from '@escalate-video/service';
import { startJanus } from './janus.mjs';
import { createDemoNetns, deleteNetns, NETNS_ADDRESS, sweepStaleNetns } from './netns.mjs';
import { startServiceProcess } from './service-process.mjs';
import { isRoot } from './system-deps.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const port = Number(process.env.PORT ?? 8000);
const origin = `http://127.0.0.1:${port}`;
const cleanups = [];
const dataDir = process.env.ESCALATE_DEMO_DATA ?? join(root, '.run', 'demo-service');
/** The demo contact center's flow (its HTTP node): an API key of this run that may create and send. */
const demoFlowKey = `evk_${randomBytes(24).toString('hex')}`;
/** The demo's own sign-in: its agent's tokens are minted here, with a secret of this run. */
const demoAuth = { issuer: 'escalate-demo', audience: 'escalate-video', secret: randomBytes(32).toString('hex') };

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
  const service = await startServiceProcess({
    netns,
    env: {
      ESCALATE_HOST: bind,
      ESCALATE_PORT: String(process.env.SERVICE_PORT ?? port + 1),
      ESCALATE_GUEST_URL: `${origin}/demo/guest.html`,
      ESCALATE_DATA_DIR: dataDir,
      ESCALATE_JANUS_HTTP: janus.httpUrl,
      ESCALATE_JANUS_WS: janus.wsUrl,
      ESCALATE_JANUS_ADMIN_KEY: janus.roomAdminKey,
      ESCALATE_JANUS_TOKEN_SECRET: janus.tokenSecret,
      ESCALATE_JANUS_ADMIN_URL: janus.adminUrl,
      ESCALATE_JANUS_ADMIN_SECRET: janus.adminSecret,
      // Janus writes recordings here and the service makes them playable (both on this machine).
      ESCALATE_JANUS_RECORDINGS_DIR: join(dataDir, 'janus-recordings'),
      ESCALATE_JWT_ISSUER: demoAuth.issuer,
      ESCALATE_JWT_AUDIENCE: demoAuth.audience,
      ESCALATE_JWT_SECRET: demoAuth.secret,
      ESCALATE_API_KEYS: JSON.stringify([
        { id: 'demo-flow', tenant: 'demo-center', sha256: sha256Hex(demoFlowKey), routes: ['createEscalation', 'deliverLink'] },
      ]),
      ESCALATE_CORS_ORIGINS: `${origin},http://localhost:${port}`,
      // The demo's numbers are North American test numbers (+1555…) and British ones.
      ESCALATE_SMS_CALLING_CODES: '1,44',
      ESCALATE_LOG_LEVEL: 'warn',
    },
  });
  cleanups.unshift(() => service.stop());
  return { janus, service };
}

const media = await startMedia();
const config = media
  ? { mode: 'janus', serviceUrl: media.service.url, outbox: join(dataDir, 'outbox.jsonl') }
  : {
      mode: 'loopback',
      reason: 'Janus is not installed (apt-get install janus), so the video runs between tabs of this browser.',
    };

const server = await startDevServer({
  config: {
    rootDir: root,
    hostname: '127.0.0.1',
    port,
    nodeResolve: true,
    plugins: [
      esbuildPlugin({ ts: true, tsconfig: resolve(root, 'tsconfig.json'), target: 'es2021' }),
      {
        name: 'demo-config',
        async serve(context) {
          if (context.path === '/demo/config.json') return { type: 'json', body: JSON.stringify(config) };
          // The desk's sign-in, as an agent desktop's backend would issue it (an hour each).
          if (context.path === '/demo/agent-token') {
            const token = await mintDevAgentToken({
              ...demoAuth,
              agent: 'demo-agent',
              tenant: 'demo-center',
              name: 'Sam Rivera',
            });
            return { type: 'json', body: JSON.stringify({ token }) };
          }
          // An expert's desk sign-in (`?expert=kim&name=Kim Lee`), in the same contact center.
          if (context.path === '/demo/expert-token') {
            const expert =
              String(context.query.expert ?? 'kim')
                .replace(/[^a-z0-9-]/gi, '')
                .slice(0, 40) || 'kim';
            const token = await mintDevAgentToken({
              ...demoAuth,
              agent: `demo-expert-${expert}`,
              tenant: 'demo-center',
              name: String(context.query.name ?? 'Kim Lee').slice(0, 80),
            });
            return { type: 'json', body: JSON.stringify({ token }) };
          }
          return undefined;
        },
      },
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
if (media) console.log(`  The contact-center flow's API key (README, "Started by the contact-center flow"): ${demoFlowKey}`);

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
