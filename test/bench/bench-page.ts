// The browser side of `npm run bench`: each function runs one measured join and returns
// milliseconds until both sides render a remote video frame.
import '../../src/define/all.js';
import type { EscalationContextElement } from '../../src/elements/escalation-context/escalation-context.js';
import type { VideoRoomElement } from '../../src/elements/video-room/video-room.js';
import {
  attachPlugin,
  connectJanus,
  createOffer,
  destroyJanus,
  type JanusHandle,
} from '../../src/core/media/janus/janus-library.js';
import { markJoinStep } from '../../src/core/diagnostics/join-marks.js';
import { firstFrame, liveResources, playTrack, watchResources } from './first-frame.js';
import { forgetLongTasks, joinPhases, joinPhasesByWho, type Timed } from './join-phases.js';

watchResources();

async function camera(): Promise<MediaStream> {
  return navigator.mediaDevices.getUserMedia({ audio: true, video: { width: { ideal: 1280 }, height: { ideal: 720 } } });
}

/** (d) The floor: two peer connections in one page, no server, drawing what (a) draws (`page`). */
async function directPair(page: PlainPage = 'demo'): Promise<number> {
  const started = performance.now();
  const [a, b] = [new RTCPeerConnection(), new RTCPeerConnection()];
  const stages = [plainStage(page), plainStage(page)];
  a.onicecandidate = (event) => event.candidate && void b.addIceCandidate(event.candidate);
  b.onicecandidate = (event) => event.candidate && void a.addIceCandidate(event.candidate);
  const seen = [a, b].map(
    (pc, i) =>
      new Promise<void>(
        (resolve) =>
          (pc.ontrack = (event) => {
            if (page === 'bare' && event.track.kind !== 'video') return;
            const media = stages[i]!.show(event.track);
            if (event.track.kind === 'video') void firstFrame(media as HTMLVideoElement).then(resolve);
          }),
      ),
  );
  const [streamA, streamB] = await Promise.all([camera(), camera()]);
  if (page === 'demo') [streamA, streamB].forEach((stream, i) => stages[i]!.show(stream.getVideoTracks()[0]!, true));
  for (const track of streamA.getTracks()) a.addTrack(track, streamA);
  for (const track of streamB.getTracks()) b.addTrack(track, streamB);
  await a.setLocalDescription();
  await b.setRemoteDescription(a.localDescription!);
  await b.setLocalDescription();
  await a.setRemoteDescription(b.localDescription!);
  await Promise.all(seen);
  const elapsed = performance.now() - started;
  for (const track of [...streamA.getTracks(), ...streamB.getTracks()]) track.stop();
  a.close();
  b.close();
  for (const stage of stages) stage.clear();
  cleanVideos();
  return elapsed;
}

/** A room on the bench's Janus and the media token on its allow-list. */
interface BenchRoom {
  room: number;
  token: string;
}

/**
 * How much of a page (a) draws: `demo` as the Janus VideoRoom demo does (the camera in a
 * self-view, every remote track played: video in a tile, sound through an audio element), in a
 * box the size of the bench's `<video-room>`s; `bare` only the remote video, nothing heard.
 */
type PlainPage = 'demo' | 'bare';

/** The box one plain participant draws in, like a `<video-room>` here: remote video filling it, self-view in a corner. */
function plainStage(page: PlainPage): {
  show: (track: MediaStreamTrack, self?: boolean) => HTMLMediaElement;
  clear: () => void;
} {
  const box = page === 'demo' ? document.createElement('div') : null;
  if (box) {
    box.style.cssText = 'position:relative;width:480px;height:320px;background:#111';
    document.body.append(box);
  }
  const show = (track: MediaStreamTrack, self = false) => {
    if (!box) return playTrack(track);
    const media = document.createElement(track.kind === 'audio' ? 'audio' : 'video');
    Object.assign(media, { autoplay: true, muted: self, playsInline: true, srcObject: new MediaStream([track]) });
    media.style.cssText = self
      ? 'position:absolute;right:8px;bottom:8px;width:120px;height:90px;object-fit:cover'
      : 'width:100%;height:100%;object-fit:contain';
    box.append(media);
    return media;
  };
  const clear = () => {
    for (const media of box?.querySelectorAll('video, audio') ?? []) (media as HTMLMediaElement).srcObject = null;
    box?.remove();
  };
  return { show, clear };
}

