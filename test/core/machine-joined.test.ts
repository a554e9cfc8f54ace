import { expect } from '@open-wc/testing';
import {
  selectButtonView,
  selectExpertState,
  selectGuestPresent,
  selectMediaState,
  selectPhase,
} from '../../src/core/machine/index.js';
import { settle, startHarness, toJoined, toLinkSent } from '../support/machine-harness.js';

describe('escalation machine: waiting for the guest', () => {
  it('falls back to voice when the guest never shows, and tears the room down', async () => {
    const h = startHarness({}, { config: { joinTimeoutMs: 60_000 } });
    await toLinkSent(h);
    await h.advance(59_999);
    expect(selectPhase(h.actor.getSnapshot())).to.equal('linkSent');
    await h.advance(1);
    expect(selectPhase(h.actor.getSnapshot())).to.equal('fallbackToVoice');
    expect(h.emittedOf('fallback')[0]).to.deep.include({ reason: 'no-show' });
    // The agent leaves the room; the room goes; the customer can still be heard from (a callback).
    expect(h.calls.slice(-4)).to.deep.equal(['media:leave', 'progress:stop', 'progress:listen:esc-1', 'close:esc-1:no-show']);
  });

  it('gives the customer a fresh wait when the link is resent', async () => {
    const h = startHarness({ deliver: ['fail', 'ok'] }, { config: { joinTimeoutMs: 60_000 } });
    await toLinkSent(h);
    await h.advance(50_000);
    h.send({ type: 'RESEND' });
    await h.advance(50_000);
    expect(selectPhase(h.actor.getSnapshot())).to.equal('linkSent');
    // Each send is a new delivery for the service, not a replay of the failed one.
    expect(h.keys.deliver).to.have.length(2);
    expect(h.keys.deliver[0]).not.to.equal(h.keys.deliver[1]);
    await h.advance(10_000);
    expect(h.emittedOf('fallback')[0]).to.deep.include({ reason: 'no-show' });
  });

  it('gives a guest who is checking devices a fresh wait, and relays each step', async () => {
    const h = startHarness({}, { config: { joinTimeoutMs: 60_000 } });
    await toLinkSent(h);
    await h.advance(50_000);
    h.send({ type: 'GUEST_PROGRESS', step: 'opened' });
    await h.advance(50_000);
    h.send({ type: 'GUEST_PROGRESS', step: 'checking-devices' });
    await h.advance(50_000);
    expect(selectPhase(h.actor.getSnapshot())).to.equal('linkSent');
    expect(h.actor.getSnapshot().context.guestStep).to.equal('checking-devices');
    expect(h.emittedOf('guestProgress').map((e) => e.step)).to.deep.equal(['opened', 'checking-devices']);
    await h.advance(10_000);
    expect(h.emittedOf('fallback')[0]).to.deep.include({ reason: 'no-show' });
  });

  it('falls back to voice when the guest device cannot do video', async () => {
    const h = startHarness();
    await toLinkSent(h);
    h.send({ type: 'GUEST_PROGRESS', step: 'device-failed', detail: 'camera denied' });
    await settle();
    expect(selectPhase(h.actor.getSnapshot())).to.equal('fallbackToVoice');
    expect(h.emittedOf('fallback')[0]).to.deep.include({ reason: 'guest-device' });
    expect(h.emittedOf('guestProgress').map((e) => e.step)).to.deep.equal(['device-failed']);
  });

  it('falls back to voice when the agent media fails before the guest arrives', async () => {
    const h = startHarness();
    await toLinkSent(h);
    h.send({ type: 'MEDIA_FAILED', error: 'ICE failed' });
    await settle();
    expect(h.emittedOf('fallback')).to.deep.equal([{ type: 'fallback', reason: 'media', error: 'ICE failed' }]);
  });
});

