// The guest element drops into an existing chat widget: the demo's customer side is a chat pane
// (demo/customer-chat.html), and the agent's link message arrives in it as a join card, so the
// customer goes from chat to video without leaving the conversation. Both demo pages, as they
// are, on the real service and Janus.
import { expect } from '@open-wc/testing';
import type { EscalationContextElement } from '../../src/elements/escalation-context/escalation-context.js';
import type { VideoRoomElement } from '../../src/elements/video-room/video-room.js';
import { agentButton, closeFrames, frame, tileVideoFrames } from '../support/desk.js';
import { until } from '../support/test-env.js';

describe('the customer joins from inside their chat (demo pages, real stack)', function () {
  this.timeout(90_000);
  afterEach(() => closeFrames());

  it('gets the link as a join card in the conversation and is on video there, the chat still around it', async () => {
    const desk = frame('/demo/index.html');
    desk.style.cssText = 'width:1280px;height:800px;border:0';
    const chat = frame('/demo/customer-chat.html');
    chat.style.cssText = 'width:360px;height:740px;border:0';
    const context = await until(
      'the desk ready to escalate',
      () => {
        const found = desk.contentDocument?.querySelector<EscalationContextElement>('escalation-context');
        const button = found?.querySelector('escalate-button')?.shadowRoot?.querySelector<HTMLButtonElement>('button.primary');
        return found?.serviceUrl && button && !button.disabled ? found : undefined;
      },
      20_000,
    );
    await until('the customer’s chat', () => chat.contentDocument?.querySelector('#messages') ?? undefined);
    const chatUrl = chat.contentWindow!.location.href;
    agentButton(context).press('Escalate to video');

    const messages = chat.contentDocument!.querySelector('#messages')!;
    const card = await until(
      'the join card in the chat',
      () => messages.querySelector('escalation-join-card') ?? undefined,
      20_000,
    );
    expect(card.closest('.bubble')!.textContent).to.contain('Join me on video:');
    await until('the join button', () => card.shadowRoot?.querySelector<HTMLButtonElement>('[part=join]') ?? undefined).then(
      (join) => join.click(),
    );
    const room = await until(
      'the room in the card',
      () => card.shadowRoot!.querySelector<VideoRoomElement>('[part=room]') ?? undefined,
    );
    const deskRoom = context.querySelector<VideoRoomElement>('video-room')!;
    await until('the customer to see the agent', () => tileVideoFrames(room), 40_000);
    await until('the agent to see the customer', () => tileVideoFrames(deskRoom), 30_000);
    await until('the button on video', () => (agentButton(context).status() === 'On video' ? true : undefined), 15_000);

    // Still the chat: the same page, the conversation above the call, the call inside it.
    expect(chat.contentWindow!.location.href).to.equal(chatUrl);
    expect(messages.textContent).to.contain('my router keeps blinking red');
    expect(messages.contains(card)).to.equal(true);
    const box = room.getBoundingClientRect();
    expect(box.width, 'the call fits the chat pane').to.be.at.most(360);
    context.send({ type: 'HANGUP' });
    await until(
      'the customer told',
      () => (room.shadowRoot!.textContent?.includes('The video call has ended') ? true : undefined),
      15_000,
    );
  });
});
