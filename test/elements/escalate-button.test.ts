import { expect, fixture, html } from '@open-wc/testing';
import { fromPromise } from 'xstate';
import '../../src/define/escalation-context.js';
import '../../src/define/escalate-button.js';
import type { CreateEscalationInput, DeliverLinkInput, Escalation } from '../../src/core/machine/index.js';
import type { EscalationContextElement } from '../../src/elements/escalation-context/escalation-context.js';
import { maskAddress } from '../../src/elements/escalate-button/escalate-button.js';
import { fakeEscalation, instantService, settle } from '../support/machine-harness.js';
import { until } from '../support/test-env.js';

const shadowOf = (el: EscalationContextElement) => el.querySelector('escalate-button')!.shadowRoot!;
const statusOf = (el: EscalationContextElement) => shadowOf(el).querySelector('[part=status]')!.textContent ?? '';
// The escalation's actions (the camera tools on video have tests of their own).
const buttons = (el: EscalationContextElement) => [...shadowOf(el).querySelectorAll<HTMLButtonElement>('button[part=action]')];
const press = (el: EscalationContextElement, label: string) =>
  buttons(el)
    .find((button) => button.textContent === label)!
    .click();

async function agentDesk(attributes = html`<escalate-button></escalate-button>`, machine = instantService()) {
  return fixture<EscalationContextElement>(html`<escalation-context .machine=${machine} interaction-id="call-77" channel="voice"
    customer-name="Ada Customer" customer-phone="+15551231234">${attributes}</escalation-context>`);
}

async function settled(el: EscalationContextElement) {
  await settle();
  await el.updateComplete;
  await el.querySelector('escalate-button')!.updateComplete;
}

/** The agent has escalated (one click) and the link is out. */
async function linkSent() {
  const el = await agentDesk();
  await settled(el);
  press(el, 'Escalate to video');
  await settled(el);
  return el;
}

/** The agent has escalated and the customer is on video. */
async function onVideo() {
  const el = await linkSent();
  el.send({ type: 'GUEST_JOINED' });
  await settled(el);
  // On video the camera tools and the pool's actions load: wait for them, so what is drawn is settled.
  await until('the tools on video', () => shadowOf(el).querySelector('[part=camera-tools]') ?? undefined);
  return el;
}

