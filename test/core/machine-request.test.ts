import { expect } from '@open-wc/testing';
import { createActor } from 'xstate';
import {
  escalationMachine,
  IDLE_BUTTON_VIEW,
  selectButtonView,
  selectDeliveryState,
  selectPhase,
} from '../../src/core/machine/index.js';
import { interaction, settle, smsRequest, startHarness, toLinkSent } from '../support/machine-harness.js';

describe('escalation machine: request and link', () => {
  it('starts idle and announces nothing until the agent asks', () => {
    const h = startHarness();
    expect(selectPhase(h.actor.getSnapshot())).to.equal('idle');
    expect(h.emitted).to.deep.equal([]);
  });

  it('gives a new escalation the button view a desk draws before its statechart has loaded', () => {
    // A desk shows IDLE_BUTTON_VIEW until the statechart arrives: it must be what the statechart then shows.
    expect(selectButtonView(startHarness().actor.getSnapshot())).to.deep.equal(IDLE_BUTTON_VIEW);
  });

  it('creates the escalation, joins the agent to the room and sends the link by SMS', async () => {
    const h = startHarness();
    await toLinkSent(h);
    const snapshot = h.actor.getSnapshot();
    expect(selectPhase(snapshot)).to.equal('linkSent');
    expect(selectDeliveryState(snapshot)).to.equal('sent');
    expect(h.phases()).to.deep.equal(['requested', 'linkSent']);
    expect(h.calls).to.deep.equal([
      'create:call-42:0',
      'media:join:esc-1:voice',
      'progress:listen:esc-1',
      'deliver:sms:+15551231234',
    ]);
    const [link] = h.emittedOf('linkReady');
    expect(link).to.deep.include({ code: 'K7QM3PX', channel: 'sms', to: '+15551231234' });
    expect(h.emittedOf('linkDelivery')).to.deep.equal([{ type: 'linkDelivery', status: 'sent', channel: 'sms', error: null }]);
  });

  it('hands a chat link to the host without calling a sender', async () => {
    const h = startHarness();
    h.send({ type: 'REQUEST', interaction: { ...interaction, channel: 'chat' }, delivery: { channel: 'chat' } });
    await settle();
    expect(h.calls.filter((call) => call.startsWith('deliver'))).to.deep.equal([]);
    expect(h.emittedOf('linkReady')[0]).to.deep.include({
      channel: 'chat',
      to: null,
      url: 'https://video.example.test/join/K7QM3PX',
    });
    expect(selectDeliveryState(h.actor.getSnapshot())).to.equal('sent');
  });

  it('ignores a second REQUEST while an escalation is under way', async () => {
    const h = startHarness({ create: ['hang'] });
    h.send(smsRequest);
    h.send(smsRequest);
    await settle();
    h.send({ ...smsRequest, interaction: { ...interaction, id: 'other' } } as typeof smsRequest);
    await settle();
    expect(h.calls.filter((call) => call.startsWith('create'))).to.deep.equal(['create:call-42:0']);
    expect(h.actor.getSnapshot().context.interaction?.id).to.equal('call-42');
  });

  it('ignores REQUEST once the link is out', async () => {
    const h = startHarness();
    await toLinkSent(h);
    h.send(smsRequest);
    await settle();
    expect(h.calls.filter((call) => call.startsWith('create'))).to.have.length(1);
    expect(selectPhase(h.actor.getSnapshot())).to.equal('linkSent');
  });

  it('retries the service with growing waits and the same idempotency key', async () => {
    const h = startHarness({ create: ['fail', 'fail', 'ok'] });
    h.send(smsRequest);
    await settle();
    expect(h.calls).to.deep.equal(['create:call-42:0']);
    await h.advance(499);
    expect(h.calls).to.have.length(1);
    await h.advance(1);
    expect(h.calls).to.deep.equal(['create:call-42:0', 'create:call-42:0']);
    await h.advance(999);
    expect(h.calls).to.have.length(2);
    await h.advance(1);
    expect(selectPhase(h.actor.getSnapshot())).to.equal('linkSent');
    expect(h.calls.filter((call) => call.startsWith('create'))).to.deep.equal([
      'create:call-42:0',
      'create:call-42:0',
      'create:call-42:0',
    ]);
  });

  it('falls back to voice with service-unavailable after the last attempt', async () => {
    const h = startHarness({ create: ['fail'] }, { config: { retry: { maxAttempts: 3 } } });
    h.send(smsRequest);
    await settle();
    await h.advance(500);
    await h.advance(1000);
    const snapshot = h.actor.getSnapshot();
    expect(selectPhase(snapshot)).to.equal('fallbackToVoice');
    expect(h.emittedOf('fallback')).to.deep.equal([{ type: 'fallback', reason: 'service-unavailable', error: 'create failed' }]);
    expect(h.emitted.at(-2)).to.deep.equal({
      type: 'stateChange',
      from: 'requested',
      to: 'fallbackToVoice',
      reason: 'service-unavailable',
    });
    // Nothing was created, so there is no room to tear down.
    expect(h.calls.filter((call) => call.startsWith('close'))).to.deep.equal([]);
  });

  it('says plainly when no escalation service was configured', async () => {
    const actor = createActor(escalationMachine, { input: { config: { retry: { maxAttempts: 1 } } } }).start();
    actor.send(smsRequest);
    await settle();
    expect(selectPhase(actor.getSnapshot())).to.equal('fallbackToVoice');
    expect(actor.getSnapshot().context.lastError).to.match(/No escalation service is configured/);
  });

  it('reports a failed SMS and resends on request, to a corrected number', async () => {
    const h = startHarness({ deliver: ['fail', 'ok'] });
    await toLinkSent(h);
    expect(selectDeliveryState(h.actor.getSnapshot())).to.equal('failed');
    expect(h.emittedOf('linkDelivery')[0]).to.deep.include({ status: 'failed', error: 'deliver failed' });
    h.send({ type: 'RESEND', delivery: { channel: 'sms', to: '+15559990000' } });
    await settle();
    expect(selectDeliveryState(h.actor.getSnapshot())).to.equal('sent');
    expect(h.calls.filter((call) => call.startsWith('deliver'))).to.deep.equal([
      'deliver:sms:+15551231234',
      'deliver:sms:+15559990000',
    ]);
    expect(h.emittedOf('linkReady')).to.have.length(2);
  });

  it('asks the service for a fresh link before each resend, and sends what it gives', async () => {
    const h = startHarness();
    await toLinkSent(h);
    h.send({ type: 'RESEND' });
    await settle();
    expect(h.calls.filter((call) => call.startsWith('deliver') || call.startsWith('renew'))).to.deep.equal([
      'deliver:sms:+15551231234',
      'renew:esc-1',
      'deliver:sms:+15551231234',
    ]);
    expect(h.emittedOf('linkReady').map((link) => link.code)).to.deep.equal(['K7QM3PX', 'NEWCOD1']);
    expect(h.actor.getSnapshot().context.escalation!.guestCode).to.equal('NEWCOD1');
  });

  it("tells the agent when the customer's link failed, and the resend clears it", async () => {
    const h = startHarness();
    await toLinkSent(h);
    h.send({ type: 'NEW_LINK_REQUESTED', code: 'K7QM3PX', role: 'guest', reason: 'expired' });
    expect(h.emittedOf('newLinkRequest')).to.deep.equal([
      { type: 'newLinkRequest', code: 'K7QM3PX', role: 'guest', reason: 'expired' },
    ]);
    expect(selectButtonView(h.actor.getSnapshot()).newLinkRequested).to.equal(true);
    h.send({ type: 'RESEND' });
    await settle();
    expect(selectButtonView(h.actor.getSnapshot()).newLinkRequested).to.equal(false);
    expect(h.emittedOf('linkReady').at(-1)!.code).to.equal('NEWCOD1');
  });

  it('reports a resend whose fresh link could not be made as a failed delivery, and keeps the old link', async () => {
    const h = startHarness({ renew: ['fail'] });
    await toLinkSent(h);
    h.send({ type: 'RESEND' });
    await settle();
    expect(selectDeliveryState(h.actor.getSnapshot())).to.equal('failed');
    expect(h.emittedOf('linkDelivery').at(-1)).to.deep.include({ status: 'failed', error: 'renew failed' });
    expect(h.actor.getSnapshot().context.escalation!.guestCode).to.equal('K7QM3PX');
  });

  it('cancels while the room is being created and leaves nothing behind', async () => {
    const h = startHarness({ create: ['hang'] });
    h.send(smsRequest);
    await settle();
    h.send({ type: 'CANCEL' });
    await settle();
    expect(h.actor.getSnapshot().status).to.equal('done');
    expect(h.emittedOf('closed')[0]!.summary.reason).to.equal('cancelled');
  });
});
