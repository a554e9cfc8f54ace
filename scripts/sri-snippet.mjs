// Prints the HTML that loads the CDN build with every module pinned by its hash:
//   node scripts/sri-snippet.mjs https://cdn.example.com/escalate-video@0.1.0/dist/cdn/ [entry]
// (after `npm run build`; the entry is escalate-video.js unless named).
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { INTEGRITY_FILE } from './cdn-integrity.mjs';

const [base, entry = 'escalate-video.js'] = process.argv.slice(2);
if (!base || !/^https?:\/\//.test(base)) {
  console.error('usage: node scripts/sri-snippet.mjs <https://…/dist/cdn/> [entry.js]');
  process.exit(2);
}
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const hashes = JSON.parse(readFileSync(join(root, 'dist', 'cdn', INTEGRITY_FILE), 'utf8'));
if (!hashes[entry]) {
  console.error(
    `no ${entry} in the build: one of ${Object.keys(hashes)
      .filter((file) => !file.includes('/'))
      .join(', ')}`,
  );
  process.exit(2);
}
const url = (file) => new URL(file, base.endsWith('/') ? base : `${base}/`).href;
const integrity = Object.fromEntries(Object.entries(hashes).map(([file, hash]) => [url(file), hash]));
console.log(`<script type="importmap">${JSON.stringify({ integrity }, null, 2)}</script>`);
console.log(`<script type="module" src="${url(entry)}" integrity="${hashes[entry]}" crossorigin="anonymous"></script>`);
