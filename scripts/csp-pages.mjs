// Dev-server middleware: pages under /test/support/csp/ are served with a strict
// Content-Security-Policy, as a bank's or a CRM's page may be: scripts and styles from the page's
// own origin only, no inline script or style, no eval. The escalation service and Janus are
// other origins, so `connect-src` names them (their ports vary from run to run).
const STRICT_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self' http://127.0.0.1:* ws://127.0.0.1:* http://198.18.0.1:* ws://198.18.0.1:*",
  "img-src 'self'",
  "media-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'self'",
].join('; ');

export function cspPagesMiddleware() {
  return async (context, next) => {
    await next();
    if (context.path.startsWith('/test/support/csp/')) context.set('Content-Security-Policy', STRICT_POLICY);
  };
}
