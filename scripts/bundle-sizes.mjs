// What the CDN bundle costs a page, gzipped: what loads before anything works (the entry and
// what it imports statically), and what a guest's joined room loads on top (the Janus adapter's
// chunks, imported when first joining). Read from dist/cdn by following the imports from the
// entry, so chunks of earlier builds left in the folder never count. `npm run bench` prints it.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const STATIC_IMPORT = /(?:import|export)\s*(?:[\w*{}\s,$]*from\s*)?["'](\.{1,2}\/[^"']+)["']/g;
const DYNAMIC_IMPORT = /import\(\s*["'](\.{1,2}\/[^"']+)["']\s*\)/g;

function importsOf(file, pattern) {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(pattern)].map((match) => resolve(dirname(file), match[1]));
}

/** Every file reachable from `roots` by static imports. */
function staticClosure(roots) {
  const seen = new Set();
  const queue = [...roots];
  while (queue.length) {
    const file = queue.pop();
    if (seen.has(file)) continue;
    seen.add(file);
    queue.push(...importsOf(file, STATIC_IMPORT));
  }
  return seen;
}

const kb = (files) => [...files].reduce((sum, file) => sum + gzipSync(readFileSync(file)).length, 0) / 1024;

/** `{ entryKb, guestRoomKb }` for the built CDN bundle in `cdnDir`, or null when it is not built. */
export function cdnSizes(cdnDir) {
  const entry = resolve(cdnDir, 'escalate-video.js');
  if (!existsSync(entry)) return null;
  const first = staticClosure([entry]);
  const janus = [...first].flatMap((file) => importsOf(file, DYNAMIC_IMPORT)).filter((file) => /janus-adapter/.test(file));
  const guestRoom = new Set([...first, ...staticClosure(janus)]);
  return { entryKb: kb(first), guestRoomKb: kb(guestRoom) };
}
