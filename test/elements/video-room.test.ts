import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/define/video-room.js';
import type { VideoRoomElement } from '../../src/elements/video-room/video-room.js';
import { LoopbackAdapter } from '../../src/core/media/loopback/loopback-adapter.js';
import type { EscalationServiceApi } from '../../src/core/service/types.js';
import { rendersFrames } from '../support/media-fixtures.js';
import { until } from '../support/test-env.js';

const adapter = new LoopbackAdapter({ heartbeatMs: 250, dropAfterMs: 1000 });

async function room(roomName: string, role: 'host' | 'guest', name: string, width = 640) {
  return fixture<VideoRoomElement>(html`<div style="width:${width}px;height:420px">
    <video-room .mediaAdapter=${adapter} room=${roomName} participant-role=${role} display-name=${name}></video-room>
  </div>`).then((wrapper) => wrapper.querySelector('video-room')!);
}

const shadow = (el: VideoRoomElement) => el.shadowRoot!;

type GetUserMedia = MediaDevices['getUserMedia'];

/** Runs `body` with getUserMedia answering as `devices` says (a denied camera, no devices). */
async function withDevices(
  devices: (constraints: MediaStreamConstraints | undefined, original: GetUserMedia) => Promise<MediaStream>,
  body: () => Promise<void>,
) {
  const original = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
  navigator.mediaDevices.getUserMedia = (constraints) => devices(constraints, original);
  try {
    await body();
  } finally {
    navigator.mediaDevices.getUserMedia = original;
  }
}
const stateOf = (el: VideoRoomElement, state: string) => () => (el.state === state ? true : undefined);

describe('<video-room> with the loopback adapter', function () {
  this.timeout(30_000);
  let rooms: VideoRoomElement[] = [];
  afterEach(async () => {
    await Promise.all(rooms.map((el) => el.leave('ended')));
    rooms = [];
  });

  it('waits for the customer, then shows them with their video', async () => {
    const name = `r-${crypto.randomUUID()}`;
    const agent = await room(name, 'host', 'Agent Smith');
    rooms.push(agent);
    await until('the agent to be waiting', stateOf(agent, 'waiting'));
    expect(shadow(agent).querySelector('[part=stage]')!.textContent).to.contain('Waiting for the customer to join');
    await expect(agent).to.be.accessible();
    const guest = await room(name, 'guest', 'Ada Customer');
    rooms.push(guest);
    await until('the agent to be in the call', stateOf(agent, 'in-call'));
    await until('the guest to be in the call', stateOf(guest, 'in-call'));
    const tile = await until(
      'the guest tile',
      () => shadow(agent).querySelector<HTMLElement>('[part=tile][data-role=guest]') ?? undefined,
    );
    expect(tile.textContent).to.contain('Ada Customer');
    const video = await until('guest video in the tile', () => tile.querySelector('video') ?? undefined);
    await rendersFrames((video.srcObject as MediaStream).getVideoTracks()[0]!, 'guest video in the agent room');
    // The self-view is mirrored, as people expect of a preview.
    const self = shadow(agent).querySelector<HTMLVideoElement>('[part=self] video')!;
    expect(getComputedStyle(self).transform).to.contain('matrix(-1');
    await expect(agent).to.be.accessible();
  });

  it('mutes from the keyboard, and the other side sees it', async () => {
    const name = `r-${crypto.randomUUID()}`;
    const agent = await room(name, 'host', 'Agent Smith');
    const guest = await room(name, 'guest', 'Ada Customer');
    rooms.push(agent, guest);
    await until('the call', () => (agent.state === 'in-call' && guest.state === 'in-call' ? true : undefined));
    const mic = shadow(guest).querySelector<HTMLButtonElement>('button.mic')!;
    mic.focus();
    expect(shadow(guest).activeElement).to.equal(mic);
    // A keyboard user presses Enter on the focused button: native buttons turn that into a click.
    mic.click();
    await guest.updateComplete;
    expect(mic.getAttribute('aria-pressed')).to.equal('true');
    expect(mic.textContent).to.contain('Unmute microphone');
    await until(
      'the agent to see the guest muted',
      () => shadow(agent).querySelector('[part=tile] [aria-label="microphone muted"]') ?? undefined,
    );
  });

  it('hangs up, says so, and can rejoin', async () => {
    const name = `r-${crypto.randomUUID()}`;
    const agent = await room(name, 'host', 'Agent Smith');
    rooms.push(agent);
    await until('waiting', stateOf(agent, 'waiting'));
    const left = oneEvent(agent, 'escalation-room-left');
    shadow(agent).querySelector<HTMLButtonElement>('button.hang-up')!.click();
    expect((await left).detail.reason).to.equal('hangup');
    await agent.updateComplete;
    expect(agent.state).to.equal('left');
    expect(shadow(agent).textContent).to.contain('You left the video call');
    await expect(agent).to.be.accessible();
    shadow(agent).querySelector<HTMLButtonElement>('button.primary')!.click();
    await until('waiting again', stateOf(agent, 'waiting'));
  });

  it('joins audio-only with a clear message when the camera is denied', async () => {
    await withDevices(
      async (constraints, original) => {
        if (constraints?.video) throw new DOMException('Permission denied', 'NotAllowedError');
        return original(constraints);
      },
      async () => {
        const name = `r-${crypto.randomUUID()}`;
        const agent = await room(name, 'host', 'Agent Smith');
        rooms.push(agent);
        await until('waiting', stateOf(agent, 'waiting'));
        expect(shadow(agent).querySelector('[part=notice]')!.textContent).to.contain('others hear you but cannot see you');
        expect(shadow(agent).querySelector('button.camera')).to.equal(null);
        expect(shadow(agent).querySelector('button.mic')).not.to.equal(null);
        await expect(agent).to.be.accessible();
      },
    );
  });

  it('fits a 320 px chat pane', async () => {
    const name = `r-${crypto.randomUUID()}`;
    const agent = await room(name, 'host', 'Agent Smith', 320);
    const guest = await room(name, 'guest', 'Ada Customer', 320);
    rooms.push(agent, guest);
    await until('the call', stateOf(guest, 'in-call'));
    const base = shadow(guest).querySelector<HTMLElement>('[part=base]')!;
    expect(base.getBoundingClientRect().width).to.be.at.most(320);
    expect(base.scrollWidth).to.be.at.most(base.clientWidth);
    const controls = shadow(guest).querySelector<HTMLElement>('[part=controls]')!;
    expect(controls.scrollWidth).to.be.at.most(controls.clientWidth);
    await expect(guest).to.be.accessible();
  });
});

