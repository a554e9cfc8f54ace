// Cross-origin access for the configured origins only (the agent desktops and the guest page's
// site); any other origin gets no CORS headers, so its browser keeps the answer from the page.
import type { IncomingMessage, ServerResponse } from 'node:http';

const ALLOWED_HEADERS = 'authorization, content-type, idempotency-key, last-event-id';
const EXPOSED_HEADERS = 'retry-after';

/** Sets the CORS headers of an answer; true when the request was a preflight, answered here. */
export function applyCors(request: IncomingMessage, response: ServerResponse, origins: ReadonlySet<string>): boolean {
  const origin = request.headers.origin;
  response.setHeader('vary', 'origin');
  const allowed = typeof origin === 'string' && origins.has(origin);
  if (allowed) {
    response.setHeader('access-control-allow-origin', origin);
    response.setHeader('access-control-expose-headers', EXPOSED_HEADERS);
  }
  if (request.method !== 'OPTIONS') return false;
  if (allowed) {
    response.setHeader('access-control-allow-headers', ALLOWED_HEADERS);
    response.setHeader('access-control-allow-methods', 'GET, POST, DELETE');
    response.setHeader('access-control-max-age', '600');
  }
  response.writeHead(allowed ? 204 : 403).end();
  return true;
}
