// <escalation-join-card> against the real service: the permission step first, and a way to ask
// for a new link when the code does not work.
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../src/define/escalation-join-card.js';
import type { EscalationJoinCardElement } from '../../src/elements/escalation-join-card/escalation-join-card.js';
import type { VideoRoomElement } from '../../src/elements/video-room/video-room.js';
import { testEnv, until } from '../support/test-env.js';

describe('<escalation-join-card>', function () {
  this.timeout(30_000);
  after(() => executeServerCommand('service-reset-throttle'));

  it('says what the browser will ask before joining, and offers a new link when the code fails', async () => {
    const env = await testEnv();
    const card = await fixture<EscalationJoinCardElement>(
      html`<escalation-join-card code="KAKAKAK" service-url=${env.serviceUrl}></escalation-join-card>`,
    );
    const root = card.shadowRoot!;
    expect(root.textContent).to.contain('Your agent invites you to a video call.');
    expect(root.textContent).to.contain('your browser asks to use your camera and microphone');
    await expect(card).to.be.accessible();
    root.querySelector<HTMLButtonElement>('button[part=join]')!.click();
    await card.updateComplete;
    const room = root.querySelector<VideoRoomElement>('video-room')!;
    await until('the code error', () => (room.state === 'error' ? true : undefined), 15_000);
    await card.updateComplete;
    expect(room.shadowRoot!.querySelector('[role=alert]')!.textContent).to.contain('We could not find this code');
    const ask = root.querySelector<HTMLButtonElement>('button.secondary')!;
    expect(ask.textContent).to.equal('Ask for a new link');
    await expect(card).to.be.accessible();
    const request = oneEvent(card, 'escalation-new-link-request');
    ask.click();
    expect((await request).detail.code).to.equal('KAKAKAK');
    // No escalation has this code, so no agent hears it through the service: the customer is
    // asked to say it where they talk to the agent (the chat widget got the event to post, too).
    await until('the answer', () => root.querySelector('[role=status]')?.textContent ?? undefined, 10_000);
    expect(root.querySelector('[role=status]')!.textContent).to.equal(
      'Please ask your agent for a new link, in the chat or on the phone.',
    );
    await expect(card).to.be.accessible();
  });
});
