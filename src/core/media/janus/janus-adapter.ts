// The Janus VideoRoom adapter: one publisher handle that sends this participant's microphone,
// camera and screen, one multistream subscriber handle that receives everyone else, and a
// recovery loop that rejoins (new session, new peer connections) when the server goes away.
import type { NetworkMeasurement } from '../../diagnostics/network-rating.js';
import { BaseMediaSession } from '../base-session.js';
import type { JoinOptions, MediaAdapter, MediaSession, NetworkTestOptions, TrackKind, UntestedBecause } from '../types.js';
import { markJoinStep } from '../../diagnostics/join-marks.js';
import { encodeDisplay } from './janus-display.js';
import { connectJanus, destroyJanus, type JanusSession as JanusConnection } from './janus-library.js';
import { JanusParticipants } from './janus-participants.js';
import { JanusPublisher } from './janus-publisher.js';
import { ICE_RESTART_GIVE_UP_MS, keepTrying, mediaPath, RECONNECT_FOR_MS, RetryPause } from './janus-recovery.js';
import type { RoomMessage } from './janus-room-state.js';
import { JanusSubscriber } from './janus-subscriber.js';

export interface JanusAdapterOptions {
  /** How long to keep trying to get back after the server went away, before giving up. */
  reconnectForMs?: number;
}

class JanusVideoRoomSession extends BaseMediaSession {
  participantId = '';
  closedBecause: 'ended' | 'removed' | undefined;
  private connection: JanusConnection | undefined;
  private publisher: JanusPublisher | undefined;
  private subscriber: JanusSubscriber | undefined;
  private readonly room: number;
  private readonly others: JanusParticipants;
  private recovering = false;
  /** Counts attempts to connect; an attempt whose number is no longer the latest stops. */
  private attempt = 0;
  private readonly retryPause = new RetryPause();
  /** Restarts ICE after a media drop, then gives the restart up for a rejoin: one at a time. */
  private iceTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly ice = { publisher: 'new', subscriber: 'new' };
  /** Where the room is: it may move to another server (`moveTo`). */
  private server: string;

  constructor(
    private readonly options: JoinOptions,
    private readonly reconnectForMs: number,
  ) {
    super();
    this.server = options.server;
    this.receivingVideo = options.receiveVideo !== false;
    this.room = Number(options.room);
    if (!Number.isSafeInteger(this.room)) throw new TypeError(`janus: room must be a number, got "${options.room}"`);
    this.others = new JanusParticipants(this.roster, {
      agentId: options.agentId,
      receiveVideo: options.receiveVideo,
      tracksOf: (id) => this.subscriber?.tracksOf(id),
    });
  }

  /**
   * Connects, joins the room and subscribes to whoever already publishes. An attempt that a later
   * one took over (it went unanswered too long) stops at its next step, and lets go of what it made.
   */
  async connect(): Promise<void> {
    const { token, participantId, iceTransportPolicy } = this.options;
    const attempt = ++this.attempt;
    const overtaken = () => attempt !== this.attempt;
    const connection = await connectJanus({
      server: this.server,
      iceServers: this.options.iceServers ?? [],
      ...(token ? { token } : {}),
      ...(iceTransportPolicy ? { iceTransportPolicy } : {}),
      onLost: () => void this.recover(),
    });
    if (overtaken()) {
      await destroyJanus(connection);
      throw new Error('a later attempt took over');
    }
    // From here on it is the session's connection: the next attempt's teardown lets it go.
    this.connection = connection;
    markJoinStep('session-open', this.options.display);
    const publisher = await JanusPublisher.attach(connection, {
      sent: this.sent,
      display: () => encodeDisplay({ name: this.options.display, role: this.options.role, ...this.publishState() }),
      onRoom: (message) => this.onRoom(message),
      iceState: (state) => {
        if (state === 'connected') markJoinStep('send-ice-connected', this.options.display);
        this.onIceState('publisher', state);
      },
      slowLink: (uplink) => this.events.emit('slow-link', { direction: uplink ? 'up' : 'down' }),
      who: this.options.display,
    });
    if (overtaken()) throw new Error('a later attempt took over');
    this.publisher = publisher;
    const joined = await publisher.join({
      room: this.room,
      ...(token ? { token } : {}),
      ...(participantId ? { id: Number(participantId) } : {}),
    });
    if (overtaken()) throw new Error('a later attempt took over');
    this.participantId = joined.id;
    markJoinStep('joined', this.options.display);
    let firstTrack = true;
    this.subscriber = new JanusSubscriber(
      connection,
      { room: this.room, privateId: joined.privateId, ...(token ? { token } : {}) },
      () => {
        if (firstTrack && this.subscriber?.hasTracks()) {
          firstTrack = false;
          markJoinStep('remote-track', this.options.display);
        }
        this.others.refreshAll();
      },
      (state) => this.onIceState('subscriber', state),
    );
    // In parallel with publishing: ready when the first remote stream is announced.
    this.subscriber.prepare().catch(() => undefined);
    this.onRoom(joined);
    const present = (['audio', 'video', 'screen'] as const).filter((kind) => this.sent[kind]);
    if (present.length) await this.sendTracks(present);
    if (overtaken()) throw new Error('a later attempt took over');
    this.setConnectionState('connected');
  }

