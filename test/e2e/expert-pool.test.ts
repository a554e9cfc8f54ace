// Experts the contact-center way, on the real service and Janus: experts sign in on desks of their
// own with their skills; the agent asks for a skill; the longest-idle free expert is rung first,
// and on a pass the next; the one who accepts waits in the lobby, out of the room, until the agent
// lets them in; the customer is told they came. Nobody free: the agent is told, invites by address,
// and that expert waits in the lobby too, and can be turned away with a reason they read.
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { VideoRoomElement } from '../../src/elements/video-room/video-room.js';
import { expectAccessibleInFrame } from '../support/axe-in-frame.js';
import { closeFrames, codeIn, customerOnVideo, guestPage, smsTo, testPhone } from '../support/desk.js';
import { askFor, buttonRoot, expertDesk, poolStatus, pressOn, tilesOf } from '../support/experts.js';
import { sleep } from '../../src/core/sleep.js';
import { until } from '../support/test-env.js';

async function onVideo() {
  const agent = await customerOnVideo({
    agentName: 'Dana Agent',
    interaction: { caseNumber: 'CS-7781', issue: 'Router lights blink red' },
  });
  await until(
    'the pool’s actions',
    () => (buttonRoot(agent.context).querySelector('[part=pool-status]') ? true : undefined),
    10_000,
  );
  return agent;
}

describe('experts from the pool, and the lobby (real Janus, real service)', function () {
  this.timeout(150_000);
  afterEach(() => closeFrames());
  after(() => executeServerCommand('service-reset-throttle'));

  it('rings the longest-idle free expert first, then the next; the one who accepts waits in the lobby until let in', async () => {
    const skill = `routers-${crypto.randomUUID().slice(0, 6)}`;
    // Sam has been free longest; Kim became free after.
    const sam = await expertDesk(`sam-${skill}`, 'Sam Expert', skill);
    await sleep(1100);
    const kim = await expertDesk(`kim-${skill}`, 'Kim Expert', skill);
    const { context, room, customer } = await onVideo();

    await askFor(context, skill);
    const samRing = await until('Sam’s desk rings', () => sam.shadowRoot!.querySelector('[part=offer]') ?? undefined, 15_000);
    expect(samRing.querySelector('h3')!.textContent).to.equal(`Dana Agent asks for help with ${skill}`);
    expect(kim.shadowRoot!.querySelector('[part=offer]'), 'one ring at a time').to.equal(null);
    await until(
      'the agent told who is rung',
      () => (poolStatus(context) === `Ringing Sam Expert (${skill})…` ? true : undefined),
      10_000,
    );
    await expectAccessibleInFrame(sam);

    pressOn(sam.shadowRoot!, 'Pass');
    const kimRing = await until('Kim’s desk rings', () => kim.shadowRoot!.querySelector('[part=offer]') ?? undefined, 15_000);
    pressOn(kimRing, 'Accept');

    // In the lobby: Kim waits, out of the room; the agent sees who waits.
    const kimRoom = await until(
      'Kim’s call',
      () => kim.shadowRoot!.querySelector<VideoRoomElement>('[part=call] [part=room]') ?? undefined,
      15_000,
    );
    await until(
      'Kim waits in the lobby',
      () => (kimRoom.shadowRoot?.textContent?.includes('Waiting for the agent to let you into the call') ? true : undefined),
      15_000,
    );
    await until(
      'the agent sees Kim waiting',
      () => (poolStatus(context) === 'Kim Expert is waiting to join the call' ? true : undefined),
      15_000,
    );
    await sleep(1500);
    expect(tilesOf(room), 'nobody let in yet').not.to.include('expert');
    await expectAccessibleInFrame(context.querySelector('escalate-button')!);

    pressOn(buttonRoot(context), 'Let Kim Expert in');
    await until('Kim in the agent’s room', () => (tilesOf(room).includes('expert') ? true : undefined), 30_000);
    await until('Kim in the call', () => (kimRoom.state === 'in-call' ? true : undefined), 30_000);
    await until(
      'the customer told',
      () =>
        customer.shadowRoot!.querySelector('[part=arrivals]')?.textContent === 'Kim Expert joined the call to help.'
          ? true
          : undefined,
      15_000,
    );
    // The agent's news comes on a stream of its own: it may land a moment after the customer's.
    await until('the agent told Kim joined', () =>
      buttonRoot(context).querySelector('[part=expert-status]')?.textContent === 'Kim Expert joined the call' ? true : undefined,
    );
    context.send({ type: 'HANGUP' });
  });

  it('tells the agent when an expert waiting in the lobby closes their page', async () => {
    const skill = `meters-${crypto.randomUUID().slice(0, 6)}`;
    const lee = await expertDesk(`lee-${skill}`, 'Lee Expert', skill);
    const { context, room } = await onVideo();
    await askFor(context, skill);
    const ring = await until('Lee’s desk rings', () => lee.shadowRoot!.querySelector('[part=offer]') ?? undefined, 15_000);
    pressOn(ring, 'Accept');
    const leeRoom = await until(
      'Lee’s call',
      () => lee.shadowRoot!.querySelector<VideoRoomElement>('[part=call] [part=room]') ?? undefined,
      15_000,
    );
    await until('Lee waits in the lobby', () =>
      leeRoom.shadowRoot?.textContent?.includes('Waiting for the agent to let you into the call') ? true : undefined,
    );
    await until('the agent sees Lee waiting', () =>
      poolStatus(context) === 'Lee Expert is waiting to join the call' ? true : undefined,
    );
    // Lee closes the desk's tab.
    lee.ownerDocument.defaultView!.frameElement!.remove();
    await until(
      'the agent told Lee left',
      () =>
        poolStatus(context) === 'Lee Expert stopped waiting and left. Ask for an expert again, or invite one by address.'
          ? true
          : undefined,
      15_000,
    );
    expect(tilesOf(room)).not.to.include('expert');
    context.send({ type: 'HANGUP' });
  });

  it('tells the agent nobody is free; an expert invited by address waits in the lobby and reads why they were turned away', async () => {
    const { context } = await onVideo();
    const skill = `plumbing-${crypto.randomUUID().slice(0, 6)}`;
    await askFor(context, skill);
    await until(
      'the agent told nobody is free',
      () =>
        poolStatus(context) === `No expert in ${skill} is free right now. Invite one by address instead.` ? true : undefined,
      75_000,
    );

    const phone = testPhone();
    context.send({ type: 'INVITE_EXPERT', expert: { address: phone, name: 'Lee Expert' } });
    const expert = await guestPage(codeIn((await smsTo(phone)).text));
    await until(
      'the expert waits in the lobby',
      () => (expert.shadowRoot?.textContent?.includes('Waiting for the agent to let you into the call') ? true : undefined),
      15_000,
    );
    await until(
      'the agent sees them',
      () => (poolStatus(context) === 'Lee Expert is waiting to join the call' ? true : undefined),
      15_000,
    );
    pressOn(buttonRoot(context), 'Turn Lee Expert away');
    const form = await until(
      'the reason form',
      () => buttonRoot(context).querySelector<HTMLFormElement>('form[part=expert-form]') ?? undefined,
    );
    form.querySelector<HTMLInputElement>('input[name=reason]')!.value = 'The customer’s router works again';
    form.requestSubmit();
    await until(
      'the expert reads why',
      () =>
        expert.shadowRoot?.textContent?.includes('The agent did not let you into the call: “The customer’s router works again”')
          ? true
          : undefined,
      15_000,
    );
    expect(poolStatus(context)).to.equal('You turned Lee Expert away');
    context.send({ type: 'HANGUP' });
  });
});