describe('<video-room> for a guest with a code', function () {
  this.timeout(30_000);
  const rooms: VideoRoomElement[] = [];
  afterEach(async () => {
    await Promise.all(rooms.splice(0).map((el) => el.leave('ended')));
  });

  it('redeems the code for the room and joins it', async () => {
    const name = `r-${crypto.randomUUID()}`;
    const redeemed: string[] = [];
    const redeem = async (code: string) => {
      redeemed.push(code);
      return { server: 'loopback', room: name, displayName: 'Ada Customer' };
    };
    const guest = await fixture<VideoRoomElement>(
      html`<video-room .mediaAdapter=${adapter} .redeem=${redeem} code="K7QM3PX"></video-room>`,
    );
    rooms.push(guest);
    await until('the guest to wait in the redeemed room', stateOf(guest, 'waiting'));
    expect(redeemed).to.deep.equal(['K7QM3PX']);
    expect(guest.currentRoom?.room).to.equal(name);
    expect(shadow(guest).textContent).to.contain('Waiting for the agent to join');
  });

  it('says what is wrong with a code, and offers to try again', async () => {
    const redeem = async () => {
      throw new Error('This link has expired. Ask your agent for a new one.');
    };
    const guest = await fixture<VideoRoomElement>(
      html`<video-room .mediaAdapter=${adapter} .redeem=${redeem} code="EXPIRED"></video-room>`,
    );
    rooms.push(guest);
    await until('the error', stateOf(guest, 'error'));
    expect(shadow(guest).querySelector('[role=alert]')!.textContent).to.contain('This link has expired');
    expect(shadow(guest).querySelector('button.primary')!.textContent).to.contain('Try again');
    await expect(guest).to.be.accessible();
  });

  it('joins to watch and listen when neither camera nor microphone can be had', async () => {
    await withDevices(
      async () => {
        throw new DOMException('Requested device not found', 'NotFoundError');
      },
      async () => {
        const name = `r-${crypto.randomUUID()}`;
        const watcher = await room(name, 'guest', 'Ada Customer');
        rooms.push(watcher);
        await until('waiting', stateOf(watcher, 'waiting'));
        expect(shadow(watcher).querySelector('[part=notice]')!.textContent).to.contain('you can see and hear the others');
        expect(shadow(watcher).querySelector('button.mic')).to.equal(null);
        expect(shadow(watcher).querySelector('button.hang-up')).not.to.equal(null);
        await expect(watcher).to.be.accessible();
      },
    );
  });
});

describe('<video-room> rating after the call', function () {
  this.timeout(30_000);

  it("asks a guest with a code one question after leaving, and sends it to the service with the guest's own token", async () => {
    const name = `r-${crypto.randomUUID()}`;
    const sent: unknown[] = [];
    const reports: string[] = [];
    const service = {
      redeem: async () => ({
        server: 'loopback',
        room: name,
        token: '',
        displayName: 'Ada',
        guestToken: 'guest-token',
        role: 'guest',
        mode: 'voice',
        networkTestToken: '',
      }),
      report: async (_token: string, report: string) => void reports.push(report),
      rate: async (token: string, rating: unknown) => void sent.push([token, rating]),
    } as unknown as EscalationServiceApi;
    const guest = await fixture<VideoRoomElement>(
      html`<video-room .mediaAdapter=${adapter} .service=${service} code="K7QM3PX"></video-room>`,
    );
    await until('waiting', stateOf(guest, 'waiting'));
    shadow(guest).querySelector<HTMLButtonElement>('button.hang-up')!.click();
    await until('the rating question', () => shadow(guest).querySelector('form[part=rating]') ?? undefined);
    expect(reports).to.deep.equal(['opened', 'checking-devices', 'joined', 'left']);
    expect(shadow(guest).querySelector('legend')!.textContent).to.equal('How was the video call?');
    await expect(guest).to.be.accessible();
    shadow(guest).querySelector<HTMLInputElement>('input[value="4"]')!.click();
    shadow(guest).querySelector<HTMLTextAreaElement>('textarea')!.value = '  Clear picture  ';
    shadow(guest).querySelector<HTMLButtonElement>('form button[type=submit]')!.click();
    await until('thanks', () => (shadow(guest).textContent?.includes('Thank you for your feedback') ? true : undefined));
    expect(sent).to.deep.equal([['guest-token', { score: 4, comment: 'Clear picture' }]]);
  });
});