  protected async sendTracks(kinds: TrackKind[]): Promise<void> {
    await this.publisher?.sendTracks(kinds);
  }

  protected override async receiveVideoChanged(): Promise<void> {
    this.others.setReceiveVideo(this.receivingVideo);
    await this.subscriber?.update(this.others.wantedStreams());
  }

  protected announceState(): void {
    if (!this.left) this.publisher?.announce();
  }

  protected peerConnections(): RTCPeerConnection[] {
    return [this.publisher?.pc, this.subscriber?.pc].filter((pc): pc is RTCPeerConnection => Boolean(pc));
  }

  protected async close(): Promise<void> {
    this.retryPause.cutShort();
    clearTimeout(this.iceTimer);
    await this.teardown();
  }

  moveTo(server: string): void {
    if (server === this.server || this.left) return;
    this.server = server;
    // Already trying to get back: the next attempt goes to the new server, at once.
    if (this.recovering) this.retryPause.cutShort();
    else void this.recover();
  }

  private onRoom(message: Extract<RoomMessage, { kind: 'joined' | 'news' | 'ended' }>): void {
    // The room was destroyed (the escalation ended), or the service put this participant out (a
    // newer link was sent): this call is over for them.
    if (message.kind === 'ended') {
      this.closedBecause = message.because === 'kicked' ? 'removed' : 'ended';
      return void this.endedByServer();
    }
    if (this.others.apply(message.news, this.participantId)) void this.subscriber?.update(this.others.wantedStreams());
  }

  /**
   * Media dropped while the server is still there (a network blip, Wi-Fi to mobile): show it,
   * restart ICE if it does not come back by itself, and rejoin if even that does not help.
   */
  private onIceState(which: 'publisher' | 'subscriber', state: string): void {
    this.ice[which] = state;
    if (this.recovering || this.left) return;
    const path = mediaPath(this.ice);
    if (path.state === 'down') {
      if (this.connectionState.get() === 'connected') this.setConnectionState('reconnecting');
      this.iceTimer ??= setTimeout(() => void this.restartIce(), path.restartIceInMs);
    } else if (path.state === 'up') {
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
    // Should the publisher's restart fail, the give-up timer rejoins from scratch.
    await this.publisher?.restartIce().catch(() => undefined);
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
    const connection = this.connection;
    this.connection = undefined;
    if (connection) await destroyJanus(connection);
  }

  /** Gets back into the room after the server or the network went away: new session, same tracks. */
  private async recover(): Promise<void> {
    if (this.left || this.recovering) return;
    this.recovering = true;
    this.setConnectionState('reconnecting');
    const rejoin = async () => {
      await this.teardown();
      this.others.clear();
      await this.connect();
    };
    const outcome = await keepTrying(rejoin, {
      tryForMs: this.reconnectForMs,
      stopped: () => this.left,
      pause: this.retryPause,
      // Unanswered too long: a later attempt takes over (and goes where the room is now).
      abandoned: () => void (this.attempt += 1),
    });
    if (outcome === 'gave-up') this.setConnectionState('failed');
    this.recovering = false;
  }
}

export class JanusAdapter implements MediaAdapter {
  readonly name = 'janus';
  private readonly reconnectForMs: number;

  constructor(options: JanusAdapterOptions = {}) {
    this.reconnectForMs = options.reconnectForMs ?? RECONNECT_FOR_MS;
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

  /** Measures the path to this Janus with its EchoTest plugin, before joining. */
  async testNetwork(options: NetworkTestOptions): Promise<NetworkMeasurement | UntestedBecause> {
    // Imported when asked for, not with the adapter: a page that only joins never loads it.
    const { runEchoNetworkTest } = await import('./janus-network-test.js');
    return runEchoNetworkTest(options);
  }
}
