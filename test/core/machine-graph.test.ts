// Proves the statechart's shape: every state can be reached, and from everywhere reachable
// there is a way to `closed`, so no agent or customer is ever stuck in a state without an exit.
import { expect } from '@open-wc/testing';
import { getAdjacencyMap } from '@xstate/graph';
import type { AnyStateMachine, EventObject } from 'xstate';
import { escalationMachine, type EscalationSnapshot } from '../../src/core/machine/index.js';
import { allEvents, canReach, eventsFor, restingNodes, type GraphNode } from '../support/graph-walk.js';
import { fakeEscalation, interaction } from '../support/machine-harness.js';

/** Example payloads for events that carry one; every other event is sent bare. */
function examplesOf(type: string): EventObject[] {
  if (type === 'REQUEST') {
    return [
      { type, interaction, delivery: { channel: 'sms', to: '+15551231234' } },
      { type, interaction: { ...interaction, channel: 'chat' }, delivery: { channel: 'chat' } },
    ] as unknown as EventObject[];
  }
  if (type === 'GUEST_PROGRESS') {
    return (['opened', 'checking-devices', 'devices-ready', 'audio-only', 'device-failed'] as const).map(
      (step) => ({ type, step }) as EventObject,
    );
  }
  if (type === 'INVITE_EXPERT') return [{ type, expert: { address: 'sme@example.test' } } as EventObject];
  const still = { id: 'snap-1', ask: 'ask-1', width: 640, height: 480, takenAt: 0 };
  const payloads: Record<string, object> = {
    ASK_GUEST: { ask: { kind: 'snapshot' } },
    ASK_ANSWERED: { answer: { id: 'ask-1', kind: 'snapshot', outcome: 'done' } },
    SNAPSHOT_ARRIVED: { snapshot: still },
    GUEST_CAMERA: { camera: { facings: [], facing: null, torch: null, zoom: null } },
    KEEP_SNAPSHOT: { marks: [], note: '' },
    MEDIA_QUALITY: { quality: 'poor' },
    RECORD: { action: 'start' },
    REQUEST_EXPERT: { request: { skill: 'routers' } },
    EXPERT_REQUEST_CHANGED: { status: { id: 'req-1', skill: 'routers', state: 'no-expert', ringing: null, overflowAt: 0 } },
    EXPERT_WAITING: { lobby: { id: 'expert-1', name: 'Sam Expert', skill: 'routers' } },
    DECLINE_EXPERT: { reason: 'not needed' },
    'xstate.done.actor.requestExpert': {
      output: { id: 'req-1', skill: 'routers', state: 'ringing', ringing: 'Sam Expert', overflowAt: 0 },
    },
    RECORDING_CHANGED: { status: { state: 'on', since: 0 } },
    'xstate.done.actor.setRecording': { output: { state: 'asking', since: 0 } },
    'xstate.done.actor.askGuest': { output: { id: 'ask-1' } },
    'xstate.done.actor.fetchStill': { output: { url: 'blob:still', type: 'image/png' } },
    'xstate.done.actor.keepStill': {
      output: { saved: { note: '', masked: [] }, marks: [], image: new Blob(), marked: new Blob() },
    },
  };
  if (payloads[type]) return [{ type, ...payloads[type] } as EventObject];
  if (type === 'NEW_LINK_REQUESTED')
    return (['guest', 'expert'] as const).map((role) => ({ type, code: 'K7QM3PX', role, reason: '' }) as EventObject);
  if (type === 'xstate.done.actor.createEscalation' || type === 'xstate.done.actor.renewLink')
    return [{ type, output: fakeEscalation() } as EventObject];
  if (type === 'xstate.done.actor.createConsult')
    return [{ type, output: { ...fakeEscalation('esc-consult'), consult: true } } as EventObject];
  if (type === 'xstate.done.actor.inviteExpert')
    return [
      {
        type,
        output: { id: 'expert-1', code: 'EXPERT123', url: 'https://video.example.test/join', expiresAt: 0 },
      } as EventObject,
    ];
  if (type.startsWith('xstate.error.actor.')) return [{ type, error: new Error('boom') } as EventObject];
  return [{ type }];
}

