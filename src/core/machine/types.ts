// The escalation statechart's vocabulary: what it is configured with, what it remembers,
// which events it takes, and what it announces to the host. Framework-free and serialisable.

import type {
  DeliveryChannel,
  EndReason,
  Escalation,
  EscalationMode,
  ExpertInvite,
  FallbackReason,
  GuestStep,
  Interaction,
  LinkDelivery,
  ServiceErrorCode,
} from '../../protocol/index.js';

// The words shared with the escalation service live in src/protocol/; the machine's public API
// keeps exporting them from here.
export type {
  DeliveryChannel,
  EndReason,
  Escalation,
  ClaimedEscalation,
  EscalationMode,
  ExpertInvitation,
  ExpertInvite,
  FallbackReason,
  GuestStep,
  Interaction,
  LinkDelivery,
  RoomCredentials,
  ServiceErrorCode,
} from '../../protocol/index.js';

/** The top-level phase of an escalation, as a host or an element sees it. */
export type EscalationPhase = 'idle' | 'requested' | 'linkSent' | 'joined' | 'fallbackToVoice' | 'closed';

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  initialDelayMs: number;
  maxDelayMs: number;
  /** Each wait is the previous one times this. */
  factor: number;
}

export interface EscalationConfig {
  mode: EscalationMode;
  /** How long the agent waits for the guest after the link went out. */
  joinTimeoutMs: number;
  /** How long a guest who dropped may take to come back before the call falls back. */
  rejoinGraceMs: number;
  /** How long media may stay in `reconnecting` before the call falls back. */
  reconnectTimeoutMs: number;
  /** How long an invited expert has to join before the invite counts as unanswered. */
  expertInviteTimeoutMs: number;
  retry: RetryPolicy;
}

/** Epoch-millisecond marks from which the closing summary is computed. */
export interface EscalationTimeline {
  requestedAt?: number;
  linkSentAt?: number;
  guestJoinedAt?: number;
  /** When the customer last left the call (the rejoin grace counts from here). */
  guestLeftAt?: number;
  expertJoinedAt?: number;
  /** When the video part stopped: the fallback, or the end. */
  videoEndedAt?: number;
  endedAt?: number;
}

export interface EscalationContext {
  config: EscalationConfig;
  interaction: Interaction | null;
  delivery: LinkDelivery | null;
  /** The current (or last) escalation; kept after the end for the summary. */
  escalation: Escalation | null;
  /** True while the service still holds a live room for `escalation`. */
  roomOpen: boolean;
  /** True from the moment a create call goes out until it answers: a room may exist already. */
  createPending: boolean;
  /** Idempotency key of the current request's create calls; new for each request and retry. */
  createKey: string | null;
  /** Idempotency key of the link delivery under way; new for each send and resend. */
  deliveryKey: string | null;
  /** Idempotency key of the expert invite under way. */
  inviteKey: string | null;
  /** The expert last invited, if any. */
  expert: ExpertInvite | null;
  /** The service's id for that invite, once it answered (what removing the expert names). */
  expertId: string | null;
  /** A request made while looking for a flow's escalation, made once the lookup answers. */
  pendingRequest: { interaction: Interaction; delivery: LinkDelivery } | null;
  /** How that invite stands (null before any). */
  expertStatus: ExpertStatus | null;
  /** Service attempts made for the current request. */
  attempt: number;
  /** The phase last announced, so a state change can say where it came from. */
  phase: EscalationPhase;
  guestStep: GuestStep | null;
  /** The customer said their link did not work; the next resend carries a fresh code. */
  newLinkRequested: boolean;
  /** True once the agent's own media is up, even before the guest arrives. */
  agentMediaConnected: boolean;
  everJoined: { guest: boolean; expert: boolean };
  fallbackReason: FallbackReason | null;
  endReason: EndReason | null;
  lastError: string | null;
  /** The escalation service's code for that error, when it gave one (the agent's words come from it). */
  lastErrorCode: ServiceErrorCode | null;
  timeline: EscalationTimeline;
}

