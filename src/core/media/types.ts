// The MediaAdapter contract: what every media server adapter (Janus, loopback, later LiveKit or
// a WHIP/WHEP SFU) gives the elements. Elements see only this; adapters know nothing of elements.
import type { ParticipantRole, RoomCredentials } from '../../protocol/room.js';
import type { NetworkMeasurement } from '../diagnostics/network-rating.js';
import type { ReadableStore } from './store.js';

/** Who a participant is in the call (the service decides it). */
export type MediaRole = ParticipantRole;

/** The kinds a participant can send: camera, microphone, and a shared screen as a second video. */
export type TrackKind = 'audio' | 'video' | 'screen';

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'failed' | 'closed';

/** A coarse reading of stats, for a connection-quality indicator. */
export type QualityLevel = 'good' | 'fair' | 'poor' | 'unknown';

/**
 * Where and as whom to join: the service's room credentials (the token optional, for adapters
 * without a server) and what this participant brings.
 */
export interface JoinOptions extends Omit<RoomCredentials, 'token' | 'iceServers' | 'displayName'> {
  /** This participant's own signed media-server token from the escalation service. */
  token?: string;
  role: MediaRole;
  /** The name other participants see. */
  display: string;
  /** Always explicit: no adapter falls back to a public STUN server. */
  iceServers?: RTCIceServer[];
  iceTransportPolicy?: RTCIceTransportPolicy;
  /**
   * `false`: the others' camera video is not received, so a poor network keeps its bandwidth for
   * sound (a shared screen still is). Adapters without a server (loopback) may ignore it.
   */
  receiveVideo?: boolean;
}

export interface RemoteParticipant {
  readonly id: string;
  readonly display: string;
  readonly role: MediaRole;
  readonly audio: MediaStreamTrack | null;
  readonly video: MediaStreamTrack | null;
  readonly screen: MediaStreamTrack | null;
  readonly audioMuted: boolean;
  readonly videoMuted: boolean;
  /** Their camera is paused because their own connection is weak (to keep their sound); adapters that cannot tell leave it out. */
  readonly weakNetwork?: boolean;
}

export interface MediaStats {
  /** Round-trip time to the server or peer, milliseconds. */
  rttMs: number | null;
  /** Fraction (0–1) of incoming packets lost since the previous reading. */
  packetLoss: number | null;
  jitterMs: number | null;
  /** Bits per second since the previous reading. */
  sendBitrate: number | null;
  receiveBitrate: number | null;
  quality: QualityLevel;
  /** What this side sends, as the far end's receiver reports see it (its loss and the round trip). */
  uplink: QualityLevel;
  /** What this side receives (its loss and the round trip). */
  downlink: QualityLevel;
}

export interface MediaSessionEvents {
  'participant-joined': RemoteParticipant;
  'participant-left': { id: string };
  'connection-state': ConnectionState;
  /** The server or peer reports that the link cannot carry what is sent or received. */
  'slow-link': { direction: 'up' | 'down' };
}

export type LocalTracks = Partial<Record<'audio' | 'video', MediaStreamTrack>>;

/**
 * One participant's presence in one room. It takes ownership of the tracks it is given: `leave()`
 * stops them, closes every peer connection and socket, and clears every timer.
 */
export interface MediaSession {
  readonly participantId: string;
  readonly participants: ReadableStore<readonly RemoteParticipant[]>;
  readonly connectionState: ReadableStore<ConnectionState>;
  /**
   * Once `closed` by the server: whether the room itself ended (`ended`) or only this participant
   * was put out (`removed`, the others go on). Adapters that cannot tell leave it undefined.
   */
  readonly closedBecause?: 'ended' | 'removed';
  /** Starts sending the given camera and/or microphone tracks. */
  publish(tracks: LocalTracks): Promise<void>;
  /** Swaps a sent track (another camera, a restarted microphone) without renegotiating where possible. */
  replaceTrack(kind: 'audio' | 'video', track: MediaStreamTrack | null): Promise<void>;
  unpublish(kind: 'audio' | 'video'): Promise<void>;
  /**
   * Mutes or unmutes what is sent; others see the muted state. `because: 'network'`: the camera
   * pauses because this side's connection is weak, and the others are told that too.
   */
  setMuted(kind: 'audio' | 'video', muted: boolean, because?: 'network'): Promise<void>;
  startScreenShare(track: MediaStreamTrack): Promise<void>;
  stopScreenShare(): Promise<void>;
  getStats(): Promise<MediaStats>;
  /**
   * Measures the call's own connections over `windowMs` (round trip, loss, jitter, what can be
   * sent), as the pre-call network test would; null when they report nothing to measure by.
   */
  measureConnection(windowMs: number): Promise<NetworkMeasurement | null>;
  /** Receives the others' video, or only their sound (a weak connection). */
  setReceiveVideo(on: boolean): Promise<void>;
  on<K extends keyof MediaSessionEvents>(type: K, listener: (detail: MediaSessionEvents[K]) => void): () => void;
  leave(): Promise<void>;
  /**
   * The room was made again on another media server (the first one died): reconnect there, with
   * the same tracks. Adapters without servers need not offer it.
   */
  moveTo?(server: string): void;
}

/** What a pre-call network test sends, and to where. */
export interface NetworkTestOptions {
  /** The media server the call will use. */
  server: string;
  /** The network-test token the escalation service gave (a locked server refuses tests without one). */
  token?: string;
  iceServers?: RTCIceServer[];
  /** What is sent; clones are used, so the caller's tracks stay live. Without them, nothing to send. */
  audio?: MediaStreamTrack | null;
  video?: MediaStreamTrack | null;
  /** How long media is measured once it flows. */
  windowMs?: number;
  /** How long the media path may take to come up before the network counts as unusable. */
  connectTimeoutMs?: number;
}

/**
 * Why the path was not measured: the server has no test service, did not let this page test, or
 * did not answer at all (a wrong address, or a server that is down: nothing about the network).
 */
export type UntestedBecause = 'no-echotest' | 'refused' | 'unreachable';

export interface MediaAdapter {
  readonly name: string;
  join(options: JoinOptions): Promise<MediaSession>;
  /**
   * Optional capability: measures the path to the media server with one short call before
   * joining (`<device-check>` uses it). Adapters without a server (loopback) do not offer it.
   */
  testNetwork?(options: NetworkTestOptions): Promise<NetworkMeasurement | UntestedBecause>;
}
