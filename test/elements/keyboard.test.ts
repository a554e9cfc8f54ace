// Keyboard only, with real key presses (Tab, Shift+Tab, Enter, Space, Escape, arrows) sent
// through the browser: every control is reached and works, focus lands where a person expects
// after each state change (never back at the top of the page), and focus is visible.
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/define/all.js';
import type { EscalationContextElement } from '../../src/elements/escalation-context/escalation-context.js';
import type { VideoRoomElement } from '../../src/elements/video-room/video-room.js';
import { LoopbackAdapter } from '../../src/core/media/loopback/loopback-adapter.js';
import { instantService, settle } from '../support/machine-harness.js';
import { until } from '../support/test-env.js';

/** The element that has focus, looking inside shadow roots. */
function focused(): HTMLElement | null {
  let active = document.activeElement as HTMLElement | null;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement as HTMLElement;
  return active;
}

const label = () => focused()?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

async function press(key: string) {
  if (key === 'Shift+Tab') {
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
  } else await sendKeys({ press: key });
  await settle();
}

/** A focus indicator a person can see: an outline of some width, or the browser's own ring. */
function expectVisibleFocus(element: HTMLElement | null) {
  expect(element, 'something has focus').to.not.equal(null);
  expect(element!.matches(':focus-visible'), 'focus-visible').to.equal(true);
  const style = getComputedStyle(element!);
  expect(style.outlineStyle, `outline of ${element!.outerHTML.slice(0, 60)}`).to.not.equal('none');
  expect(parseFloat(style.outlineWidth)).to.be.greaterThan(0);
}

async function untilFocusOn(text: string) {
  return until(
    `focus on “${text}”`,
    () => (label().includes(text) ? true : undefined),
    5000,
    () => label(),
  );
}

