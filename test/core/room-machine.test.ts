// The call's statechart on its own: a fake adapter and fake devices, no browser media, no DOM.
import { expect } from '@open-wc/testing';
import { selectRoomPhase, type RedeemedJoin } from '../../src/core/room/index.js';
import type { DeviceCheckResult } from '../../src/core/diagnostics/result.js';
import { settle } from '../support/machine-harness.js';
import { fakeMedia, startRoom, stopped } from '../support/room-harness.js';

const hostRequest = {
  room: { server: 'wss://media.example.test', room: '1234', token: 'host-token' },
  role: 'host' as const,
  startMuted: true,
};

const checked = (result: Partial<DeviceCheckResult>): DeviceCheckResult => ({
  video: true,
  audio: true,
  network: 'good',
  reasons: [],
  recommendAudioOnly: false,
  ...result,
});

const redeemed: RedeemedJoin = {
  room: { server: 'wss://media.example.test', room: '1234', token: 'guest-token', participantId: 'g1', agentId: 'a1' },
  role: 'guest',
  display: 'Dana',
  networkTestToken: 'net-token',
};

describe('room machine: joining', () => {
  it('joins as the host, muted before anything is sent, and waits until the connection is up', async () => {
    const room = startRoom();
    room.send({ type: 'JOIN', request: hostRequest });
    expect(selectRoomPhase(room.actor.getSnapshot())).to.equal('connecting');
    await settle();
    const session = room.adapter.last;
    expect(session.options).to.deep.include({
      server: 'wss://media.example.test',
      room: '1234',
      token: 'host-token',
      role: 'host',
    });
    expect(session.options.display, 'the role name when no name is set').to.equal('Agent');
    expect(session.calls).to.deep.equal(['mute:audio:true', 'publish:audio+video']);
    expect(selectRoomPhase(room.actor.getSnapshot()), 'not connected yet').to.equal('connecting');
    session.connect('connected');
    expect(selectRoomPhase(room.actor.getSnapshot())).to.equal('waiting');
    session.arrive({ id: 'g1', display: 'Dana' });
    expect(selectRoomPhase(room.actor.getSnapshot())).to.equal('in-call');
    expect(room.emittedOf('participantJoined')).to.deep.equal([
      { type: 'participantJoined', id: 'g1', display: 'Dana', role: 'guest' },
    ]);
    session.depart('g1');
    expect(selectRoomPhase(room.actor.getSnapshot())).to.equal('waiting');
    expect(room.emittedOf('joined')).to.deep.equal([{ type: 'joined', participantId: 'me', room: '1234' }]);
    expect(room.emittedOf('mediaChange')[0]).to.deep.include({ microphone: 'muted', camera: 'on' });
    expect(room.progress()).to.deep.equal(['checking-devices', 'joined']);
  });

  it('lets go of a join that answers after the person left, and of the devices it opened', async () => {
    const room = startRoom();
    room.adapter.instant = false;
    room.send({ type: 'JOIN', request: hostRequest });
    await settle();
    room.send({ type: 'LEAVE', reason: 'hangup' });
    expect(selectRoomPhase(room.actor.getSnapshot())).to.equal('left');
    const late = room.adapter.answer();
    await settle();
    expect(late.calls, 'the late session is left').to.deep.equal(['leave']);
    expect(stopped(room.acquired[0]!.audio) && stopped(room.acquired[0]!.video), 'devices stopped').to.equal(true);
    expect(room.emittedOf('left'), 'never in, so never announced as left').to.deep.equal([]);
  });

  it('says what stopped a join, and joins with the same request when asked again', async () => {
    const room = startRoom();
    room.adapter.instant = false;
    room.send({ type: 'JOIN', request: hostRequest });
    await settle();
    const refusal = new Error('Janus said 403');
    room.adapter.refuse(refusal);
    await settle();
    expect(selectRoomPhase(room.actor.getSnapshot())).to.equal('error');
    expect(room.emittedOf('error')).to.deep.equal([{ type: 'error', during: 'join', error: refusal }]);
    expect(stopped(room.acquired[0]!.audio), 'the devices of the failed attempt are let go').to.equal(true);
    room.adapter.instant = true;
    room.send({ type: 'JOIN' });
    await settle();
    room.adapter.last.connect('connected');
    expect(selectRoomPhase(room.actor.getSnapshot())).to.equal('waiting');
    expect(room.adapter.last.options.room).to.equal('1234');
  });

  it('joins through a new adapter when the element configures one mid-join', async () => {
    const room = startRoom();
    room.adapter.instant = false;
    room.send({ type: 'JOIN', request: hostRequest });
    await settle();
    const other = startRoom().adapter;
    room.send({ type: 'CONFIGURE', settings: { adapter: other } });
    await settle();
    room.adapter.answer();
    await settle();
    expect(room.adapter.sessions[0]!.calls).to.deep.equal(['leave']);
    expect(other.sessions).to.have.length(1);
    expect(other.last.calls).to.deep.equal(['mute:audio:true', 'publish:audio+video']);
    expect(room.acquired, 'the devices are asked for once').to.have.length(1);
  });
});

