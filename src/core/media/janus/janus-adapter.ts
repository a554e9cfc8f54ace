// The Janus VideoRoom adapter: one publisher handle that sends this participant's microphone,
// camera and screen, one multistream subscriber handle that receives everyone else, and a
// recovery loop that rejoins (new session, new peer connections) when the server goes away.
import { BaseMediaSession } from '../base-session.js';
import type { JoinOptions, MediaAdapter, MediaSession, TrackKind } from '../types.js';
import { decodeDisplay, encodeDisplay, type ParticipantState } from './janus-display.js';
import {
  attachPlugin,
  connectJanus,
  createOffer,
  destroyJanus,
  type JanusHandle,
  type JanusJsep,
  type JanusSession as JanusConnection,
  type JanusTrackOption,
} from './janus-library.js';
import { JanusSubscriber, SCREEN_DESCRIPTION, type WantedStream } from './janus-subscriber.js';

export interface JanusAdapterOptions {
  /** How long to keep trying to get back after the server went away, before giving up. */
  reconnectForMs?: number;
}

/** How long media may stay disconnected before ICE is restarted (the network dropped or changed). */
const ICE_RESTART_AFTER_MS = 3000;
/** How long an ICE restart may take before the session rejoins from scratch. */
const ICE_RESTART_GIVE_UP_MS = 12_000;

interface PublishedStream {
  mid: string;
  type: string;
  disabled?: boolean;
  description?: string;
}

type Waiter<T> = { resolve: (value: T) => void; reject: (error: Error) => void };

class JanusVideoRoomSession extends BaseMediaSession {
  participantId = '';
  private connection: JanusConnection | undefined;
  private publisher: JanusHandle | undefined;
  private subscriber: JanusSubscriber | undefined;
  private readonly room: number;
  private readonly states = new Map<string, ParticipantState>();
  private readonly feeds = new Map<string, PublishedStream[]>();
  private transceivers: Partial<Record<TrackKind, RTCRtpTransceiver>> = {};
  private published = false;
  private joining: Waiter<Record<string, unknown>> | undefined;
  private answering: Waiter<void> | undefined;
  private recovering = false;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private iceTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly ice = { publisher: 'new', subscriber: 'new' };

  /** Where the room is: it may move to another server (`moveTo`). */
  private server: string;
  /** Ends the wait between two attempts to get back (the room moved: try there now). */
  private retryNow: (() => void) | undefined;

  constructor(
    private readonly options: JoinOptions,
    private readonly reconnectForMs: number,
  ) {
    super();
    this.server = options.server;
    this.room = Number(options.room);
    if (!Number.isSafeInteger(this.room)) throw new TypeError(`janus: room must be a number, got "${options.room}"`);
  }

  /** Connects, joins the room and subscribes to whoever already publishes. */
  async connect(): Promise<void> {
    this.connection = await connectJanus({
      server: this.server,
      iceServers: this.options.iceServers ?? [],
      ...(this.options.token ? { token: this.options.token } : {}),
      ...(this.options.iceTransportPolicy ? { iceTransportPolicy: this.options.iceTransportPolicy } : {}),
      onLost: () => void this.recover(),
    });
    this.publisher = await attachPlugin(this.connection, 'janus.plugin.videoroom', {
      onmessage: (message, jsep) => this.onPublisherMessage(message as Record<string, unknown>, jsep),
      iceState: (state: string) => this.onIceState('publisher', state),
      slowLink: (uplink: boolean) => this.events.emit('slow-link', { direction: uplink ? 'up' : 'down' }),
    });
    const joined = await new Promise<Record<string, unknown>>((resolve, reject) => {
      this.joining = { resolve, reject };
      this.publisher!.send({
        message: {
          request: 'join',
          room: this.room,
          ptype: 'publisher',
          display: this.display(),
          ...(this.options.token ? { token: this.options.token } : {}),
          ...(this.options.participantId ? { id: Number(this.options.participantId) } : {}),
        },
      });
    });
    this.participantId = String(joined.id);
    this.subscriber = new JanusSubscriber(
      this.connection,
      { room: this.room, privateId: Number(joined.private_id), ...(this.options.token ? { token: this.options.token } : {}) },
      () => this.refreshAll(),
      (state) => this.onIceState('subscriber', state),
    );
    // In parallel with publishing: ready when the first remote stream is announced.
    this.subscriber.prepare().catch(() => undefined);
    this.onRoomNews(joined);
    const present = (['audio', 'video', 'screen'] as const).filter((kind) => this.sent[kind]);
    if (present.length) await this.sendTracks(present);
    this.setConnectionState('connected');
  }

  protected async sendTracks(kinds: TrackKind[]): Promise<void> {
    if (!this.publisher) return;
    const added: JanusTrackOption[] = [];
    for (const kind of kinds) {
      const transceiver = this.transceivers[kind];
      if (transceiver) await transceiver.sender.replaceTrack(this.sent[kind]);
      else if (this.sent[kind])
        added.push({ type: kind, capture: this.sent[kind]!, recv: false, ...(this.published ? { add: true } : {}) });
    }
    if (added.length) await this.negotiate(added);
  }

