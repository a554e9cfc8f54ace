// Fails when custom-elements.json is not what the analyzer makes of src/ now.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// The analyzer takes outdir relative to the working folder.
const outdir = join('.run', 'manifest-check');
try {
  execFileSync(join(root, 'node_modules', '.bin', 'cem'), ['analyze', '--config', 'custom-elements-manifest.config.mjs', '--outdir', outdir], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const fresh = readFileSync(join(root, outdir, 'custom-elements.json'), 'utf8');
  const committed = readFileSync(join(root, 'custom-elements.json'), 'utf8');
  if (fresh !== committed) {
    console.error('custom-elements.json is stale: run `npm run manifest` and commit the result.');
    process.exit(1);
  }
  console.log('custom-elements.json is current.');
} finally {
  rmSync(join(root, outdir), { recursive: true, force: true });
}
