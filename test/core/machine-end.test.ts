import { expect } from '@open-wc/testing';
import { CLOSE_TIMEOUT_MS, selectPhase } from '../../src/core/machine/index.js';
import type { EscalationEvent } from '../../src/core/machine/index.js';
import { settle, startHarness, toJoined, toLinkSent, type Harness } from '../support/machine-harness.js';

async function toFallback(h: Harness): Promise<void> {
  await toJoined(h);
  h.send({ type: 'MEDIA_FAILED', error: 'gone' });
  await settle();
}

describe('escalation machine: ending', () => {
  it('hangs up into closed with one summary a CRM can store: who was there when, the stills kept, the connection, why it ended', async () => {
    const h = startHarness();
    const at = (ms: number) => new Date(ms).toISOString();
    h.send({
      type: 'REQUEST',
      interaction: { id: 'call-9', channel: 'voice', customerName: 'Ada Customer' },
      delivery: { channel: 'host' },
    });
    await settle();
    await h.advance(30_000);
    h.send({ type: 'MEDIA_CONNECTED' });
    h.send({ type: 'GUEST_JOINED' });
    h.send({ type: 'MEDIA_QUALITY', quality: 'good' });
    await h.advance(10_000);
    h.send({ type: 'INVITE_EXPERT', expert: { address: '+15550001111', name: 'Sam Expert' } });
    h.send({ type: 'EXPERT_JOINED' });
    h.send({ type: 'MEDIA_QUALITY', quality: 'poor' });
    await h.advance(20_000);
    h.send({ type: 'EXPERT_LEFT' });
    h.send({ type: 'MEDIA_QUALITY', quality: 'unknown' });
    await h.advance(5_000);
    h.send({ type: 'MEDIA_QUALITY', quality: 'good' });
    await h.advance(85_000);
    h.send({ type: 'HANGUP' });
    await settle();
    expect(h.actor.getSnapshot().status).to.equal('done');
    expect(h.calls.slice(-3)).to.deep.equal(['media:leave', 'progress:stop', 'close:esc-1:hangup']);
    const [closed] = h.emittedOf('closed');
    expect(closed!.summary).to.deep.equal({
      version: 1,
      interactionId: 'call-9',
      escalationId: 'esc-1',
      reason: 'hangup',
      fallbackReason: null,
      joined: { guest: true, expert: true },
      durations: { total: 150_000, untilGuestJoined: 30_000, onVideo: 120_000 },
      startedAt: at(0),
      endedAt: at(150_000),
      participants: [
        { role: 'agent', name: null, joinedAt: at(0), leftAt: at(150_000) },
        { role: 'customer', name: 'Ada Customer', joinedAt: at(30_000), leftAt: at(150_000) },
        { role: 'expert', name: 'Sam Expert', joinedAt: at(40_000), leftAt: at(60_000) },
      ],
      snapshots: [],
      recording: { asked: false, consent: null, recordedMs: 0 },
      consults: [],
      // Good 10 s, poor 20 s, nothing measured 5 s, good again 85 s.
      network: { good: 95_000, fair: 0, poor: 20_000, customerSoundOnly: false },
    });
    expect(h.actor.getSnapshot().output).to.deep.equal(closed!.summary);
    // Stored as it is: it survives JSON unchanged.
    expect(JSON.parse(JSON.stringify(closed!.summary))).to.deep.equal(closed!.summary);
    expect(h.phases().at(-1)).to.equal('closed');
  });

  it('says in the summary that recording ran with the customer’s consent, and for how long; or that they declined', async () => {
    for (const answer of ['on', 'declined'] as const) {
      const h = startHarness();
      h.send({ type: 'REQUEST', interaction: { id: 'call-10', channel: 'voice' }, delivery: { channel: 'host' } });
      await settle();
      h.send({ type: 'GUEST_JOINED' });
      await settle();
      h.send({ type: 'RECORDING_CHANGED', status: { state: 'asking', since: 0 } });
      await h.advance(5_000);
      h.send({ type: 'RECORDING_CHANGED', status: { state: answer, since: 5_000 } });
      await h.advance(30_000);
      if (answer === 'on') h.send({ type: 'RECORDING_CHANGED', status: { state: 'stopped', since: 35_000 } });
      await h.advance(10_000);
      h.send({ type: 'HANGUP' });
      await settle();
      expect(h.emittedOf('closed')[0]!.summary.recording, answer).to.deep.equal(
        answer === 'on'
          ? { asked: true, consent: 'given', recordedMs: 30_000 }
          : { asked: true, consent: 'declined', recordedMs: 0 },
      );
    }
  });

  it('cancelling while the room is being created closes whatever the create call made', async () => {
    const h = startHarness({ create: ['hang'] });
    h.send({ type: 'REQUEST', interaction: { id: 'c', channel: 'chat' }, delivery: { channel: 'chat' } });
    await settle();
    h.send({ type: 'CANCEL' });
    await settle();
    expect(h.actor.getSnapshot().status).to.equal('done');
    expect(h.calls.filter((call) => call.startsWith('close'))).to.deep.equal(['close:pending:cancelled']);
    // The service finds the room, if any, by the create call's own key.
    expect(h.keys.close).to.deep.equal([h.keys.create[0]]);
  });

  it('gives every new request its own key, so a later escalation never replays an old one', async () => {
    const first = startHarness();
    await toLinkSent(first);
    first.send({ type: 'HANGUP' });
    await settle();
    const second = startHarness();
    await toLinkSent(second);
    expect(first.keys.create[0]).to.be.a('string');
    expect(second.keys.create[0]).not.to.equal(first.keys.create[0]);
  });

  it('takes HANGUP and CLOSE as "end it" wherever video can be ended', async () => {
    const requested = startHarness({ create: ['hang'] });
    requested.send({ type: 'REQUEST', interaction: { id: 'c', channel: 'chat' }, delivery: { channel: 'chat' } });
    requested.send({ type: 'HANGUP' });
    await settle();
    expect(requested.emittedOf('closed')[0]!.summary.reason).to.equal('hangup');
    const waiting = startHarness();
    await toLinkSent(waiting);
    waiting.send({ type: 'CLOSE' });
    await settle();
    expect(waiting.emittedOf('closed')[0]!.summary.reason).to.equal('closed');
    const fallback = startHarness();
    await toFallback(fallback);
    fallback.send({ type: 'HANGUP' });
    await settle();
    expect(fallback.emittedOf('closed')[0]!.summary.reason).to.equal('hangup');
  });

  it('cancels while waiting for the guest', async () => {
    const h = startHarness();
    await toLinkSent(h);
    h.send({ type: 'CANCEL' });
    await settle();
    expect(h.emittedOf('closed')[0]!.summary).to.deep.include({ reason: 'cancelled', joined: { guest: false, expert: false } });
    expect(h.calls).to.include('close:esc-1:cancelled');
  });

  for (const [type, reason] of [
    ['TASK_CLOSED', 'task-closed'],
    ['WRAPUP', 'wrapup'],
    ['TASK_TRANSFERRED', 'transferred'],
  ] as const) {
    it(`${type} from every state ends the escalation (${reason})`, async () => {
      const routes: Record<string, (h: Harness) => Promise<void>> = {
        idle: async () => undefined,
        requested: async (h) => {
          h.send({ type: 'REQUEST', interaction: { id: 'c', channel: 'chat' }, delivery: { channel: 'chat' } });
        },
        linkSent: toLinkSent,
        joined: toJoined,
        fallbackToVoice: toFallback,
      };
      for (const [from, route] of Object.entries(routes)) {
        const h = startHarness({ create: from === 'requested' ? ['hang'] : ['ok'] });
        await route(h);
        expect(selectPhase(h.actor.getSnapshot()), from).to.equal(from);
        h.send({ type } as EscalationEvent);
        await settle();
        expect(h.actor.getSnapshot().status, from).to.equal('done');
        expect(h.emittedOf('closed')[0]!.summary.reason, from).to.equal(reason);
      }
    });
  }

  it('wrap-up during a live call hangs up before the room is destroyed', async () => {
    const h = startHarness();
    await toJoined(h);
    h.send({ type: 'MEDIA_CONNECTED' });
    h.send({ type: 'WRAPUP' });
    await settle();
    const leave = h.calls.indexOf('media:leave');
    const destroy = h.calls.indexOf('close:esc-1:wrapup');
    expect(leave).to.be.greaterThan(-1);
    expect(destroy).to.be.greaterThan(leave);
  });

  it('ends anyway when the service does not answer the close', async () => {
    const h = startHarness({ close: ['hang'] });
    await toJoined(h);
    h.send({ type: 'HANGUP' });
    await settle();
    expect(selectPhase(h.actor.getSnapshot())).to.equal('closing');
    h.send({ type: 'WRAPUP' });
    await h.advance(CLOSE_TIMEOUT_MS);
    expect(h.actor.getSnapshot().status).to.equal('done');
    expect(h.actor.getSnapshot().context.lastError).to.equal('closing the room timed out');
    // The second task event did not start a second close.
    expect(h.calls.filter((call) => call.startsWith('close'))).to.have.length(1);
    expect(h.emittedOf('closed')[0]!.summary.reason).to.equal('hangup');
  });

  it('ends when the close fails, keeping the error for the host', async () => {
    const h = startHarness({ close: ['fail'] });
    await toLinkSent(h);
    h.send({ type: 'HANGUP' });
    await settle();
    expect(h.actor.getSnapshot().status).to.equal('done');
    expect(h.actor.getSnapshot().context.lastError).to.equal('close failed');
  });
});