describe('<escalate-button>', () => {
  // Other test files in this browser may have left a live-session mark behind.
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    localStorage.clear();
    sessionStorage.clear();
  });

  it('escalates in one click (a double click makes one room) and says where the link went, masked', async () => {
    let rooms = 0;
    const el = await agentDesk(
      html`<escalate-button></escalate-button>`,
      instantService(() => ((rooms += 1), fakeEscalation())),
    );
    await settled(el);
    expect(buttons(el).map((button) => button.textContent)).to.deep.equal(['Escalate to video']);
    await expect(el.querySelector('escalate-button')!).to.be.accessible();
    // A double click: the second one finds the same button before it re-renders.
    press(el, 'Escalate to video');
    press(el, 'Escalate to video');
    await settled(el);
    expect(statusOf(el)).to.equal('Link sent by SMS to ••• 1234');
    expect(rooms).to.equal(1);
    expect(buttons(el).map((button) => button.textContent)).to.deep.equal(['Resend link', 'Continue without video', 'Cancel']);
    expect(el.actor!.getSnapshot().context.delivery).to.deep.equal({ channel: 'sms', to: '+15551231234' });
    await expect(el.querySelector('escalate-button')!).to.be.accessible();
  });

  it('follows the customer to video, and back to voice with the reason', async () => {
    const el = await linkSent();
    el.send({ type: 'GUEST_PROGRESS', step: 'opened' });
    await settled(el);
    expect(statusOf(el)).to.equal('Customer opened the link');
    el.send({ type: 'GUEST_PROGRESS', step: 'checking-devices' });
    await settled(el);
    expect(statusOf(el)).to.equal('Customer is checking their camera and microphone');
    el.send({ type: 'GUEST_JOINED' });
    await settled(el);
    expect(statusOf(el)).to.equal('On video');
    el.send({ type: 'MEDIA_FAILED' });
    await settled(el);
    expect(statusOf(el)).to.equal('Back to voice: the video connection failed');
    expect(buttons(el).map((button) => button.textContent)).to.deep.equal(['Retry video', 'Consult an expert on video', 'Close']);
    await expect(el.querySelector('escalate-button')!).to.be.accessible();
    press(el, 'Close');
    await settled(el);
    expect(statusOf(el)).to.equal('Video ended');
    expect(buttons(el).map((button) => button.textContent)).to.deep.equal(['Escalate again']);
  });

  it('opens a consult with an expert from back to voice, says the customer is not in it, and ends it back to voice', async () => {
    const el = await linkSent();
    press(el, 'Continue without video');
    await settled(el);
    press(el, 'Consult an expert on video');
    await until('the consult open', () =>
      statusOf(el) === 'Video consult: you and the expert only. The customer is not in it.' ? true : undefined,
    );
    await until('the pool’s actions', () => (buttons(el).length === 3 ? true : undefined));
    expect(buttons(el).map((button) => button.textContent)).to.deep.equal([
      'Invite an expert',
      'End consult',
      'Ask for an expert',
    ]);
    expect(shadowOf(el).querySelector('[part=end-effect]')!.textContent).to.equal(
      'Ends the consult’s video. The phone call goes on.',
    );
    // No camera tools: there is no customer camera in a consult.
    expect(shadowOf(el).querySelector('[part=camera-tools]')).to.equal(null);
    await expect(el.querySelector('escalate-button')!).to.be.accessible();
    press(el, 'End consult');
    await settled(el);
    expect(statusOf(el)).to.equal('Back to voice: you chose to continue without video. The consult with the expert ended.');
    expect(buttons(el).map((button) => button.textContent)).to.deep.equal(['Retry video', 'Consult an expert on video', 'Close']);
    await expect(el.querySelector('escalate-button')!).to.be.accessible();
  });

  it('says in one sentence why a consult could not start', async () => {
    const machine = instantService().provide({
      actors: {
        createEscalation: fromPromise<Escalation, CreateEscalationInput>(async ({ input }) => {
          if (input.consult) throw new Error('offline');
          return fakeEscalation();
        }),
      },
    });
    const el = await agentDesk(html`<escalate-button></escalate-button>`, machine);
    await settled(el);
    press(el, 'Escalate to video');
    await settled(el);
    press(el, 'Continue without video');
    await settled(el);
    press(el, 'Consult an expert on video');
    await settled(el);
    expect(statusOf(el)).to.equal(
      'Back to voice: you chose to continue without video. The consult could not start: the video service is not answering.',
    );
  });

  it('invites an expert from a small keyboard form, refuses an address that reaches nobody, and says how it stands', async () => {
    const el = await onVideo();
    expect(buttons(el).map((button) => button.textContent)).to.deep.equal(['Invite an expert', 'End video', 'Ask for an expert']);
    press(el, 'Invite an expert');
    await settled(el);
    const form = shadowOf(el).querySelector<HTMLFormElement>('form[part=expert-form]')!;
    expect(shadowOf(el).activeElement).to.equal(form.querySelector('input[name=name]'));
    await expect(el.querySelector('escalate-button')!).to.be.accessible();
    form.querySelector<HTMLInputElement>('input[name=name]')!.value = 'Sam Expert';
    form.querySelector<HTMLInputElement>('input[name=address]')!.value = '555 1234';
    form.requestSubmit();
    await settled(el);
    expect(form.querySelector('[role=alert]')!.textContent).to.contain('with its country code');
    expect(el.actor!.getSnapshot().context.expert).to.equal(null);
    form.querySelector<HTMLInputElement>('input[name=address]')!.value = '+1 (555) 000-1111';
    form.requestSubmit();
    await settled(el);
    expect(el.actor!.getSnapshot().context.expert).to.deep.equal({
      address: '+15550001111',
      name: 'Sam Expert',
      shareCase: true,
    });
    expect(shadowOf(el).querySelector('[part=expert-status]')!.textContent).to.equal('Inviting Sam Expert…');
    expect(shadowOf(el).querySelector('form')).to.equal(null);
    expect(buttons(el).map((button) => button.textContent)).to.deep.equal(['Cancel invite', 'End video']);
    el.send({ type: 'EXPERT_JOINED' });
    await settled(el);
    expect(shadowOf(el).querySelector('[part=expert-status]')!.textContent).to.equal('Sam Expert joined the call');
    expect(shadowOf(el).querySelector('[part=end-effect]')!.textContent).to.equal(
      'Ends the video for you, the customer and Sam Expert. The phone call goes on.',
    );
    await expect(el.querySelector('escalate-button')!).to.be.accessible();
  });

  it('closes the expert form on Escape without inviting anyone', async () => {
    const el = await onVideo();
    press(el, 'Invite an expert');
    await settled(el);
    shadowOf(el)
      .querySelector('input[name=name]')!
      .dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    await settled(el);
    expect(shadowOf(el).querySelector('form')).to.equal(null);
    expect(shadowOf(el).activeElement?.textContent).to.equal('Invite an expert');
    expect(el.actor!.getSnapshot().context.expert).to.equal(null);
  });

  it("says when the customer's link did not work, and offers a new one", async () => {
    const el = await linkSent();
    const heard = new Promise<string>((resolve) =>
      el.addEventListener('escalation-new-link-request', (event) => resolve(event.detail.code), { once: true }),
    );
    el.send({ type: 'NEW_LINK_REQUESTED', code: 'K7QM3PX', role: 'guest', reason: 'This link has expired.' });
    await settled(el);
    expect(await heard).to.equal('K7QM3PX');
    expect(statusOf(el)).to.equal('The customer says the link did not work and asks for a new one');
    expect(buttons(el).map((button) => button.textContent)).to.deep.equal([
      'Send a new link',
      'Continue without video',
      'Cancel',
    ]);
    press(el, 'Send a new link');
    await settled(el);
    expect(statusOf(el)).to.equal('Link sent by SMS to ••• 1234');
  });

  it('on video, has one control that ends it, saying under it for whom and what goes on', async () => {
    const el = await onVideo();
    const danger = [...shadowOf(el).querySelectorAll<HTMLButtonElement>('button.danger')];
    expect(danger.map((button) => button.textContent)).to.deep.equal(['End video']);
    const effect = shadowOf(el).querySelector(`#${danger[0]!.getAttribute('aria-describedby')}`)!;
    expect(effect.textContent).to.equal('Ends the video for you and the customer. The phone call goes on.');
    expect(buttons(el).map((button) => button.textContent)).not.to.include('Continue without video');
    await expect(el.querySelector('escalate-button')!).to.be.accessible();
  });

  it('lets the agent carry on without video before the customer joins, taking the link back', async () => {
    const el = await linkSent();
    const fallback = new Promise<string>((resolve) =>
      el.addEventListener('escalation-fallback', (event) => resolve(event.detail.reason), { once: true }),
    );
    press(el, 'Continue without video');
    expect(await fallback).to.equal('agent-choice');
    await settled(el);
    expect(statusOf(el)).to.equal('Back to voice: you chose to continue without video');
  });

  it('shows a failed SMS and resends it', async () => {
    let attempts = 0;
    const flaky = instantService().provide({
      actors: {
        deliverLink: fromPromise<void, DeliverLinkInput>(async () => {
          attempts += 1;
          if (attempts === 1) throw new Error('provider down');
        }),
      },
    });
    const el = await agentDesk(html`<escalate-button></escalate-button>`, flaky);
    await settled(el);
    press(el, 'Escalate to video');
    await settled(el);
    expect(statusOf(el)).to.equal('The link could not be sent');
    press(el, 'Resend link');
    await settled(el);
    expect(statusOf(el)).to.equal('Link sent by SMS to ••• 1234');
  });

  it('is disabled, with the reason, when there is nothing or nowhere to escalate', async () => {
    const none = await fixture<EscalationContextElement>(
      html`<escalation-context .machine=${instantService()}><escalate-button></escalate-button></escalation-context>`,
    );
    await settled(none);
    expect(buttons(none)[0]!.disabled).to.equal(true);
    expect(shadowOf(none).querySelector('[part=reason]')!.textContent).to.equal('No customer interaction to escalate');
    await expect(none.querySelector('escalate-button')!).to.be.accessible();
    const noPhone = await fixture<EscalationContextElement>(
      html`<escalation-context .machine=${instantService()} interaction='{"id":"c1","channel":"voice"}'><escalate-button></escalate-button></escalation-context>`,
    );
    await settled(noPhone);
    expect(shadowOf(noPhone).querySelector('[part=reason]')!.textContent).to.equal('No phone number to send the link to');
  });

  it('says so when another tab already has a video session live', async () => {
    const el = await agentDesk();
    await settled(el);
    // Another tab of this agent escalated a different interaction.
    localStorage.setItem('escalate-video:live-session', JSON.stringify({ interactionId: 'call-other', since: Date.now() }));
    window.dispatchEvent(new StorageEvent('storage', { key: 'escalate-video:live-session' }));
    await until('the reason', () => shadowOf(el).querySelector('[part=reason]') ?? undefined);
    expect(shadowOf(el).querySelector('[part=reason]')!.textContent).to.equal('Another video session is live in another tab');
    expect(buttons(el)[0]!.disabled).to.equal(true);
  });

  it('marks this interaction live for the other tabs while on video', async () => {
    const el = await linkSent();
    expect(JSON.parse(localStorage.getItem('escalate-video:live-session')!).interactionId).to.equal('call-77');
    el.send({ type: 'HANGUP' });
    await settled(el);
    expect(localStorage.getItem('escalate-video:live-session')).to.equal(null);
  });

  it('keeps the live mark of an element that takes the place of a removed one for the same interaction', async () => {
    // A framework re-mounting the desk: the old element goes as the new one escalates.
    const old = await linkSent();
    const replacement = await linkSent();
    old.remove();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(JSON.parse(localStorage.getItem('escalate-video:live-session')!).interactionId).to.equal('call-77');
    replacement.send({ type: 'HANGUP' });
    await settled(replacement);
    expect(localStorage.getItem('escalate-video:live-session')).to.equal(null);
  });

  it('takes its live mark away when its tab closes, and puts it back when the tab comes back', async () => {
    await linkSent();
    window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: false }));
    expect(localStorage.getItem('escalate-video:live-session'), 'another tab may start a session now').to.equal(null);
    window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
    expect(JSON.parse(localStorage.getItem('escalate-video:live-session')!).interactionId).to.equal('call-77');
  });

  it('ignores a live mark that a closed or crashed tab left behind', async () => {
    localStorage.setItem(
      'escalate-video:live-session',
      JSON.stringify({ interactionId: 'call-other', since: Date.now() - 60_000 }),
    );
    const el = await agentDesk();
    await settled(el);
    expect(buttons(el)[0]!.disabled).to.equal(false);
  });

  it('masks numbers and addresses', () => {
    expect(maskAddress('+15551231234')).to.equal('••• 1234');
    expect(maskAddress('ada@example.com')).to.equal('a•••@example.com');
  });
});

describe('<escalation-context> case panel', () => {
  it('shows the case compactly, from one JSON attribute, and can be hidden', async () => {
    const el = await fixture<EscalationContextElement>(html`<escalation-context .machine=${instantService()}
      interaction='{"id":"c9","channel":"chat","customerName":"Ada Customer","caseNumber":"CS-2291","issue":"Router blinks red"}'></escalation-context>`);
    const panel = el.shadowRoot!.querySelector('[part=case]')!;
    expect([...panel.querySelectorAll('dt')].map((dt) => dt.textContent)).to.deep.equal(['Customer', 'Case', 'Channel', 'Issue']);
    expect([...panel.querySelectorAll('dd')].map((dd) => dd.textContent)).to.deep.equal([
      'Ada Customer',
      'CS-2291',
      'Chat',
      'Router blinks red',
    ]);
    await expect(el).to.be.accessible();
    el.noCasePanel = true;
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part=case]')).to.equal(null);
  });
});