describe('escalation machine: on video', () => {
  it('joins when the guest arrives and connects media', async () => {
    const h = startHarness();
    await toJoined(h);
    let snapshot = h.actor.getSnapshot();
    expect(selectPhase(snapshot)).to.equal('joined');
    expect(selectMediaState(snapshot)).to.equal('connecting');
    expect(selectGuestPresent(snapshot)).to.equal(true);
    expect(selectExpertState(snapshot)).to.equal('none');
    h.send({ type: 'MEDIA_CONNECTED' });
    snapshot = h.actor.getSnapshot();
    expect(selectMediaState(snapshot)).to.equal('connected');
    expect(h.phases()).to.deep.equal(['requested', 'linkSent', 'joined']);
    // The agent stays in the same media session from waiting to talking.
    expect(h.calls.filter((call) => call.startsWith('media'))).to.deep.equal(['media:join:esc-1:voice']);
  });

  it('starts connected when the agent was already publishing while waiting', async () => {
    const h = startHarness();
    await toLinkSent(h);
    h.send({ type: 'MEDIA_CONNECTED' });
    h.send({ type: 'GUEST_JOINED' });
    expect(selectMediaState(h.actor.getSnapshot())).to.equal('connected');
  });

  it('shows reconnecting and recovers, or falls back when media does not come back', async () => {
    const h = startHarness({}, { config: { reconnectTimeoutMs: 15_000 } });
    await toJoined(h);
    h.send({ type: 'MEDIA_CONNECTED' });
    h.send({ type: 'MEDIA_RECONNECTING' });
    expect(selectMediaState(h.actor.getSnapshot())).to.equal('reconnecting');
    await h.advance(14_000);
    h.send({ type: 'MEDIA_CONNECTED' });
    expect(selectMediaState(h.actor.getSnapshot())).to.equal('connected');
    h.send({ type: 'MEDIA_RECONNECTING' });
    await h.advance(15_000);
    expect(selectPhase(h.actor.getSnapshot())).to.equal('fallbackToVoice');
    expect(h.emittedOf('fallback')[0]).to.deep.include({ reason: 'media' });
  });

  it('falls back when media never connects after the guest joined', async () => {
    const h = startHarness({}, { config: { reconnectTimeoutMs: 15_000 } });
    await toJoined(h);
    await h.advance(15_000);
    expect(h.emittedOf('fallback')[0]).to.deep.include({ reason: 'media' });
  });

  it('falls back at once on an irrecoverable media failure', async () => {
    const h = startHarness();
    await toJoined(h);
    h.send({ type: 'MEDIA_FAILED' });
    await settle();
    expect(selectPhase(h.actor.getSnapshot())).to.equal('fallbackToVoice');
    expect(h.calls).to.include('close:esc-1:media');
  });

  it('lets a dropped guest back in within the rejoin grace', async () => {
    const h = startHarness({}, { config: { rejoinGraceMs: 20_000 } });
    await toJoined(h);
    h.send({ type: 'MEDIA_CONNECTED' });
    h.send({ type: 'GUEST_LEFT' });
    expect(selectGuestPresent(h.actor.getSnapshot())).to.equal(false);
    await h.advance(19_000);
    h.send({ type: 'GUEST_JOINED' });
    expect(selectGuestPresent(h.actor.getSnapshot())).to.equal(true);
    await h.advance(60_000);
    expect(selectPhase(h.actor.getSnapshot())).to.equal('joined');
    expect(h.emittedOf('guestProgress').map((e) => e.step)).to.deep.equal(['joined', 'left', 'joined']);
  });

  it('falls back when the guest stays away past the grace', async () => {
    const h = startHarness({}, { config: { rejoinGraceMs: 20_000 } });
    await toJoined(h);
    h.send({ type: 'MEDIA_CONNECTED' });
    h.send({ type: 'GUEST_LEFT' });
    await h.advance(20_000);
    expect(h.emittedOf('fallback')[0]).to.deep.include({ reason: 'guest-left' });
  });

  it('invites an expert, who joins and leaves', async () => {
    const h = startHarness({ invite: ['hang'] });
    await toJoined(h);
    h.send({ type: 'INVITE_EXPERT', expert: { address: 'sme@example.test', name: 'Sam' } });
    await settle();
    expect(selectExpertState(h.actor.getSnapshot())).to.equal('inviting');
    expect(h.calls).to.include('invite:sme@example.test');
    h.send({ type: 'EXPERT_JOINED' });
    expect(selectExpertState(h.actor.getSnapshot())).to.equal('joined');
    expect(selectButtonView(h.actor.getSnapshot()).expert).to.deep.equal({
      state: 'joined',
      status: 'joined',
      name: 'Sam',
      request: null,
    });
    expect(h.actor.getSnapshot().context.everJoined.expert).to.equal(true);
    h.send({ type: 'EXPERT_LEFT' });
    expect(selectExpertState(h.actor.getSnapshot())).to.equal('none');
    expect(h.emittedOf('expertStatus').map((e) => e.status)).to.deep.equal(['inviting', 'joined', 'left']);
  });

  it('replaces an unanswered invite with a new one, each with its own key', async () => {
    const h = startHarness({ invite: ['hang'] });
    await toJoined(h);
    h.send({ type: 'INVITE_EXPERT', expert: { address: 'sme@example.test' } });
    h.send({ type: 'INVITE_EXPERT', expert: { address: 'other@example.test' } });
    await settle();
    expect(h.calls.filter((call) => call.startsWith('invite'))).to.deep.equal([
      'invite:sme@example.test',
      'invite:other@example.test',
    ]);
    expect(new Set(h.keys.invite).size).to.equal(2);
    expect(h.actor.getSnapshot().context.expert?.address).to.equal('other@example.test');
  });

  it('gives up on an expert who never joins, and lets the agent cancel an invite', async () => {
    const h = startHarness({ invite: ['hang'] }, { config: { expertInviteTimeoutMs: 60_000, reconnectTimeoutMs: 600_000 } });
    await toJoined(h);
    h.send({ type: 'MEDIA_CONNECTED' });
    h.send({ type: 'INVITE_EXPERT', expert: { address: 'sme@example.test' } });
    await h.advance(60_000);
    expect(selectExpertState(h.actor.getSnapshot())).to.equal('none');
    expect(h.emittedOf('expertStatus').at(-1)).to.deep.equal({
      type: 'expertStatus',
      status: 'failed',
      error: 'the expert did not join in time',
    });
    h.send({ type: 'INVITE_EXPERT', expert: { address: 'sme@example.test' } });
    h.send({ type: 'CANCEL_INVITE' });
    expect(selectExpertState(h.actor.getSnapshot())).to.equal('none');
    expect(h.emittedOf('expertStatus').at(-1)!.status).to.equal('cancelled');
    expect(selectPhase(h.actor.getSnapshot())).to.equal('joined');
  });

  it('reports a failed expert invite and allows another', async () => {
    const h = startHarness({ invite: ['fail', 'hang'] });
    await toJoined(h);
    h.send({ type: 'INVITE_EXPERT', expert: { address: 'sme@example.test' } });
    await settle();
    expect(selectExpertState(h.actor.getSnapshot())).to.equal('none');
    expect(h.emittedOf('expertStatus').at(-1)).to.deep.equal({ type: 'expertStatus', status: 'failed', error: 'invite failed' });
    h.send({ type: 'INVITE_EXPERT', expert: { address: 'sme2@example.test' } });
    expect(selectExpertState(h.actor.getSnapshot())).to.equal('inviting');
  });
});