describe('escalation machine: back to voice', () => {
  it('tears the room down once and closes without a second teardown', async () => {
    const h = startHarness();
    await toFallback(h);
    expect(h.calls.filter((call) => call.startsWith('close'))).to.deep.equal(['close:esc-1:media']);
    h.send({ type: 'CLOSE' });
    await settle();
    expect(h.actor.getSnapshot().status).to.equal('done');
    expect(h.calls.filter((call) => call.startsWith('close'))).to.deep.equal(['close:esc-1:media']);
    expect(h.emittedOf('closed')[0]!.summary).to.deep.include({ reason: 'closed', fallbackReason: 'media' });
  });

  it('retries the teardown on close when the first one failed', async () => {
    const h = startHarness({ close: ['fail', 'ok'] });
    await toFallback(h);
    h.send({ type: 'CLOSE' });
    await settle();
    expect(h.calls.filter((call) => call.startsWith('close'))).to.deep.equal(['close:esc-1:media', 'close:esc-1:closed']);
  });

  it('destroys the old room before making a new one, even when the first teardown failed', async () => {
    const h = startHarness({ close: ['fail', 'ok'] });
    await toFallback(h);
    h.send({ type: 'RETRY_VIDEO' });
    await settle();
    const order = h.calls.filter((call) => call.startsWith('close') || call.startsWith('create'));
    expect(order).to.deep.equal(['create:call-42:0', 'close:esc-1:media', 'close:esc-1:media', 'create:call-42:1']);
    expect(selectPhase(h.actor.getSnapshot())).to.equal('linkSent');
  });

  it('retrying while the teardown is still out destroys the old room all the same', async () => {
    const h = startHarness({ close: ['hang', 'ok'] });
    await toFallback(h);
    h.send({ type: 'RETRY_VIDEO' });
    await settle();
    expect(h.calls.filter((call) => call.startsWith('close'))).to.deep.equal(['close:esc-1:media', 'close:esc-1:media']);
    expect(h.actor.getSnapshot().context.escalation?.id).to.equal('esc-2');
  });

  it('retries video with a new escalation of the same interaction', async () => {
    const h = startHarness();
    await toFallback(h);
    h.send({ type: 'RETRY_VIDEO' });
    await settle();
    const snapshot = h.actor.getSnapshot();
    expect(selectPhase(snapshot)).to.equal('linkSent');
    expect(snapshot.context.escalation?.id).to.equal('esc-2');
    expect(snapshot.context.fallbackReason).to.equal(null);
    expect(h.calls.filter((call) => call.startsWith('create'))).to.deep.equal(['create:call-42:0', 'create:call-42:1']);
    expect(h.phases()).to.deep.equal(['requested', 'linkSent', 'joined', 'fallbackToVoice', 'requested', 'linkSent']);
  });
});
