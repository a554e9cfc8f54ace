// The Genesys seed's flow as its people live it: the agent pulls an expert into the customer's
// video call and shares the case. The expert sees who invited them, for which case, and the case
// masked by the service's rules; the customer's page and answers carry none of it; the expert can
// neither end the call for everyone nor invite anyone; the agent takes the expert out again. The
// customer is told when the expert comes in and when they leave.
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { EscalationServiceClient } from '../../src/core/service/http-client.js';
import { ServiceError } from '../../src/core/service/service-error.js';
import type { EscalationContextElement } from '../../src/elements/escalation-context/escalation-context.js';
import type { VideoRoomElement } from '../../src/elements/video-room/video-room.js';
import { agentButton, agentDesktop, closeFrames, codeIn, guestPage, linkToken, testPhone } from '../support/desk.js';
import { testEnv, until } from '../support/test-env.js';

const CASE = {
  customerName: 'Ada Customer',
  caseNumber: 'CASE-48213',
  issue: 'Router lights blink red; card 4111 1111 1111 1111 was charged twice',
  notes: 'Call back on +1 (555) 123-4567 or ada.customer@example.com',
};

/** The guest token a participant's page keeps for itself, by the code it came with (to ask the service as them). */
function guestTokenOf(room: VideoRoomElement): string {
  const token = room.ownerDocument.defaultView!.sessionStorage.getItem(`escalate-video:guest:${room.code}`);
  expect(token, `the page of ${room.code} keeps its guest token`).to.be.a('string');
  return token!;
}

const agentText = (context: EscalationContextElement) => context.querySelector('escalate-button')!.shadowRoot!.textContent ?? '';

const tilesOf = (room: VideoRoomElement) =>
  [...room.shadowRoot!.querySelectorAll<HTMLElement>('[part=tile]')].map((tile) => tile.dataset.role);

