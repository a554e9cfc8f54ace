// The product's main job, end to end on a real Janus and the real service: the agent escalates,
// the chat pane gets the link, the customer opens it, both see each other, the agent hangs up,
// and nothing is left behind.
import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { VideoRoomElement } from '../../src/elements/video-room/video-room.js';
import type { EscalationJoinCardElement } from '../../src/elements/escalation-join-card/escalation-join-card.js';
import '../../src/define/escalation-join-card.js';
import { EscalationServiceClient } from '../../src/core/service/http-client.js';
import { ServiceError } from '../../src/core/service/service-error.js';
import { randomId } from '../../src/core/random-id.js';
import { selectPhase } from '../../src/core/machine/selectors.js';
import { testEnv, until } from '../support/test-env.js';
import {
  agentButton,
  agentDesktop,
  closeFrames,
  escalateInChat,
  codeIn,
  guestPage,
  linkToken,
  requestChat,
  roomGone,
  tileVideoFrames,
} from '../support/desk.js';

describe('escalation end to end (real Janus, real service)', function () {
  this.timeout(90_000);

  afterEach(async () => {
    closeFrames();
  });

  it('escalate → link in the chat → customer joins → both on video → hang up → nothing left', async () => {
    const env = await testEnv();
    const agent = await agentDesktop();
    const link = new Promise<{ url: string; code: string }>((resolve) =>
      agent.context.addEventListener('escalation-link', (event) => resolve(event.detail as { url: string; code: string }), {
        once: true,
      }),
    );
    const interactionId = `chat-${randomId()}`;
    agent.context.send({
      type: 'REQUEST',
      interaction: { id: interactionId, channel: 'chat', customerName: 'Ada Customer' },
      delivery: { channel: 'chat' },
    });
    // The chat pane receives the link and posts it; the customer opens it. The link carries a
    // 256-bit token, not the short code read out over the phone.
    const { url, code } = await link;
    expect(code).to.match(/^[ACDEFHJKMNPQRTUVWXY3479]{3}-[ACDEFHJKMNPQRTUVWXY3479]{3}-[ACDEFHJKMNPQRTUVWXY3479]{3}$/);
    expect(url).to.not.contain(code.replace(/-/g, ''));
    expect(linkToken(url)).to.match(/^[A-Za-z0-9_-]{43}$/);
    const host = agent.context.actor!.getSnapshot().context.escalation!.host;
    const customer = await guestPage(linkToken(url));

    await until('the agent to see the customer', () => tileVideoFrames(agent.room), 30_000);
    await until('the customer to see the agent', () => tileVideoFrames(customer), 30_000);
    expect(customer.shadowRoot!.querySelector('[part=tile]')!.textContent).to.contain('Agent');
    // The customer's progress reached the agent's escalation through the service.
    await until(
      'the escalation to say joined',
      () => (selectPhase(agent.context.actor!.getSnapshot()) === 'joined' ? true : undefined),
      15_000,
    );

    agentButton(agent.context).press('End video');
    await until(
      'the escalation to close',
      () => (agent.context.actor!.getSnapshot().status === 'done' ? true : undefined),
      20_000,
    );
    expect(await executeServerCommand<boolean, { room: string }>('janus-room-exists', { room: host.room })).to.equal(false);
    await until(
      'the customer to be told the call ended',
      () => (customer.shadowRoot!.textContent?.includes('The video call has ended') ? true : undefined),
      15_000,
    );
    // One question for the customer; the answer is kept against the interaction.
    customer.shadowRoot!.querySelector<HTMLInputElement>('input[value="5"]')!.click();
    customer.shadowRoot!.querySelector<HTMLButtonElement>('form[part=rating] button[type=submit]')!.click();
    await until(
      'thanks',
      () => (customer.shadowRoot!.textContent?.includes('Thank you for your feedback') ? true : undefined),
      10_000,
    );
    const ratings = await executeServerCommand<{ interactionId: string; score: number }[], undefined>('service-ratings');
    expect(ratings.some((rating) => rating.interactionId === interactionId && rating.score === 5)).to.equal(true);
    // A plain hang-up is not video failing: no phone callback is offered.
    expect(customer.shadowRoot!.querySelector('form[part=callback]'), 'no callback offer after a plain hang-up').to.equal(null);
    const client = new EscalationServiceClient(env.serviceUrl);
    const late = await client.redeem(linkToken(url)).then(
      () => undefined,
      (error: unknown) => error as ServiceError,
    );
    expect(late?.status).to.be.oneOf([404, 410]);
  });

  it('in chat mode, a customer whose video ended early can ask for a phone call, and the agent hears of it', async () => {
    const agent = await agentDesktop();
    const { code } = await escalateInChat(agent.context, undefined);
    const customer = await guestPage(code);
    await until('the customer in the call', () => tileVideoFrames(customer), 30_000);
    const callback = new Promise<string>((resolve) =>
      agent.context.addEventListener('escalation-callback-request', (event) => resolve(event.detail.phone), { once: true }),
    );
    // The agent decides to carry on in the chat without video.
    agent.context.send({ type: 'BACK_TO_VOICE' });
    const form = await until(
      'the callback offer',
      () => customer.shadowRoot!.querySelector<HTMLFormElement>('form[part=callback]') ?? undefined,
      15_000,
    );
    expect(form.textContent).to.contain('Would you rather talk on the phone?');
    form.querySelector<HTMLInputElement>('input[type=tel]')!.value = '+1 555 765-4321';
    form.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    expect(await callback).to.equal('+15557654321');
    await until('the confirmation', () =>
      customer.shadowRoot!.textContent?.includes('Your agent will call you at +15557654321') ? true : undefined,
    );
  });

  it('pulls in an expert: the invite goes out with a code of their own, and all three see each other', async () => {
    const agent = await agentDesktop();
    const { code } = await escalateInChat(agent.context);
    const customer = await guestPage(code);
    await until('the customer in the call', () => tileVideoFrames(customer), 30_000);
    await until(
      'the escalation joined',
      () => (selectPhase(agent.context.actor!.getSnapshot()) === 'joined' ? true : undefined),
      15_000,
    );

    agent.context.send({ type: 'INVITE_EXPERT', expert: { address: '+15550001111', name: 'Sam Expert' } });
    const invite = await until(
      'the expert SMS in the outbox',
      async () => {
        const outbox = await executeServerCommand<{ to: string; text: string }[], undefined>('sms-received');
        return outbox.find((message) => message.to === '+15550001111');
      },
      10_000,
    );
    const expertCode = codeIn(invite.text);
    const expert = await guestPage(expertCode);
    // The expert waits in the lobby until the agent lets them in.
    await until(
      'the expert in the lobby',
      () => (agent.context.actor!.getSnapshot().matches({ inRoom: { joined: { expert: 'lobby' } } }) ? true : undefined),
      15_000,
    );
    agent.context.send({ type: 'ADMIT_EXPERT' });
    await until(
      'the escalation to see the expert joined',
      () => (agent.context.actor!.getSnapshot().matches({ inRoom: { joined: { expert: 'joined' } } }) ? true : undefined),
      30_000,
    );
    expect(expert.joinedAs).to.equal('expert');
    const names = (room: VideoRoomElement) =>
      [...room.shadowRoot!.querySelectorAll('[part=tile] figcaption')].map((caption) => caption.textContent!.trim());
    await until(
      'everyone to see everyone',
      () =>
        names(agent.room).includes('Sam Expert') && names(customer).includes('Sam Expert') && names(expert).length === 2
          ? true
          : undefined,
      30_000,
    );
    agent.context.send({ type: 'HANGUP' });
  });

  it('a customer whose link was already used asks for a new one; the agent sends it, and they join', async () => {
    const env = await testEnv();
    const agent = await agentDesktop();
    const button = agentButton(agent.context);
    const links: string[] = [];
    agent.context.addEventListener('escalation-link', (event) => links.push(event.detail.code));
    agent.context.send({
      type: 'REQUEST',
      interaction: { id: `chat-${randomId()}`, channel: 'chat', customerName: 'Ada Customer' },
      delivery: { channel: 'chat' },
    });
    const first = await until('the link', () => links[0], 20_000);
    // Someone opened it first: forwarded, or opened on another device.
    await new EscalationServiceClient(env.serviceUrl).redeem(first);
    const card = await fixture<EscalationJoinCardElement>(
      html`<escalation-join-card code=${first} service-url=${env.serviceUrl}></escalation-join-card>`,
    );
    card.shadowRoot!.querySelector<HTMLButtonElement>('button[part=join]')!.click();
    const ask = await until(
      'the offer of a new link',
      () => card.shadowRoot!.querySelector<HTMLButtonElement>('button.secondary') ?? undefined,
      15_000,
    );
    expect(card.shadowRoot!.querySelector('video-room')!.shadowRoot!.querySelector('[role=alert]')!.textContent).to.contain(
      'already been used',
    );
    ask.click();
    await until('the customer told', () =>
      card.shadowRoot!.querySelector('[role=status]')?.textContent === 'We have asked your agent for a new link.'
        ? true
        : undefined,
    );
    await until(
      'the agent told',
      () => (button.status() === 'The customer says the link did not work and asks for a new one' ? true : undefined),
      10_000,
    );
    button.press('Send a new link');
    const second = await until('the new link in the chat', () => links[1], 10_000);
    expect(second).to.not.equal(first);
    const customer = await guestPage(second);
    await until('the customer to see the agent', () => tileVideoFrames(customer), 30_000);
    await until('the agent to see the customer', () => tileVideoFrames(agent.room), 30_000);
    await until('the agent told', () => (button.status() === 'On video' ? true : undefined), 10_000);
    agent.context.send({ type: 'HANGUP' });
  });

  it('falls back to voice, with the reason on the button, when the escalation service cannot be reached', async () => {
    // Nothing listens on this port inside the test's network namespace.
    const agent = await agentDesktop(180, { service: 'http://127.0.0.1:9' });
    const fallback = new Promise<string>((resolve) =>
      agent.context.addEventListener('escalation-fallback', (event) => resolve(event.detail.reason), { once: true }),
    );
    requestChat(agent.context);
    expect(await fallback).to.equal('service-unavailable');
    const words = 'Back to voice: the video service is not answering';
    await until('the agent told why', () => (agentButton(agent.context).status() === words ? true : undefined));
    expect(agent.context.actor!.getSnapshot().context.attempt).to.equal(4);
  });

  it('falls back to voice when media stays down past the reconnect timeout, and tears the room down', async () => {
    const agent = await agentDesktop(180, { reconnectTimeout: 3 });
    const link = new Promise<string>((resolve) =>
      agent.context.addEventListener('escalation-link', (event) => resolve(event.detail.code), { once: true }),
    );
    const fallback = new Promise<string>((resolve) =>
      agent.context.addEventListener('escalation-fallback', (event) => resolve(event.detail.reason), { once: true }),
    );
    requestChat(agent.context);
    const code = await link;
    const customer = await guestPage(code);
    await until('the customer in the call', () => tileVideoFrames(customer), 30_000);
    await until(
      'the escalation joined',
      () => (selectPhase(agent.context.actor!.getSnapshot()) === 'joined' ? true : undefined),
      15_000,
    );
    const host = agent.context.actor!.getSnapshot().context.escalation!.host;
    // Media (UDP) stops inside the test's namespace; signalling (TCP) still works.
    await executeServerCommand('media-blocked', { blocked: true });
    try {
      expect(await fallback).to.equal('media');
    } finally {
      await executeServerCommand('media-blocked', { blocked: false });
    }
    const words = 'Back to voice: the video connection failed';
    await until('the agent told why', () => (agentButton(agent.context).status() === words ? true : undefined));
    await roomGone(host.room);
  });

  it('an SMS the provider refused shows on the button, and Resend sends it once the provider is back', async () => {
    const env = await testEnv();
    const agent = await agentDesktop();
    const button = agentButton(agent.context);
    const phone = '+15557654321';
    await executeServerCommand('sms-provider-down', { down: true });
    try {
      agent.context.send({
        type: 'REQUEST',
        interaction: { id: `call-${randomId()}`, channel: 'voice', customerPhone: phone },
        delivery: { channel: 'sms', to: phone },
      });
      await until(
        'the failure shown',
        () =>
          button.status() === 'The link could not be sent: The SMS or e-mail provider did not send the message.'
            ? true
            : undefined,
        20_000,
      );
    } finally {
      await executeServerCommand('sms-provider-down', { down: false });
    }
    button.press('Resend link');
    await until('the SMS sent', () => (button.status() === 'Link sent by SMS to ••• 4321' ? true : undefined), 10_000);
    const sms = (await executeServerCommand<{ to: string; text: string }[], undefined>('sms-received')).filter(
      (message) => message.to === phone,
    );
    expect(sms).to.have.length(1);
    const code = codeIn(sms[0]!.text);
    const joined = await new EscalationServiceClient(env.serviceUrl).redeem(code);
    expect(joined.room).to.equal(agent.context.actor!.getSnapshot().context.escalation!.host.room);
    agent.context.send({ type: 'HANGUP' });
  });

  it('falls back to voice when the customer never comes, and tears the room down', async () => {
    const agent = await agentDesktop(2);
    const fallback = new Promise<string>((resolve) =>
      agent.context.addEventListener('escalation-fallback', (event) => resolve((event.detail as { reason: string }).reason), {
        once: true,
      }),
    );
    requestChat(agent.context);
    await until('the agent in the room', () => (agent.room.state === 'waiting' ? true : undefined), 20_000);
    const host = agent.context.actor!.getSnapshot().context.escalation!.host;
    expect(await fallback).to.equal('no-show');
    await roomGone(host.room);
    await until('the agent out of the room', () => (agent.room.mediaSession === undefined ? true : undefined));
  });

  it('tells a customer with an expired or mistyped code what to do', async () => {
    const customer = await guestPage('KAK-AKA-KAK');
    await until('the error', () => (customer.state === 'error' ? true : undefined), 15_000);
    expect(customer.shadowRoot!.querySelector('[role=alert]')!.textContent).to.contain('ask your agent for a new link');
    await executeServerCommand('service-reset-throttle');
  });
});
