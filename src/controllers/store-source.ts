// Lets the selector controller read a media store as it reads an actor.
import type { ReadableStore } from '../core/media/store.js';
import type { SnapshotSource } from './actor-selector-controller.js';

export function fromStore<T>(store: ReadableStore<T>): SnapshotSource<T> {
  return {
    getSnapshot: () => store.get(),
    subscribe: (observer) => ({ unsubscribe: store.subscribe(observer) }),
  };
}
