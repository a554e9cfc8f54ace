// One multistream subscriber handle per session: it receives every other participant's streams
// and adds or drops them as participants publish, share a screen, or leave.
import { attachPlugin, type JanusHandle, type JanusJsep, type JanusSession, type JanusTrackOption } from './janus-library.js';
import { PendingReply, type JanusRequest } from './janus-request.js';
import { SCREEN_DESCRIPTION, type WantedStream } from './janus-room-state.js';

/** A stream as the VideoRoom describes it to a subscriber. */
interface SubscribedStream {
  mid: string;
  type: 'audio' | 'video' | 'data';
  feed_id?: number | string;
  feed_description?: string;
  active?: boolean;
}

export class JanusSubscriber {
  private handle: JanusHandle | undefined;
  private attaching: Promise<JanusHandle> | undefined;
  private joined = false;
  private streams: SubscribedStream[] = [];
  private readonly tracks = new Map<string, MediaStreamTrack>();
  private subscribed = new Map<string, WantedStream>();
  /** Subscription changes run one after another: each needs its own offer/answer round. */
  private queue: Promise<void> = Promise.resolve();
  private closed = false;
  /** The join or update under way: settled once our answer to Janus's offer has been sent. */
  private readonly negotiation = new PendingReply<void>();

  constructor(
    private readonly janus: JanusSession,
    private readonly join: { room: number; privateId: number; token?: string },
    private readonly changed: () => void,
    private readonly iceState: (state: string) => void,
  ) {}

  get pc(): RTCPeerConnection | undefined {
    return this.handle?.webrtcStuff?.pc as RTCPeerConnection | undefined;
  }

  /**
   * Attaches the subscriber handle ahead of need, so the first remote participant costs one
   * round trip less (the handle is there when their stream is announced).
   */
  prepare(): Promise<JanusHandle> {
    this.attaching ??= attachPlugin(this.janus, 'janus.plugin.videoroom', {
      onmessage: (message, jsep) => this.onMessage(message as Record<string, unknown>, jsep),
      iceState: (state: string) => this.iceState(state),
      onremotetrack: (track: MediaStreamTrack, mid: string, on: boolean) => {
        if (on) this.tracks.set(mid, track);
        else this.tracks.delete(mid);
        this.changed();
      },
    }).then((handle) => (this.handle = handle));
    return this.attaching;
  }

  /** Brings the subscription to exactly `wanted` (feed and publisher mid). */
  update(wanted: WantedStream[]): Promise<void> {
    this.queue = this.queue.then(() => this.apply(wanted)).catch(() => undefined);
    return this.queue;
  }

  /** Whether any remote track has arrived. */
  hasTracks(): boolean {
    return this.tracks.size > 0;
  }

  /** The received tracks of one publisher, by what they are. */
  tracksOf(feed: string): { audio: MediaStreamTrack | null; video: MediaStreamTrack | null; screen: MediaStreamTrack | null } {
    const found = {
      audio: null as MediaStreamTrack | null,
      video: null as MediaStreamTrack | null,
      screen: null as MediaStreamTrack | null,
    };
    for (const stream of this.streams) {
      if (String(stream.feed_id) !== feed || stream.active === false) continue;
      const track = this.tracks.get(stream.mid);
      if (!track) continue;
      if (stream.type === 'audio') found.audio = track;
      else if (stream.type === 'video') found[stream.feed_description === SCREEN_DESCRIPTION ? 'screen' : 'video'] = track;
    }
    return found;
  }

  /** Asks Janus for a fresh offer with new ICE credentials (the network changed or dropped). */
  restartIce(): void {
    if (!this.handle || !this.joined || this.closed) return;
    this.handle.send({ message: { request: 'configure', restart: true } as { request: string } });
  }

  close(): void {
    this.closed = true;
    this.tracks.clear();
  }

  private key(stream: WantedStream): string {
    return `${stream.feed}/${stream.mid}`;
  }

  private async apply(wanted: WantedStream[]): Promise<void> {
    if (this.closed) return;
    const next = new Map(wanted.map((stream) => [this.key(stream), stream]));
    const add = [...next.entries()].filter(([key]) => !this.subscribed.has(key)).map(([, stream]) => stream);
    const drop = [...this.subscribed.entries()].filter(([key]) => !next.has(key)).map(([, stream]) => stream);
    if (add.length === 0 && drop.length === 0) return;
    const asJanus = (list: WantedStream[]) => list.map((stream) => ({ feed: Number(stream.feed), mid: stream.mid }));
    if (!this.joined) {
      if (add.length === 0) return;
      await this.prepare();
      await this.negotiate({
        request: 'join',
        room: this.join.room,
        ptype: 'subscriber',
        private_id: this.join.privateId,
        ...(this.join.token ? { token: this.join.token } : {}),
        streams: asJanus(add),
      });
      this.joined = true;
    } else {
      const body: JanusRequest['message'] = { request: 'update' };
      if (add.length) body.subscribe = asJanus(add);
      if (drop.length) body.unsubscribe = asJanus(drop);
      await this.negotiate(body);
    }
    this.subscribed = next;
  }

  /** Sends a request that answers with an SDP offer; resolves once our answer has been sent. */
  private negotiate(body: JanusRequest['message']): Promise<void> {
    return this.negotiation.send(this.handle!, { message: body }, { failOnSendError: true });
  }

  private onMessage(message: Record<string, unknown>, jsep: JanusJsep | undefined): void {
    // A subscriber of a connection that was given up (the server went away) answers nothing more.
    if (this.closed) return;
    if (Array.isArray(message.streams)) this.streams = message.streams as SubscribedStream[];
    if (message.error) {
      this.negotiation.reject(new Error(String(message.error)));
      return;
    }
    if (!jsep) {
      // An update that needs no new SDP (e.g. only removals Janus already applied).
      if (message.videoroom === 'updated' || message.videoroom === 'attached') this.negotiation.resolve();
      this.changed();
      return;
    }
    this.handle!.createAnswer({
      jsep,
      // Receive-only: the data line is all janus.js needs to be told about.
      tracks: [{ type: 'data' } as JanusTrackOption],
      success: (answer: JanusJsep) => {
        this.handle!.send({ message: { request: 'start' }, jsep: answer });
        this.negotiation.resolve();
      },
      error: (error: unknown) => this.negotiation.reject(new Error(`subscriber answer: ${String(error)}`)),
    });
    this.changed();
  }
}
