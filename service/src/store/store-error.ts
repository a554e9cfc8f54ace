// A store that cannot be opened or reached: said clearly at start, and nothing else is touched.
export class StoreError extends Error {
  override readonly name = 'StoreError';
}