describe('keyboard', function () {
  this.timeout(30_000);
  afterEach(() => {
    localStorage.clear();
    sessionStorage.clear();
  });

  it('the agent escalates, resends, invites and ends with keys alone', async () => {
    const page = await fixture<HTMLDivElement>(html`<div>
      <button id="before">Before</button>
      <escalation-context .machine=${instantService()} interaction-id="call-k" channel="voice" customer-name="Ada"
        customer-phone="+15551231234"><escalate-button></escalate-button></escalation-context>
      <button id="after">After</button>
    </div>`);
    const context = page.querySelector<EscalationContextElement>('escalation-context')!;
    await context.updateComplete;
    await page.querySelector('escalate-button')!.updateComplete;
    page.querySelector<HTMLButtonElement>('#before')!.focus();

    await press('Tab');
    expect(label()).to.equal('Escalate to video');
    expectVisibleFocus(focused());
    await press('Shift+Tab');
    expect(focused()?.id).to.equal('before');
    await press('Tab');
    await press('Enter');
    await until('the link to be sent', () => (context.state === 'linkSent' ? true : undefined));
    // The button it pressed became the first action of the new state; focus stayed on it.
    await untilFocusOn('Resend link');
    await press('Tab');
    expect(label()).to.equal('Continue without video');
    await press('Tab');
    expect(label()).to.equal('Cancel');
    await press('Tab');
    expect(focused()?.id, 'Tab leaves the element for the next control on the page').to.equal('after');
    await press('Shift+Tab');
    expect(label()).to.equal('Cancel');

    // The customer joins: the actions become Invite an expert and End video.
    context.send({ type: 'GUEST_JOINED' });
    await until('on video', () => (context.state === 'joined' ? true : undefined));
    await untilFocusOn('Invite an expert');
    await press(' ');
    await untilFocusOn('');
    expect((focused() as HTMLInputElement).name, 'the form opens with focus in its first field').to.equal('name');
    await sendKeys({ type: 'Sam' });
    await press('Escape');
    await untilFocusOn('Invite an expert');
    expectVisibleFocus(focused());
    await press('Enter');
    await sendKeys({ type: 'Sam Rivera' });
    await press('Tab');
    await sendKeys({ type: '+1 555 000 1111' });
    await press('Enter');
    await until('the invite to go out', () => (context.actor!.getSnapshot().context.expert ? true : undefined));
    await untilFocusOn('Cancel invite');
    await press('Tab');
    expect(label()).to.equal('End video');
    await press('Enter');
    await until('the video to end', () => (['closing', 'closed'].includes(context.state) ? true : undefined));
    // End video is gone with the call: focus is still in the element, on what it offers now.
    await until('focus in the button', () => (focused()?.closest('.base') || focused()?.tagName === 'BUTTON' ? true : undefined));
    expect(focused()?.id).to.not.equal('before');
    expect(focused()).to.not.equal(document.body);
  });

  it('the customer types the code and joins with keys alone; Join hands focus to the room', async () => {
    const page = await fixture<HTMLDivElement>(html`<div>
      <button id="before">Before</button>
      <escalation-join-card service-url="http://127.0.0.1:9" no-device-check></escalation-join-card>
    </div>`);
    const card = page.querySelector('escalation-join-card')!;
    await card.updateComplete;
    page.querySelector<HTMLButtonElement>('#before')!.focus();
    await press('Tab');
    expect(focused()?.classList.contains('code-group')).to.equal(true);
    expectVisibleFocus(focused());
    // A too-short code is refused with words, and focus goes back to the first group.
    await sendKeys({ type: 'ACD' });
    await press('Enter');
    await until('the problem', () => card.shadowRoot!.querySelector('#code-problem') ?? undefined);
    expect((focused() as HTMLInputElement).dataset.group).to.equal('0');
    // Typing moves from group to group by itself.
    await sendKeys({ type: 'EFHJKM' });
    expect((focused() as HTMLInputElement).dataset.group).to.equal('2');
    await press('Enter');
    const room = await until('the room', () => card.shadowRoot!.querySelector('[part=room]') ?? undefined);
    await until(
      'focus on the room',
      () => (card.shadowRoot!.activeElement === room ? true : undefined),
      5000,
      () => focused()?.outerHTML,
    );
  });

  it('a card with its code joins with Tab then Space', async () => {
    const page = await fixture<HTMLDivElement>(html`<div>
      <button id="before">Before</button>
      <escalation-join-card code="ACD-EFH-JKM" service-url="http://127.0.0.1:9" no-device-check></escalation-join-card>
    </div>`);
    const card = page.querySelector('escalation-join-card')!;
    await card.updateComplete;
    page.querySelector<HTMLButtonElement>('#before')!.focus();
    await press('Tab');
    expect(label()).to.equal('Join the video call');
    expectVisibleFocus(focused());
    await press(' ');
    await until('the room', () => card.shadowRoot!.querySelector('[part=room]') ?? undefined);
  });

  it('the room’s controls: Tab and arrows along the toolbar, Space and Enter to use them, focus on Rejoin after hanging up', async () => {
    const adapter = new LoopbackAdapter({ heartbeatMs: 250, dropAfterMs: 1000 });
    const name = `k-${crypto.randomUUID()}`;
    const page = await fixture<HTMLDivElement>(html`<div style="width:640px;height:420px">
      <button id="before">Before</button>
      <video-room .mediaAdapter=${adapter} room=${name} participant-role="host" display-name="Agent"></video-room>
    </div>`);
    const room = page.querySelector<VideoRoomElement>('video-room')!;
    try {
      await until('waiting for the customer', () => (room.state === 'waiting' ? true : undefined));
      page.querySelector<HTMLButtonElement>('#before')!.focus();
      await press('Tab');
      expect(focused()?.classList.contains('mic')).to.equal(true);
      expectVisibleFocus(focused());
      await press(' ');
      await until('the microphone muted', () => (focused()?.getAttribute('aria-pressed') === 'true' ? true : undefined));
      await press('Enter');
      await until('the microphone back on', () => (focused()?.getAttribute('aria-pressed') === 'false' ? true : undefined));
      await press('ArrowRight');
      expect(focused()?.classList.contains('camera')).to.equal(true);
      await press('End');
      expect(focused()?.classList.contains('hang-up')).to.equal(true);
      await press('ArrowRight');
      expect(focused()?.classList.contains('mic'), 'arrows wrap around').to.equal(true);
      await press('ArrowLeft');
      expect(focused()?.classList.contains('hang-up')).to.equal(true);
      await press('Enter');
      await until('left', () => (room.state === 'left' ? true : undefined));
      await untilFocusOn('Rejoin');
      expectVisibleFocus(focused());
    } finally {
      await room.leave('ended');
    }
  });

  it('the device check: Tab reaches each picker and the test sound, in order', async () => {
    const page = await fixture<HTMLDivElement>(html`<div><button id="before">Before</button><device-check></device-check></div>`);
    const check = page.querySelector('device-check')!;
    await until('the check to finish', () => (check.result ? true : undefined), 15000);
    await check.updateComplete;
    page.querySelector<HTMLButtonElement>('#before')!.focus();
    const reached: string[] = [];
    for (let i = 0; i < 6; i += 1) {
      await press('Tab');
      const element = focused();
      if (!element || !check.shadowRoot!.contains(element)) break;
      expectVisibleFocus(element);
      reached.push(
        element.tagName === 'SELECT'
          ? `select:${(element as HTMLSelectElement).name || element.closest('label')?.textContent?.trim().split(/\s/)[0]}`
          : label(),
      );
    }
    expect(reached.length, reached.join(' | ')).to.be.greaterThan(1);
    expect(
      reached.some((what) => what.startsWith('select')),
      reached.join(' | '),
    ).to.equal(true);
  });
});
