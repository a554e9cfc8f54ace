// Every state a person can see in <video-room>, driven by a scripted adapter (this tests the
// element alone; the adapters have their own contract suite), each checked with axe.
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/define/video-room.js';
import type { VideoRoomElement } from '../../src/elements/video-room/video-room.js';
import { Emitter } from '../../src/core/media/emitter.js';
import { createStore } from '../../src/core/media/store.js';
import type {
  ConnectionState,
  MediaAdapter,
  MediaSession,
  MediaSessionEvents,
  MediaStats,
  RemoteParticipant,
} from '../../src/core/media/types.js';
import { until } from '../support/test-env.js';

function scriptedSession() {
  const events = new Emitter<MediaSessionEvents>();
  const connectionState = createStore<ConnectionState>('connected');
  const participants = createStore<readonly RemoteParticipant[]>([]);
  const stats: MediaStats = {
    rttMs: 40,
    packetLoss: 0,
    jitterMs: 5,
    sendBitrate: 500_000,
    receiveBitrate: 500_000,
    quality: 'good',
    uplink: 'good',
    downlink: 'good',
  };
  const session: MediaSession = {
    participantId: 'me',
    participants,
    connectionState,
    publish: async () => undefined,
    replaceTrack: async () => undefined,
    unpublish: async () => undefined,
    setMuted: async () => undefined,
    startScreenShare: async () => undefined,
    stopScreenShare: async () => undefined,
    getStats: async () => stats,
    measureConnection: async () => null,
    setReceiveVideo: async () => undefined,
    on: (type, listener) => events.on(type, listener),
    leave: async () => connectionState.set('closed'),
  };
  const setConnection = (state: ConnectionState) => {
    connectionState.set(state);
    events.emit('connection-state', state);
  };
  return { session, participants, setConnection, stats };
}

describe('<video-room> states', function () {
  this.timeout(20_000);

  it('is accessible while joining, waiting, reconnecting and failed, with a quality reading', async () => {
    const script = scriptedSession();
    let admit: (() => void) | undefined;
    const adapter: MediaAdapter = {
      name: 'scripted',
      join: () => new Promise((resolve) => (admit = () => resolve(script.session))),
    };
    const el = await fixture<VideoRoomElement>(
      html`<video-room .mediaAdapter=${adapter} room="r1" participant-role="guest" no-video></video-room>`,
    );
    await until('joining', () => (el.state === 'connecting' && admit ? true : undefined));
    await el.updateComplete;
    expect(el.shadowRoot!.textContent).to.contain('Joining the video call');
    await expect(el).to.be.accessible();

    admit!();
    await until('waiting', () => (el.state === 'waiting' ? true : undefined));
    await expect(el).to.be.accessible();
    const quality = await until(
      'a quality reading',
      () => el.shadowRoot!.querySelector('[part=quality][aria-label="Connection: good"]') ?? undefined,
      5000,
    );
    expect(quality.getAttribute('role')).to.equal('img');

    script.setConnection('reconnecting');
    await until('reconnecting', () => (el.state === 'reconnecting' ? true : undefined));
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.overlay[role=status]')!.textContent).to.equal('Reconnecting…');
    await expect(el).to.be.accessible();

    script.setConnection('connected');
    await until('back', () => (el.state === 'waiting' ? true : undefined));

    script.setConnection('failed');
    await until('failed', () => (el.state === 'error' ? true : undefined));
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[role=alert]')!.textContent).to.contain('could not be joined');
    await expect(el).to.be.accessible();
  });

  it('lays out up to four people in a grid, and a shared screen large with faces in a strip', async () => {
    const script = scriptedSession();
    const adapter: MediaAdapter = { name: 'scripted', join: async () => script.session };
    const el = await fixture<VideoRoomElement>(
      html`<div style="width:800px;height:500px"><video-room .mediaAdapter=${adapter} room="r2" participant-role="host" no-video></video-room></div>`,
    ).then((wrapper) => wrapper.querySelector('video-room')!);
    await until('waiting', () => (el.state === 'waiting' ? true : undefined));
    const person = (id: string, screen: MediaStreamTrack | null = null): RemoteParticipant => ({
      id,
      display: `Person ${id}`,
      role: 'guest',
      audio: null,
      video: null,
      screen,
      audioMuted: false,
      videoMuted: false,
    });
    script.participants.set([person('1'), person('2'), person('3'), person('4')]);
    await until('four tiles', () => (el.shadowRoot!.querySelectorAll('[part=tile]').length === 4 ? true : undefined));
    const tiles = [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part=tile]')].map((tile) => tile.getBoundingClientRect());
    // Two columns and two rows.
    expect(new Set(tiles.map((rect) => Math.round(rect.left))).size).to.equal(2);
    expect(new Set(tiles.map((rect) => Math.round(rect.top))).size).to.equal(2);
    await expect(el).to.be.accessible();

    const canvas = Object.assign(document.createElement('canvas'), { width: 160, height: 90 });
    canvas.getContext('2d')!.fillRect(0, 0, 160, 90);
    const screen = canvas.captureStream(5).getVideoTracks()[0]!;
    script.participants.set([person('1', screen), person('2')]);
    const shared = await until(
      'the shared screen',
      () => el.shadowRoot!.querySelector<HTMLElement>('[part=screen]') ?? undefined,
    );
    const faces = [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part=tile]')].map((tile) => tile.getBoundingClientRect());
    const big = shared.getBoundingClientRect();
    expect(faces.every((face) => face.height < big.height / 2)).to.equal(true);
    expect(shared.textContent).to.contain('Person 1 is sharing their screen');
    await expect(el).to.be.accessible();
    screen.stop();
    await el.leave('ended');
  });
});
