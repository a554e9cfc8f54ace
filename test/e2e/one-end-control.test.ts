// On video the agent has one control that ends it, saying under it whom it ends the video for and
// that the chat (or phone call) goes on; the agent's room has no second one. The customer has one
// too, and its words say it is their own leaving.
import { expect } from '@open-wc/testing';
import { selectPhase } from '../../src/core/machine/selectors.js';
import {
  agentButton,
  agentDesktop,
  closeFrames,
  escalateInChat,
  guestPage,
  linkToken,
  tileVideoFrames,
} from '../support/desk.js';
import { until } from '../support/test-env.js';

const enders = (root: ShadowRoot) =>
  [...root.querySelectorAll<HTMLButtonElement>('button.danger, button.hang-up')].map((button) => button.textContent!.trim());

describe('ending the video (real Janus, real service)', function () {
  this.timeout(90_000);
  afterEach(() => closeFrames());

  it('is one control for the agent, saying for whom and what goes on, and ends it for the customer too', async () => {
    const agent = await agentDesktop();
    const { url } = await escalateInChat(agent.context);
    const customer = await guestPage(linkToken(url));
    await until('the agent to see the customer', () => tileVideoFrames(agent.room), 30_000);
    await until(
      'the escalation joined',
      () => (selectPhase(agent.context.actor!.getSnapshot()) === 'joined' ? true : undefined),
      15_000,
    );

    const button = agent.context.querySelector('escalate-button')!.shadowRoot!;
    expect(enders(button), 'the agent’s button').to.deep.equal(['End video']);
    expect(enders(agent.room.shadowRoot!), 'the agent’s room').to.deep.equal([]);
    const end = button.querySelector<HTMLButtonElement>('button.danger')!;
    expect(button.querySelector(`#${end.getAttribute('aria-describedby')}`)!.textContent).to.equal(
      'Ends the video for you and the customer. The chat goes on.',
    );
    expect(enders(customer.shadowRoot!), 'the customer’s room').to.deep.equal(['Leave video']);

    agentButton(agent.context).press('End video');
    await until(
      'the customer told the call ended',
      () => (customer.shadowRoot!.textContent?.includes('The video call has ended') ? true : undefined),
      15_000,
    );
    await until('the agent’s room ended', () =>
      agent.room.shadowRoot!.textContent?.includes('The video call has ended') ? true : undefined,
    );
    expect(enders(agent.room.shadowRoot!)).to.deep.equal([]);
  });
});
