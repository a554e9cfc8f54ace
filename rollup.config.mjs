// Two builds: dist/ for npm (ES modules as in src/, dependencies external, declarations), and
// dist/cdn/, minified ES modules with everything bundled: one entry per element (a desk loads only
// `escalation-context.js` and `escalate-button.js`, a guest page only `escalation-join-card.js`),
// `escalate-video.js` defining them all, and the chunks they share; Janus loads when a room joins.
import { readFileSync } from 'node:fs';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const dependencies = Object.keys(pkg.dependencies ?? {});
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
    },
    external: isDependency,
    output: {
      dir: 'dist',
      format: 'es',
      preserveModules: true,
      preserveModulesRoot: 'src',
      sourcemap: true,
    },
    // Decorator helpers come from tslib, a dependency, so they are not copied into every module.
    plugins: [typescript({ tsconfig: './tsconfig.json', outDir: 'dist', declaration: true, declarationMap: true })],
  },
  {
    input: {
      'escalate-video': 'src/define/all.ts',
      'escalation-context': 'src/define/escalation-context.ts',
      'escalate-button': 'src/define/escalate-button.ts',
      'video-room': 'src/define/video-room.ts',
      'escalation-join-card': 'src/define/escalation-join-card.ts',
      'device-check': 'src/define/device-check.ts',
    },
    output: {
      dir: 'dist/cdn',
      entryFileNames: '[name].js',
      chunkFileNames: 'chunks/[name]-[hash].js',
      // Tiny shared modules (an event class, a context key) are merged into a chunk that loads
      // anyway, instead of costing a request and a gzip stream of their own.
      experimentalMinChunkSize: 2000,
      format: 'es',
      sourcemap: true,
    },
    plugins: [
      nodeResolve({ browser: true }),
      typescript({ tsconfig: './tsconfig.json', outDir: 'dist/cdn', declaration: false, declarationMap: false }),
      terser({
        ecma: 2021,
        module: true,
        format: { comments: false },
        // janus.js logs through these, and we start it with `debug: false`, which makes each a
        // no-op (janus-library.ts): the calls and their message strings are dropped (2.4 KB gzip).
        compress: { pure_funcs: JANUS_LOGGING },
      }),
    ],
  },
];
