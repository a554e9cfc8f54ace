// Adapters by name, loaded only when used: a page that never joins Janus never downloads janus.js.
import type { MediaAdapter } from './types.js';

export type AdapterName = 'janus' | 'loopback';

export async function loadAdapter(name: AdapterName): Promise<MediaAdapter> {
  switch (name) {
    case 'janus': {
      const { JanusAdapter } = await import('./janus/janus-adapter.js');
      return new JanusAdapter();
    }
    case 'loopback': {
      const { LoopbackAdapter } = await import('./loopback/loopback-adapter.js');
      return new LoopbackAdapter();
    }
    default:
      throw new TypeError(`Unknown media adapter "${String(name)}"; expected "janus" or "loopback"`);
  }
}