// Timestamps and the retry generation grow forever; leave them out so the graph is finite.
function serialize(snapshot: EscalationSnapshot): string {
  const {
    attempt,
    roomOpen,
    createPending,
    agentMediaConnected,
    delivery,
    phase,
    fallbackReason,
    endReason,
    newLinkRequested,
    consult,
  } = snapshot.context;
  return JSON.stringify([
    consult && [consult.open, consult.outcome, Boolean(consult.escalation)],
    snapshot.status,
    snapshot.value,
    attempt,
    roomOpen,
    createPending,
    agentMediaConnected,
    delivery?.channel,
    phase,
    fallbackReason,
    endReason,
    newLinkRequested,
  ]);
}

/**
 * The camera tools are regions of their own inside `joined` (asking, still): walked with the rest
 * they multiply the graph past any limit, so the main walk leaves their events out and a second
 * walk takes the customer to video and then sends only them (and the ways out).
 */
const toolActors = ['askGuest', 'fetchStill', 'keepStill', 'discardStill', 'setRecording'];
const toolEvents = new Set([
  'ASK_GUEST',
  'ASK_ANSWERED',
  'SNAPSHOT_ARRIVED',
  'GUEST_CAMERA',
  'KEEP_SNAPSHOT',
  'DISCARD_SNAPSHOT',
  'RECORD',
  'RECORDING_CHANGED',
  ...toolActors.flatMap((actor) => [`xstate.done.actor.${actor}`, `xstate.error.actor.${actor}`]),
]);
const toVideo = new Set([
  'REQUEST',
  'xstate.done.actor.createEscalation',
  'xstate.done.actor.deliverLink',
  'MEDIA_CONNECTED',
  'GUEST_JOINED',
  'RESUME',
  'HANGUP',
  'xstate.done.actor.closeEscalation',
]);

/** The pool's and the lobby's events: a third walk, as the expert region is a region of its own too. */
const poolActors = ['requestExpert', 'cancelExpertRequest', 'admitExpert', 'declineExpert'];
const poolEvents = new Set([
  'REQUEST_EXPERT',
  'CANCEL_EXPERT_REQUEST',
  'EXPERT_REQUEST_CHANGED',
  'EXPERT_WAITING',
  'ADMIT_EXPERT',
  'DECLINE_EXPERT',
  ...poolActors.flatMap((actor) => [`xstate.done.actor.${actor}`, `xstate.error.actor.${actor}`]),
]);
const expertEvents = new Set([
  'EXPERT_JOINED',
  'EXPERT_LEFT',
  'REMOVE_EXPERT',
  'xstate.done.actor.removeExpert',
  'xstate.error.actor.removeExpert',
  'xstate.after.expertInviteTimeout.escalation.inRoom.joined.expert.admitting',
  'xstate.after.expertInviteTimeout.escalation.consulting.open.expert.admitting',
]);
/**
 * A consult (after a fallback) holds an expert region of its own: walked with the rest it too
 * multiplies the graph, so the main walk never opens one and a fourth walk goes to a consult
 * and sends the expert's, the pool's and the consult's own events there.
 */
const consultOnly = new Set([
  'CONSULT',
  'END_CONSULT',
  ...['createConsult', 'closeConsult'].flatMap((actor) => [`xstate.done.actor.${actor}`, `xstate.error.actor.${actor}`]),
]);
const toConsult = new Set([
  ...consultOnly,
  'INVITE_EXPERT',
  'CANCEL_INVITE',
  'xstate.done.actor.inviteExpert',
  'xstate.error.actor.inviteExpert',
  'MEDIA_FAILED',
  'ESCALATION_LOST',
  'CLOSE',
  // A consult whose close failed is closed again before a retry of video.
  'RETRY_VIDEO',
  'REQUEST',
  'xstate.done.actor.createEscalation',
  'BACK_TO_VOICE',
  'xstate.done.actor.closeEscalation',
  'CONSULT',
  'xstate.done.actor.createConsult',
  'MEDIA_CONNECTED',
  'END_CONSULT',
  'xstate.done.actor.closeConsult',
  'HANGUP',
  'RESUME',
]);

