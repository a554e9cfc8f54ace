// A customer who closes the page mid-call tells nobody: the agent's room sees their tile go. The
// agent is told at once that the customer left, sees how long they have to come back, and when
// they do not, the call falls back to voice (reason guest-left) and the room is torn down.
import { expect } from '@open-wc/testing';
import { selectPhase } from '../../src/core/machine/selectors.js';
import {
  agentButton,
  agentDesktop,
  closeFrames,
  guestPage,
  linkToken,
  roomGone,
  tileVideoFrames,
  escalateInChat,
} from '../support/desk.js';
import { until } from '../support/test-env.js';

describe('a customer who closes the page mid-call', function () {
  this.timeout(90_000);
  afterEach(() => closeFrames());

  it('is shown as gone on the agent’s side at once, with the time left to come back, then falls back to voice', async () => {
    const agent = await agentDesktop(180, { rejoinGrace: 8 });
    const { url } = await escalateInChat(agent.context);
    const host = agent.context.actor!.getSnapshot().context.escalation!.host;
    const customer = await guestPage(linkToken(url));
    await until('the agent to see the customer', () => tileVideoFrames(agent.room), 30_000);
    await until('the escalation joined', () => (selectPhase(agent.context.actor!.getSnapshot()) === 'joined' ? true : undefined));
    const button = agentButton(agent.context);
    expect(button.status()).to.equal('On video');

    const closedAt = performance.now();
    customer.ownerDocument.defaultView!.frameElement!.remove();
    await until(
      'the agent told the customer left',
      () => (button.status() === 'The customer left the call' ? true : undefined),
      10_000,
    );
    console.log(
      `customer left: the agent's button says so ${((performance.now() - closedAt) / 1000).toFixed(1)} s after the page closed`,
    );
    const countdown = () =>
      agent.context.querySelector('escalate-button')!.shadowRoot!.querySelector('[part=countdown]')?.textContent ?? '';
    expect(countdown()).to.match(/^Video ends in [1-8] sec unless they come back$/);
    const first = Number(/\d+/.exec(countdown())![0]);
    await until('the countdown to move', () => (Number(/\d+/.exec(countdown())?.[0] ?? first) < first ? true : undefined), 3_000);
    expect(agent.room.shadowRoot!.querySelector('[part=stage]')!.textContent).to.contain('The customer left the call');

    await until(
      'the fallback to voice',
      () => (selectPhase(agent.context.actor!.getSnapshot()) === 'fallbackToVoice' ? true : undefined),
      15_000,
    );
    expect(agent.context.actor!.getSnapshot().context.fallbackReason).to.equal('guest-left');
    await roomGone(host.room);
  });
});
