import { expect } from '@open-wc/testing';
import { SimulatedClock } from 'xstate';
import {
  createEscalationActor,
  selectExpertState,
  selectMediaState,
  selectPhase,
  type SnapshotStorage,
} from '../../src/core/machine/index.js';
import { setLogLevel } from '../../src/core/logger.js';
import { scriptedMachine, settle, smsRequest } from '../support/machine-harness.js';

function memoryStorage(): SnapshotStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
    removeItem: (key) => void data.delete(key),
  };
}

const KEY = 'escalation:agent-7:call-42';

/** One page load: a fresh actor over the same storage, as after a reload. */
function load(storage: SnapshotStorage, calls: string[], clock = new SimulatedClock()) {
  const actor = createEscalationActor({
    machine: scriptedMachine({}, calls),
    storage,
    storageKey: KEY,
    clock,
    input: { config: { joinTimeoutMs: 60_000 } },
  });
  actor.start();
  return { actor, clock };
}

describe('escalation persistence', () => {
  before(() => setLogLevel('silent'));
  after(() => setLogLevel('warn'));

  it('resumes a waiting escalation after a reload without creating a second room', async () => {
    const storage = memoryStorage();
    const calls: string[] = [];
    const first = load(storage, calls);
    first.actor.send(smsRequest);
    await settle();
    expect(storage.data.has(KEY)).to.equal(true);
    first.actor.stop();

    const second = load(storage, calls);
    await settle();
    const snapshot = second.actor.getSnapshot();
    expect(selectPhase(snapshot)).to.equal('linkSent');
    expect(snapshot.context.escalation?.id).to.equal('esc-1');
    expect(calls.filter((call) => call.startsWith('create'))).to.have.length(1);
    // The agent's media session comes back with the page.
    expect(calls.filter((call) => call.startsWith('media:join'))).to.have.length(2);
    // And a guest who never comes still ends in a fallback, not an endless wait.
    await second.clock.increment(60_000);
    await settle();
    expect(selectPhase(second.actor.getSnapshot())).to.equal('fallbackToVoice');
  });

  it('resumes a call with the expert still in it', async () => {
    const storage = memoryStorage();
    const calls: string[] = [];
    const first = load(storage, calls);
    first.actor.send(smsRequest);
    await settle();
    first.actor.send({ type: 'GUEST_JOINED' });
    first.actor.send({ type: 'MEDIA_CONNECTED' });
    first.actor.send({ type: 'EXPERT_JOINED' });
    first.actor.stop();
    const second = load(storage, calls);
    const snapshot = second.actor.getSnapshot();
    expect(selectPhase(snapshot)).to.equal('joined');
    expect(selectExpertState(snapshot)).to.equal('joined');
    // The agent's media session started over with the page: it is connecting until it says otherwise.
    expect(selectMediaState(snapshot)).to.equal('connecting');
    second.actor.send({ type: 'MEDIA_CONNECTED' });
    expect(selectMediaState(second.actor.getSnapshot())).to.equal('connected');
    second.actor.send({ type: 'HANGUP' });
    await settle();
    expect(second.actor.getSnapshot().status).to.equal('done');
    expect(storage.data.has(KEY)).to.equal(false);
  });

  it('starts fresh, without throwing, when the saved state is unreadable', () => {
    for (const bad of ['{not json', JSON.stringify({ status: 'active', value: 'nowhere', context: {} }), '"done"']) {
      const storage = memoryStorage();
      storage.setItem(KEY, bad);
      const { actor } = load(storage, []);
      expect(selectPhase(actor.getSnapshot()), bad).to.equal('idle');
    }
  });

  it('keeps escalations of different interactions apart', async () => {
    const storage = memoryStorage();
    const calls: string[] = [];
    const first = load(storage, calls);
    first.actor.send(smsRequest);
    await settle();
    const other = createEscalationActor({
      machine: scriptedMachine({}, calls),
      storage,
      storageKey: 'escalation:agent-7:call-43',
    });
    other.start();
    expect(selectPhase(other.getSnapshot())).to.equal('idle');
  });
});
