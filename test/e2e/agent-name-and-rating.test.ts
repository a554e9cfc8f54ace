// The customer sees who they are talking to: the agent's name from their sign-in, not "Agent".
// And after the call, the rating's squares say on screen which end is good, and a card number
// typed into the comment is hidden before it is kept, and the customer is told.
import { expect } from '@open-wc/testing';
import { agentDesktop, closeFrames, guestPage, linkToken, tileVideoFrames, escalateInChat } from '../support/desk.js';
import { until } from '../support/test-env.js';

describe('the agent’s name, and the rating’s scale', function () {
  this.timeout(90_000);
  afterEach(() => closeFrames());

  it('shows the customer the agent’s name, and after the call which end of the rating is good', async () => {
    const agent = await agentDesktop(180, { agentName: 'Sam Rivera' });
    const customer = await guestPage(linkToken((await escalateInChat(agent.context)).url));
    await until('the customer to see the agent', () => tileVideoFrames(customer), 30_000);
    const tile = customer.shadowRoot!.querySelector('[part=tile] figcaption')!;
    expect(tile.textContent!.trim()).to.equal('Sam Rivera');

    agent.context.send({ type: 'HANGUP' });
    const scale = await until(
      'the rating',
      () => customer.shadowRoot!.querySelector<HTMLElement>('form[part=rating] .scale-ends') ?? undefined,
      20_000,
    );
    const [low, high] = [...scale.querySelectorAll('span')];
    expect([low!.textContent, high!.textContent]).to.deep.equal(['1, very poor', '5, very good']);
    const [lowBox, highBox] = [low!.getBoundingClientRect(), high!.getBoundingClientRect()];
    expect(lowBox.height > 0 && highBox.height > 0, 'on screen').to.equal(true);
    expect(lowBox.left < highBox.left, 'poor on the left, good on the right, as the squares go').to.equal(true);

    // A comment with a card number in it: told before not to, and after what was hidden.
    const form = customer.shadowRoot!.querySelector<HTMLFormElement>('form[part=rating]')!;
    const comment = form.querySelector('textarea')!;
    expect(customer.shadowRoot!.getElementById(comment.getAttribute('aria-describedby')!)!.textContent).to.contain(
      'Please do not type card numbers',
    );
    form.querySelector<HTMLInputElement>('input[value="4"]')!.click();
    comment.value = 'Good, though I read my card 4111 1111 1111 1111 out on the phone';
    form.requestSubmit();
    const thanks = await until(
      'the thanks',
      () => customer.shadowRoot!.querySelector('[part=rating][role=status]') ?? undefined,
      10_000,
    );
    expect(thanks.textContent).to.contain('Before keeping your comment we hid a card number.');
  });
});
