// The agent's room tells the truth around a call: before one it says there is none (not
// "Joining"), and after End video or Cancel it says the call ended, with no control that does
// nothing (a Rejoin into a room the escalation destroyed) and no large empty box.
import { expect } from '@open-wc/testing';
import { selectPhase } from '../../src/core/machine/selectors.js';
import { agentButton, agentDesktop, closeFrames } from '../support/desk.js';
import { until } from '../support/test-env.js';

describe('the agent’s room before and after a call', function () {
  this.timeout(60_000);
  afterEach(() => closeFrames());

  it('says there is no call, then after Cancel that the call ended, with no dead controls', async () => {
    const agent = await agentDesktop();
    const shadow = agent.room.shadowRoot!;
    await agent.room.updateComplete;
    expect(shadow.textContent).to.contain('No video call');
    expect(shadow.textContent).not.to.contain('Joining');
    expect(shadow.querySelectorAll('button')).to.have.length(0);

    agent.context.send({
      type: 'REQUEST',
      interaction: { id: `chat-${crypto.randomUUID()}`, channel: 'chat', customerName: 'Ada Customer' },
      delivery: { channel: 'chat' },
    });
    await until('the agent waiting in the room', () => (agent.room.state === 'waiting' ? true : undefined), 20_000);
    const waitingHeight = shadow.querySelector('.room')!.getBoundingClientRect().height;
    agentButton(agent.context).press('Cancel');
    await until(
      'the escalation to close',
      () => (agent.context.actor!.getSnapshot().status === 'done' ? true : undefined),
      20_000,
    );
    expect(selectPhase(agent.context.actor!.getSnapshot())).to.equal('closed');
    await until('the room to end', () => (agent.room.state === 'left' ? true : undefined));
    await agent.room.updateComplete;
    expect(shadow.querySelector('[role=status]')!.textContent).to.equal('The video call has ended');
    expect(shadow.textContent).not.to.contain('You left the video call');
    expect(shadow.querySelectorAll('button'), 'no Rejoin into a destroyed room').to.have.length(0);
    const endedHeight = shadow.querySelector('.room')!.getBoundingClientRect().height;
    expect(endedHeight, 'a line, not the call’s box').to.be.below(Math.min(100, waitingHeight / 2));
  });
});
