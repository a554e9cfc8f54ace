// The agent's side of experts from the pool and the lobby, in <escalate-button>, with the service
// scripted: asking for a skill (a skill that is not one is refused in words), who is being rung,
// nobody free (then invite by address), an expert waiting, turned away with a reason, or let in.
// Keyboard and axe on each state. (On the real service: e2e/expert-pool.)
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { fromPromise } from 'xstate';
import '../../src/define/escalation-context.js';
import '../../src/define/escalate-button.js';
import type { LobbyInput, RequestExpertInput } from '../../src/core/machine/actors.js';
import type { EscalationContextElement } from '../../src/elements/escalation-context/escalation-context.js';
import type { ExpertRequestStatus } from '../../src/protocol/index.js';
import { instantService, settle } from '../support/machine-harness.js';
import { until } from '../support/test-env.js';

const root = (el: EscalationContextElement) => el.querySelector('escalate-button')!.shadowRoot!;
const actions = (el: EscalationContextElement) =>
  [...root(el).querySelectorAll<HTMLButtonElement>('button[part=action]')].map((button) => button.textContent);
const poolStatus = (el: EscalationContextElement) => root(el).querySelector('[part=pool-status]')?.textContent ?? '';
const press = (el: EscalationContextElement, words: string) =>
  [...root(el).querySelectorAll<HTMLButtonElement>('button')].find((button) => button.textContent === words)!.click();

const ringing = (state: ExpertRequestStatus['state'], who: string | null = null): ExpertRequestStatus => ({
  id: 'req-1',
  skill: 'routers',
  state,
  ringing: who,
  overflowAt: Date.now() + 60_000,
});

async function onVideo(calls: string[]) {
  const machine = instantService().provide({
    actors: {
      requestExpert: fromPromise<ExpertRequestStatus, RequestExpertInput>(async ({ input }) => {
        calls.push(`request:${input.request.skill}`);
        return ringing('ringing');
      }),
      admitExpert: fromPromise<void, LobbyInput>(async ({ input }) => void calls.push(`admit:${input.expertId}`)),
      declineExpert: fromPromise<void, LobbyInput>(
        async ({ input }) => void calls.push(`decline:${input.expertId}:${input.reason}`),
      ),
    },
  });
  const el = await fixture<EscalationContextElement>(html`<escalation-context .machine=${machine}
    interaction-id="call-91" channel="voice" customer-name="Ada Customer" customer-phone="+15551231234">
    <escalate-button></escalate-button></escalation-context>`);
  await settle();
  press(el, 'Escalate to video');
  await settle();
  el.send({ type: 'GUEST_JOINED' });
  await until('the pool’s actions', () => (actions(el).includes('Ask for an expert') ? true : undefined));
  return el;
}

async function settled(el: EscalationContextElement) {
  await settle();
  await el.querySelector('escalate-button')!.updateComplete;
}

describe('experts from the pool, and the lobby, on the agent’s button', () => {
  afterEach(() => {
    localStorage.clear();
    sessionStorage.clear();
  });

  it('asks for a skill from the keyboard, says who is rung, and that nobody is free', async () => {
    const calls: string[] = [];
    const el = await onVideo(calls);
    expect(actions(el)).to.deep.equal(['Invite an expert', 'End video', 'Ask for an expert']);
    [...root(el).querySelectorAll<HTMLButtonElement>('button')]
      .find((button) => button.textContent === 'Ask for an expert')!
      .focus();
    await sendKeys({ press: 'Enter' });
    await settled(el);
    const input = root(el).querySelector<HTMLInputElement>('input[name=skill]')!;
    expect(root(el).activeElement).to.equal(input);
    await expect(el.querySelector('escalate-button')!).to.be.accessible();
    await sendKeys({ type: 'Router lights!' });
    await sendKeys({ press: 'Enter' });
    await settled(el);
    expect(root(el).querySelector('#skill-problem')!.textContent).to.contain('lower-case letters, digits and dashes');
    expect(calls).to.deep.equal([]);
    input.value = '';
    await sendKeys({ type: 'Routers' });
    await sendKeys({ press: 'Enter' });
    await settled(el);
    expect(calls).to.deep.equal(['request:routers']);
    expect(poolStatus(el)).to.equal('Looking for a free expert in routers…');
    el.send({ type: 'EXPERT_REQUEST_CHANGED', status: ringing('ringing', 'Sam Expert') });
    await settled(el);
    expect(poolStatus(el)).to.equal('Ringing Sam Expert (routers)…');
    expect(actions(el)).to.include('Stop ringing');
    el.send({ type: 'EXPERT_REQUEST_CHANGED', status: ringing('no-expert') });
    await settled(el);
    expect(poolStatus(el)).to.equal('No expert in routers is free right now. Invite one by address instead.');
    expect(actions(el)).to.include.members(['Invite an expert', 'Ask for an expert']);
    await expect(el.querySelector('escalate-button')!).to.be.accessible();
  });

  it('keeps an expert in the lobby until the agent lets them in, or turns them away with a reason', async () => {
    const calls: string[] = [];
    const el = await onVideo(calls);
    el.send({ type: 'EXPERT_WAITING', lobby: { id: 'x-1', name: 'Sam Expert', skill: 'routers' } });
    await settled(el);
    expect(poolStatus(el)).to.equal('Sam Expert is waiting to join the call');
    expect(actions(el)).to.include.members(['Let Sam Expert in', 'Turn Sam Expert away']);
    await expect(el.querySelector('escalate-button')!).to.be.accessible();

    press(el, 'Turn Sam Expert away');
    await settled(el);
    const reason = root(el).querySelector<HTMLInputElement>('input[name=reason]')!;
    expect(root(el).activeElement).to.equal(reason);
    reason.value = 'The customer’s router works again';
    await sendKeys({ press: 'Enter' });
    await settled(el);
    expect(calls).to.deep.equal(['decline:x-1:The customer’s router works again']);
    expect(poolStatus(el)).to.equal('You turned Sam Expert away');

    el.send({ type: 'EXPERT_WAITING', lobby: { id: 'x-2', name: 'Kim Expert', skill: null } });
    await settled(el);
    press(el, 'Let Kim Expert in');
    await settled(el);
    expect(calls.at(-1)).to.equal('admit:x-2');
    expect(poolStatus(el)).to.equal('Letting Kim Expert in…');
    el.send({ type: 'EXPERT_JOINED' });
    await settled(el);
    expect(root(el).querySelector('[part=expert-status]')!.textContent).to.equal('Kim Expert joined the call');
    expect(actions(el)).to.include('Remove Kim Expert from the call');
  });

  it('tells the agent when a waiting expert closed their page, and lets them in when they come back', async () => {
    const calls: string[] = [];
    const el = await onVideo(calls);
    el.send({ type: 'EXPERT_WAITING', lobby: { id: 'x-3', name: 'Lee Expert', skill: 'routers' } });
    await settled(el);
    el.send({ type: 'EXPERT_LEFT' });
    await settled(el);
    expect(poolStatus(el)).to.equal('Lee Expert stopped waiting and left. Ask for an expert again, or invite one by address.');
    expect(actions(el)).not.to.include('Let Lee Expert in');
    expect(actions(el)).to.include.members(['Invite an expert', 'Ask for an expert']);
    await expect(el.querySelector('escalate-button')!).to.be.accessible();
    // A reload: they wait again.
    el.send({ type: 'EXPERT_WAITING', lobby: { id: 'x-3', name: 'Lee Expert', skill: 'routers' } });
    await settled(el);
    expect(poolStatus(el)).to.equal('Lee Expert is waiting to join the call');
  });
});
