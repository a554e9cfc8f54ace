// The MediaAdapter contract against a real Janus VideoRoom.
import { JanusAdapter } from '../../src/core/media/janus/janus-adapter.js';
import { mediaContract } from '../support/media-contract.js';
import { createJanusRoom, testEnv } from '../support/test-env.js';

mediaContract({
  name: 'janus',
  adapter: () => new JanusAdapter(),
  room: async () => {
    const env = await testEnv();
    return { server: env.janusWsUrl, ...(await createJanusRoom()), iceServers: [] };
  },
});
