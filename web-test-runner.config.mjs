// Tests run in Debian's Chromium with a fake camera and microphone, in groups: core (no DOM),
// media (adapters over real peer connections, no server), elements (real DOM, no server), build (the built bundles) and e2e (a real Janus that
// scripts/test.mjs started).
import { defaultReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromiumArgs, chromiumPath } from './scripts/chromium.mjs';
import { countReporter } from './scripts/count-reporter.mjs';
import { sdpAsModule } from './scripts/dev-plugins.mjs';
import { createRoom } from './scripts/janus-rooms.mjs';

/** Serves what the test run knows about its environment (the Janus it started) to the tests. */
const testEnvPlugin = {
  name: 'escalate-test-env',
  async serve(context) {
    // Rooms are made server-side, as the escalation service does: the admin key never reaches a page.
    if (context.path === '/__janus/rooms') {
      const { room } = await createRoom({
        httpUrl: process.env.ESCALATE_JANUS_HTTP,
        adminKey: process.env.ESCALATE_JANUS_ROOM_KEY,
        permanent: context.query.permanent === '1',
      });
      return { type: 'json', body: JSON.stringify({ room: String(room) }) };
    }
    if (context.path !== '/__test-env.json') return undefined;
    return {
      type: 'json',
      body: JSON.stringify({
        janusWsUrl: process.env.ESCALATE_JANUS_WS ?? null,
        janusHttpUrl: process.env.ESCALATE_JANUS_HTTP ?? null,
        mediaAddress: process.env.ESCALATE_ICE_ADDRESS ?? null,
      }),
    };
  },
};

export default {
  nodeResolve: true,
  rootDir: '.',
  concurrency: 1,
  groups: [
    { name: 'core', files: 'test/core/**/*.test.ts' },
    { name: 'media', files: 'test/media/**/*.test.ts' },
    { name: 'elements', files: 'test/elements/**/*.test.ts' },
    { name: 'build', files: 'test/build/**/*.test.ts' },
    { name: 'e2e', files: 'test/e2e/**/*.test.ts' },
  ],
  plugins: [
    testEnvPlugin,
    esbuildPlugin({ ts: true, tsconfig: './tsconfig.json', target: 'es2021' }),
    sdpAsModule,
  ],
  browsers: [
    chromeLauncher({
      launchOptions: { executablePath: chromiumPath(), args: chromiumArgs() },
    }),
  ],
  reporters: [defaultReporter(), countReporter()],
  testFramework: { config: { timeout: 30000 } },
  browserStartTimeout: 60000,
  testsStartTimeout: 60000,
  testsFinishTimeout: 300000,
};
