// The escalation joins the agent's call itself: a desk with an <escalation-context> and a button
// but no <video-room> still puts the agent in the room, reports the media as up, and leaves it
// when video ends. (Before, without a room element, the agent never joined.)
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { selectPhase } from '../../src/core/machine/selectors.js';
import { agentDesktop, closeFrames, guestPage, linkToken, roomGone, tileVideoFrames, escalateInChat } from '../support/desk.js';
import { until } from '../support/test-env.js';

describe('<escalation-context> without a <video-room>', function () {
  this.timeout(90_000);
  afterEach(() => closeFrames());

  it('joins the agent to the room, reports media up, and leaves when the agent hangs up', async () => {
    const agent = await agentDesktop(180, { noRoom: true });
    expect(agent.room, 'no room element on this desk').to.equal(null);
    const { url } = await escalateInChat(agent.context);
    const host = agent.context.actor!.getSnapshot().context.escalation!.host;
    const customer = await guestPage(linkToken(url));
    // The customer sees and hears the agent: the agent is in the room, publishing.
    await until('the customer to see the agent', () => tileVideoFrames(customer), 30_000);
    expect(customer.shadowRoot!.querySelector('[part=tile]')!.textContent).to.contain('Agent');
    await until(
      'the escalation to say joined, with the agent on video',
      () => {
        const snapshot = agent.context.actor!.getSnapshot();
        return selectPhase(snapshot) === 'joined' && snapshot.matches({ inRoom: { joined: { media: 'connected' } } })
          ? true
          : undefined;
      },
      15_000,
    );
    expect(agent.context.actor!.getSnapshot().context.fallbackReason).to.equal(null);

    agent.context.send({ type: 'HANGUP' });
    await until(
      'the escalation to close',
      () => (agent.context.actor!.getSnapshot().status === 'done' ? true : undefined),
      20_000,
    );
    await roomGone(host.room);
    await until(
      'the customer to be told the call ended',
      () => (customer.shadowRoot!.textContent?.includes('The video call has ended') ? true : undefined),
      15_000,
    );
    expect(await executeServerCommand<boolean, { room: string }>('janus-room-exists', { room: host.room })).to.equal(false);
  });
});