/** (a) The baseline: the plain janus.js VideoRoom flow a Janus demo uses, for one client. */
async function plainClient(
  server: string,
  { room, token }: BenchRoom,
  name: string,
  page: PlainPage,
): Promise<{ seen: Promise<void>; close: () => Promise<void> }> {
  markJoinStep('join-start', name);
  markJoinStep('adapter-loaded', name);
  const stage = plainStage(page);
  const session = await connectJanus({ server, iceServers: [], token });
  markJoinStep('session-open', name);
  let seenResolve!: () => void;
  const seen = new Promise<void>((resolve) => (seenResolve = resolve)).then(() => markJoinStep('first-frame', name));
  let subscriber: JanusHandle | undefined;
  let remoteTrackSeen = false;
  const shown = new Set<string>();
  let myId = 0;
  let privateId = 0;
  const subscribe = async (feed: number) => {
    if (subscriber) return;
    subscriber = await attachPlugin(session, 'janus.plugin.videoroom', {
      onmessage: (_message, jsep) => {
        if (!jsep) return;
        subscriber!.createAnswer({
          jsep,
          tracks: [{ type: 'data' } as never],
          success: (answer: unknown) => subscriber!.send({ message: { request: 'start' }, jsep: answer as never }),
        });
      },
      onremotetrack: (track: MediaStreamTrack, mid: string, on: boolean, metadata?: { reason?: string }) => {
        // The first track made (janus.js calls again when one starts flowing: 'unmute').
        if (on && metadata?.reason === 'created' && !remoteTrackSeen) {
          remoteTrackSeen = true;
          markJoinStep('remote-track', name);
        }
        if (!on || shown.has(mid) || (page === 'bare' && track.kind !== 'video')) return;
        shown.add(mid);
        const media = stage.show(track);
        if (track.kind === 'video') void firstFrame(media as HTMLVideoElement).then(seenResolve);
      },
    });
    subscriber.send({
      message: { request: 'join', room, ptype: 'subscriber', streams: [{ feed }], private_id: privateId, token } as never,
    });
  };
  let publisher: JanusHandle;
  const joined = new Promise<void>((resolve) => {
    void attachPlugin(session, 'janus.plugin.videoroom', {
      onmessage: (message, jsep) => {
        const data = message as { videoroom?: string; id?: number; private_id?: number; publishers?: { id: number }[] };
        if (data.videoroom === 'joined') {
          markJoinStep('joined', name);
          myId = data.id!;
          privateId = data.private_id!;
          resolve();
        }
        for (const publisherEntry of data.publishers ?? []) if (publisherEntry.id !== myId) void subscribe(publisherEntry.id);
        if (jsep) {
          publisher.handleRemoteJsep({ jsep });
          markJoinStep('answer-applied', name);
        }
      },
      iceState: (state: string) => state === 'connected' && markJoinStep('send-ice-connected', name),
    }).then((handle) => {
      publisher = handle;
      handle.send({ message: { request: 'join', room, ptype: 'publisher', display: name, token } as never });
    });
  });
  await joined;
  const stream = await camera();
  markJoinStep('media-ready', name);
  if (page === 'demo') stage.show(stream.getVideoTracks()[0]!, true);
  const jsep = await createOffer(publisher!, [
    { type: 'audio', capture: stream.getAudioTracks()[0]!, recv: false },
    { type: 'video', capture: stream.getVideoTracks()[0]!, recv: false },
  ]);
  markJoinStep('offer-sent', name);
  publisher!.send({ message: { request: 'publish' } as never, jsep });
  return {
    seen,
    close: async () => {
      for (const track of stream.getTracks()) track.stop();
      await destroyJanus(session);
      stage.clear();
    },
  };
}

async function plainJanusPair(server: string, room: BenchRoom, page: PlainPage = 'demo'): Promise<Timed> {
  performance.clearMarks();
  const started = performance.now();
  const [a, b] = await Promise.all([plainClient(server, room, 'a', page), plainClient(server, room, 'b', page)]);
  await Promise.all([a.seen, b.seen]);
  const elapsed = performance.now() - started;
  await Promise.all([a.close(), b.close()]);
  cleanVideos();
  return { ms: elapsed, phases: joinPhases(started), byWho: joinPhasesByWho(started) };
}

function videoRoom(server: string, { room, token }: BenchRoom, role: 'host' | 'guest', name: string): VideoRoomElement {
  const element = document.createElement('video-room');
  Object.assign(element, { server, room: String(room), token, participantRole: role, displayName: name, noScreenShare: true });
  element.style.cssText = 'display:block;width:480px;height:320px';
  document.body.append(element);
  return element;
}

/** Resolves when `element` renders a remote participant's video frame. */
function remoteFrame(element: VideoRoomElement): Promise<void> {
  return new Promise<void>((resolve) => {
    const check = () => {
      const video = element.shadowRoot?.querySelector<HTMLVideoElement>('[part=tile] video');
      if (video && video.videoWidth > 0 && video.getVideoPlaybackQuality().totalVideoFrames > 0) resolve();
      else requestAnimationFrame(check);
    };
    check();
  }).then(() => markJoinStep('first-frame', element.displayName));
}

async function leaveAll(elements: VideoRoomElement[]): Promise<void> {
  await Promise.all(elements.map((element) => element.leave('ended')));
  for (const element of elements) element.remove();
}

/** (b) Two <video-room>s joining at once. */
async function elementPair(server: string, room: BenchRoom): Promise<Timed> {
  performance.clearMarks();
  const started = performance.now();
  const agent = videoRoom(server, room, 'host', 'Agent');
  const guest = videoRoom(server, room, 'guest', 'Guest');
  await Promise.all([remoteFrame(agent), remoteFrame(guest)]);
  const elapsed = performance.now() - started;
  await leaveAll([agent, guest]);
  return { ms: elapsed, phases: joinPhases(started), byWho: joinPhasesByWho(started) };
}

