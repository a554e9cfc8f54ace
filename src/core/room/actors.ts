// The effects the room statechart invokes, by name. The defaults do the real work in a browser
// (devices, the media adapter, the session's news); only redeeming a code and finding a moved
// room need the escalation service, so those a host supplies with `roomMachine.provide()`.
import { fromCallback, fromPromise } from 'xstate';
import { acquireLocalMedia, countCameras, otherCamera, type FacingMode, type LocalMedia } from '../devices/local-media.js';
import { chosenDeviceIds } from '../devices/device-choices.js';
import { markJoinStep } from '../diagnostics/join-marks.js';
import type { NetworkMeasurement } from '../diagnostics/network-rating.js';
import { resolveAdapter } from '../media/registry.js';
import type { JoinOptions, MediaAdapter, MediaSession } from '../media/types.js';
import { sleep } from '../sleep.js';
import type { RedeemedJoin, RoomEvent, RoomTarget } from './types.js';

/** How often the quality indicator is refreshed from the session's stats. */
export const STATS_EVERY_MS = 2000;
/** How often a reconnecting guest asks where the room is now. */
export const LOCATE_EVERY_MS = 1000;
/**
 * How long the call's first seconds are measured for (with `checkDevices`): as long as the
 * pre-call test's echo, with the receiver reports of a second and more in it.
 */
export const CALL_MEASURE_MS = 1500;
/** How many such windows at most, until one has a receiver report in it. */
export const CALL_MEASURE_WINDOWS = 4;
/**
 * Cameras are counted this long into the call: listing devices holds the page's main thread for
 * 10–20 ms, and at the join's busiest moment that delays its ICE and first frames, for a
 * switch-camera control nobody needs in the call's first seconds.
 */
export const COUNT_CAMERAS_AFTER_MS = 2000;

export interface AcquireInput {
  video: boolean;
  facingMode: FacingMode;
  /** Who joins, for the join's performance marks. */
  who: string;
}

export interface JoinInput {
  adapter: string | MediaAdapter;
  options: JoinOptions;
}

export interface PublishInput {
  session: MediaSession;
  media: LocalMedia;
  startMuted: boolean;
}

export interface SessionInput {
  session: MediaSession;
}

export interface ScreenInput {
  session: MediaSession;
  track: MediaStreamTrack;
}

export interface SwitchCameraInput {
  session: MediaSession;
  facingMode: FacingMode;
}

/** Thrown by the default `redeem`: nothing was given that can turn a code into a room. */
export class CannotRedeemError extends Error {
  constructor() {
    super('No escalation service is configured to redeem a guest code; provide `redeem` with roomMachine.provide().');
    this.name = 'CannotRedeemError';
  }
}

/** What an actor stopped mid-way (its state was left) throws; nobody is told of it. */
function abandoned(): Error {
  return new DOMException('The room left this step', 'AbortError');
}

const leaving = new WeakMap<MediaSession, Promise<void>>();

/** Leaves the session once, however many ask: the room's step and a caller waiting for it share one promise. */
export function leaveOnce(session: MediaSession): Promise<void> {
  let left = leaving.get(session);
  if (!left) {
    left = session.leave().catch(() => undefined);
    leaving.set(session, left);
  }
  return left;
}

export function stopMedia(media: LocalMedia | null | undefined): void {
  media?.audio?.stop();
  media?.video?.stop();
}

/** The camera and microphone the person chose in a `<device-check>`, unless they switched camera here. */
function devicesToAsk(facingMode: FacingMode): { cameraId?: string; microphoneId?: string; facingMode?: FacingMode } {
  const chosen = chosenDeviceIds();
  return chosen.cameraId && facingMode === 'user' ? chosen : { ...chosen, facingMode };
}

