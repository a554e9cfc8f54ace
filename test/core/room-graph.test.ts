// Proves the call statechart's shape: every state can be reached, nothing errors whatever arrives
// in whatever order, and from everywhere reachable the person can still get into a call with
// someone and can still leave: no screen without a way forward.
import { expect } from '@open-wc/testing';
import { getAdjacencyMap, getStateNodes } from '@xstate/graph';
import type { AnyStateMachine, AnyStateNode, EventObject } from 'xstate';
import type { DeviceCheckResult } from '../../src/core/diagnostics/result.js';
import { roomMachine, type RedeemedJoin, type RoomSnapshot } from '../../src/core/room/index.js';
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
    'xstate.done.actor.acquire': [{ output: fakeMedia() }],
    'xstate.done.actor.join': [{ output: fakeSession({ ...target, role: 'host', display: 'Agent' }) }],
    'xstate.done.actor.countCameras': [{ output: 2 }],
    'xstate.done.actor.switchCamera': [{ output: null }],
  };
  if (type.startsWith('xstate.error.actor.')) return [{ type, error: new Error('boom') } as EventObject];
  return (examples[type] ?? [{}]).map((payload) => ({ type, ...payload }) as EventObject);
}

function allNodes(): AnyStateNode[] {
  return [roomMachine.root, ...getStateNodes(roomMachine.root)];
}

function allEvents(): EventObject[] {
  const types = new Set<string>();
  for (const node of allNodes()) for (const type of node.transitions.keys()) types.add(type);
  // A state's own "done" is raised by the machine when its regions finish, never sent from outside.
  return [...types].filter((type) => !type.startsWith('xstate.done.state.')).flatMap(examplesOf);
}

const actorResult = /^xstate\.(done|error)\.actor\.(.+)$/;

/** What can happen next: any event, but results only from actors that are running. */
function eventsFor(snapshot: RoomSnapshot, events: EventObject[]): EventObject[] {
  return events.filter((event) => {
    const match = actorResult.exec(event.type);
    return !match || match[2]! in snapshot.children;
  });
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
    c.devicesUnusable,
    c.connection,
    c.participants.length,
    c.wasInSession,
    c.endedRemotely,
    c.error !== null,
    c.settings.checkDevices,
  ]);
}

interface Node {
  state: RoomSnapshot;
  transitions: Record<string, { event: EventObject; state: RoomSnapshot }>;
}

describe('room machine graph', () => {
  const events = allEvents();
  const adjacency = getAdjacencyMap(roomMachine as unknown as AnyStateMachine, {
    events: (snapshot) => eventsFor(snapshot as RoomSnapshot, events),
    serializeState: (snapshot) => serialize(snapshot as RoomSnapshot),
    input: {},
    limit: 200_000,
  }) as unknown as Record<string, Node>;
  const keys = Object.keys(adjacency);

  it('never errors, whatever arrives in whatever order', () => {
    expect(keys.filter((key) => adjacency[key]!.state.status !== 'active')).to.deep.equal([]);
    expect(keys.length).to.be.greaterThan(100);
  });

  it('reaches every state node of the chart', () => {
    const reached = new Set<string>();
    for (const key of keys) for (const node of adjacency[key]!.state._nodes) reached.add(node.id);
    // A transient node (only eventless transitions) is passed through, never rested in.
    const resting = allNodes().filter((node) => !(node.always?.length && node.transitions.size === 0));
    expect(resting.map((node) => node.id).filter((id) => !reached.has(id))).to.deep.equal([]);
  });

  /** The configurations from which `goal` can be reached by some sequence of events. */
  function canReach(goal: (snapshot: RoomSnapshot) => boolean): Set<string> {
    const predecessors = new Map<string, Set<string>>();
    for (const key of keys) {
      for (const { state } of Object.values(adjacency[key]!.transitions)) {
        const next = serialize(state);
        if (!predecessors.has(next)) predecessors.set(next, new Set());
        predecessors.get(next)!.add(key);
      }
    }
    const reached = new Set(keys.filter((key) => goal(adjacency[key]!.state)));
    const queue = [...reached];
    while (queue.length) {
      for (const before of predecessors.get(queue.shift()!) ?? []) {
        if (!reached.has(before)) {
          reached.add(before);
          queue.push(before);
        }
      }
    }
    return reached;
  }

  it('from everywhere, the person can still get into a call with someone', () => {
    const inCall = canReach((snapshot) => snapshot.matches({ inSession: { live: { call: 'inCall' } } }));
    expect(keys.filter((key) => !inCall.has(key))).to.deep.equal([]);
  });

  it('from everywhere, the person can leave, and leaving lets go of the session and devices', () => {
    const leftClean = canReach(
      (snapshot) => snapshot.matches('left') && snapshot.context.session === null && snapshot.context.media === null,
    );
    expect(keys.filter((key) => !leftClean.has(key))).to.deep.equal([]);
  });
});
