// This participant's publisher handle: joins the room, sends microphone, camera and screen on
// one peer connection (a replaced or removed track keeps its transceiver, so only new kinds
// renegotiate), and tells the others its name, role, and mute state through its display.
import type { SentTracks } from '../base-session.js';
import type { TrackKind } from '../types.js';
import {
  attachPlugin,
  createOffer,
  type JanusHandle,
  type JanusJsep,
  type JanusSession,
  type JanusTrackOption,
} from './janus-library.js';
import { markJoinStep } from '../../diagnostics/join-marks.js';
import { PendingReply } from './janus-request.js';
import { readRoomMessage, roomError, SCREEN_DESCRIPTION, type RoomMessage } from './janus-room-state.js';

export type JoinedRoom = Extract<RoomMessage, { kind: 'joined' }>;

export interface PublisherOptions {
  /** What the session sends now, by kind; the publisher reads it, the session writes it. */
  sent: Readonly<SentTracks>;
  /** The display to announce, read at the moment it is sent (it carries the mute state). */
  display: () => string;
  /** What the room says that answers none of this handle's requests: news of the others, or the end. */
  onRoom: (message: Extract<RoomMessage, { kind: 'news' | 'ended' }>) => void;
  iceState: (state: string) => void;
  slowLink: (uplink: boolean) => void;
  /** Who publishes, for the join's performance marks. */
  who: string;
}

export class JanusPublisher {
  private handle!: JanusHandle;
  private transceivers: Partial<Record<TrackKind, RTCRtpTransceiver>> = {};
  private published = false;
  private readonly joining = new PendingReply<JoinedRoom>();
  /** A publish or configure with an offer, waiting for Janus's answer. */
  private readonly answering = new PendingReply<void>();

  private constructor(private readonly options: PublisherOptions) {}

  /** Attaches a VideoRoom handle on the connection; nothing is sent yet. */
  static async attach(connection: JanusSession, options: PublisherOptions): Promise<JanusPublisher> {
    const publisher = new JanusPublisher(options);
    publisher.handle = await attachPlugin(connection, 'janus.plugin.videoroom', {
      onmessage: (message, jsep) => publisher.onMessage(message as Record<string, unknown>, jsep),
      iceState: (state: string) => options.iceState(state),
      slowLink: (uplink: boolean) => options.slowLink(uplink),
    });
    return publisher;
  }

  get pc(): RTCPeerConnection | undefined {
    return this.handle.webrtcStuff?.pc as RTCPeerConnection | undefined;
  }

  /** Joins the room as a publisher (sending nothing yet); rejects with the plugin's refusal. */
  join(room: { room: number; token?: string; id?: number }): Promise<JoinedRoom> {
    return this.joining.send(this.handle, {
      message: { request: 'join', ptype: 'publisher', display: this.options.display(), ...room },
    });
  }

  /** Puts what `sent` holds for `kinds` on the wire: in place where a transceiver exists, else by offering the new ones. */
  async sendTracks(kinds: TrackKind[]): Promise<void> {
    const { sent } = this.options;
    const added: JanusTrackOption[] = [];
    for (const kind of kinds) {
      const transceiver = this.transceivers[kind];
      if (transceiver) await transceiver.sender.replaceTrack(sent[kind]);
      else if (sent[kind])
        added.push({ type: kind, capture: sent[kind]!, recv: false, ...(this.published ? { add: true } : {}) });
    }
    if (added.length) await this.negotiate(added);
  }

  /** Tells the others the current display (name, role, what is sent, what is muted). */
  announce(): void {
    this.handle.send({ message: { request: 'configure', display: this.options.display() } });
  }

  /** Offers new ICE credentials (the network changed or dropped) and waits for the answer; nothing before the first publish. */
  async restartIce(): Promise<void> {
    if (!this.published) return;
    const jsep = await createOffer(this.handle, [], { iceRestart: true });
    await this.answering.send(this.handle, { message: { request: 'configure' }, jsep });
  }

  /** Offers the given new tracks (all tracks on the first publish) and waits for Janus's answer. */
  private async negotiate(tracks: JanusTrackOption[]): Promise<void> {
    const { sent } = this.options;
    const jsep = await createOffer(this.handle, tracks);
    const pc = this.handle.webrtcStuff.pc as RTCPeerConnection;
    for (const kind of ['audio', 'video', 'screen'] as const) {
      const transceiver = pc
        .getTransceivers()
        .find((candidate) => candidate.sender.track && candidate.sender.track === sent[kind]);
      if (transceiver) this.transceivers[kind] = transceiver;
    }
    const screenMid = this.transceivers.screen?.mid;
    const descriptions = screenMid ? [{ mid: screenMid, description: SCREEN_DESCRIPTION }] : [];
    const first = !this.published;
    if (first) markJoinStep('offer-sent', this.options.who);
    await this.answering.send(this.handle, {
      message: { request: this.published ? 'configure' : 'publish', display: this.options.display(), descriptions },
      jsep,
    });
    if (first) markJoinStep('answer-applied', this.options.who);
    this.published = true;
  }

  private onMessage(raw: Record<string, unknown>, jsep: JanusJsep | undefined): void {
    if (jsep) {
      this.handle.handleRemoteJsep({ jsep });
      this.answering.resolve();
    }
    const message = readRoomMessage(raw);
    switch (message.kind) {
      case 'error':
        // It answers the request that waits: the join while there is one, else the offer.
        (this.joining.waiting ? this.joining : this.answering).reject(roomError(message));
        this.joining.forget();
        this.answering.forget();
        return;
      case 'joined':
        this.joining.resolve(message);
        return;
      default:
        this.options.onRoom(message);
    }
  }
}
