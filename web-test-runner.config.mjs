// Tests run in Debian's Chromium with a fake camera and microphone, in three groups:
// core (no DOM), elements (real DOM, no server) and e2e (a real Janus that scripts/test.mjs started).
import { defaultReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromiumArgs, chromiumPath } from './scripts/chromium.mjs';
import { countReporter } from './scripts/count-reporter.mjs';

/**
 * webrtc-adapter imports `sdp`, whose "module" entry is CommonJS (it assigns `module.exports`).
 * Served as is, the browser finds no default export; wrap it in a module scope instead.
 */
const sdpAsModule = {
  name: 'sdp-as-module',
  transform(context) {
    if (!/\/node_modules\/sdp\/sdp\.js$/.test(context.path)) return undefined;
    return { body: `const module = { exports: {} };\n${context.body}\nexport default module.exports;\n` };
  },
};

/** Serves what the test run knows about its environment (the Janus it started) to the tests. */
const testEnvPlugin = {
  name: 'escalate-test-env',
  serve(context) {
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
