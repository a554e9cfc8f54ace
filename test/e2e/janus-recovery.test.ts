// The Janus adapter when the server dies mid-call: both sides show reconnecting, get back into
// the room on their own, and video flows again; a participant whose page is gone is dropped.
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { JanusAdapter } from '../../src/core/media/janus/janus-adapter.js';
import type { ConnectionState, MediaSession } from '../../src/core/media/types.js';
import { fakeCamera, rendersFrames } from '../support/media-fixtures.js';
import { createJanusRoom, testEnv, until } from '../support/test-env.js';

/** An agent and a guest on Janus, both sending their fake cameras. */
async function twoPartyCall(): Promise<{ agent: MediaSession; guest: MediaSession }> {
  const env = await testEnv();
  const { room, token } = await createJanusRoom();
  const adapter = new JanusAdapter();
  const agent = await adapter.join({ server: env.janusWsUrl, room, token, role: 'host', display: 'Agent', iceServers: [] });
  const guest = await adapter.join({ server: env.janusWsUrl, room, token, role: 'guest', display: 'Guest', iceServers: [] });
  await agent.publish(await fakeCamera());
  await guest.publish(await fakeCamera());
  return { agent, guest };
}

const remoteVideo = (session: MediaSession) => () => session.participants.get()[0]?.video ?? undefined;

describe('Janus adapter recovery', function () {
  this.timeout(90_000);
  let sessions: MediaSession[] = [];

  afterEach(async () => {
    await Promise.all(sessions.map((session) => session.leave()));
    sessions = [];
  });

  it('reconnects both sides after Janus is killed and restarted, and video flows again', async () => {
    // The rooms are permanent: the room still exists when Janus comes back.
    const { agent, guest } = await twoPartyCall();
    sessions = [agent, guest];
    await rendersFrames(await until('guest video at the agent', remoteVideo(agent)), 'guest video before');
    const states: ConnectionState[] = [];
    agent.connectionState.subscribe((state) => states.push(state));
    await executeServerCommand('janus-restart', { downMs: 500 });
    await until(
      'the agent to reconnect',
      () => (agent.connectionState.get() === 'connected' && states.includes('reconnecting') ? true : undefined),
      30_000,
    );
    await until('the guest to reconnect', () => (guest.connectionState.get() === 'connected' ? true : undefined), 30_000);
    expect(states[0]).to.equal('reconnecting');
    const guestVideo = await until('guest video at the agent again', remoteVideo(agent), 30_000);
    expect(guestVideo.readyState).to.equal('live');
    await rendersFrames(guestVideo, 'guest video after the restart');
    await rendersFrames(
      await until('agent video at the guest again', remoteVideo(guest), 30_000),
      'agent video after the restart',
    );
  });

  it('drops a participant whose page went away without saying goodbye', async () => {
    const env = await testEnv();
    const { room, token } = await createJanusRoom();
    const adapter = new JanusAdapter();
    const agent = await adapter.join({ server: env.janusWsUrl, room, token, role: 'host', display: 'Agent', iceServers: [] });
    sessions = [agent];
    // The guest lives in its own page (an iframe), which is then removed, as a closed tab would be.
    const frame = document.createElement('iframe');
    frame.src = `/test/support/guest-page.html?${new URLSearchParams({ server: env.janusWsUrl, room, token })}`;
    document.body.append(frame);
    const guest = await until('the guest to join', () => agent.participants.get()[0], 20_000);
    expect(guest.display).to.equal('Framed guest');
    const started = performance.now();
    frame.remove();
    await until('the guest to be dropped', () => (agent.participants.get().length === 0 ? true : undefined), 20_000);
    expect(performance.now() - started).to.be.below(10_000);
  });
});

describe('Janus adapter across a network blip', function () {
  this.timeout(90_000);
  let sessions: MediaSession[] = [];
  afterEach(async () => {
    await executeServerCommand('media-blocked', { blocked: false }).catch(() => undefined);
    await Promise.all(sessions.map((session) => session.leave()));
    sessions = [];
  });

  it('shows reconnecting while media is cut, and comes back in the same call without dropping anyone', async () => {
    const { agent, guest } = await twoPartyCall();
    sessions = [agent, guest];
    await rendersFrames(
      await until('guest video at the agent', () => agent.participants.get()[0]?.video ?? undefined),
      'guest video before the blip',
    );
    const agentId = agent.participantId;
    const dropped: string[] = [];
    guest.on('participant-left', ({ id }) => dropped.push(id));

    await executeServerCommand('media-blocked', { blocked: true });
    await until(
      'the agent to show reconnecting',
      () => (agent.connectionState.get() === 'reconnecting' ? true : undefined),
      30_000,
    );
    // Long enough for the ICE restart to have been tried while the network is still down.
    await new Promise((resolve) => setTimeout(resolve, 5000));
    await executeServerCommand('media-blocked', { blocked: false });

    await until(
      'the agent to be connected again',
      () => (agent.connectionState.get() === 'connected' ? true : undefined),
      40_000,
    );
    await rendersFrames(
      await until('guest video at the agent again', () => agent.participants.get()[0]?.video ?? undefined, 20_000),
      'guest video after the blip',
    );
    await rendersFrames(
      await until('agent video at the guest again', () => guest.participants.get()[0]?.video ?? undefined, 20_000),
      'agent video after the blip',
    );
    expect(agent.participantId).to.equal(agentId);
    expect(dropped).to.deep.equal([]);
  });
});
