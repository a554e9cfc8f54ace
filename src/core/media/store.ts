// A value that changes over time and tells its subscribers; the smallest observable the elements
// need (they subscribe through the same controller as for the escalation actor).
export interface ReadableStore<T> {
  get(): T;
  /** Calls `listener` with each new value (not the current one); returns the unsubscribe. */
  subscribe(listener: (value: T) => void): () => void;
}

export interface WritableStore<T> extends ReadableStore<T> {
  set(value: T): void;
  update(change: (value: T) => T): void;
}

export function createStore<T>(initial: T, equals: (a: T, b: T) => boolean = Object.is): WritableStore<T> {
  let value = initial;
  const listeners = new Set<(value: T) => void>();
  const store: WritableStore<T> = {
    get: () => value,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    set(next) {
      if (equals(value, next)) return;
      value = next;
      for (const listener of [...listeners]) listener(value);
    },
    update: (change) => store.set(change(value)),
  };
  return store;
}
