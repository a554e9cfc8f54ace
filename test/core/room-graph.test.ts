// Proves the call statechart's shape: every state can be reached, nothing errors whatever arrives
// in whatever order, and from everywhere reachable the person can still get into a call with
// someone and can still leave: no screen without a way forward.
import { expect } from '@open-wc/testing';
import { getAdjacencyMap } from '@xstate/graph';
import type { AnyStateMachine, EventObject } from 'xstate';
import type { DeviceCheckResult } from '../../src/core/diagnostics/result.js';
import { roomMachine, type RedeemedJoin, type RoomSnapshot } from '../../src/core/room/index.js';
import { allEvents, canReach, eventsFor, restingNodes, type GraphNode } from '../support/graph-walk.js';
import { fakeMedia, fakeSession } from '../support/room-harness.js';

const target = { server: 'wss://a.example.test', room: '1234', token: 't' };
const result = (partial: Partial<DeviceCheckResult>): DeviceCheckResult => ({
  video: true,
  audio: true,
  network: 'good',
  reasons: [],
  recommendAudioOnly: false,
  ...partial,
});
const someone = {
  id: 'p1',
  display: 'Dana',
  role: 'guest' as const,
  audio: null,
  video: null,
  screen: null,
  audioMuted: false,
  videoMuted: false,
};
const redeemed: RedeemedJoin = { room: target, role: 'guest', display: 'Dana', networkTestToken: 'n' };

/** Example payloads for events that carry one; every other event is sent bare. */
function examplesOf(type: string): EventObject[] {
  const examples: Record<string, object[]> = {
    JOIN: [{ request: { room: target, role: 'host', startMuted: true } }, { request: { code: 'K7QM3PX' } }, {}],
    CONFIGURE: [
      { settings: { checkDevices: true } },
      { settings: { checkDevices: false } },
      { settings: { adapter: 'loopback' } },
    ],
    DEVICES_CHECKED: [
      { result: result({}), media: fakeMedia() },
      { result: result({ network: 'poor', recommendAudioOnly: true }), media: fakeMedia() },
      { result: result({ video: false, audio: false }), media: fakeMedia({}) },
    ],
    SHARE_SCREEN: [{ track: fakeMedia().video }],
    MOVE: [{ server: 'wss://b.example.test' }],
    LEAVE: [{ reason: 'hangup' }, { reason: 'ended' }],
    'SESSION.CONNECTION': ['connecting', 'connected', 'reconnecting', 'failed', 'closed'].map((state) => ({ state })),
    'SESSION.PARTICIPANTS': [{ participants: [] }, { participants: [someone] }],
    'SESSION.PARTICIPANT_JOINED': [{ participant: someone }],
    'SESSION.PARTICIPANT_LEFT': [{ id: 'p1' }],
    'SESSION.QUALITY': [{ quality: 'good' }],
    'xstate.done.actor.redeem': [{ output: redeemed }],
    // Devices that work, and (checking devices) none that can be used: the check comes on screen.
    'xstate.done.actor.acquire': [{ output: fakeMedia() }, { output: fakeMedia({}) }],
    // The call's first seconds measured: a poor connection (sound only), or nothing to measure by.
    'xstate.done.actor.measureConnection': [
      { output: { rttMs: 90, lossPercent: 15, jitterMs: 10, bitrateKbps: 250 } },
      { output: null },
    ],
    'xstate.done.actor.join': [{ output: fakeSession({ ...target, role: 'host', display: 'Agent' }) }],
    'xstate.done.actor.countCameras': [{ output: 2 }],
    'xstate.done.actor.switchCamera': [{ output: null }],
  };
  if (type.startsWith('xstate.error.actor.')) return [{ type, error: new Error('boom') } as EventObject];
  return (examples[type] ?? [{}]).map((payload) => ({ type, ...payload }) as EventObject);
}

// What tells configurations apart for the person: where the chart is, what is held and known.
// (Mute, camera-off and quality are left out: they change no way forward, and would multiply the graph.)
function serialize(snapshot: RoomSnapshot): string {
  const c = snapshot.context;
  return JSON.stringify([
    snapshot.value,
    c.request ? ('code' in c.request ? 'code' : 'room') : null,
    Boolean(c.room),
    c.role,
    Boolean(c.media),
    Boolean(c.session),
    c.audioOnly,
    c.networkCheck,
    c.devicesUnusable,
    c.connection,
    c.participants.length,
    c.wasInSession,
    c.endedRemotely,
    c.error !== null,
    c.settings.checkDevices,
  ]);
}

describe('room machine graph', () => {
  const events = allEvents(roomMachine as unknown as AnyStateMachine, examplesOf);
  const adjacency = getAdjacencyMap(roomMachine as unknown as AnyStateMachine, {
    events: (snapshot) => eventsFor(snapshot, events),
    serializeState: (snapshot) => serialize(snapshot as RoomSnapshot),
    input: {},
    limit: 200_000,
  }) as unknown as Record<string, GraphNode<RoomSnapshot>>;
  const keys = Object.keys(adjacency);

  it('never errors, whatever arrives in whatever order', () => {
    expect(keys.filter((key) => adjacency[key]!.state.status !== 'active')).to.deep.equal([]);
    expect(keys.length).to.be.greaterThan(100);
  });

  it('reaches every state node of the chart', () => {
    const reached = new Set<string>();
    for (const key of keys) for (const node of adjacency[key]!.state._nodes) reached.add(node.id);
    const resting = restingNodes(roomMachine as unknown as AnyStateMachine);
    expect(resting.map((node) => node.id).filter((id) => !reached.has(id))).to.deep.equal([]);
  });

  const canReachFromAll = (goal: (snapshot: RoomSnapshot) => boolean) => {
    const reaching = canReach(adjacency, serialize, goal);
    return keys.filter((key) => !reaching.has(key));
  };

  it('from everywhere, the person can still get into a call with someone', () => {
    expect(canReachFromAll((snapshot) => snapshot.matches({ inSession: { live: { call: 'inCall' } } }))).to.deep.equal([]);
  });

  it('from everywhere, the person can leave, and leaving lets go of the session and devices', () => {
    const leftClean = (snapshot: RoomSnapshot) =>
      snapshot.matches('left') && snapshot.context.session === null && snapshot.context.media === null;
    expect(canReachFromAll(leftClean)).to.deep.equal([]);
  });
});
