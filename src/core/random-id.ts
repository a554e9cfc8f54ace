// Random ids for idempotency keys and the like; works in pages served over plain http, where
// crypto.randomUUID is missing.
export function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