  protected announceState(): void {
    if (!this.publisher || this.left) return;
    this.publisher.send({ message: { request: 'configure', display: this.display() } as { request: string } });
  }

  protected peerConnections(): RTCPeerConnection[] {
    return [this.publisher?.webrtcStuff?.pc, this.subscriber?.pc].filter((pc): pc is RTCPeerConnection => Boolean(pc));
  }

  protected async close(): Promise<void> {
    clearTimeout(this.retryTimer);
    clearTimeout(this.iceTimer);
    await this.teardown();
  }

  private display(): string {
    return encodeDisplay({ name: this.options.display, role: this.options.role, ...this.publishState() });
  }

  /** Offers the given new tracks (all tracks on the first publish) and waits for Janus's answer. */
  private async negotiate(tracks: JanusTrackOption[]): Promise<void> {
    const publisher = this.publisher!;
    const jsep = await createOffer(publisher, tracks);
    const pc = publisher.webrtcStuff.pc as RTCPeerConnection;
    for (const kind of ['audio', 'video', 'screen'] as const) {
      const transceiver = pc
        .getTransceivers()
        .find((candidate) => candidate.sender.track && candidate.sender.track === this.sent[kind]);
      if (transceiver) this.transceivers[kind] = transceiver;
    }
    const screenMid = this.transceivers.screen?.mid;
    const descriptions = screenMid ? [{ mid: screenMid, description: SCREEN_DESCRIPTION }] : [];
    await new Promise<void>((resolve, reject) => {
      this.answering = { resolve, reject };
      publisher.send({
        message: { request: this.published ? 'configure' : 'publish', display: this.display(), descriptions } as {
          request: string;
        },
        jsep,
      });
    });
    this.published = true;
  }

  private onPublisherMessage(message: Record<string, unknown>, jsep: JanusJsep | undefined): void {
    if (jsep) {
      this.publisher?.handleRemoteJsep({ jsep });
      this.answering?.resolve();
      this.answering = undefined;
    }
    if (message.error) {
      const error = new Error(`janus videoroom: ${String(message.error)} (${String(message.error_code)})`);
      (this.joining ?? this.answering)?.reject(error);
      this.joining = this.answering = undefined;
      return;
    }
    if (message.videoroom === 'joined') {
      this.joining?.resolve(message);
      this.joining = undefined;
      return;
    }
    // The room was destroyed (the escalation ended), or the service put this participant out (a
    // newer link was sent): this call is over for them.
    if (message.videoroom === 'destroyed' || (message.leaving === 'ok' && message.reason === 'kicked')) {
      void this.endedByServer();
      return;
    }
    this.onRoomNews(message);
  }

  /** Applies what the room says about others: who is here, who publishes what, who left. */
  private onRoomNews(message: Record<string, unknown>): void {
    const people = [
      ...((message.attendees as { id: number; display?: string }[] | undefined) ?? []),
      ...((message.publishers as { id: number; display?: string; streams?: PublishedStream[] }[] | undefined) ?? []),
    ];
    const joining = message.joining as { id: number; display?: string } | undefined;
    if (joining) people.push(joining);
    if (message.videoroom === 'event' && message.id !== undefined && typeof message.display === 'string') {
      people.push({ id: message.id as number, display: message.display });
    }
    let feedsChanged = false;
    for (const person of people) {
      const id = String(person.id);
      if (id === this.participantId) continue;
      const state = this.trusted(id, decodeDisplay(person.display));
      this.states.set(id, state);
      this.roster.upsert(id, { display: state.name, role: state.role });
      if ('streams' in person && Array.isArray(person.streams)) {
        this.feeds.set(id, person.streams);
        feedsChanged = true;
      }
      this.refresh(id);
    }
    // `kicked`: the service put someone out (a renewed link); they are gone as if they had left.
    for (const key of ['unpublished', 'leaving', 'kicked'] as const) {
      const value = message[key];
      if (value === undefined || value === 'ok') continue;
      const id = String(value);
      feedsChanged = this.feeds.delete(id) || feedsChanged;
      if (key !== 'unpublished') {
        this.states.delete(id);
        this.roster.remove(id);
      } else {
        this.refresh(id);
      }
    }
    if (feedsChanged) void this.subscriber?.update(this.wantedStreams());
  }

  /**
   * Who someone is, as far as this side can know: with the service's word for who the agent is,
   * nobody else is shown as the agent, whatever their display claims.
   */
  private trusted(id: string, state: ParticipantState): ParticipantState {
    const { agentId } = this.options;
    if (!agentId) return state;
    if (id === agentId) return { ...state, role: 'host' };
    return state.role === 'host' ? { ...state, role: 'guest' } : state;
  }

