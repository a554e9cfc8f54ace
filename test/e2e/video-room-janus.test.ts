// <video-room> on a real Janus, each participant in a page of its own (an iframe): agent and
// customer see each other, an expert joins, a screen share and a mute reach the others, the
// room survives a Janus restart, and a closed page drops out.
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { VideoRoomElement } from '../../src/elements/video-room/video-room.js';
import { createJanusRoom, testEnv, until } from '../support/test-env.js';

interface Page {
  frame: HTMLIFrameElement;
  room: VideoRoomElement;
}

const frames: HTMLIFrameElement[] = [];

async function openPage(
  { room, token }: { room: string; token: string },
  role: 'host' | 'guest' | 'expert',
  name: string,
): Promise<Page> {
  const env = await testEnv();
  const frame = document.createElement('iframe');
  frame.style.cssText = 'width:480px;height:320px;border:0';
  frame.src = `/test/support/room-page.html?${new URLSearchParams({ server: env.janusWsUrl, room, token, role, name })}`;
  document.body.append(frame);
  frames.push(frame);
  const element = await until(
    `${name}'s page to load`,
    () => frame.contentDocument?.querySelector('video-room') ?? undefined,
    20_000,
  );
  return { frame, room: element as VideoRoomElement };
}

const shadow = (page: Page) => page.room.shadowRoot!;

function tileOf(page: Page, name: string): HTMLElement | undefined {
  return [...shadow(page).querySelectorAll<HTMLElement>('[part=tile]')].find((tile) => tile.textContent?.includes(name));
}

/** Waits until `viewer` shows `name` with video frames actually rendered in the tile. */
async function seesVideoOf(viewer: Page, name: string): Promise<number> {
  return until(
    `${viewer.room.displayName} to see ${name}'s video`,
    () => {
      const video = tileOf(viewer, name)?.querySelector('video');
      const frames = video ? video.getVideoPlaybackQuality().totalVideoFrames : 0;
      return video && video.videoWidth > 0 && frames > 2 ? frames : undefined;
    },
    30_000,
  );
}

describe('<video-room> on Janus, one page per participant', function () {
  this.timeout(120_000);

  afterEach(async () => {
    for (const frame of frames.splice(0)) {
      await frame.contentDocument?.querySelector<VideoRoomElement>('video-room')?.leave('ended');
      frame.remove();
    }
  });

  it('agent, customer and expert see each other; a mute and a screen share reach the others', async () => {
    const room = await createJanusRoom();
    const agent = await openPage(room, 'host', 'Agent Smith');
    const customer = await openPage(room, 'guest', 'Ada Customer');
    await seesVideoOf(agent, 'Ada Customer');
    await seesVideoOf(customer, 'Agent Smith');
    // Where the join spent its time, on the page's timeline for a host's developer tools.
    const steps = (agent.frame.contentWindow as Window & typeof globalThis).performance
      .getEntriesByType('mark')
      .filter((mark) => mark.name.startsWith('escalate-video:') && (mark as PerformanceMark).detail === 'Agent Smith')
      .map((mark) => mark.name.slice('escalate-video:'.length));
    expect(steps).to.include.members(['join-start', 'media-ready', 'session-open', 'joined', 'offer-sent', 'answer-applied']);
    const expert = await openPage(room, 'expert', 'Sam Expert');
    await Promise.all([
      seesVideoOf(expert, 'Agent Smith'),
      seesVideoOf(expert, 'Ada Customer'),
      seesVideoOf(agent, 'Sam Expert'),
      seesVideoOf(customer, 'Sam Expert'),
    ]);
    expect(agent.room.state).to.equal('in-call');

    shadow(customer).querySelector<HTMLButtonElement>('button.mic')!.click();
    await until(
      'the agent to see the customer muted',
      () => tileOf(agent, 'Ada Customer')?.querySelector('[aria-label="microphone muted"]') ?? undefined,
      15_000,
    );

    // The agent's page shares a screen (a drawn canvas: headless Chromium has no screen picker).
    const win = agent.frame.contentWindow as Window & typeof globalThis;
    const canvas = Object.assign(win.document.createElement('canvas'), { width: 640, height: 360 });
    const paint = win.setInterval(() => {
      const context = canvas.getContext('2d')!;
      context.fillStyle = `hsl(${Date.now() % 360} 60% 50%)`;
      context.fillRect(0, 0, 640, 360);
    }, 40);
    win.navigator.mediaDevices.getDisplayMedia = async () => canvas.captureStream(25);
    try {
      shadow(agent).querySelector<HTMLButtonElement>('button.share')!.click();
      for (const viewer of [customer, expert]) {
        await until(
          `${viewer.room.displayName} to see the shared screen`,
          () => {
            const video = shadow(viewer).querySelector<HTMLVideoElement>('[part=screen] video');
            return video && video.videoWidth > 0 && video.getVideoPlaybackQuality().totalVideoFrames > 2 ? true : undefined;
          },
          30_000,
        );
        expect(shadow(viewer).querySelector('[part=screen]')!.textContent).to.contain('Agent Smith is sharing their screen');
      }
    } finally {
      win.clearInterval(paint);
    }
  });

  it('shows reconnecting while Janus restarts, then media flows again', async () => {
    const room = await createJanusRoom();
    const agent = await openPage(room, 'host', 'Agent Smith');
    const customer = await openPage(room, 'guest', 'Ada Customer');
    await seesVideoOf(agent, 'Ada Customer');
    const restart = executeServerCommand('janus-restart', { downMs: 1500 });
    await until(
      'the agent to show reconnecting',
      () => (shadow(agent).textContent?.includes('Reconnecting…') ? true : undefined),
      15_000,
    );
    expect(agent.room.state).to.equal('reconnecting');
    await restart;
    await until('the agent back in the call', () => (agent.room.state === 'in-call' ? true : undefined), 40_000);
    await seesVideoOf(agent, 'Ada Customer');
    await seesVideoOf(customer, 'Agent Smith');
  });

  it('drops a participant whose page was closed within a few seconds', async () => {
    const room = await createJanusRoom();
    const agent = await openPage(room, 'host', 'Agent Smith');
    const customer = await openPage(room, 'guest', 'Ada Customer');
    await seesVideoOf(agent, 'Ada Customer');
    const closed = performance.now();
    customer.frame.remove();
    await until('the customer to be dropped', () => (tileOf(agent, 'Ada Customer') ? undefined : true), 15_000);
    expect(performance.now() - closed).to.be.below(5_000);
    await until('the agent to wait again', () => (agent.room.state === 'waiting' ? true : undefined));
    // Not "waiting for the customer to join": they were here, and left (issue 13).
    expect(shadow(agent).textContent).to.contain('The customer left the call');
  });
});
