// Two builds: dist/ for npm (ES modules as in src/, dependencies external, declarations), and
// dist/cdn/, minified ES modules with everything bundled: one entry per element (a desk loads only
// `escalation-context.js` and `escalate-button.js`, a guest page only `escalation-join-card.js`),
// `escalate-video.js` defining them all, and the chunks they share; Janus loads when a room joins.
import { readFileSync } from 'node:fs';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';
import license from 'rollup-plugin-license';
import { cdnIntegrity } from './scripts/cdn-integrity.mjs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const dependencies = Object.keys(pkg.dependencies ?? {});
// One line a file: ours; the packages bundled in (lit, xstate, janus.js…) and their licence
// texts are in THIRD-PARTY-LICENSES.txt beside it.
const CDN_BANNER = '<%= pkg.name %> <%= pkg.version %> <%= pkg.license %>; bundled packages: THIRD-PARTY-LICENSES.txt';
const JANUS_LOGGING = ['Janus.trace', 'Janus.debug', 'Janus.vdebug', 'Janus.log', 'Janus.warn', 'Janus.error'];
const isDependency = (id) => dependencies.some((name) => id === name || id.startsWith(`${name}/`));

export default [
  {
    input: {
      index: 'src/index.ts',
      'define/all': 'src/define/all.ts',
      'define/escalation-context': 'src/define/escalation-context.ts',
      'define/video-room': 'src/define/video-room.ts',
      'define/escalate-button': 'src/define/escalate-button.ts',
      'define/escalation-join-card': 'src/define/escalation-join-card.ts',
      'define/device-check': 'src/define/device-check.ts',
      'define/expert-desk': 'src/define/expert-desk.ts',
      // Desktop connectors: npm only (a desktop's plugin or widget bundle imports them), not in the CDN build.
      'connectors/task-target': 'src/connectors/task-target.ts',
      'connectors/each-context': 'src/connectors/each-context.ts',
      'connectors/webex-contact-center': 'src/connectors/webex-contact-center.ts',
      'connectors/twilio-flex': 'src/connectors/twilio-flex.ts',
      'connectors/genesys-cloud': 'src/connectors/genesys-cloud.ts',
      'connectors/salesforce': 'src/connectors/salesforce.ts',
      'connectors/chat-widget': 'src/connectors/chat-widget.ts',
      // Framework typings: declarations only; their modules are empty, there for the exports map.
      'frameworks/react': 'src/frameworks/react.ts',
      'frameworks/vue': 'src/frameworks/vue.ts',
      'frameworks/svelte': 'src/frameworks/svelte.ts',
      'frameworks/angular': 'src/frameworks/angular.ts',
    },
    external: isDependency,
    // The framework typings' modules are empty by design: their declarations are what they ship.
    onwarn(warning, warn) {
      if (warning.code === 'EMPTY_BUNDLE' && warning.names?.every((name) => name.startsWith('frameworks/'))) return;
      warn(warning);
    },
    output: {
      dir: 'dist',
      format: 'es',
      preserveModules: true,
      preserveModulesRoot: 'src',
      sourcemap: true,
    },
    // Decorator helpers come from tslib, a dependency, so they are not copied into every module.
    // Source maps carry the sources (`inlineSources`), so a debugger shows them wherever the package sits.
    plugins: [
      typescript({ tsconfig: './tsconfig.json', outDir: 'dist', declaration: true, declarationMap: true, inlineSources: true }),
    ],
  },
  {
    input: {
      'escalate-video': 'src/define/all.ts',
      'escalation-context': 'src/define/escalation-context.ts',
      'escalate-button': 'src/define/escalate-button.ts',
      'video-room': 'src/define/video-room.ts',
      'escalation-join-card': 'src/define/escalation-join-card.ts',
      'expert-desk': 'src/define/expert-desk.ts',
      'device-check': 'src/define/device-check.ts',
    },
    output: {
      dir: 'dist/cdn',
      entryFileNames: '[name].js',
      chunkFileNames: 'chunks/[name]-[hash].js',
      // Tiny shared modules (an event class, a context key) are merged into a chunk that loads
      // anyway, instead of costing a request and a gzip stream of their own.
      experimentalMinChunkSize: 3000,
      // The guest's English (the room's, the join card's, the device check's words) is a chunk of
      // its own: merged into a shared chunk, it would load on every desk, which never shows it.
      // Chunks that the small-chunk merge must not fold into what a page loads first: the guest's
      // English (only guest elements load it), and what a still, the camera's asks and the
      // agent's camera tools need (loaded once on video, or with the first ask).
      manualChunks: (id) =>
        /src\/i18n\/(guest-strings|guest-error-strings|device-check-strings|camera-asks-strings)\.ts$/.test(id)
          ? 'guest-words'
          : /src\/core\/snapshots\//.test(id)
            ? 'stills'
            : /src\/core\/devices\/camera-control\.ts$|camera-ask-work\.ts$/.test(id)
              ? 'camera-work'
              : undefined,
      format: 'es',
      sourcemap: true,
    },
    plugins: [
      nodeResolve({ browser: true }),
      typescript({
        tsconfig: './tsconfig.json',
        outDir: 'dist/cdn',
        declaration: false,
        declarationMap: false,
        inlineSources: true,
      }),
      terser({
        ecma: 2021,
        module: true,
        format: { comments: false },
        // janus.js logs through these, and we start it with `debug: false`, which makes each a
        // no-op (janus-library.ts): the calls and their message strings are dropped (2.4 KB gzip).
        compress: { pure_funcs: JANUS_LOGGING },
      }),
      // After minifying, so the header stays: ours, and the licences of what is bundled in full.
      license({
        sourcemap: true,
        banner: { commentStyle: 'ignored', content: CDN_BANNER },
        thirdParty: { output: { file: 'dist/cdn/THIRD-PARTY-LICENSES.txt' } },
      }),
      cdnIntegrity(),
    ],
  },
];