function walk(use: (event: EventObject) => boolean) {
  const events = allEvents(escalationMachine as unknown as AnyStateMachine, examplesOf).filter(use);
  // @xstate/graph's typings do not carry typed emitted events; the machine is walked as any machine.
  return getAdjacencyMap(escalationMachine as unknown as AnyStateMachine, {
    events: (snapshot) => eventsFor(snapshot, events),
    serializeState: (snapshot) => serialize(snapshot as EscalationSnapshot),
    limit: 100_000,
    // A finished actor takes no more events; do not walk past the end.
    stopWhen: (snapshot) => snapshot.status !== 'active',
  }) as unknown as Record<string, GraphNode<EscalationSnapshot>>;
}

describe('escalation machine graph', () => {
  const adjacency = walk((event) => !toolEvents.has(event.type) && !poolEvents.has(event.type) && !consultOnly.has(event.type));
  const keys = Object.keys(adjacency);
  const tools = walk((event) => toolEvents.has(event.type) || toVideo.has(event.type));
  const toolKeys = Object.keys(tools);
  const pool = walk((event) => poolEvents.has(event.type) || expertEvents.has(event.type) || toVideo.has(event.type));
  const poolKeys = Object.keys(pool);
  const consultPool = walk((event) => poolEvents.has(event.type) || expertEvents.has(event.type) || toConsult.has(event.type));
  const consultKeys = Object.keys(consultPool);

  it('never errors on the pool’s and the lobby’s events in a consult, and always has a way to closed', () => {
    expect(consultKeys.filter((key) => consultPool[key]!.state.status === 'error')).to.deep.equal([]);
    const canClose = canReach(consultPool, serialize, (snapshot) => snapshot.status === 'done');
    expect(consultKeys.filter((key) => !canClose.has(key))).to.deep.equal([]);
    expect(consultKeys.some((key) => consultPool[key]!.state.matches({ consulting: { open: { expert: 'joined' } } }))).to.equal(
      true,
    );
  });

  it('never errors on the pool’s and the lobby’s events, and always has a way to closed', () => {
    expect(poolKeys.filter((key) => pool[key]!.state.status === 'error')).to.deep.equal([]);
    const canClose = canReach(pool, serialize, (snapshot) => snapshot.status === 'done');
    expect(poolKeys.filter((key) => !canClose.has(key))).to.deep.equal([]);
  });

  it('never errors on the camera tools’ events, whatever arrives in whatever order, and always has a way to closed', () => {
    expect(toolKeys.filter((key) => tools[key]!.state.status === 'error')).to.deep.equal([]);
    const canClose = canReach(tools, serialize, (snapshot) => snapshot.status === 'done');
    expect(toolKeys.filter((key) => !canClose.has(key))).to.deep.equal([]);
  });

  it('never errors, whatever arrives in whatever order', () => {
    const errors = keys.filter((key) => adjacency[key]!.state.status === 'error');
    expect(errors).to.deep.equal([]);
  });

  it('reaches every state node of the chart', () => {
    const reached = new Set<string>();
    for (const graph of [adjacency, tools, pool, consultPool]) {
      for (const node of Object.values(graph).flatMap((each) => each.state._nodes)) reached.add(node.id);
    }
    const resting = restingNodes(escalationMachine as unknown as AnyStateMachine);
    const missing = resting.map((node) => node.id).filter((id) => !reached.has(id));
    expect(missing).to.deep.equal([]);
    expect(reached.size).to.be.greaterThan(30);
  });

  // The host's task events end everything from anywhere; the chart must not lean on them, so
  // they are left out here: every configuration has an exit of its own (hang up, cancel, timers).
  const hostEnds = new Set(['TASK_CLOSED', 'WRAPUP', 'TASK_TRANSFERRED']);

  it('has a path to closed from every reachable configuration without the host task events', () => {
    const finals = keys.filter((key) => adjacency[key]!.state.status === 'done');
    expect(finals.length).to.be.greaterThan(0);
    for (const key of finals) {
      expect(adjacency[key]!.state.value).to.equal('closed');
    }
    const canClose = canReach(
      adjacency,
      serialize,
      (snapshot) => snapshot.status === 'done',
      (event) => !hostEnds.has(event.type),
    );
    const stuck = keys.filter((key) => !canClose.has(key));
    expect(stuck).to.deep.equal([]);
    expect(keys.length).to.be.greaterThan(50);
  });
});
