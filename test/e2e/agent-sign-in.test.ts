// The agent's sign-in as the desk lives it, against the real service: tags alone with a `token`,
// a sign-in the service refuses (said in the agent's words, not "not answering"), and another
// agent's escalation out of reach.
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/define/escalation-context.js';
import '../../src/define/escalate-button.js';
import type { EscalationContextElement } from '../../src/elements/escalation-context/escalation-context.js';
import { randomId } from '../../src/core/random-id.js';
import { agentButton, agentDesktop, closeFrames, requestChat } from '../support/desk.js';
import { agentToken, testEnv, until } from '../support/test-env.js';

describe("the agent's sign-in (real service)", function () {
  this.timeout(40_000);
  afterEach(() => closeFrames());

  it('works with tags alone: service-url and the token attribute', async () => {
    const env = await testEnv();
    const token = await agentToken();
    const context = await fixture<EscalationContextElement>(html`
      <escalation-context service-url=${env.serviceUrl} token=${token} interaction-id=${`chat-${randomId()}`} channel="chat" customer-name="Ada" mode="chat">
        <escalate-button></escalate-button>
      </escalation-context>
    `);
    const button = agentButton(context);
    await until(
      'the escalate button',
      () => context.querySelector('escalate-button')?.shadowRoot?.querySelector('button') ?? undefined,
    );
    button.press('Escalate to video');
    await until('the link out', () => (button.status() === 'Link posted in the chat' ? true : undefined), 15_000);
    context.send({ type: 'CANCEL' });
  });

  it('says a refused sign-in in the agent’s words, and does not retry it as if the service were down', async () => {
    const agent = await agentDesktop(180, { tokenTtl: -600 });
    const fallback = new Promise<string>((resolve) =>
      agent.context.addEventListener('escalation-fallback', (event) => resolve(event.detail.reason), { once: true }),
    );
    requestChat(agent.context);
    expect(await fallback).to.equal('service-unavailable');
    const words = 'Back to voice: Your sign-in has expired or was refused. Sign in again, then retry.';
    await until('the agent told why', () => (agentButton(agent.context).status() === words ? true : undefined));
    expect(agent.context.actor!.getSnapshot().context.attempt).to.equal(1);
    expect(agent.context.actor!.getSnapshot().context.lastErrorCode).to.equal('unauthorized');
  });
});
