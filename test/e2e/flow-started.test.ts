// The Webex Instant Connect seed: no agent clicks. The contact center's own flow (an HTTP node,
// server to server with its API key) creates the escalation and texts the caller while the call
// is still being routed; when the task reaches the agent, the desktop's <escalation-context> for
// that interaction picks it up: same room, no second link, and the button says where it stands.
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { Escalation } from '../../src/core/machine/types.js';
import { agentButton, agentDesktop, closeFrames, codeIn, guestPage, tileVideoFrames, testPhone } from '../support/desk.js';
import { testEnv, until } from '../support/test-env.js';

const smsTo = async (phone: string) =>
  (await executeServerCommand<{ to: string; text: string }[], undefined>('sms-received')).filter(
    (message) => message.to === phone,
  );

describe('an escalation the contact-center flow started (real service, real Janus)', function () {
  this.timeout(90_000);
  afterEach(() => closeFrames());
  after(() => executeServerCommand('service-reset-throttle'));

  it('is picked up by the agent’s desktop for that interaction: same room, one link, the button where it stands', async () => {
    const env = await testEnv();
    const phone = testPhone();
    const interaction = {
      id: `call-${crypto.randomUUID()}`,
      channel: 'voice' as const,
      customerName: 'Ada Caller',
      customerPhone: phone,
    };
    // The flow's two HTTP requests, as the README gives them.
    const flow = (method: string, path: string, body?: unknown) =>
      fetch(`${env.serviceUrl}${path}`, {
        method,
        headers: {
          authorization: `ApiKey ${env.flowApiKey}`,
          'content-type': 'application/json',
          'idempotency-key': crypto.randomUUID(),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    const created = await flow('POST', '/escalations', { interaction, delivery: { channel: 'sms' }, mode: 'voice' });
    expect(created.status).to.equal(201);
    const escalation = (await created.json()) as Escalation;
    expect((await flow('POST', `/escalations/${escalation.id}/deliveries`, { channel: 'sms' })).status).to.equal(200);
    const [sms] = await until('the caller’s SMS', async () => ((await smsTo(phone)).length ? smsTo(phone) : undefined), 15_000);

    // The task reaches the agent: the desktop opens on that interaction and carries the escalation on.
    const agent = await agentDesktop(180, { mode: 'voice', interaction, agentName: 'Dana Agent' });
    const button = agentButton(agent.context);
    await until(
      'the button to say the link went out',
      () => (/^Link sent by SMS to /.test(button.status()) ? true : undefined),
      15_000,
    );
    expect(agent.context.actor!.getSnapshot().context.escalation!.id, 'the flow’s escalation, not a new one').to.equal(
      escalation.id,
    );
    expect(button.status()).to.match(new RegExp(`${phone.slice(-2)}$`));
    await until('the agent waiting in the flow’s room', () => (agent.room.state === 'waiting' ? true : undefined), 20_000);

    // The caller opens the text they already have: both on video.
    const customer = await guestPage(codeIn(sms!.text));
    await until('the agent to see the customer', () => tileVideoFrames(agent.room), 30_000);
    await until('the button on video', () => (button.status() === 'On video' ? true : undefined), 15_000);
    expect(customer.shadowRoot!.querySelector('[part=tile] figcaption')!.textContent!.trim()).to.equal('Dana Agent');
    expect(await smsTo(phone), 'one text to the caller, never a second').to.have.length(1);

    // It is the agent's now: the flow's key no longer acts on it, nor may a flow claim anything.
    expect((await flow('DELETE', `/escalations/${escalation.id}?reason=hangup`)).status).to.equal(403);
    expect((await flow('POST', '/escalations/claims', { interactionId: interaction.id })).status).to.equal(403);
    agent.context.send({ type: 'HANGUP' });
    await until('the escalation closed', () => (agent.context.actor!.getSnapshot().status === 'done' ? true : undefined), 20_000);
  });
});
