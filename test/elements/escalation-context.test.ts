import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/define/escalation-context.js';
import { setLogLevel } from '../../src/core/logger.js';
import { EscalationContextElement } from '../../src/elements/escalation-context/escalation-context.js';
import { instantService, interaction, settle, smsRequest } from '../support/machine-harness.js';

const service = instantService();

describe('<escalation-context>', () => {
  afterEach(() => sessionStorage.clear());

  it('relays the escalation to the host page as prefixed DOM events and a reflected state', async () => {
    const el = await fixture<EscalationContextElement>(html`<escalation-context .machine=${service}></escalation-context>`);
    const link = oneEvent(el, 'escalation-link');
    el.send({ type: 'REQUEST', interaction: { ...interaction, channel: 'chat' }, delivery: { channel: 'chat' } });
    const event = await link;
    expect(event.detail).to.deep.include({ code: 'K7QM3PX', channel: 'chat' });
    expect(event.bubbles && event.composed).to.equal(true);
    await el.updateComplete;
    expect(el.getAttribute('state')).to.equal('linkSent');
    expect(el.shadowRoot!.querySelector('[role=status]')!.textContent).to.equal('Link sent, waiting for the customer');
    await expect(el).to.be.accessible();
    const closed = oneEvent(el, 'escalation-closed');
    el.send({ type: 'WRAPUP' });
    expect((await closed).detail.summary.reason).to.equal('wrapup');
  });

  it('announces a fallback with its reason', async () => {
    const el = await fixture<EscalationContextElement>(
      html`<escalation-context .machine=${service} join-timeout="0.05"></escalation-context>`,
    );
    const fallback = oneEvent(el, 'escalation-fallback');
    el.send(smsRequest);
    expect((await fallback).detail.reason).to.equal('no-show');
    await el.updateComplete;
    expect(el.state).to.equal('fallbackToVoice');
    await expect(el).to.be.accessible();
  });

  it('takes a guest device check a host relays itself: sound only is noted, no camera and no microphone falls back', async () => {
    const el = await fixture<EscalationContextElement>(html`<escalation-context .machine=${service}></escalation-context>`);
    const link = oneEvent(el, 'escalation-link');
    el.send({ type: 'REQUEST', interaction: { ...interaction, channel: 'chat' }, delivery: { channel: 'chat' } });
    await link;
    const progress = oneEvent(el, 'escalation-guest-progress');
    el.reportGuestDevices({ video: true, audio: true, network: 'poor', reasons: ['network-poor'], recommendAudioOnly: true });
    expect((await progress).detail.step).to.equal('audio-only');
    expect(el.state).to.equal('linkSent');
    const fallback = oneEvent(el, 'escalation-fallback');
    el.reportGuestDevices({
      video: false,
      audio: false,
      network: 'untested',
      reasons: ['camera-denied', 'microphone-denied', 'network-untested'],
      recommendAudioOnly: false,
    });
    expect((await fallback).detail.reason).to.equal('guest-device');
  });

  it('rejects an unknown event with a clear error and keeps going', async () => {
    const el = await fixture<EscalationContextElement>(html`<escalation-context .machine=${service}></escalation-context>`);
    expect(() => el.send({ type: 'ESCALATE' } as never)).to.throw(TypeError, /Unknown escalation event "ESCALATE"/);
    el.send(smsRequest);
    await settle();
    expect(el.actor!.getSnapshot().context.escalation?.id).to.equal('esc-1');
  });

  it('resumes the escalation after the page reloads when given a persist key', async () => {
    const first = await fixture<EscalationContextElement>(
      html`<escalation-context .machine=${service} persist-key="agent-1:call-42"></escalation-context>`,
    );
    first.send(smsRequest);
    await settle();
    first.remove();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(first.actor!.getSnapshot().status).to.equal('stopped');
    const second = await fixture<EscalationContextElement>(
      html`<escalation-context .machine=${service} persist-key="agent-1:call-42"></escalation-context>`,
    );
    expect(second.state).to.equal('linkSent');
    expect(second.actor!.getSnapshot().context.escalation?.id).to.equal('esc-1');
  });

  it('defines itself once, and warns instead of throwing when another class holds the tag', () => {
    expect(() => EscalationContextElement.define()).not.to.throw();
    class Impostor extends HTMLElement {}
    const registry = new CustomElementRegistry();
    registry.define('escalation-context', Impostor);
    setLogLevel('silent');
    try {
      expect(() => EscalationContextElement.define('escalation-context', registry)).not.to.throw();
    } finally {
      setLogLevel('warn');
    }
    expect(registry.get('escalation-context')).to.equal(Impostor);
  });
});

describe('<escalation-context> over several escalations and settings', () => {
  afterEach(() => sessionStorage.clear());

  it('starts the next escalation of the interaction after one ended', async () => {
    const el = await fixture<EscalationContextElement>(html`<escalation-context .machine=${service}></escalation-context>`);
    el.send(smsRequest);
    await settle();
    el.send({ type: 'HANGUP' });
    await settle();
    expect(el.actor!.getSnapshot().status).to.equal('done');
    const link = oneEvent(el, 'escalation-link');
    el.send(smsRequest);
    await link;
    await el.updateComplete;
    expect(el.state).to.equal('linkSent');
  });

  it('uses the defaults, and says why, when an attribute makes no sense', async () => {
    setLogLevel('silent');
    try {
      const el = await fixture<EscalationContextElement>(
        html`<escalation-context .machine=${service} join-timeout="-5"></escalation-context>`,
      );
      expect(el.actor!.getSnapshot().status).to.equal('active');
      expect(el.actor!.getSnapshot().context.config.joinTimeoutMs).to.equal(180_000);
      el.send(smsRequest);
      await settle();
      expect(el.state).to.equal('linkSent');
    } finally {
      setLogLevel('warn');
    }
  });

  it('keeps a live escalation when a new machine arrives without persistence', async () => {
    const el = await fixture<EscalationContextElement>(html`<escalation-context .machine=${service}></escalation-context>`);
    el.send(smsRequest);
    await settle();
    const live = el.actor;
    setLogLevel('silent');
    try {
      el.machine = service.provide({});
      await el.updateComplete;
    } finally {
      setLogLevel('warn');
    }
    expect(el.actor).to.equal(live);
    expect(el.state).to.equal('linkSent');
  });
});

describe('<escalation-context> set up after upgrade', () => {
  afterEach(() => sessionStorage.clear());

  it('uses a machine set after the element upgraded', async () => {
    const el = await fixture<EscalationContextElement>(html`<escalation-context></escalation-context>`);
    const before = el.actor;
    el.machine = service;
    await el.updateComplete;
    expect(el.actor).not.to.equal(before);
    expect(before!.getSnapshot().status).to.equal('stopped');
    const link = oneEvent(el, 'escalation-link');
    el.send(smsRequest);
    expect((await link).detail.code).to.equal('K7QM3PX');
  });

  it('applies a new mode while idle, and keeps a live escalation as it is', async () => {
    const el = await fixture<EscalationContextElement>(html`<escalation-context .machine=${service}></escalation-context>`);
    el.mode = 'chat';
    await el.updateComplete;
    expect(el.actor!.getSnapshot().context.config.mode).to.equal('chat');
    el.send(smsRequest);
    await settle();
    const live = el.actor;
    el.mode = 'voice';
    await el.updateComplete;
    expect(el.actor).to.equal(live);
    expect(el.state).to.equal('linkSent');
  });
});