/** (c) The guest joins while the agent already publishes (the agent waited in the room). */
async function guestJoinsWaitingAgent(server: string, room: BenchRoom): Promise<number> {
  const agent = videoRoom(server, room, 'host', 'Agent');
  await new Promise<void>((resolve) => agent.addEventListener('escalation-room-joined', () => resolve(), { once: true }));
  // Let the agent's publication settle, as it would while waiting for a customer.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const started = performance.now();
  const guest = videoRoom(server, room, 'guest', 'Guest');
  await Promise.all([remoteFrame(agent), remoteFrame(guest)]);
  const elapsed = performance.now() - started;
  await leaveAll([agent, guest]);
  return elapsed;
}

/** An agent desk on the reference service: the escalation and the room it puts the agent in. */
function agentDesk(serviceUrl: string, agentToken: string): EscalationContextElement {
  const context = document.createElement('escalation-context');
  Object.assign(context, { serviceUrl, token: agentToken, mode: 'chat', noCasePanel: true });
  context.setAttribute(
    'interaction',
    JSON.stringify({ id: `bench-${Math.random().toString(36).slice(2)}`, channel: 'chat', customerName: 'Ada' }),
  );
  const room = document.createElement('video-room');
  room.style.cssText = 'display:block;width:480px;height:320px';
  context.append(document.createElement('escalate-button'), room);
  document.body.append(context);
  return context;
}

/** (e) The agent clicks "Escalate to video" until the link is out (posted to the chat). */
async function clickToLinkSent(serviceUrl: string, agentToken: string): Promise<number> {
  const context = agentDesk(serviceUrl, agentToken);
  await context.updateComplete;
  const button = context.querySelector('escalate-button')!;
  await button.updateComplete;
  const sent = new Promise<void>((resolve) =>
    context.addEventListener('escalation-link-delivery', () => resolve(), { once: true }),
  );
  const started = performance.now();
  button.shadowRoot!.querySelector<HTMLButtonElement>('button')!.click();
  await sent;
  const elapsed = performance.now() - started;
  context.send({ type: 'HANGUP' });
  await new Promise((resolve) => setTimeout(resolve, 200));
  context.remove();
  return elapsed;
}

/** (f) The customer opens the link while the agent waits, until both sides show video. */
/** (f), and with `checkDevices` (h): the guest checks camera, microphone and network first, as the join card does. */
async function guestOpensLink(serviceUrl: string, agentToken: string, checkDevices = false): Promise<number> {
  const context = agentDesk(serviceUrl, agentToken);
  await context.updateComplete;
  const link = new Promise<string>((resolve) =>
    context.addEventListener('escalation-link', (event) => resolve(event.detail.code), { once: true }),
  );
  context.send({ type: 'REQUEST', interaction: context.currentInteraction!, delivery: { channel: 'chat' } });
  const code = await link;
  const agentRoom = context.querySelector('video-room')!;
  await new Promise<void>((resolve) => {
    const check = () => (agentRoom.state === 'waiting' ? resolve() : setTimeout(check, 20));
    check();
  });
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const started = performance.now();
  const guest = document.createElement('video-room');
  Object.assign(guest, { serviceUrl, code, participantRole: 'guest', noScreenShare: true, checkDevices });
  guest.style.cssText = 'display:block;width:480px;height:320px';
  document.body.append(guest);
  await Promise.all([remoteFrame(agentRoom), remoteFrame(guest)]);
  const elapsed = performance.now() - started;
  context.send({ type: 'HANGUP' });
  await guest.leave('ended');
  await new Promise((resolve) => setTimeout(resolve, 300));
  guest.remove();
  context.remove();
  return elapsed;
}

/** (g) The whole `<device-check>`, network test against Janus included, until its result. */
async function deviceCheck(server: string, token: string): Promise<number> {
  const started = performance.now();
  const check = document.createElement('device-check');
  check.server = server;
  check.token = token;
  const result = new Promise((resolve) => check.addEventListener('device-check-result', resolve, { once: true }));
  document.body.append(check);
  await result;
  const elapsed = performance.now() - started;
  check.remove();
  return elapsed;
}

/** A join and leave of a <video-room> pair in each room, one after another, for the leak check. */
async function cycles(server: string, rooms: BenchRoom[]): Promise<void> {
  for (const room of rooms) {
    await elementPair(server, room);
    performance.clearMarks();
    forgetLongTasks();
  }
}

function cleanVideos(): void {
  for (const video of document.querySelectorAll('body > video')) {
    (video as HTMLVideoElement).srcObject = null;
    video.remove();
  }
}

Object.assign(window, {
  bench: {
    directPair,
    plainJanusPair,
    elementPair,
    guestJoinsWaitingAgent,
    clickToLinkSent,
    guestOpensLink,
    deviceCheck,
    cycles,
    liveResources,
  },
});
