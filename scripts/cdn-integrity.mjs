// Subresource Integrity for the CDN build: the sha384 of every module a page may load from
// dist/cdn, written to dist/cdn/integrity.json, with the entries' printed by the build. A page
// pins what it runs with `integrity` on its entry's script tag and an import map's `integrity`
// for the chunks (`node scripts/sri-snippet.mjs <base-url>` prints both).
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const INTEGRITY_FILE = 'integrity.json';

/** `sha384-…` of a file's bytes, as browsers check it. */
export function integrityOf(bytes) {
  return `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
}

/** Rollup plugin: after the files are written (banner and source-map comment included), hashes each module. */
export function cdnIntegrity() {
  return {
    name: 'escalate-cdn-integrity',
    writeBundle(options, bundle) {
      const modules = Object.values(bundle)
        .filter((output) => output.type === 'chunk')
        .sort((x, y) => x.fileName.localeCompare(y.fileName));
      const hashes = Object.fromEntries(
        modules.map(({ fileName }) => [fileName, integrityOf(readFileSync(join(options.dir, fileName)))]),
      );
      writeFileSync(join(options.dir, INTEGRITY_FILE), `${JSON.stringify(hashes, null, 2)}\n`);
      console.log(`Subresource Integrity (all modules in ${options.dir}/${INTEGRITY_FILE}):`);
      for (const { fileName, isEntry } of modules) if (isEntry) console.log(`  ${fileName.padEnd(26)} ${hashes[fileName]}`);
    },
  };
}
