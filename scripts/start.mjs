// `npm start`: serves the demo (the agent desktop mock) on http://127.0.0.1:8000/demo/ straight
// from the TypeScript sources. PORT changes the port.
import { startDevServer } from '@web/dev-server';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sdpAsModule } from './dev-plugins.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const port = Number(process.env.PORT ?? 8000);

const server = await startDevServer({
  config: {
    rootDir: root,
    hostname: '127.0.0.1',
    port,
    nodeResolve: true,
    appIndex: undefined,
    plugins: [sdpAsModule, esbuildPlugin({ ts: true, tsconfig: resolve(root, 'tsconfig.json'), target: 'es2021' })],
  },
  readCliArgs: false,
  readFileConfig: false,
  logStartMessage: false,
});
console.log(`Escalate Video demo: http://127.0.0.1:${port}/demo/  (Ctrl-C stops it)`);
const stop = async () => {
  await server.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
