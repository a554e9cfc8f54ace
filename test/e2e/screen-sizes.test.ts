// The call as people see it on their own screens: the customer's page (demo/guest.html, the page
// a customer's link opens) on phones upright and on their side, a tablet and a desk, and the
// agent's room on a narrow panel and a wide desk. At every size the call fills the screen, the
// other person's picture is shown whole (at least 95 % of it on screen) and the self-view never
// covers it; on a phone, every line of the device check (on screen when camera and microphone
// cannot be used) can be read whole.
import { expect } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import type { VideoRoomElement } from '../../src/elements/video-room/video-room.js';
import { agentDesktop, closeFrames, escalateBySms, frame, tileVideoFrames } from '../support/desk.js';
import { overlaps, visiblePictureFraction, whollyVisible } from '../support/layout.js';
import { until } from '../support/test-env.js';

const SIZES: [number, number][] = [
  [360, 740],
  [414, 860],
  [740, 360],
  [768, 1024],
  [1280, 800],
];

/** Lays the frame out at this size and waits for the page to draw it. */
async function resize(page: HTMLIFrameElement, [width, height]: [number, number]): Promise<Window> {
  page.style.width = `${width}px`;
  page.style.height = `${height}px`;
  // The test page's own frames: the frame's window may still be the blank one its page replaces,
  // whose frame callbacks never come.
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  await new Promise((resolve) => setTimeout(resolve, 150));
  return page.contentWindow!;
}

/** Each remote picture's visible share, with the self-view counted as covering; and whether the self-view overlaps a tile. */
function pictures(room: VideoRoomElement): { fractions: number[]; selfOverTile: boolean } {
  const root = room.shadowRoot!;
  const self = root.querySelector('[part=self]');
  const tiles = [...root.querySelectorAll('[part=tile]')];
  return {
    fractions: tiles.map((tile) => visiblePictureFraction(tile.querySelector('video')!, self ? [self] : [])),
    selfOverTile: Boolean(self && tiles.some((tile) => overlaps(self, tile))),
  };
}

/**
 * An agent escalates by SMS and the customer opens the link on a phone at `size` (in front of
 * everything else the test shows) and presses Join: the agent, the phone's frame and its room.
 * `allow`: what the frame may use (a chat widget's frame may not be allowed camera and microphone).
 */
async function customerJoinsOnPhone(size: [number, number], allow?: string) {
  const agent = await agentDesktop();
  const { code } = await escalateBySms(agent.context);
  const phone = frame(`/demo/guest.html?code=${code}`, allow);
  phone.style.cssText += ';position:fixed;left:0;top:0;z-index:1;background:#fff';
  await resize(phone, size);
  const card = await until(
    'the join card',
    () => phone.contentDocument?.querySelector('escalation-join-card') ?? undefined,
    20_000,
  );
  const join = await until(
    'the join button',
    () => card.shadowRoot?.querySelector<HTMLButtonElement>('[part=join]') ?? undefined,
  );
  join.click();
  const room = await until('the room', () => card.shadowRoot!.querySelector<VideoRoomElement>('[part=room]') ?? undefined);
  return { agent, phone, room };
}

const round = (fractions: number[]) => fractions.map((fraction) => fraction.toFixed(3)).join(', ');

describe('the call at phone, tablet and desk sizes (real Janus, real service)', function () {
  this.timeout(120_000);
  before(() => setViewport({ width: 1300, height: 1060 }));
  afterEach(() => closeFrames());

  it('on the customer’s page: the call fills the screen, the agent’s picture is whole and uncovered', async () => {
    const { agent, phone, room } = await customerJoinsOnPhone(SIZES[0]!);
    await until('the customer to see the agent', () => tileVideoFrames(room), 30_000);
    await until('the agent to see the customer', () => tileVideoFrames(agent.room), 30_000);
    for (const size of SIZES) {
      const view = await resize(phone, size);
      const box = room.getBoundingClientRect();
      const filled = (box.width * box.height) / (view.innerWidth * view.innerHeight);
      const { fractions, selfOverTile } = pictures(room);
      console.log(
        `customer at ${size.join('×')}: the call fills ${(filled * 100).toFixed(0)} % of the screen; agent's picture visible ${round(fractions)}`,
      );
      expect(filled, `the call fills the ${size.join('×')} screen`).to.be.at.least(0.8);
      expect(phone.contentDocument!.documentElement.scrollWidth, 'nothing wider than the screen').to.be.at.most(view.innerWidth);
      expect(fractions.length).to.equal(1);
      expect(Math.min(...fractions), `the agent's picture at ${size.join('×')}`).to.be.at.least(0.95);
      expect(selfOverTile, `the self-view beside, not over, the agent at ${size.join('×')}`).to.equal(false);
    }

    // The agent: the desk's narrow panel (480×340) and a wide desk.
    const desk = agent.room.ownerDocument.defaultView!.frameElement as HTMLIFrameElement;
    for (const size of [[480, 340] as [number, number], [1280, 800] as [number, number]]) {
      await resize(desk, size);
      const { fractions, selfOverTile } = pictures(agent.room);
      console.log(`agent at ${size.join('×')}: the customer's picture visible ${round(fractions)}`);
      expect(Math.min(...fractions), `the customer's picture at ${size.join('×')}`).to.be.at.least(0.95);
      expect(selfOverTile, `the self-view beside, not over, the customer at ${size.join('×')}`).to.equal(false);
    }
    agent.context.send({ type: 'HANGUP' });
  });
  it('on the customer’s phone: every line of the device check, shown when camera and microphone cannot be used, can be read whole', async () => {
    // A chat widget's frame that was not allowed the camera and microphone.
    const { agent, phone, room } = await customerJoinsOnPhone([360, 740], "camera 'none'; microphone 'none'");
    const check = await until(
      'the device check',
      () => room.shadowRoot?.querySelector('[part=device-check]') ?? undefined,
      20_000,
    );
    await until('its verdict', () => check.shadowRoot?.querySelector('[part=summary]')?.textContent || undefined, 20_000);
    // What to do takes more than a phone's height: each line of it can be scrolled wholly into view,
    // and nothing is wider than the screen.
    const lines = [...check.shadowRoot!.querySelectorAll('[part=check], [part=summary]')];
    let whole = 0;
    for (const line of lines) {
      line.scrollIntoView({ block: 'nearest' });
      await new Promise((resolve) => requestAnimationFrame(resolve));
      if (whollyVisible(line)) whole++;
    }
    console.log(`device check at 360×740, camera and microphone refused: ${whole} of ${lines.length} lines seen whole`);
    expect(whole).to.equal(lines.length);
    expect(phone.contentDocument!.documentElement.scrollWidth, 'nothing wider than the screen').to.be.at.most(360);
    agent.context.send({ type: 'HANGUP' });
  });
});
