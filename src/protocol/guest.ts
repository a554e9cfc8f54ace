// What the customer's (or expert's) page sends and gets back, and the news the agent hears.
import type { EscalationMode } from './interaction.js';
import type { AskNews, CameraAbilities, SnapshotNews } from './call-tools.js';
import type { RecordingStatus } from './recording.js';
import type { ExpertRequestStatus, LobbyNews } from './experts.js';
import type { RoomCredentials } from './room.js';

/**
 * The guest's steps before joining, as reported by the guest page. `devices-ready`: camera or
 * microphone work and the network carries video. `audio-only`: the network is poor, so the guest
 * joins with sound only. `device-failed`: neither camera nor microphone can be used (the
 * escalation falls back, reason `guest-device`).
 */
export type GuestStep = 'opened' | 'checking-devices' | 'devices-ready' | 'audio-only' | 'device-failed';

export type GuestReport = GuestStep | 'joined' | 'left';

export const GUEST_REPORTS: readonly GuestReport[] = [
  'opened',
  'checking-devices',
  'devices-ready',
  'audio-only',
  'device-failed',
  'joined',
  'left',
];

/** Redeeming: the short code someone typed, or the token of the link they opened. */
export interface RedeemRequest {
  code: string;
}

/** Where and as whom a customer or expert joins, and the token for their own later requests. */
export interface JoinDetails extends RoomCredentials {
  /** A guest code, or an invited expert's. */
  role: 'guest' | 'expert';
  /** How the agent addresses this participant. */
  displayName: string;
  /** `chat`: if video ends early, the customer may ask for a phone call instead. */
  mode: EscalationMode;
  /**
   * This participant's own token for every later request (progress, rating, callback, status,
   * rejoining after a drop). It opens no agent route; a renewed code's old token stops working.
   */
  guestToken: string;
  /** Epoch milliseconds when `guestToken` stops working (the call may end sooner). */
  guestTokenExpiresAt: number;
  /** A short-lived media-server token for the device check's network test, and nothing else. */
  networkTestToken: string;
  /**
   * For an expert: false while they wait in the lobby (the media token does not open the room yet;
   * their stream's `lobby` event says when they are let in, then `rejoin` gives the room). Absent
   * (or true) for a customer, who needs no lobby.
   */
  admitted?: boolean;
  /**
   * For an expert: true when the call is a consult with the agent only; the customer stays on the
   * phone (or in the chat) and is not in the video.
   */
  consult?: boolean;
  /** For an expert: the name of the agent who invited them (never given to a customer). */
  invitedBy?: string;
  /** For an expert the agent shared the case with: the case, masked. Never given to a customer. */
  sharedCase?: SharedCase;
}

/** The case as an expert sees it: each field masked by the service's rules; absent when empty. */
export interface SharedCase {
  customerName?: string;
  caseNumber?: string;
  issue?: string;
  notes?: string;
}

export interface Rating {
  score: 1 | 2 | 3 | 4 | 5;
  comment?: string;
}

/** What the service hides in text before keeping it (a rating comment), so the person can be told. */
export type MaskedKind = 'card' | 'iban' | 'national-id' | 'email' | 'phone';

/** The rating was kept; `masked`: what was hidden in its comment first (none: kept as typed). */
export interface RatingAnswer {
  masked: MaskedKind[];
}

/** Whether the call is still on, and whether the customer may ask for a phone call instead. */
export interface GuestStatus {
  active: boolean;
  callbackOffered: boolean;
}

export interface CallbackRequest {
  /** E.164 number to call back. */
  phone: string;
}

/** A customer (or expert) whose link did not work asks the agent for a new one. */
export interface NewLinkAsk {
  /** What their page told them, if it said. */
  reason?: string;
}

/** What the agent hears when a customer or expert asks for a new link. */
export interface NewLinkRequest {
  /** The code of the link that failed (its short form, never the link's token). */
  code: string;
  role: 'guest' | 'expert';
  reason: string;
}

/** What the agent's progress stream carries besides the guest's steps. */
export type ProgressNews =
  | GuestReport
  | { callback: string }
  | { expert: 'joined' | 'left' }
  | { newLink: NewLinkRequest }
  /** The room's media server died; the room is now on this one (same room, same tokens). */
  | { moved: { server: string } }
  /** The service closed the escalation by itself: it outlived the longest allowed, or its room vanished. */
  | { closed: 'expired' | 'room-lost' }
  /** The customer's page answered an ask. */
  | { ask: AskNews }
  /** A still the agent asked for arrived (fetch it with `getSnapshot`). */
  | { snapshot: SnapshotNews }
  /** What the customer's camera can do now. */
  | { camera: CameraAbilities }
  /** Recording was asked for, started, declined or stopped. */
  | { recording: RecordingStatus }
  /** An expert waits in the lobby to be let in. */
  | { lobby: LobbyNews }
  /** A request for an expert changed (ringing someone, accepted, no expert free). */
  | { expertRequest: ExpertRequestStatus };

/**
 * The event names of the progress stream (Server-Sent Events). `closed`: the service closed the
 * escalation by itself; the data says why (`expired`, `room-lost`). `moved`: the room's media
 * server stopped answering and the room was made again on another; the data is
 * `{ "server": "<its WebSocket URL>" }`. `ask`, `snapshot`, `camera`: an `AskNews`, a
 * `SnapshotNews`, the customer's `CameraAbilities`. `recording`: a `RecordingStatus`. `lobby`: a
 * `LobbyNews`. `expert-request`: an `ExpertRequestStatus`.
 */
export type ProgressEventName =
  | 'progress'
  | 'callback'
  | 'expert'
  | 'new-link'
  | 'closed'
  | 'moved'
  | 'ask'
  | 'snapshot'
  | 'camera'
  | 'recording'
  | 'lobby'
  | 'expert-request';