describe('an expert in the customer’s call (real Janus, real service)', function () {
  this.timeout(120_000);
  afterEach(() => closeFrames());
  // Its guest requests all come from this one browser: the next test starts with fresh allowances.
  after(() => executeServerCommand('service-reset-throttle'));

  it('sees the case masked, which the customer never gets; cannot end or invite; and is taken out by the agent', async () => {
    const env = await testEnv();
    const agent = await agentDesktop(180, { agentName: 'Dana Agent' });
    const link = new Promise<string>((resolve) =>
      agent.context.addEventListener('escalation-link', (event) => resolve(event.detail.url), { once: true }),
    );
    agent.context.send({
      type: 'REQUEST',
      interaction: { id: `chat-${crypto.randomUUID()}`, channel: 'chat', ...CASE },
      delivery: { channel: 'chat' },
    });
    const customer = await guestPage(linkToken(await link));
    await until('the customer on video', () => (agentButton(agent.context).status() === 'On video' ? true : undefined), 30_000);

    // The agent invites the expert from the button's form, sharing the case (the default).
    const button = agent.context.querySelector('escalate-button')!.shadowRoot!;
    agentButton(agent.context).press('Invite an expert');
    const form = await until(
      'the invite form',
      () => button.querySelector<HTMLFormElement>('form[part=expert-form]') ?? undefined,
    );
    form.querySelector<HTMLInputElement>('input[name=name]')!.value = 'Sam Expert';
    // A number of this test's own: other tests' invites are in the same SMS provider.
    const expertPhone = testPhone();
    form.querySelector<HTMLInputElement>('input[name=address]')!.value = `${expertPhone.slice(0, 5)} ${expertPhone.slice(5)}`;
    expect(form.querySelector<HTMLInputElement>('input[name=share]')!.checked, 'the case is shared by default').to.equal(true);
    form.requestSubmit();
    const sms = await until(
      'the expert’s SMS',
      async () =>
        (await executeServerCommand<{ to: string; text: string }[], undefined>('sms-received')).find(
          (message) => message.to === expertPhone && message.text.includes('as the expert'),
        ),
      15_000,
    );
    const expert = await guestPage(codeIn(sms.text));
    // In the lobby first: the agent sees who waits and lets them in.
    await until(
      'the expert waiting',
      () => agentText(agent.context).includes('Sam Expert is waiting to join the call') || undefined,
      15_000,
    );
    agentButton(agent.context).press('Let Sam Expert in');
    await until('the expert in the agent’s room', () => (tilesOf(agent.room).includes('expert') ? true : undefined), 30_000);
    // The customer is told someone came in, not only shown a new tile.
    await until(
      'the customer told the expert came in',
      () =>
        customer.shadowRoot!.querySelector('[part=arrivals]')?.textContent === 'Sam Expert joined the call to help.'
          ? true
          : undefined,
      15_000,
    );

    // The expert's card: who, for which case, and the case masked.
    const card = expert.shadowRoot!.querySelector('[part=case]')!;
    expect(card.querySelector('summary')!.textContent).to.equal('Dana Agent invited you to help with case CASE-48213');
    const shown = card.querySelector('dl')!.textContent!;
    expect(shown).to.contain('Ada Customer');
    expect(shown).to.contain('card •••• •••• •••• 1111 was charged twice');
    expect(shown).not.to.contain('4111');
    expect(shown).not.to.contain('123-4567');
    expect(shown).not.to.contain('ada.customer@');
    // The customer's page and its answer from the service: none of the case.
    const client = new EscalationServiceClient(env.serviceUrl);
    const customerAnswer = JSON.stringify(await client.rejoin(guestTokenOf(customer)));
    for (const text of [CASE.caseNumber, 'Router', '4111', '123-4567', 'ada.customer', 'Dana Agent invited'])
      expect(customerAnswer + customer.shadowRoot!.textContent, text).not.to.contain(text);
    expect(customer.shadowRoot!.querySelector('[part=case]')).to.equal(null);

    // The expert leaves only themselves, and may not act as the agent.
    await until('the expert’s controls', () => expert.shadowRoot!.querySelector('[part~=controls]') ?? undefined, 15_000);
    const expertControls = [...expert.shadowRoot!.querySelectorAll('button')].map((control) => control.textContent!.trim());
    expect(expertControls).to.include('Leave video');
    expect(expertControls.filter((words) => /end|invite|remove/i.test(words))).to.deep.equal([]);
    const escalationId = agent.context.actor!.getSnapshot().context.escalation!.id;
    const expertToken = guestTokenOf(expert);
    for (const [method, path, body] of [
      ['POST', `/escalations/${escalationId}/experts`, { address: '+15550002222' }],
      ['DELETE', `/escalations/${escalationId}?reason=hangup`, undefined],
    ] as const) {
      const response = await fetch(`${env.serviceUrl}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${expertToken}`,
          'idempotency-key': crypto.randomUUID(),
          'content-type': 'application/json',
        },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      expect(response.status, `${method} ${path} with the expert's token`).to.equal(401);
    }

    // The agent takes the expert out: the expert is told, the call goes on with the customer.
    agentButton(agent.context).press('Remove Sam Expert from the call');
    await until(
      'the expert told',
      () => (expert.shadowRoot!.textContent?.includes('The agent took you out of the call') ? true : undefined),
      15_000,
    );
    await until('the expert’s tile gone', () => (tilesOf(agent.room).includes('expert') ? undefined : true), 15_000);
    await until(
      'the customer told the expert left',
      () =>
        customer.shadowRoot!.querySelector('[part=arrivals]')?.textContent === 'Sam Expert left the call.' ? true : undefined,
      15_000,
    );
    expect(tilesOf(agent.room)).to.include('guest');
    expect(button.querySelector('[part=expert-status]')!.textContent).to.equal('You removed Sam Expert from the call');
    expect(agentButton(agent.context).status()).to.equal('On video');
    const refused = await client.rejoin(expertToken).then(
      () => undefined,
      (error: unknown) => error as ServiceError,
    );
    expect([refused?.code, refused?.detail.reason]).to.deep.equal(['code-expired', 'removed']);
    agent.context.send({ type: 'HANGUP' });
  });
});
