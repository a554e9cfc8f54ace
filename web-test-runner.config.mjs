// Tests run in Debian's Chromium with a fake camera and microphone, in groups: core (no DOM),
// media (adapters over real peer connections, no server), elements (real DOM, no server), build (the built bundles), e2e (a real Janus that
// scripts/test.mjs started), and two groups whose Chromium answers camera and microphone requests
// as a real one does: permissions (asked, then denied or granted) and no-devices.
import { defaultReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromiumArgs, chromiumPath } from './scripts/chromium.mjs';
import { countReporter } from './scripts/count-reporter.mjs';
import { cdnRawMiddleware } from './scripts/cdn-raw.mjs';
import { cspPagesMiddleware } from './scripts/csp-pages.mjs';
import { janusPlugin } from './scripts/janus-plugin.mjs';
import { frameworkVendorPlugin } from './scripts/framework-vendor.mjs';

function chromium(options) {
  return chromeLauncher({ launchOptions: { executablePath: chromiumPath(), args: chromiumArgs(options) } });
}

export default {
  nodeResolve: true,
  rootDir: '.',
  concurrency: 1,
  groups: [
    { name: 'core', files: 'test/core/**/*.test.ts' },
    { name: 'media', files: 'test/media/**/*.test.ts' },
    { name: 'elements', files: 'test/elements/**/*.test.ts' },
    { name: 'connectors', files: 'test/connectors/**/*.test.ts' },
    // The tags inside React 19 and Vue 3 apps (React and Vue come through scripts/framework-vendor.mjs).
    { name: 'frameworks', files: 'test/frameworks/**/*.test.{ts,tsx}' },
    { name: 'build', files: 'test/build/**/*.test.ts' },
    { name: 'e2e', files: 'test/e2e/**/*.test.ts' },
    // While working on a few tests: `ESCALATE_TEST_FILES=test/e2e/x.test.ts npm test -- --group only`.
    ...(process.env.ESCALATE_TEST_FILES ? [{ name: 'only', files: process.env.ESCALATE_TEST_FILES }] : []),
    // The browser's own permission answers: the test denies or grants them (`media-permission`).
    { name: 'permissions', files: 'test/permissions/permission-denied.test.ts', browsers: [chromium({ fakeUi: false })] },
    // No fake devices: this machine has no camera or microphone of its own.
    {
      name: 'no-devices',
      files: 'test/permissions/no-devices.test.ts',
      browsers: [chromium({ fakeUi: false, fakeDevices: false })],
    },
  ],
  // dist/cdn byte for byte at /__cdn-raw/, as a CDN serves it (the integrity test); the pages
  // under /test/support/csp/ with a strict Content-Security-Policy (the CSP test).
  middleware: [cdnRawMiddleware(), cspPagesMiddleware()],
  plugins: [
    janusPlugin(),
    frameworkVendorPlugin(),
    esbuildPlugin({ ts: true, tsx: true, tsconfig: './tsconfig.json', target: 'es2021' }),
  ],
  browsers: [chromium()],
  reporters: [defaultReporter(), countReporter()],
  testFramework: { config: { timeout: 30000 } },
  browserStartTimeout: 60000,
  testsStartTimeout: 60000,
  testsFinishTimeout: 300000,
};
