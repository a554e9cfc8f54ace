// `npm run package:check` (a step of `npm test`, after the build): the package as npm would pack
// it, checked by publint (fields, exports, files that exist) and by Are the Types Wrong (every
// export resolves to types, for ESM and bundlers). Needs `npm run build` first.
import { spawnSync } from 'node:child_process';
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
