// When the customer cannot do video, the agent and an expert still consult on video while the
// customer stays on the phone, on the real service and Janus: the consult is a room of its own
// with no customer way in; an expert from the pool (the ring says it is a consult) or invited by
// address waits in the lobby until let in; ending the consult closes its room and the call is
// back to voice; the summary lists it.
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { EscalationClosedDetail } from '../../src/events/index.js';
import type { VideoRoomElement } from '../../src/elements/video-room/video-room.js';
import { expectAccessibleInFrame } from '../support/axe-in-frame.js';
import {
  agentButton,
  agentDesktop,
  closeFrames,
  codeIn,
  escalateBySms,
  guestPage,
  roomGone,
  smsTo,
  testPhone,
} from '../support/desk.js';
import { askFor, buttonRoot, expertDesk, poolStatus, pressOn, tilesOf } from '../support/experts.js';
import { sleep } from '../../src/core/sleep.js';
import { until } from '../support/test-env.js';

const says = (room: VideoRoomElement, words: string) => (room.shadowRoot?.textContent?.includes(words) ? true : undefined);

describe('a consult with an expert while the customer stays on the phone (real Janus, real service)', function () {
  this.timeout(150_000);
  afterEach(() => closeFrames());
  after(() => executeServerCommand('service-reset-throttle'));

  it('after the customer’s device fails, the agent opens a consult, a pool expert is rung for it, waits in the lobby, is let in; ending it is back to voice', async () => {
    const skill = `routers-${crypto.randomUUID().slice(0, 6)}`;
    const sam = await expertDesk(`sam-${skill}`, 'Sam Expert', skill);
    const agent = await agentDesktop(180, { mode: 'voice', agentName: 'Dana Agent' });
    const button = agentButton(agent.context);
    const { code } = await escalateBySms(agent.context);
    const customerRoom = agent.context.actor!.getSnapshot().context.escalation!.host.room;
    // The customer's phone refuses camera and microphone: the call goes on by voice only.
    await guestPage(code, { allow: "camera 'none'; microphone 'none'", checkDevices: true });
    await until('back to voice', () =>
      button.status() === 'Back to voice: the customer’s device cannot do video' ? true : undefined,
    );
    await roomGone(customerRoom);

    button.press('Consult an expert on video');
    await until('the consult open', () =>
      button.status() === 'Video consult: you and the expert only. The customer is not in it.' ? true : undefined,
    );
    const consult = agent.context.actor!.getSnapshot().context.consult!.escalation!;
    expect(consult.consult).to.equal(true);
    expect(consult.host.room).not.to.equal(customerRoom);
    // No customer code: nothing to send, and the customer's own code opens nothing now.
    expect(consult.guestCode).to.equal('');
    await until('the agent waits for an expert', () =>
      says(agent.room, 'Waiting for the expert. The customer is not in this call'),
    );
    const lateCustomer = await guestPage(code);
    await until('the customer’s old link opens nothing', () => (lateCustomer.state === 'error' ? true : undefined), 20_000);
    await expectAccessibleInFrame(agent.context.querySelector('escalate-button')!);
    await expectAccessibleInFrame(agent.room);

    await askFor(agent.context, skill);
    const ring = await until('Sam’s desk rings', () => sam.shadowRoot!.querySelector('[part=offer]') ?? undefined, 15_000);
    expect(ring.querySelector('[part=consult]')!.textContent).to.equal(
      'A consult with the agent only: the customer is on the phone, not on video.',
    );
    await expectAccessibleInFrame(sam);
    pressOn(ring, 'Accept');
    const samRoom = await until(
      'Sam’s call',
      () => sam.shadowRoot!.querySelector<VideoRoomElement>('[part=call] [part=room]') ?? undefined,
      15_000,
    );
    await until('Sam waits in the lobby', () => says(samRoom, 'Waiting for the agent to let you into the call'), 15_000);
    await until(
      'the agent sees Sam waiting',
      () => (poolStatus(agent.context) === 'Sam Expert is waiting to join the call' ? true : undefined),
      15_000,
    );
    await sleep(1000);
    expect(tilesOf(agent.room), 'nobody let in yet').to.deep.equal([]);

    pressOn(buttonRoot(agent.context), 'Let Sam Expert in');
    await until('Sam in the agent’s room', () => (tilesOf(agent.room).includes('expert') ? true : undefined), 30_000);
    await until('Sam in the call', () => (samRoom.state === 'in-call' ? true : undefined), 30_000);
    // The agent talks to Sam through the page (the customer's phone call is not this room's).
    await until('Sam hears the agent', () => {
      const tile = samRoom.shadowRoot!.querySelector('audio');
      return tile && !tile.muted ? true : undefined;
    });
    expect(samRoom.shadowRoot!.querySelector('[part=consult]')!.textContent).to.equal(
      'A consult with the agent: the customer is not in this video.',
    );
    expect(tilesOf(samRoom)).to.deep.equal(['host']);
    await until(
      'the agent told Sam is in, and what ending does',
      () =>
        buttonRoot(agent.context).querySelector('[part=end-effect]')?.textContent ===
        'Ends the video for you and Sam Expert. The phone call goes on.'
          ? true
          : undefined,
      15_000,
    );
    await expectAccessibleInFrame(agent.context.querySelector('escalate-button')!);
    await expectAccessibleInFrame(samRoom);

    const closed = new Promise<EscalationClosedDetail>((resolve) =>
      agent.context.addEventListener('escalation-closed', (event) => resolve(event.detail), { once: true }),
    );
    button.press('End consult');
    await until('back to voice, the consult over', () =>
      button.status() === 'Back to voice: the customer’s device cannot do video. The consult with the expert ended.'
        ? true
        : undefined,
    );
    await roomGone(consult.host.room);
    await until('Sam told the call ended', () => (samRoom.state === 'left' ? true : undefined), 20_000);

    button.press('Close');
    const { summary } = await closed;
    expect(summary.fallbackReason).to.equal('guest-device');
    expect(summary.consults).to.have.length(1);
    expect(summary.consults[0]!.escalationId).to.equal(consult.id);
    expect(summary.participants.map((stay) => [stay.role, stay.name])).to.deep.equal([
      ['agent', 'Dana Agent'],
      ['expert', 'Sam Expert'],
    ]);
  });

  it('in a chat the agent goes on without video, invites an expert by address to a consult, and the expert waits until let in', async () => {
    const agent = await agentDesktop(180, { agentName: 'Dana Agent' });
    const button = agentButton(agent.context);
    agent.context.send({
      type: 'REQUEST',
      interaction: { id: `chat-${crypto.randomUUID()}`, channel: 'chat', customerName: 'Ada Customer' },
      delivery: { channel: 'chat' },
    });
    await until('the link posted', () => (button.status() === 'Link posted in the chat' ? true : undefined), 20_000);
    button.press('Continue without video');
    await until('back to voice', () => (button.status().startsWith('Back to voice') ? true : undefined));
    button.press('Consult an expert on video');
    await until('the consult open', () => (button.status().startsWith('Video consult') ? true : undefined), 20_000);

    const phone = testPhone();
    agent.context.send({ type: 'INVITE_EXPERT', expert: { address: phone, name: 'Lee Expert' } });
    const sms = await smsTo(phone);
    expect(sms.text).to.contain('video consult');
    const lee = await guestPage(codeIn(sms.text));
    await until('Lee waits in the lobby', () => says(lee, 'Waiting for the agent to let you into the call'), 15_000);
    await until(
      'the agent sees Lee waiting',
      () => (poolStatus(agent.context) === 'Lee Expert is waiting to join the call' ? true : undefined),
      15_000,
    );
    pressOn(buttonRoot(agent.context), 'Let Lee Expert in');
    await until('Lee in the agent’s room', () => (tilesOf(agent.room).includes('expert') ? true : undefined), 30_000);
    await until(
      'the agent told Lee is in, and what ending does',
      () =>
        buttonRoot(agent.context).querySelector('[part=end-effect]')?.textContent ===
        'Ends the video for you and Lee Expert. The chat goes on.'
          ? true
          : undefined,
      15_000,
    );
    agent.context.send({ type: 'HANGUP' });
    await until('the escalation ended', () => (button.status() === 'Video ended' ? true : undefined), 20_000);
  });
});
