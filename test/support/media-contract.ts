// The MediaAdapter contract, run against every adapter: what the elements rely on, shown with
// real media in Chromium (fake camera and microphone), two participants in one room.
import { expect } from '@open-wc/testing';
import type { JoinOptions, MediaAdapter, MediaSession, RemoteParticipant } from '../../src/core/media/types.js';
import { fakeCamera, fakeScreen, rendersFrames } from './media-fixtures.js';
import { startResourceProbe, type ResourceProbe } from './resource-probe.js';
import { until } from './test-env.js';

export interface ContractTarget {
  name: string;
  adapter(): MediaAdapter;
  /** Join options for a fresh room (creating it on the server when the adapter needs one). */
  room(): Promise<Omit<JoinOptions, 'role' | 'display'>>;
}

function other(session: MediaSession): RemoteParticipant | undefined {
  return session.participants.get()[0];
}

async function seen<T>(
  session: MediaSession,
  what: string,
  pick: (participant: RemoteParticipant) => T | null | undefined | false,
): Promise<T> {
  return until(what, () => {
    const participant = other(session);
    const value = participant ? pick(participant) : undefined;
    return value === null || value === false ? undefined : value;
  });
}

/** The camera is 4:3 and the fake screen 16:9, which tells the two pictures apart. */
function aspect({ width, height }: { width: number; height: number }): string {
  const ratio = width / height;
  return Math.abs(ratio - 4 / 3) < 0.05 ? '4:3' : Math.abs(ratio - 16 / 9) < 0.05 ? '16:9' : `${width}x${height}`;
}

export function mediaContract(target: ContractTarget): void {
  describe(`MediaAdapter contract: ${target.name}`, function () {
    this.timeout(60_000);
    let probe: ResourceProbe | undefined;
    let sessions: MediaSession[] = [];
    let stopScreen: (() => void) | undefined;

    async function pair(): Promise<[MediaSession, MediaSession]> {
      const room = await target.room();
      probe = startResourceProbe();
      const adapter = target.adapter();
      const agent = await adapter.join({ ...room, role: 'host', display: 'Agent Smith' });
      const guest = await adapter.join({ ...room, role: 'guest', display: 'Ada Customer' });
      sessions = [agent, guest];
      return [agent, guest];
    }

    afterEach(async () => {
      stopScreen?.();
      stopScreen = undefined;
      await Promise.all(sessions.map((session) => session.leave()));
      sessions = [];
      probe?.stop();
      probe = undefined;
    });

    it('lets two participants see each other with name and role', async () => {
      const [agent, guest] = await pair();
      const seenByGuest = await seen(guest, 'the guest to see the agent', (p) => p);
      const seenByAgent = await seen(agent, 'the agent to see the guest', (p) => p);
      expect({ display: seenByGuest.display, role: seenByGuest.role }).to.deep.equal({ display: 'Agent Smith', role: 'host' });
      expect({ display: seenByAgent.display, role: seenByAgent.role }).to.deep.equal({ display: 'Ada Customer', role: 'guest' });
      expect(agent.connectionState.get()).to.equal('connected');
    });

    it('carries camera video and microphone audio both ways', async () => {
      const [agent, guest] = await pair();
      await agent.publish(await fakeCamera());
      await guest.publish(await fakeCamera());
      const agentVideo = await seen(guest, 'the agent video at the guest', (p) => p.video);
      const guestVideo = await seen(agent, 'the guest video at the agent', (p) => p.video);
      // The encoder may start below full size while bandwidth ramps up; the picture's shape holds.
      expect(aspect(await rendersFrames(agentVideo, 'agent video'))).to.equal('4:3');
      expect(aspect(await rendersFrames(guestVideo, 'guest video'))).to.equal('4:3');
      const audio = await seen(guest, 'the agent audio at the guest', (p) => p.audio);
      expect(audio.kind).to.equal('audio');
      expect(audio.readyState).to.equal('live');
      // Each reading reports rates since the one before (Chromium caches stats for ~50 ms).
      const stats = await until('stats to show traffic', async () => {
        await new Promise((resolve) => setTimeout(resolve, 200));
        const reading = await agent.getStats();
        return reading.sendBitrate && reading.receiveBitrate ? reading : undefined;
      });
      expect(stats.quality).to.be.oneOf(['good', 'fair', 'poor']);
    });

    it('shows a mute to the other side, and the unmute', async () => {
      const [agent, guest] = await pair();
      await agent.publish(await fakeCamera());
      await seen(guest, 'the agent video', (p) => p.video);
      await agent.setMuted('audio', true);
      await seen(guest, 'the agent to appear muted', (p) => p.audioMuted);
      await agent.setMuted('video', true);
      await seen(guest, 'the agent camera to appear off', (p) => p.videoMuted);
      await agent.setMuted('audio', false);
      await seen(guest, 'the agent to appear unmuted', (p) => !p.audioMuted);
    });

    it('delivers a screen share as a second video, and ends it', async () => {
      const [agent, guest] = await pair();
      await agent.publish(await fakeCamera());
      const screen = fakeScreen();
      stopScreen = screen.stop;
      await agent.startScreenShare(screen.track);
      const shared = await seen(guest, 'the shared screen at the guest', (p) => p.screen);
      expect(aspect(await rendersFrames(shared, 'shared screen'))).to.equal('16:9');
      const camera = other(guest)!.video!;
      expect(camera).not.to.equal(shared);
      await agent.stopScreenShare();
      await seen(guest, 'the screen share to end', (p) => p.screen === null);
    });

    it('frees every track, connection, socket and timer on leave, and the other side drops it', async () => {
      const [agent, guest] = await pair();
      const camera = await fakeCamera();
      await agent.publish(camera);
      await guest.publish(await fakeCamera());
      await seen(guest, 'the agent video', (p) => p.video);
      const left = new Promise<string>((resolve) => guest.on('participant-left', ({ id }) => resolve(id)));
      await agent.leave();
      await guest.leave();
      expect(await left).to.equal(agent.participantId);
      expect(camera.audio.readyState).to.equal('ended');
      expect(camera.video.readyState).to.equal('ended');
      expect(agent.connectionState.get()).to.equal('closed');
      await new Promise((resolve) => setTimeout(resolve, 200));
      const alive = probe!.alive();
      expect(alive.peerConnections, 'open peer connections').to.have.length(0);
      expect(alive.sockets, 'open sockets').to.have.length(0);
      expect(alive.channels, 'open channels').to.have.length(0);
      expect(alive.timers, 'pending timers').to.deep.equal([]);
    });
  });
}
