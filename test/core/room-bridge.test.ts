// The escalation invokes the agent's call: the bridge joins the room the escalation names, tells
// the escalation how the media is, follows a moved room, and leaves when video ends. A reload
// resumes the escalation, and the call with it, though the call is never saved.
import { expect } from '@open-wc/testing';
import { createActor } from 'xstate';
import { selectPhase } from '../../src/core/machine/selectors.js';
import { mediaSessionFor, selectRoomPhase } from '../../src/core/room/index.js';
import { instantService, settle, smsRequest } from '../support/machine-harness.js';
import { startRoom } from '../support/room-harness.js';

function escalationWith(room: ReturnType<typeof startRoom>) {
  return instantService().provide({ actors: { mediaSession: mediaSessionFor(room.actor) } });
}

describe('the escalation invoking the call', () => {
  it('joins the escalation room as the muted host, reports the media, follows a move, and leaves when video ends', async () => {
    const room = startRoom();
    const escalation = createActor(escalationWith(room), { input: { config: { mode: 'voice' } } }).start();
    escalation.send(smsRequest);
    await settle();
    const session = room.adapter.last;
    expect(session.options).to.deep.include({ server: 'ws://127.0.0.1:8188', room: '1234', token: 'host-token', role: 'host' });
    expect(session.calls[0], 'muted before anything is sent (voice mode)').to.equal('mute:audio:true');
    expect(escalation.getSnapshot().context.agentMediaConnected).to.equal(false);
    session.connect('connected');
    expect(escalation.getSnapshot().context.agentMediaConnected).to.equal(true);
    escalation.send({ type: 'ROOM_MOVED', server: 'ws://127.0.0.1:8189' });
    expect(session.calls).to.include('move:ws://127.0.0.1:8189');
    session.connect('reconnecting');
    expect(escalation.getSnapshot().context.agentMediaConnected).to.equal(false);
    session.connect('connected');
    escalation.send({ type: 'HANGUP' });
    await settle();
    expect(selectRoomPhase(room.actor.getSnapshot())).to.equal('left');
    expect(session.calls.filter((call) => call === 'leave')).to.have.length(1);
    expect(room.emittedOf('left')).to.deep.equal([{ type: 'left', reason: 'ended' }]);
  });

  it('falls back to voice (reason media) when the agent’s connection fails, but not when a join is refused', async () => {
    const refused = startRoom();
    refused.adapter.instant = false;
    const first = createActor(escalationWith(refused), { input: {} }).start();
    first.send(smsRequest);
    await settle();
    refused.adapter.refuse(new Error('Janus said 403'));
    await settle();
    expect(selectRoomPhase(refused.actor.getSnapshot()), 'the agent sees why and may retry').to.equal('error');
    expect(selectPhase(first.getSnapshot())).to.equal('linkSent');

    const failing = startRoom();
    const second = createActor(escalationWith(failing), { input: {} }).start();
    second.send(smsRequest);
    await settle();
    failing.adapter.last.connect('connected');
    failing.adapter.last.connect('failed');
    expect(selectPhase(second.getSnapshot())).to.equal('fallbackToVoice');
    expect(second.getSnapshot().context.fallbackReason).to.equal('media');
  });

  it('resumes after a reload: the saved escalation holds no call, and resuming joins the room again', async () => {
    const before = startRoom();
    const escalation = createActor(escalationWith(before), { input: {} }).start();
    escalation.send(smsRequest);
    await settle();
    before.adapter.last.connect('connected');
    const saved = JSON.parse(JSON.stringify(escalation.getPersistedSnapshot())) as object;
    expect(JSON.stringify(saved), 'no call state saved').not.to.match(/micMuted|participants|connectionState/);
    escalation.stop();
    await settle();
    expect(before.adapter.last.calls, 'the page going away leaves the call').to.include('leave');

    const after = startRoom();
    const resumed = createActor(escalationWith(after), { input: {}, snapshot: saved as never }).start();
    resumed.send({ type: 'RESUME' });
    await settle();
    expect(after.adapter.sessions).to.have.length(1);
    expect(after.adapter.last.options).to.deep.include({ room: '1234', role: 'host' });
    after.adapter.last.connect('connected');
    expect(resumed.getSnapshot().context.agentMediaConnected).to.equal(true);
  });
});
