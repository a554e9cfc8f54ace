// The customer's device check, end to end on the real Janus and service: the customer is on video
// at once while the call's own connection is measured, the agent's button says how far they are,
// a poor network goes to sound only, and unusable devices bring the check on screen.
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { EscalationContextElement } from '../../src/elements/escalation-context/escalation-context.js';
import type { VideoRoomElement } from '../../src/elements/video-room/video-room.js';
import { randomId } from '../../src/core/random-id.js';
import { until } from '../support/test-env.js';
import { agentButton, agentDesktop, closeFrames, guestPage, roomGone, tileVideoFrames } from '../support/desk.js';

/** Every distinct thing the agent's button said, in order: each render is seen, however brief. */
function recordStatuses(context: EscalationContextElement): { said: string[]; stop: () => void } {
  const button = agentButton(context);
  const said: string[] = [];
  const note = () => {
    const now = button.status();
    if (now && said.at(-1) !== now) said.push(now);
  };
  const watcher = new MutationObserver(note);
  watcher.observe(context.querySelector('escalate-button')!.shadowRoot!, { subtree: true, childList: true, characterData: true });
  note();
  return { said, stop: () => watcher.disconnect() };
}

async function escalateInChat(context: EscalationContextElement): Promise<string> {
  const link = new Promise<string>((resolve) =>
    context.addEventListener('escalation-link', (event) => resolve(event.detail.code), { once: true }),
  );
  context.send({ type: 'REQUEST', interaction: { id: `chat-${randomId()}`, channel: 'chat' }, delivery: { channel: 'chat' } });
  return link;
}

const shown = (room: VideoRoomElement, words: string) => (room.shadowRoot?.textContent?.includes(words) ? true : undefined);
const checkOf = (room: VideoRoomElement) => room.shadowRoot?.querySelector('device-check') ?? undefined;

describe('the customer checks camera, microphone and network without waiting (real Janus, real service)', function () {
  this.timeout(90_000);

  // Every test's customer comes from 127.0.0.1: what earlier files' customers used of the
  // service's per-client allowances (redeems, guest requests) must not count against these.
  beforeEach(() => executeServerCommand('service-reset-throttle'));

  afterEach(async () => {
    closeFrames();
    await executeServerCommand('network-impaired', {});
  });

  it('puts the customer on video at once while it checks; the agent sees "checking", then "ready", then "On video"', async () => {
    const agent = await agentDesktop();
    const statuses = recordStatuses(agent.context);
    const code = await escalateInChat(agent.context);
    await until('the agent in the room', () => (agent.room.state === 'waiting' ? true : undefined), 20_000);
    const customer = await guestPage(code, { checkDevices: true });
    let checkShown = false;
    const watchCheck = setInterval(() => (checkShown ||= Boolean(checkOf(customer))), 25);
    try {
      await until(
        'the customer told the connection is being checked',
        () => shown(customer, 'Checking your connection…'),
        20_000,
      );
      await until('the agent to see the customer', () => tileVideoFrames(agent.room), 30_000);
      await until('the customer to see the agent', () => tileVideoFrames(customer), 30_000);
      await until('the connection checked', () => (shown(customer, 'Checking your connection…') ? undefined : true), 10_000);
    } finally {
      clearInterval(watchCheck);
    }
    expect(checkShown, 'no device check to wait through').to.equal(false);
    // A clean path keeps the camera: the agent still sees the customer after the check.
    const frames = tileVideoFrames(agent.room) ?? 0;
    await until('more frames of the customer', () => ((tileVideoFrames(agent.room) ?? 0) > frames ? true : undefined), 10_000);
    await until('the agent told', () => (agentButton(agent.context).status() === 'On video' ? true : undefined), 10_000);
    statuses.stop();
    const checking = statuses.said.indexOf('Customer is checking their camera and microphone');
    const ready = statuses.said.indexOf('Customer’s camera and microphone work; they are joining');
    expect(checking, statuses.said.join(' | ')).to.be.greaterThan(-1);
    expect(ready, statuses.said.join(' | ')).to.be.greaterThan(checking);
    expect(statuses.said.indexOf('On video')).to.be.greaterThan(ready);
    agent.context.send({ type: 'HANGUP' });
  });

  it('on a poor network the customer goes to sound only in the first seconds, and the agent is told so', async () => {
    const agent = await agentDesktop();
    const code = await escalateInChat(agent.context);
    await until('the agent in the room', () => (agent.room.state === 'waiting' ? true : undefined), 20_000);
    // Inside the test's own network namespace: 15 % of UDP dropped, the rest capped at 250 kbit/s.
    await executeServerCommand('network-impaired', { loss: 0.15, rateKbit: 250 });
    const customer = await guestPage(code, { checkDevices: true });
    await until(
      'the agent told the customer has sound only',
      () =>
        agentButton(agent.context).status() === 'On video (the customer has sound only: weak connection)' ? true : undefined,
      45_000,
      () => ({
        agent: agentButton(agent.context).status(),
        customer: customer.state,
        says: customer.shadowRoot?.textContent?.replace(/\s+/g, ' ').slice(0, 400),
      }),
    );
    await executeServerCommand('network-impaired', {});
    await until('the customer told', () => shown(customer, 'Your connection is weak, so the call uses sound only'), 30_000);
    const tile = await until(
      'the customer’s tile',
      () => agent.room.shadowRoot!.querySelector('[part=tile]') ?? undefined,
      10_000,
    );
    // The customer sends no camera, and receives none: the weak line carries sound.
    await until('no camera from the customer', () => (tile.querySelector('video') ? undefined : true), 10_000);
    await until(
      'no camera to the customer',
      () => (customer.shadowRoot!.querySelector('[part=tile] video') ? undefined : true),
      10_000,
    );
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(tile.querySelector('video'), 'still no camera from the customer').to.equal(null);
    expect(customer.shadowRoot!.querySelector('[part=tile] video'), 'still no camera to the customer').to.equal(null);
    expect(customer.shadowRoot!.querySelector('[part=tile]')!.textContent).to.contain('Agent');
    agent.context.send({ type: 'HANGUP' });
  });

  it('when neither camera nor microphone can be used, the customer gets the steps and the agent falls back (guest-device)', async () => {
    const agent = await agentDesktop();
    const fallback = new Promise<string>((resolve) =>
      agent.context.addEventListener('escalation-fallback', (event) => resolve(event.detail.reason), { once: true }),
    );
    const code = await escalateInChat(agent.context);
    await until('the agent in the room', () => (agent.room.state === 'waiting' ? true : undefined), 20_000);
    const host = agent.context.actor!.getSnapshot().context.escalation!.host;
    // The customer's page may not use camera or microphone (a chat widget embedded without
    // `allow="camera; microphone"`): Chromium itself refuses them.
    const customer = await guestPage(code, { allow: "camera 'none'; microphone 'none'", checkDevices: true });
    expect(await fallback).to.equal('guest-device');
    await until('the agent told why', () =>
      agentButton(agent.context).status() === 'Back to voice: the customer’s device cannot do video' ? true : undefined,
    );
    await roomGone(host.room);
    await until('the customer told', () =>
      shown(customer, 'Your camera and microphone cannot be used, so your agent will carry on without video'),
    );
    // What the site owner must change, in the check's own words.
    const check = checkOf(customer)!;
    expect(check.shadowRoot!.textContent).to.contain('allow="camera; microphone"');
    // In a chat, the customer is offered a phone call instead.
    await until('the callback offer', () => customer.shadowRoot!.querySelector('form[part=callback]') ?? undefined, 20_000);
  });
});