describe('room machine: a guest with a code', () => {
  it('redeems the code and joins at once while devices are checked; a connection measured poor goes to sound only', async () => {
    const codes: string[] = [];
    const room = startRoom({
      settings: { checkDevices: true },
      redeem: async (code) => {
        codes.push(code);
        return redeemed;
      },
    });
    room.adapter.instant = false;
    room.send({ type: 'JOIN', request: { code: 'K7QM3PX' } });
    await settle();
    expect(codes).to.deep.equal(['K7QM3PX']);
    expect(selectRoomPhase(room.actor.getSnapshot()), 'no check to wait for').to.equal('connecting');
    expect(room.acquired, 'the devices are asked for once').to.have.length(1);
    const session = room.adapter.answer();
    // Its first seconds find what the pre-call test would rate poor: 15 % lost, 250 kbps.
    session.measured({ rttMs: 90, lossPercent: 15, jitterMs: 10, bitrateKbps: 250 });
    await settle();
    expect(session.options).to.deep.include({ role: 'guest', display: 'Dana', participantId: 'g1', agentId: 'a1' });
    expect(session.calls).to.deep.equal(['publish:audio+video', 'unpublish:video', 'receive-video:false']);
    expect(stopped(room.acquired[0]!.video), 'the camera is let go').to.equal(true);
    expect(room.context()).to.deep.include({ audioOnly: true, networkCheck: 'done' });
    expect(room.progress()).to.deep.equal(['opened', 'checking-devices', 'devices-ready', 'joined', 'audio-only']);
  });

  it('measures again when a window had no receiver report in it yet, and then goes to sound only', async () => {
    const room = startRoom({ settings: { checkDevices: true }, redeem: async () => redeemed });
    room.adapter.instant = false;
    room.send({ type: 'JOIN', request: { code: 'K7QM3PX' } });
    await settle();
    const session = room.adapter.answer();
    // The first two windows of a lossy path: no report back yet; the third has one.
    session.measured(null, null, { rttMs: 90, lossPercent: 15, jitterMs: 10, bitrateKbps: 250 });
    await settle();
    expect(session.calls).to.deep.equal(['publish:audio+video', 'unpublish:video', 'receive-video:false']);
    expect(room.context()).to.deep.include({ audioOnly: true, networkCheck: 'done' });
  });

  it('keeps the camera on a connection measured good, or with nothing to measure it by', async () => {
    for (const measurement of [{ rttMs: 20, lossPercent: 0, jitterMs: 2, bitrateKbps: 1800 }, null]) {
      const room = startRoom({ settings: { checkDevices: true }, redeem: async () => redeemed });
      room.adapter.instant = false;
      room.send({ type: 'JOIN', request: { code: 'K7QM3PX' } });
      await settle();
      const session = room.adapter.answer();
      session.measured(measurement);
      await settle();
      expect(session.calls).to.deep.equal(['publish:audio+video']);
      expect(room.context()).to.deep.include({ audioOnly: false, networkCheck: 'done' });
      expect(room.progress()).to.deep.equal(['opened', 'checking-devices', 'devices-ready', 'joined']);
    }
  });

  it('shows the device check when neither camera nor microphone can be used, reports it once, and joins with its tracks', async () => {
    const room = startRoom({ settings: { checkDevices: true }, redeem: async () => redeemed, media: () => fakeMedia({}) });
    room.send({ type: 'JOIN', request: { code: 'K7QM3PX' } });
    await settle();
    expect(selectRoomPhase(room.actor.getSnapshot())).to.equal('checking');
    expect(
      room.adapter.sessions.every((session) => session.calls.includes('leave')),
      'no session kept',
    ).to.equal(true);
    expect(room.context().networkTestToken).to.equal('net-token');
    room.send({ type: 'DEVICES_CHECKED', result: checked({ video: false, audio: false }), media: fakeMedia({}) });
    room.send({ type: 'DEVICES_CHECKED', result: checked({ video: false, audio: false }), media: fakeMedia({}) });
    expect(room.context().devicesUnusable).to.equal(true);
    // Fixed (the page now allows them), and the check's own network test found it poor.
    const poor = fakeMedia();
    room.send({ type: 'DEVICES_CHECKED', result: checked({ network: 'poor', recommendAudioOnly: true }), media: poor });
    await settle();
    expect(stopped(poor.video), 'the camera is let go').to.equal(true);
    expect(room.acquired, 'the checked devices are used, not asked for again').to.have.length(1);
    const session = room.adapter.last;
    expect(session.options).to.deep.include({ receiveVideo: false });
    expect(session.calls, 'measured by the check already').to.deep.equal(['publish:audio']);
    expect(room.progress()).to.deep.equal(['opened', 'checking-devices', 'device-failed', 'audio-only', 'joined']);
  });

  it('shows what the service said when the code is refused, and redeems again on a retry', async () => {
    let refuse = true;
    const room = startRoom({
      redeem: async () => {
        if (refuse) throw new Error('This link has expired');
        return redeemed;
      },
    });
    room.send({ type: 'JOIN', request: { code: 'EXPIRED' } });
    await settle();
    expect(selectRoomPhase(room.actor.getSnapshot())).to.equal('error');
    expect(String(room.emittedOf('error')[0]!.error)).to.contain('expired');
    refuse = false;
    room.send({ type: 'JOIN' });
    await settle();
    expect(room.adapter.last.options.token).to.equal('guest-token');
  });
});

