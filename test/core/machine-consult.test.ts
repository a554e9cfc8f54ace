import { expect } from '@open-wc/testing';
import { selectButtonView, selectHostRoom, selectMicStartsMuted, selectPhase } from '../../src/core/machine/index.js';
import { settle, startHarness, toLinkSent, type Harness } from '../support/machine-harness.js';

/** The customer's device cannot do video: back to voice, their room torn down. */
async function toFallback(h: Harness): Promise<void> {
  await toLinkSent(h);
  h.send({ type: 'GUEST_PROGRESS', step: 'device-failed', detail: 'camera denied' });
  await settle();
}

describe('escalation machine: a consult with an expert while the customer stays on the phone', () => {
  it('opens a room of its own (no customer way in), the agent talks there through the page, experts come and go, and ending it is back to voice', async () => {
    const h = startHarness();
    await toFallback(h);
    expect(h.calls.at(-1)).to.equal('close:esc-1:guest-device');
    h.calls.length = 0;

    h.send({ type: 'CONSULT' });
    await settle();
    expect(selectPhase(h.actor.getSnapshot())).to.equal('consulting');
    // A new create key (never the customer's room back), asked as a consult; the agent joins it with their microphone on.
    // (The fallback's own listener, for a chat customer's call-back request, pauses meanwhile.)
    expect(h.calls).to.deep.equal([
      'progress:stop',
      'create:call-42:1:consult',
      'media:join:esc-2:chat',
      'progress:listen:esc-2',
    ]);
    expect(selectMicStartsMuted(h.actor.getSnapshot())).to.equal(false);
    expect(selectHostRoom(h.actor.getSnapshot())).to.deep.equal(h.actor.getSnapshot().context.consult!.escalation!.host);
    expect(selectButtonView(h.actor.getSnapshot()).consult).to.deep.equal({ state: 'open', outcome: null });

    h.send({ type: 'INVITE_EXPERT', expert: { address: 'sam@example.test', name: 'Sam Expert' } });
    await settle();
    expect(h.calls.at(-1)).to.equal('invite:sam@example.test');
    h.send({ type: 'EXPERT_WAITING', lobby: { id: 'expert-1', name: 'Sam Expert', skill: null } });
    await settle();
    expect(selectButtonView(h.actor.getSnapshot()).expert.state).to.equal('lobby');
    h.send({ type: 'EXPERT_JOINED' });
    await h.advance(60_000);
    expect(selectButtonView(h.actor.getSnapshot()).expert).to.deep.include({ state: 'joined', name: 'Sam Expert' });

    h.send({ type: 'END_CONSULT' });
    await settle();
    expect(h.calls.slice(-4)).to.deep.equal(['media:leave', 'progress:stop', 'close:esc-2:closed', 'progress:listen:esc-1']);
    const snapshot = h.actor.getSnapshot();
    expect(selectPhase(snapshot)).to.equal('fallbackToVoice');
    expect(selectButtonView(snapshot).consult).to.deep.equal({ state: null, outcome: 'ended' });
    expect(selectHostRoom(snapshot)).to.equal(null);
    // The host heard of the fallback once: coming back from the consult is the same fallback.
    expect(h.emittedOf('fallback')).to.have.length(1);
    expect(h.phases().slice(-2)).to.deep.equal(['consulting', 'fallbackToVoice']);

    h.send({ type: 'CLOSE' });
    await settle();
    const [closed] = h.emittedOf('closed');
    expect(closed!.summary.escalationId).to.equal('esc-1');
    expect(closed!.summary.consults).to.deep.equal([
      { escalationId: 'esc-2', startedAt: new Date(0).toISOString(), endedAt: new Date(60_000).toISOString() },
    ]);
    expect(closed!.summary.participants.find((stay) => stay.role === 'expert')).to.deep.include({ name: 'Sam Expert' });
  });

  it('says the consult could not start when the service refuses, and stays back to voice', async () => {
    const h = startHarness({ create: ['ok', 'fail'] });
    await toFallback(h);
    h.send({ type: 'CONSULT' });
    await settle();
    const snapshot = h.actor.getSnapshot();
    expect(selectPhase(snapshot)).to.equal('fallbackToVoice');
    expect(selectButtonView(snapshot).consult).to.deep.equal({ state: null, outcome: 'failed' });
    expect(snapshot.context.lastError).to.contain('create failed');
    // The create may have made a room before it failed: closed by its key.
    expect(h.calls.at(-1)).to.equal('close:pending:closed');
  });

  it('clears the customer’s room first when its teardown had failed: never two rooms for one call', async () => {
    const h = startHarness({ close: ['fail', 'ok'] });
    await toFallback(h);
    h.calls.length = 0;
    h.send({ type: 'CONSULT' });
    await settle();
    expect(h.calls.slice(0, 3)).to.deep.equal(['progress:stop', 'close:esc-1:guest-device', 'create:call-42:1:consult']);
  });

  it('closes the consult’s room when the task ends during it, and ends the escalation', async () => {
    const h = startHarness();
    await toFallback(h);
    h.send({ type: 'CONSULT' });
    await settle();
    await h.advance(30_000);
    h.send({ type: 'TASK_CLOSED' });
    await settle();
    expect(h.calls.slice(-3)).to.deep.equal(['media:leave', 'progress:stop', 'close:esc-2:task-closed']);
    expect(h.actor.getSnapshot().status).to.equal('done');
    expect(h.emittedOf('closed')[0]!.summary.consults[0]!.endedAt).to.equal(new Date(30_000).toISOString());
  });

  it('goes back to voice when the consult’s video fails, saying so, and its room is closed', async () => {
    const h = startHarness();
    await toFallback(h);
    h.send({ type: 'CONSULT' });
    await settle();
    h.send({ type: 'MEDIA_FAILED', error: 'ice failed' });
    await settle();
    expect(h.calls).to.include('close:esc-2:closed');
    expect(selectButtonView(h.actor.getSnapshot()).consult).to.deep.equal({ state: null, outcome: 'media' });
  });

  it('tells the host of a new fallback after a consult and a retry: only coming back from the consult is the same one', async () => {
    const h = startHarness({ create: ['ok', 'ok', 'fail'] });
    await toFallback(h);
    h.send({ type: 'CONSULT' });
    await settle();
    h.send({ type: 'END_CONSULT' });
    await settle();
    expect(h.emittedOf('fallback')).to.have.length(1);
    h.send({ type: 'RETRY_VIDEO' });
    await settle();
    // Every attempt fails, after its backoff.
    for (let step = 0; step < 20 && selectPhase(h.actor.getSnapshot()) !== 'fallbackToVoice'; step += 1) await h.advance(10_000);
    expect(selectPhase(h.actor.getSnapshot())).to.equal('fallbackToVoice');
    expect(h.emittedOf('fallback').map((event) => event.reason)).to.deep.equal(['guest-device', 'service-unavailable']);
    expect(selectButtonView(h.actor.getSnapshot()).consult).to.equal(null);
  });

  it('keeps a consult whose close failed as maybe open: it is closed again, and before a retry of video', async () => {
    // Closes: the customer's room (ok), the consult (fails), again on the way back (fails), before the retry (ok).
    const h = startHarness({ close: ['ok', 'fail', 'fail', 'ok'] });
    await toFallback(h);
    h.send({ type: 'CONSULT' });
    await settle();
    h.send({ type: 'END_CONSULT' });
    await settle();
    expect(selectPhase(h.actor.getSnapshot())).to.equal('fallbackToVoice');
    expect(h.actor.getSnapshot().context.consult).to.deep.include({ open: true, outcome: 'ended' });
    expect(h.calls.filter((call) => call === 'close:esc-2:closed')).to.have.length(2);
    h.send({ type: 'RETRY_VIDEO' });
    await settle();
    expect(h.calls.filter((call) => call === 'close:esc-2:closed')).to.have.length(3);
    expect(h.calls).to.include('create:call-42:2');
  });
});
