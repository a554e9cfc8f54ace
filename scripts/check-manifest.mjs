// Fails when custom-elements.json is not what the analyzer makes of src/ now.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// The analyzer takes outdir relative to the working folder, and points package.json's
// "customElements" at wherever it wrote: keep package.json as it was.
const outdir = join('.run', 'manifest-check');
const packageJson = join(root, 'package.json');
const packageText = readFileSync(packageJson, 'utf8');
let stale = false;
try {
  execFileSync(
    join(root, 'node_modules', '.bin', 'cem'),
    ['analyze', '--config', 'custom-elements-manifest.config.mjs', '--outdir', outdir],
    {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const fresh = readFileSync(join(root, outdir, 'custom-elements.json'), 'utf8');
  const committed = readFileSync(join(root, 'custom-elements.json'), 'utf8');
  stale = fresh !== committed;
} finally {
  writeFileSync(packageJson, packageText);
  rmSync(join(root, outdir), { recursive: true, force: true });
}
const declared = JSON.parse(packageText).customElements;
if (declared !== 'custom-elements.json') {
  console.error(`package.json "customElements" is "${declared}"; it must name custom-elements.json.`);
  process.exit(1);
}
if (stale) {
  console.error('custom-elements.json is stale: run `npm run manifest` and commit the result.');
  process.exit(1);
}
console.log('custom-elements.json is current.');