  private wantedStreams(): WantedStream[] {
    const wanted = (stream: PublishedStream) =>
      !stream.disabled &&
      stream.type !== 'data' &&
      (this.options.receiveVideo !== false || stream.type !== 'video' || stream.description === SCREEN_DESCRIPTION);
    return [...this.feeds.entries()].flatMap(([feed, streams]) =>
      streams.filter(wanted).map((stream) => ({ feed, mid: stream.mid })),
    );
  }

  private refresh(id: string): void {
    const state = this.states.get(id);
    if (!state || !this.roster.get(id)) return;
    const tracks = this.subscriber?.tracksOf(id) ?? { audio: null, video: null, screen: null };
    this.roster.upsert(id, {
      audio: state.audio ? tracks.audio : null,
      video: state.video ? tracks.video : null,
      screen: state.screen ? tracks.screen : null,
      audioMuted: state.audioMuted,
      videoMuted: state.videoMuted,
    });
  }

  private refreshAll(): void {
    for (const id of this.states.keys()) this.refresh(id);
  }

  /**
   * Media dropped while the server is still there (a network blip, Wi-Fi to mobile): show it,
   * restart ICE if it does not come back by itself, and rejoin if even that does not help.
   */
  private onIceState(which: 'publisher' | 'subscriber', state: string): void {
    this.ice[which] = state;
    if (this.recovering || this.left) return;
    const states = Object.values(this.ice);
    if (states.some((value) => value === 'failed' || value === 'disconnected')) {
      if (this.connectionState.get() === 'connected') this.setConnectionState('reconnecting');
      if (!this.iceTimer) {
        const failed = states.includes('failed');
        this.iceTimer = setTimeout(() => void this.restartIce(), failed ? 0 : ICE_RESTART_AFTER_MS);
      }
    } else if (states.every((value) => value !== 'checking')) {
      clearTimeout(this.iceTimer);
      this.iceTimer = undefined;
      if (this.connection) this.setConnectionState('connected');
    }
  }

  private async restartIce(): Promise<void> {
    if (this.left || this.recovering || !this.connection?.isConnected()) return void this.recover();
    this.iceTimer = setTimeout(() => {
      this.iceTimer = undefined;
      if (this.connectionState.get() !== 'connected') void this.recover();
    }, ICE_RESTART_GIVE_UP_MS);
    this.subscriber?.restartIce();
    if (this.published && this.publisher) {
      try {
        const jsep = await createOffer(this.publisher, [], { iceRestart: true });
        await new Promise<void>((resolve, reject) => {
          this.answering = { resolve, reject };
          this.publisher!.send({ message: { request: 'configure' } as { request: string }, jsep });
        });
      } catch {
        // The give-up timer rejoins from scratch.
      }
    }
  }

  private async endedByServer(): Promise<void> {
    if (this.left) return;
    this.recovering = true;
    await this.teardown();
    this.roster.clear();
    this.setConnectionState('closed');
  }

  /** Drops everything of the current server connection (not the local tracks). */
  private async teardown(): Promise<void> {
    clearTimeout(this.iceTimer);
    this.iceTimer = undefined;
    this.ice.publisher = this.ice.subscriber = 'new';
    this.subscriber?.close();
    this.subscriber = undefined;
    this.publisher = undefined;
    this.transceivers = {};
    this.published = false;
    const connection = this.connection;
    this.connection = undefined;
    if (connection) await destroyJanus(connection);
  }

  moveTo(server: string): void {
    if (server === this.server || this.left) return;
    this.server = server;
    // Already trying to get back: the next attempt goes to the new server, at once.
    if (this.recovering) {
      clearTimeout(this.retryTimer);
      this.retryNow?.();
    } else {
      void this.recover();
    }
  }

  /** Gets back into the room after the server or the network went away: new session, same tracks. */
  private async recover(): Promise<void> {
    if (this.left || this.recovering) return;
    this.recovering = true;
    this.setConnectionState('reconnecting');
    const giveUpAt = performance.now() + this.reconnectForMs;
    let delay = 250;
    while (!this.left) {
      await this.teardown();
      this.states.clear();
      this.feeds.clear();
      this.roster.clear();
      try {
        await this.connect();
        break;
      } catch {
        if (performance.now() + delay > giveUpAt) {
          this.setConnectionState('failed');
          break;
        }
        await new Promise<void>((resolve) => {
          this.retryTimer = setTimeout(resolve, delay);
          this.retryNow = resolve;
        });
        this.retryNow = undefined;
        delay = Math.min(delay * 2, 2000);
      }
    }
    this.recovering = false;
  }
}

export class JanusAdapter implements MediaAdapter {
  readonly name = 'janus';
  private readonly reconnectForMs: number;

  constructor(options: JanusAdapterOptions = {}) {
    this.reconnectForMs = options.reconnectForMs ?? 60_000;
  }

  async join(options: JoinOptions): Promise<MediaSession> {
    const session = new JanusVideoRoomSession(options, this.reconnectForMs);
    try {
      await session.connect();
    } catch (error) {
      await session.leave();
      throw error;
    }
    return session;
  }
}
