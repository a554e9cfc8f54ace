// Media adapters by name, each loaded only when first used: a page that never joins Janus never
// downloads janus.js. Janus and loopback are built in; a page adds its own media server with
// `registerAdapter('livekit', () => import('./my-livekit-adapter.js').then((m) => new m.Adapter()))`,
// and elements name it in their `adapter` property. No element knows which adapters exist.
import type { MediaAdapter } from './types.js';

/** A registered adapter's name: `janus`, `loopback`, or one the page registered. */
export type AdapterName = string;

/** Makes the adapter, typically by importing its module. */
export type AdapterLoader = () => Promise<MediaAdapter>;

const loaders = new Map<AdapterName, AdapterLoader>();
const loaded = new Map<AdapterName, Promise<MediaAdapter>>();

/** Adds (or replaces) the adapter known by `name`. */
export function registerAdapter(name: AdapterName, load: AdapterLoader): void {
  loaders.set(name, load);
  loaded.delete(name);
}

/** The adapter registered as `name`, loaded once; rejects with the names known when there is none. */
export function loadAdapter(name: AdapterName): Promise<MediaAdapter> {
  const load = loaders.get(name);
  if (!load) {
    const known = [...loaders.keys()].map((known) => `"${known}"`).join(', ');
    return Promise.reject(new TypeError(`Unknown media adapter "${name}"; registered: ${known}`));
  }
  let adapter = loaded.get(name);
  if (!adapter) {
    adapter = load();
    // A failed load (a network blip fetching the chunk) may be tried again.
    adapter.catch(() => loaded.delete(name));
    loaded.set(name, adapter);
  }
  return adapter;
}

/** The adapter object given, or the one registered under the name given. */
export function resolveAdapter(adapter: AdapterName | MediaAdapter): Promise<MediaAdapter> {
  return typeof adapter === 'string' ? loadAdapter(adapter) : Promise.resolve(adapter);
}

registerAdapter('janus', async () => new (await import('./janus/janus-adapter.js')).JanusAdapter());
registerAdapter('loopback', async () => new (await import('./loopback/loopback-adapter.js')).LoopbackAdapter());
