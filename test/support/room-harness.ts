// A room statechart with a fake adapter and fake devices: each join and each session records what
// was asked of it, and the test decides when a join answers and what the connection does.
import { createActor, fromPromise, SimulatedClock } from 'xstate';
import type { LocalMedia } from '../../src/core/devices/local-media.js';
import { createStore } from '../../src/core/media/store.js';
import type { ConnectionState, JoinOptions, MediaAdapter, MediaSession, RemoteParticipant } from '../../src/core/media/types.js';
import type { NetworkMeasurement } from '../../src/core/diagnostics/network-rating.js';
import type { AcquireInput } from '../../src/core/room/actors.js';
import { roomMachine, type RedeemedJoin, type RoomEmitted, type RoomSettings } from '../../src/core/room/index.js';

export interface FakeTrack {
  kind: 'audio' | 'video';
  stopped: boolean;
  stop(): void;
}

export function fakeTrack(kind: 'audio' | 'video'): FakeTrack {
  return {
    kind,
    stopped: false,
    stop() {
      this.stopped = true;
    },
  };
}

export function fakeMedia(kinds: { audio?: boolean; video?: boolean } = { audio: true, video: true }): LocalMedia {
  return {
    audio: kinds.audio ? (fakeTrack('audio') as unknown as MediaStreamTrack) : null,
    video: kinds.video ? (fakeTrack('video') as unknown as MediaStreamTrack) : null,
    camera: kinds.video ? 'ok' : 'missing',
    microphone: kinds.audio ? 'ok' : 'missing',
  };
}

export function stopped(track: MediaStreamTrack | null | undefined): boolean {
  return (track as unknown as FakeTrack | null)?.stopped ?? false;
}

export interface FakeSession extends MediaSession {
  readonly calls: string[];
  readonly options: JoinOptions;
  connect(state: ConnectionState): void;
  arrive(participant: Partial<RemoteParticipant> & { id: string }): void;
  depart(id: string): void;
  /** What each measurement of the call's connection finds, in turn (the last one repeats; none until set). */
  measured(...measurements: (NetworkMeasurement | null)[]): void;
}

export function fakeSession(options: JoinOptions): FakeSession {
  const calls: string[] = [];
  const participants = createStore<readonly RemoteParticipant[]>([]);
  const connectionState = createStore<ConnectionState>('connecting');
  const listeners = new Map<string, Set<(detail: unknown) => void>>();
  const fire = (type: string, detail: unknown) => listeners.get(type)?.forEach((listener) => listener(detail));
  let measurements: (NetworkMeasurement | null)[] = [null];
  return {
    calls,
    options,
    participantId: 'me',
    participants,
    connectionState,
    connect: (state) => connectionState.set(state),
    arrive(partial) {
      const participant: RemoteParticipant = {
        display: 'Someone',
        role: 'guest',
        audio: null,
        video: null,
        screen: null,
        audioMuted: false,
        videoMuted: false,
        ...partial,
      };
      participants.update((list) => [...list, participant]);
      fire('participant-joined', participant);
    },
    depart(id) {
      participants.update((list) => list.filter((participant) => participant.id !== id));
      fire('participant-left', { id });
    },
    publish: async (tracks) => void calls.push(`publish:${Object.keys(tracks).sort().join('+')}`),
    replaceTrack: async (kind) => void calls.push(`replace:${kind}`),
    unpublish: async (kind) => void calls.push(`unpublish:${kind}`),
    setMuted: async (kind, muted) => void calls.push(`mute:${kind}:${muted}`),
    startScreenShare: async () => void calls.push('screen:start'),
    stopScreenShare: async () => void calls.push('screen:stop'),
    measured(...found) {
      measurements = found;
    },
    measureConnection: async () => (measurements.length > 1 ? measurements.shift()! : measurements[0]!),
    setReceiveVideo: async (on) => void calls.push(`receive-video:${on}`),
    getStats: async () => ({
      rttMs: 20,
      packetLoss: 0,
      jitterMs: 1,
      sendBitrate: 1,
      receiveBitrate: 1,
      quality: 'good',
      uplink: 'good',
      downlink: 'good',
    }),
    on(type, listener) {
      if (!listeners.has(type)) listeners.set(type, new Set());
      listeners.get(type)!.add(listener as (detail: unknown) => void);
      return () => listeners.get(type)!.delete(listener as (detail: unknown) => void);
    },
    leave: async () => {
      calls.push('leave');
      connectionState.set('closed');
    },
    moveTo: (server) => void calls.push(`move:${server}`),
  };
}

/** An adapter whose joins wait until the test lets them through (or fail them). */
export class FakeAdapter implements MediaAdapter {
  readonly name = 'fake';
  readonly sessions: FakeSession[] = [];
  private pending: { session: FakeSession; resolve: (session: MediaSession) => void; reject: (error: unknown) => void }[] = [];
  /** Answer joins at once. */
  instant = true;

  join(options: JoinOptions): Promise<MediaSession> {
    const session = fakeSession(options);
    this.sessions.push(session);
    if (this.instant) return Promise.resolve(session);
    return new Promise((resolve, reject) => this.pending.push({ session, resolve, reject }));
  }

  answer(): FakeSession {
    const next = this.pending.shift()!;
    next.resolve(next.session);
    return next.session;
  }

  refuse(error: unknown): void {
    this.pending.shift()!.reject(error);
  }

  get last(): FakeSession {
    return this.sessions.at(-1)!;
  }
}

export interface RoomHarnessOptions {
  settings?: Partial<RoomSettings>;
  redeem?: (code: string) => Promise<RedeemedJoin>;
  /** What acquiring the devices gives (each call a fresh set). */
  media?: () => LocalMedia;
}

export function startRoom(options: RoomHarnessOptions = {}) {
  const adapter = new FakeAdapter();
  const acquired: LocalMedia[] = [];
  const machine = roomMachine.provide({
    actors: {
      acquire: fromPromise<LocalMedia, AcquireInput>(async () => {
        const media = options.media?.() ?? fakeMedia();
        acquired.push(media);
        return media;
      }),
      countCameras: fromPromise<number>(async () => 1),
      ...(options.redeem
        ? { redeem: fromPromise<RedeemedJoin, { code: string }>(({ input }) => options.redeem!(input.code)) }
        : {}),
    },
  });
  const clock = new SimulatedClock();
  const actor = createActor(machine, { input: { settings: { adapter, ...options.settings } }, clock });
  const emitted: RoomEmitted[] = [];
  actor.on('*', (event) => emitted.push(event));
  actor.start();
  return {
    actor,
    adapter,
    acquired,
    emitted,
    send: (event: Parameters<typeof actor.send>[0]) => actor.send(event),
    context: () => actor.getSnapshot().context,
    emittedOf: <T extends RoomEmitted['type']>(type: T) =>
      emitted.filter((event): event is Extract<RoomEmitted, { type: T }> => event.type === type),
    progress: () => emitted.flatMap((event) => (event.type === 'progress' ? [event.step] : [])),
  };
}
