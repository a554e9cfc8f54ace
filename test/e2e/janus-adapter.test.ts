// The MediaAdapter contract against a real Janus VideoRoom, and what only the Janus adapter owes.
import { expect } from '@open-wc/testing';
import { JanusAdapter } from '../../src/core/media/janus/janus-adapter.js';
import { sessionsHeld } from '../../src/core/media/janus/janus-library.js';
import { mediaContract } from '../support/media-contract.js';
import { rateNetwork } from '../../src/core/diagnostics/network-rating.js';
import { createJanusRoom, testEnv, until } from '../support/test-env.js';

mediaContract({
  name: 'janus',
  adapter: () => new JanusAdapter(),
  room: async () => {
    const env = await testEnv();
    return { server: env.janusWsUrl, ...(await createJanusRoom()), iceServers: [] };
  },
});

describe('the Janus adapter, beyond the contract (real Janus)', function () {
  this.timeout(60_000);

  it('leaves nothing of a finished call in janus.js: a desk that makes many calls does not grow', async () => {
    const env = await testEnv();
    const adapter = new JanusAdapter();
    const before = sessionsHeld();
    for (let call = 0; call < 3; call += 1) {
      const { room, token } = await createJanusRoom();
      const sessions = await Promise.all(
        (['host', 'guest'] as const).map((role) =>
          adapter.join({ server: env.janusWsUrl, room, token, role, display: role, iceServers: [] }),
        ),
      );
      expect(sessionsHeld()).to.equal(before + 2);
      await Promise.all(sessions.map((session) => session.leave()));
    }
    expect(sessionsHeld(), 'sessions janus.js still holds').to.equal(before);
  });

  it("measures the call's own connection (a clean path rates good), and takes only the others' sound when asked", async () => {
    const env = await testEnv();
    const adapter = new JanusAdapter();
    const { room, token } = await createJanusRoom();
    const cameras = await Promise.all([0, 1].map(() => navigator.mediaDevices.getUserMedia({ audio: true, video: true })));
    const [host, guest] = await Promise.all(
      (['host', 'guest'] as const).map((role) =>
        adapter.join({ server: env.janusWsUrl, room, token, role, display: role, iceServers: [] }),
      ),
    );
    try {
      await Promise.all(
        [host!, guest!].map((session, index) =>
          session.publish({ audio: cameras[index]!.getAudioTracks()[0]!, video: cameras[index]!.getVideoTracks()[0]! }),
        ),
      );
      const other = () => guest!.participants.get()[0];
      await until('the guest to receive the host’s video', () => other()?.video ?? undefined, 20_000);
      const measured = await guest!.measureConnection(1500);
      expect(measured, 'receiver reports and a bandwidth estimate to go by').to.not.equal(null);
      expect(rateNetwork(measured!), JSON.stringify(measured)).to.equal('good');
      await guest!.setReceiveVideo(false);
      await until(
        'the host’s video gone, the sound kept',
        () => (other() && !other()!.video && other()!.audio ? true : undefined),
        10_000,
      );
      await guest!.setReceiveVideo(true);
      await until('the host’s video back', () => other()?.video ?? undefined, 10_000);
    } finally {
      await Promise.all([host!.leave(), guest!.leave()]);
      cameras.flatMap((stream) => stream.getTracks()).forEach((track) => track.stop());
    }
  });
});
