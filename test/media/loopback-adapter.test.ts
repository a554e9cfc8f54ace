import { LoopbackAdapter } from '../../src/core/media/loopback/loopback-adapter.js';
import { mediaContract } from '../support/media-contract.js';

mediaContract({
  name: 'loopback',
  adapter: () => new LoopbackAdapter({ heartbeatMs: 250, dropAfterMs: 1000 }),
  room: async () => ({ server: 'loopback', room: `room-${crypto.randomUUID()}`, iceServers: [] }),
});
