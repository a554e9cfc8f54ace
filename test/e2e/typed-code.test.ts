// The customer who has only the code the agent read out types it into the join card: three
// groups, case, spaces and dashes not mattering, a pasted code filling all three, focus moving by
// itself, Enter to join; words for a code that cannot be one, and for one the service does not know.
import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import '../../src/define/escalation-join-card.js';
import type { EscalationJoinCardElement } from '../../src/elements/escalation-join-card/escalation-join-card.js';
import type { VideoRoomElement } from '../../src/elements/video-room/video-room.js';
import { selectPhase } from '../../src/core/machine/selectors.js';
import { agentDesktop, closeFrames, escalateBySms } from '../support/desk.js';
import { testEnv, until } from '../support/test-env.js';

const groups = (card: EscalationJoinCardElement) =>
  [...card.shadowRoot!.querySelectorAll<HTMLInputElement>('input.code-group')].map((input) => input.value);
const problem = (card: EscalationJoinCardElement) => card.shadowRoot!.querySelector('.problem')?.textContent ?? '';

async function card(): Promise<EscalationJoinCardElement> {
  const env = await testEnv();
  const element = await fixture<EscalationJoinCardElement>(
    html`<escalation-join-card service-url=${env.serviceUrl}></escalation-join-card>`,
  );
  element.shadowRoot!.querySelector<HTMLInputElement>('input.code-group')!.focus();
  return element;
}

describe('a code typed into the join card', function () {
  this.timeout(90_000);
  afterEach(() => closeFrames());
  after(() => executeServerCommand('service-reset-throttle'));

  it('refuses what cannot be a code, in words that say why, by keyboard alone', async () => {
    const entry = await card();
    expect(entry.shadowRoot!.querySelector('legend')!.textContent).to.equal('Enter the code your agent gave you');
    await expect(entry).to.be.accessible();
    await sendKeys({ type: 'ab1 o0' });
    expect(groups(entry)).to.deep.equal(['AB1', 'O0', '']);
    await sendKeys({ press: 'Enter' });
    await entry.updateComplete;
    expect(problem(entry)).to.equal('Codes never use B 1 O 0: check what you typed with your agent.');
    await expect(entry).to.be.accessible();
    // Backspace walks back across the groups.
    for (let i = 0; i < 5; i += 1) await sendKeys({ press: 'Backspace' });
    expect(groups(entry)).to.deep.equal(['', '', '']);
    await sendKeys({ type: 'acd e' });
    await sendKeys({ press: 'Enter' });
    await entry.updateComplete;
    expect(problem(entry)).to.equal('The code has nine letters and digits; this one has 4.');
  });

  it('takes the code typed loosely or pasted, joins the agent, and offers to type again when the service does not know it', async () => {
    const agent = await agentDesktop(180, { mode: 'voice' });
    const { code } = await escalateBySms(agent.context);

    // A code the service does not know: its words, and back to typing.
    const wrong = await card();
    await sendKeys({ type: 'kkk kkk-kkk' });
    expect(groups(wrong)).to.deep.equal(['KKK', 'KKK', 'KKK']);
    await sendKeys({ press: 'Enter' });
    const room = await until('the room', () => wrong.shadowRoot!.querySelector<VideoRoomElement>('[part=room]') ?? undefined);
    await until('the refusal', () => (room.state === 'error' ? true : undefined), 15_000);
    expect(room.shadowRoot!.querySelector('[role=alert]')!.textContent).to.contain('We could not find this code');
    const again = [...wrong.shadowRoot!.querySelectorAll<HTMLButtonElement>('button')].find(
      (b) => b.textContent === 'Enter the code again',
    )!;
    again.click();
    await wrong.updateComplete;
    expect(groups(wrong), 'kept, to fix one character').to.deep.equal(['KKK', 'KKK', 'KKK']);
    expect(wrong.shadowRoot!.querySelector('[part=room]')).to.equal(null);

    // The right code, pasted into the last group in lower case with spaces: all three fill.
    const right = await card();
    const third = right.shadowRoot!.querySelectorAll<HTMLInputElement>('input.code-group')[2]!;
    const pasted = new DataTransfer();
    pasted.setData('text', ` ${code.toLowerCase().replace(/-/g, ' ')} `);
    third.dispatchEvent(new ClipboardEvent('paste', { clipboardData: pasted, bubbles: true, cancelable: true }));
    await right.updateComplete;
    expect(groups(right).join('-')).to.equal(code);
    await sendKeys({ press: 'Enter' });
    await until(
      'the customer to join the agent',
      () => (selectPhase(agent.context.actor!.getSnapshot()) === 'joined' ? true : undefined),
      40_000,
    );
  });
});
