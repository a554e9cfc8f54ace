// `npm run package:check` (a step of `npm test`, after the build): the package as npm would pack
// it, checked by publint (fields, exports, files that exist) and by Are the Types Wrong (every
// export resolves to types, for ESM and bundlers); and its custom-elements.json: every module it
// names is a built file (or its declarations), and every event an element fires has its type. Needs `npm run build`.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const checks = [
  [bin('publint'), ['--strict']],
  // ESM only: the package has no CommonJS entry, by design.
  [bin('attw'), ['--pack', '.', '--profile', 'esm-only', '--format', 'ascii']],
];
for (const [command, args] of checks) {
  const run = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (run.status !== 0) process.exit(run.status ?? 1);
}

const manifest = JSON.parse(readFileSync(join(root, 'custom-elements.json'), 'utf8'));
const problems = [];
for (const module of manifest.modules) {
  // A module of types only (or a barrel no entry reaches) is shipped as its declarations.
  const built = [module.path, module.path.replace(/\.js$/, '.d.ts')].some((path) => existsSync(join(root, path)));
  if (!built) problems.push(`${module.path}: not a built file`);
  for (const element of (module.declarations ?? []).filter((declaration) => declaration.customElement)) {
    for (const event of element.events ?? []) if (!event.type?.text) problems.push(`<${element.tagName}> ${event.name}: no type`);
  }
}
if (problems.length) {
  console.error(`custom-elements.json:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`custom-elements.json: ${manifest.modules.length} modules, all built files; every event typed.`);
