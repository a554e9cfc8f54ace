// The framework host tests (test/frameworks/) render the tags inside React 19 and Vue 3 in the
// test browser, which loads native ES modules. React ships only CommonJS, so its entry points are
// bundled here by esbuild into ES modules that share one copy of React (a second copy would break
// its hooks); Vue's own browser build (with its template compiler) is served as it is.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { build } from 'esbuild';

const require = createRequire(import.meta.url);
const REACT_ENTRIES = ['react', 'react-dom/client', 'react/jsx-runtime', 'react/jsx-dev-runtime'];
const PREFIX = '/__vendor/';

/**
 * The names a CommonJS module exports, read in a Node of their own: React's development build,
 * loaded in this process, would call console methods the test runner's console lacks.
 */
function exportNames(specifier) {
  const script = `console.log(JSON.stringify(Object.keys(require(${JSON.stringify(specifier)}))))`;
  const output = execFileSync(process.execPath, ['-e', script], { env: { ...process.env, NODE_ENV: 'development' } });
  return JSON.parse(String(output));
}

/** `import m from 'react'` gives module.exports; its names are re-exported one by one. */
function entrySource(specifier) {
  const names = exportNames(specifier).filter((name) => /^[A-Za-z_$][\w$]*$/.test(name) && name !== 'default');
  return `import m from ${JSON.stringify(`cjs:${specifier}`)};\nexport const { ${names.join(', ')} } = m;\nexport default m;\n`;
}

async function bundleReact() {
  const result = await build({
    entryPoints: REACT_ENTRIES.map((specifier) => ({ in: `entry:${specifier}`, out: specifier.replace(/\//g, '__') })),
    bundle: true,
    splitting: true,
    format: 'esm',
    outdir: '/vendor',
    write: false,
    define: { 'process.env.NODE_ENV': '"development"' },
    logLevel: 'silent',
    plugins: [
      {
        name: 'react-entries',
        setup(esbuild) {
          esbuild.onResolve({ filter: /^entry:/ }, (args) => ({ path: args.path.slice(6), namespace: 'entry' }));
          esbuild.onLoad({ filter: /.*/, namespace: 'entry' }, (args) => ({
            contents: entrySource(args.path),
            resolveDir: process.cwd(),
          }));
          esbuild.onResolve({ filter: /^cjs:/ }, (args) => ({ path: require.resolve(args.path.slice(4)) }));
        },
      },
    ],
  });
  return new Map(result.outputFiles.map((file) => [file.path.replace('/vendor/', PREFIX), file.text]));
}

export function frameworkVendorPlugin() {
  let react;
  return {
    name: 'framework-vendor',
    resolveImport({ source }) {
      if (REACT_ENTRIES.includes(source)) return `${PREFIX}${source.replace(/\//g, '__')}.js`;
      if (source === 'vue') return '/node_modules/vue/dist/vue.esm-browser.prod.js';
      return undefined;
    },
    async serve(context) {
      if (!context.path.startsWith(PREFIX)) return undefined;
      react ??= bundleReact();
      const body = (await react).get(context.path);
      return body === undefined ? undefined : { body, type: 'js' };
    },
  };
}