export const roomActors = {
  redeem: fromPromise<RedeemedJoin, { code: string }>(async () => {
    throw new CannotRedeemError();
  }),
  /** Opens the camera and microphone; tracks opened after the state was left are stopped. */
  acquire: fromPromise<LocalMedia, AcquireInput>(async ({ input, signal }) => {
    const media = await acquireLocalMedia({ audio: true, video: input.video, ...devicesToAsk(input.facingMode) });
    markJoinStep('media-ready', input.who);
    if (!signal.aborted) return media;
    stopMedia(media);
    throw abandoned();
  }),
  /** Joins through the adapter; a session that arrives after the state was left is left at once. */
  join: fromPromise<MediaSession, JoinInput>(async ({ input, signal }) => {
    markJoinStep('join-start', input.options.display);
    const adapter = await resolveAdapter(input.adapter);
    markJoinStep('adapter-loaded', input.options.display);
    const session = await adapter.join(input.options);
    if (!signal.aborted) return session;
    await leaveOnce(session);
    throw abandoned();
  }),
  /**
   * Mutes before anything is sent (voice escalations: no echo of the phone call), and makes no
   * extra round trip when there is nothing to mute; then publishes.
   */
  publish: fromPromise<void, PublishInput>(async ({ input }) => {
    const { session, media } = input;
    if (input.startMuted) await session.setMuted('audio', true);
    await session.publish({ ...(media.audio ? { audio: media.audio } : {}), ...(media.video ? { video: media.video } : {}) });
  }),
  /**
   * The call's own connection over its first seconds (null: nothing to measure it by). A window
   * with no receiver report in it yet (a lossy path drops them too, and they come about once a
   * second) is measured again, a few times, instead of passing for a connection with no problem.
   */
  measureConnection: fromPromise<NetworkMeasurement | null, SessionInput>(async ({ input }) => {
    for (let window = 1; window < CALL_MEASURE_WINDOWS; window += 1) {
      const measurement = await input.session.measureConnection(CALL_MEASURE_MS);
      if (measurement) return measurement;
    }
    return input.session.measureConnection(CALL_MEASURE_MS);
  }),
  /** How many cameras there are (a switch-camera control only when there are two or more). */
  countCameras: fromPromise<number>(async () => {
    await sleep(COUNT_CAMERAS_AFTER_MS);
    return countCameras();
  }),
  /** The session's news as events; leaving the session is the room's own step. */
  session: fromCallback<RoomEvent, SessionInput>(({ input: { session }, sendBack }) => {
    const stops = [
      session.participants.subscribe((participants) => sendBack({ type: 'SESSION.PARTICIPANTS', participants })),
      session.connectionState.subscribe((state) =>
        sendBack({
          type: 'SESSION.CONNECTION',
          state,
          ...(state === 'closed' && session.closedBecause ? { because: session.closedBecause } : {}),
        }),
      ),
      session.on('participant-joined', (participant) => sendBack({ type: 'SESSION.PARTICIPANT_JOINED', participant })),
      session.on('participant-left', ({ id }) => sendBack({ type: 'SESSION.PARTICIPANT_LEFT', id })),
    ];
    return () => stops.forEach((stop) => stop());
  }),
  stats: fromCallback<RoomEvent, SessionInput>(({ input: { session }, sendBack }) => {
    const timer = setInterval(() => {
      session.getStats().then(
        ({ quality, uplink, downlink }) => sendBack({ type: 'SESSION.QUALITY', quality, uplink, downlink }),
        () => undefined,
      );
    }, STATS_EVERY_MS);
    return () => clearInterval(timer);
  }),
  /**
   * While a call reconnects, asks now and then where its room is: when its media server died the
   * room was made again on another. The default knows no service to ask; a guest's page provides one.
   */
  locate: fromCallback<RoomEvent, { room: RoomTarget }>(() => undefined),
  startScreenShare: fromPromise<void, ScreenInput>(({ input }) => input.session.startScreenShare(input.track)),
  stopScreenShare: fromPromise<void, SessionInput>(({ input }) => input.session.stopScreenShare()),
  /** The shared screen's track ending by itself (the browser's own "Stop sharing" bar). */
  watchScreen: fromCallback<RoomEvent, { track: MediaStreamTrack }>(({ input: { track }, sendBack }) => {
    const ended = () => sendBack({ type: 'SESSION.SCREEN_ENDED' });
    track.addEventListener('ended', ended);
    return () => track.removeEventListener('ended', ended);
  }),
  /** Front or back camera, on phones that have both; null when there is no other. */
  switchCamera: fromPromise<{ track: MediaStreamTrack; facingMode: FacingMode } | null, SwitchCameraInput>(async ({ input }) => {
    const next = await otherCamera(input.facingMode);
    if (next) await input.session.replaceTrack('video', next.track);
    return next;
  }),
};

/** A `locate` actor from a function that answers where the room is now (undefined: not known). */
export function locateWith(whereNow: () => Promise<RoomTarget | undefined>) {
  return fromCallback<RoomEvent, { room: RoomTarget }>(({ input, sendBack }) => {
    let stopped = false;
    const poll = async () => {
      while (!stopped) {
        const now = await whereNow().catch(() => undefined);
        if (!stopped && now && now.room === input.room.room && now.server !== input.room.server)
          sendBack({ type: 'MOVE', server: now.server });
        await sleep(LOCATE_EVERY_MS);
      }
    };
    void poll();
    return () => {
      stopped = true;
    };
  });
}