export interface EscalationInput {
  config?: Partial<Omit<EscalationConfig, 'retry'>> & { retry?: Partial<RetryPolicy> };
}

/** Events the host page, the elements and the invoked actors send to the machine. */
export type EscalationEvent =
  | { type: 'REQUEST'; interaction: Interaction; delivery: LinkDelivery }
  /**
   * The interaction's task reached the agent: take over the escalation a contact-center flow may
   * have started for it (same room, no second link). Nothing there: stays idle.
   */
  | { type: 'LOOK_UP'; interaction: Interaction }
  | { type: 'RESEND'; delivery?: LinkDelivery }
  | { type: 'CANCEL' }
  | { type: 'GUEST_PROGRESS'; step: GuestStep; detail?: string }
  | { type: 'GUEST_JOINED' }
  | { type: 'GUEST_LEFT' }
  | { type: 'MEDIA_CONNECTED' }
  | { type: 'MEDIA_RECONNECTING' }
  | { type: 'MEDIA_FAILED'; error?: string }
  | { type: 'INVITE_EXPERT'; expert: ExpertInvite }
  | { type: 'CANCEL_INVITE' }
  /** The agent takes the expert out of the call: the service puts them out and their way in stops working. */
  | { type: 'REMOVE_EXPERT' }
  | { type: 'EXPERT_JOINED' }
  | { type: 'EXPERT_LEFT' }
  | { type: 'HANGUP' }
  | { type: 'RETRY_VIDEO' }
  /** The agent chooses to carry on without video (the room is torn down, the call goes on). */
  | { type: 'BACK_TO_VOICE' }
  /** The service no longer knows this escalation (a lost or unshared database): nothing to rejoin or close. */
  | { type: 'ESCALATION_LOST' }
  /** After a fallback in chat mode, the customer asked to be called back at this number. */
  | { type: 'CALLBACK_REQUESTED'; phone: string }
  /** A customer (or expert) whose code did not work asks for a new link; RESEND then sends a fresh one. */
  | { type: 'NEW_LINK_REQUESTED'; code: string; role: 'guest' | 'expert'; reason: string }
  /** The room's media server died and the service made the room again on this one: rejoin there. */
  | { type: 'ROOM_MOVED'; server: string }
  | { type: 'CLOSE' }
  | { type: 'TASK_TRANSFERRED'; to?: string }
  | { type: 'TASK_CLOSED' }
  | { type: 'WRAPUP' }
  /** Sent once by `createEscalationActor` after restoring a saved escalation: re-arms its timers. */
  | { type: 'RESUME' };

/** How the last expert invite stands. */
export type ExpertStatus = 'inviting' | 'joined' | 'left' | 'failed' | 'cancelled' | 'removed' | 'remove-failed';

/** What the closing announcement reports. */
export interface EscalationSummary {
  interactionId: string | null;
  escalationId: string | null;
  reason: EndReason;
  /** The fallback that preceded the end, if any. */
  fallbackReason: FallbackReason | null;
  joined: { guest: boolean; expert: boolean };
  /** Milliseconds; null when that span never started. */
  durations: {
    total: number | null;
    untilGuestJoined: number | null;
    onVideo: number | null;
  };
}

/** Announcements to the host, `emit()`ted by the machine; elements turn them into DOM events. */
export type EscalationEmitted =
  | { type: 'stateChange'; from: EscalationPhase; to: EscalationPhase; reason: string | null }
  | {
      type: 'linkReady';
      url: string;
      code: string;
      channel: DeliveryChannel;
      to: string | null;
      expiresAt: number;
    }
  | { type: 'linkDelivery'; status: 'sent' | 'failed'; channel: DeliveryChannel; error: string | null }
  | { type: 'guestProgress'; step: GuestStep | 'joined' | 'left' }
  | { type: 'expertStatus'; status: ExpertStatus; error: string | null }
  | { type: 'fallback'; reason: FallbackReason; error: string | null }
  | { type: 'callbackRequest'; phone: string }
  | { type: 'newLinkRequest'; code: string; role: 'guest' | 'expert'; reason: string }
  | { type: 'closed'; summary: EscalationSummary };
