// Dev-server middleware: `/__cdn-raw/<file>` answers dist/cdn/<file> byte for byte, as a CDN
// would (the dev server's own handling rewrites JavaScript as it serves it, which Subresource
// Integrity would rightly refuse). Runs before the dev server's plugins, so none touches it.
import { readFile } from 'node:fs/promises';
import { dirname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const PREFIX = '/__cdn-raw/';
const cdnDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'cdn');
const TYPES = { '.js': 'text/javascript', '.json': 'application/json', '.map': 'application/json', '.txt': 'text/plain' };

export function cdnRawMiddleware() {
  return async (context, next) => {
    if (!context.path.startsWith(PREFIX)) return next();
    const file = normalize(join(cdnDir, context.path.slice(PREFIX.length)));
    if (!file.startsWith(cdnDir + sep)) {
      context.status = 404;
      return;
    }
    try {
      context.body = await readFile(file);
      context.type = TYPES[file.slice(file.lastIndexOf('.'))] ?? 'application/octet-stream';
      context.set('Access-Control-Allow-Origin', '*');
    } catch {
      context.status = 404;
    }
  };
}