describe('room machine: in the call', () => {
  async function inCall() {
    const room = startRoom();
    room.send({ type: 'JOIN', request: { ...hostRequest, startMuted: false } });
    await settle();
    room.adapter.last.connect('connected');
    return room;
  }

  it('mutes and unmutes, turns the camera off, and says so', async () => {
    const room = await inCall();
    room.send({ type: 'TOGGLE_MIC' });
    room.send({ type: 'TOGGLE_CAMERA' });
    room.send({ type: 'TOGGLE_MIC' });
    await settle();
    expect(room.adapter.last.calls.slice(1)).to.deep.equal(['mute:audio:true', 'mute:video:true', 'mute:audio:false']);
    expect(room.emittedOf('mediaChange').at(-1)).to.deep.include({ microphone: 'on', camera: 'off', connection: 'connected' });
  });

  it('follows the room to another media server while reconnecting, and is back when connected', async () => {
    const room = await inCall();
    const session = room.adapter.last;
    session.connect('reconnecting');
    expect(selectRoomPhase(room.actor.getSnapshot())).to.equal('reconnecting');
    room.send({ type: 'MOVE', server: 'wss://other.example.test' });
    room.send({ type: 'MOVE', server: 'wss://other.example.test' });
    expect(session.calls.filter((call) => call.startsWith('move'))).to.deep.equal(['move:wss://other.example.test']);
    session.connect('connected');
    expect(selectRoomPhase(room.actor.getSnapshot())).to.equal('waiting');
  });

  it('ends when the other side ended the call: no "left" report, the devices freed', async () => {
    const room = await inCall();
    const media = room.acquired[0]!;
    room.adapter.last.connect('closed');
    expect(selectRoomPhase(room.actor.getSnapshot())).to.equal('left');
    expect(room.context().endedRemotely).to.equal(true);
    expect(room.emittedOf('endedRemotely')).to.have.length(1);
    expect(room.emittedOf('left')).to.deep.equal([{ type: 'left', reason: 'ended' }]);
    expect(room.progress()).not.to.include('left');
    expect(stopped(media.audio) && stopped(media.video)).to.equal(true);
  });

  it('a failed connection leaves the room as failed and can be joined again', async () => {
    const room = await inCall();
    room.adapter.last.connect('failed');
    expect(selectRoomPhase(room.actor.getSnapshot())).to.equal('error');
    expect(room.emittedOf('left')).to.deep.equal([{ type: 'left', reason: 'failed' }]);
    expect(room.emittedOf('error'), 'not a join error').to.deep.equal([]);
    room.send({ type: 'JOIN' });
    await settle();
    expect(room.adapter.sessions).to.have.length(2);
  });

  it('hanging up leaves the session once and reports it', async () => {
    const room = await inCall();
    room.send({ type: 'LEAVE', reason: 'hangup' });
    room.send({ type: 'LEAVE', reason: 'hangup' });
    await settle();
    expect(room.adapter.last.calls.filter((call) => call === 'leave')).to.have.length(1);
    expect(room.emittedOf('left')).to.deep.equal([{ type: 'left', reason: 'hangup' }]);
    expect(room.progress().at(-1)).to.equal('left');
  });

  it('a screen share that fails to start says so and stops the picked track', async () => {
    const room = await inCall();
    room.adapter.last.startScreenShare = async () => {
      throw new Error('no screen');
    };
    const track = fakeMedia().video!;
    room.send({ type: 'SHARE_SCREEN', track });
    await settle();
    expect(room.context().sharing).to.equal(false);
    expect(stopped(track)).to.equal(true);
    expect(room.emittedOf('error')[0]).to.deep.include({ during: 'screen-share' });
  });
});
