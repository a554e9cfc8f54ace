// A page that defines all five elements under its own prefix (as a CRM page must, to avoid
// clashing names): the elements find each other by the names the page gave them, and a whole
// call runs through them, the customer's join card and device check included.
import { expect } from '@open-wc/testing';
import type { EscalationContextElement } from '../../src/elements/escalation-context/escalation-context.js';
import type { EscalationJoinCardElement } from '../../src/elements/escalation-join-card/escalation-join-card.js';
import type { VideoRoomElement } from '../../src/elements/video-room/video-room.js';
import { closeFrames, frame, linkToken, tileVideoFrames } from '../support/desk.js';
import { testEnv, until } from '../support/test-env.js';

describe('every element under a page prefix', function () {
  this.timeout(90_000);
  afterEach(() => closeFrames());

  it('runs a call from the agent’s acme-* desk to the customer’s acme-* join card', async () => {
    const env = await testEnv();
    const agentFrame = frame(
      `/test/support/prefixed-page.html?${new URLSearchParams({ side: 'agent', service: env.serviceUrl })}`,
    );
    const context = (await until(
      'the agent desk',
      () =>
        agentFrame.contentDocument?.querySelector<EscalationContextElement>('acme-escalation-context')?.actor &&
        agentFrame.contentDocument.querySelector<EscalationContextElement>('acme-escalation-context')!,
      20_000,
    ))!;
    const agentRoom = context.querySelector<VideoRoomElement>('acme-video-room')!;
    const link = new Promise<{ url: string }>((resolve) =>
      context.addEventListener('escalation-link', (event) => resolve(event.detail as { url: string }), { once: true }),
    );
    context.send({
      type: 'REQUEST',
      interaction: { id: `chat-${crypto.randomUUID()}`, channel: 'chat', customerName: 'Ada Customer' },
      delivery: { channel: 'chat' },
    });
    const { url } = await link;

    const guestFrame = frame(
      `/test/support/prefixed-page.html?${new URLSearchParams({ side: 'guest', service: env.serviceUrl, code: linkToken(url) })}`,
    );
    const card = await until(
      'the join card',
      () => guestFrame.contentDocument?.querySelector<EscalationJoinCardElement>('acme-escalation-join-card') ?? undefined,
      20_000,
    );
    await card.updateComplete;
    card.shadowRoot!.querySelector<HTMLButtonElement>('[part=join]')!.click();
    await card.updateComplete;
    const customerRoom = card.shadowRoot!.querySelector<VideoRoomElement>('acme-video-room');
    expect(customerRoom, 'the card shows the room under the page’s name').not.to.equal(null);
    await until(
      'the device check, under the page’s name',
      () =>
        customerRoom!.shadowRoot!.querySelector('acme-device-check') ?? (customerRoom!.state === 'in-call' ? true : undefined),
      20_000,
    );
    await until('the customer to see the agent', () => tileVideoFrames(customerRoom!), 40_000);
    await until('the agent to see the customer', () => tileVideoFrames(agentRoom), 30_000);
    const guestWindow = guestFrame.contentWindow as Window & typeof globalThis;
    expect(
      ['video-room', 'device-check', 'escalation-join-card'].filter((name) => guestWindow.customElements.get(name)),
      'no default names taken on the page',
    ).to.deep.equal([]);

    const endVideo = [...context.querySelector('acme-escalate-button')!.shadowRoot!.querySelectorAll('button')].find(
      (button) => button.textContent === 'End video',
    )!;
    endVideo.click();
    await until('the escalation to close', () => (context.actor!.getSnapshot().status === 'done' ? true : undefined), 20_000);
    await until(
      'the customer to be told the call ended',
      () => (customerRoom!.shadowRoot!.textContent?.includes('The video call has ended') ? true : undefined),
      15_000,
    );
  });
});
