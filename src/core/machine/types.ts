// The escalation statechart's vocabulary: what it is configured with, what it remembers,
// which events it takes, and what it announces to the host. Framework-free and serialisable.

import type {
  AskNews,
  AskOutcome,
  CallAsk,
  CallAskKind,
  CameraAbilities,
  MaskedKind,
  SnapshotImageType,
  SnapshotMark,
  SnapshotNews,
  RecordingStatus,
  ExpertRequest,
  ExpertRequestStatus,
  LobbyNews,
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
  ExpertRequest,
  ExpertRequestStatus,
  LobbyNews,
  FallbackReason,
  GuestStep,
  Interaction,
  LinkDelivery,
  RoomCredentials,
  ServiceErrorCode,
} from '../../protocol/index.js';

/** The top-level phase of an escalation, as a host or an element sees it. */
export type EscalationPhase = 'idle' | 'requested' | 'linkSent' | 'joined' | 'fallbackToVoice' | 'consulting' | 'closed';

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
  /** The agent's request for an expert by skill, as the service last said (null: none). */
  expertRequest: ExpertRequestStatus | null;
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
  /** The agent's asks of the customer's camera, and the stills it gave. */
  tools: CallTools;
  /** Who was in the video when (the customer and the expert; the agent is there throughout). */
  presence: VideoStay[];
  /** How the agent's connection measured on video: time at each level, and the level now. */
  quality: QualitySeen;
  /** The consult with an expert after a fallback (the customer on the phone), while one runs or last ran. */
  consult: Consult | null;
  /** Each consult so far, for the summary. */
  consults: ConsultSpan[];
}

/**
 * A consult: after video with the customer did not work out, a room of the agent's own to which
 * they bring an expert, while the customer stays on the phone (or in the chat).
 */
export interface Consult {
  /** Its own escalation (its room, no customer way in), once the service made it. */
  escalation: Escalation | null;
  /** The idempotency key of its create: a retry never makes a second room. */
  key: string;
  /** True from the create going out until its room is closed: closing the escalation closes it too. */
  open: boolean;
  /** How it ended, for the agent's status line: null while it runs. */
  outcome: 'ended' | 'failed' | 'media' | 'lost' | null;
}

export interface ConsultSpan {
  escalationId: string;
  /** Epoch milliseconds. */
  startedAt: number;
  endedAt: number | null;
}

export interface VideoStay {
  role: 'customer' | 'expert';
  name: string | null;
  /** Epoch milliseconds. */
  joinedAt: number;
  leftAt: number | null;
}

export interface QualitySeen {
  /** Milliseconds at each level while on video. */
  ms: { good: number; fair: number; poor: number };
  level: 'good' | 'fair' | 'poor' | null;
  since: number | null;
}

/** How the agent's latest ask of one kind stands: on its way, with the customer, or answered. */
export type AskStatus = 'sending' | 'asked' | 'not-sent' | AskOutcome;

export interface AskState {
  ask: CallAsk;
  /** The service's id, once it took the ask. */
  id: string | null;
  status: AskStatus;
}

/** A still the customer's camera gave, while the agent keeps or discards it. */
export interface OpenStill {
  news: SnapshotNews;
  /** An object URL of the image, once fetched (gone after a reload: it is fetched again). */
  url: string | null;
  type: SnapshotImageType | null;
  /** Why keeping it failed (the service's code, or `failed`); null before any try. */
  error: ServiceErrorCode | 'failed' | null;
}

/** A still kept for the case (what the closing summary lists). */
export interface KeptStill {
  id: string;
  takenAt: number;
  width: number;
  height: number;
  marks: number;
  note: string;
  /** What the service hid in the note. */
  masked: MaskedKind[];
}

export interface CallTools {
  /** What the customer's camera can do, as their page last said (null: not said yet). */
  camera: CameraAbilities | null;
  /** The latest ask of each kind. */
  asks: Partial<Record<CallAskKind, AskState>>;
  /** The kind asked last (what the agent's status line is about). */
  lastAsk: CallAskKind | null;
  /** The Idempotency-Key of the ask on its way. */
  askKey: string | null;
  still: OpenStill | null;
  kept: KeptStill[];
  /** How recording stands, as the service last said (null: never asked). */
  recording: RecordingStatus | null;
  /** Why the last recording request was refused (the service's code), or null. */
  recordingError: ServiceErrorCode | 'failed' | null;
  /** Milliseconds recorded so far (for the summary), and since when it is on. */
  recordedMs: number;
}

/** A still kept for the case, as the host receives it (`escalation-snapshot`). */
export interface SavedSnapshot {
  id: string;
  escalationId: string;
  interactionId: string | null;
  /** Epoch milliseconds when the customer's camera took it. */
  takenAt: number;
  width: number;
  height: number;
  /** The still as the camera gave it. */
  image: Blob;
  /** The same with the agent's marks drawn on it. */
  marked: Blob;
  marks: SnapshotMark[];
  /** The note as the service kept it (masked). */
  note: string;
  /** What was masked in the note. */
  masked: MaskedKind[];
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
  /** How the agent's connection measures now (the room's quality indicator), for the summary. */
  | { type: 'MEDIA_QUALITY'; quality: 'good' | 'fair' | 'poor' | 'unknown' }
  | { type: 'INVITE_EXPERT'; expert: ExpertInvite }
  | { type: 'CANCEL_INVITE' }
  /** The agent takes the expert out of the call: the service puts them out and their way in stops working. */
  | { type: 'REMOVE_EXPERT' }
  /** The agent asks for an expert with a skill: the longest-idle free one with it is rung. */
  | { type: 'REQUEST_EXPERT'; request: ExpertRequest }
  | { type: 'CANCEL_EXPERT_REQUEST' }
  | { type: 'EXPERT_REQUEST_CHANGED'; status: ExpertRequestStatus }
  /** An expert (rung, or invited by address) waits in the lobby to be let in. */
  | { type: 'EXPERT_WAITING'; lobby: LobbyNews }
  | { type: 'ADMIT_EXPERT' }
  /** The agent turns the waiting expert away; they read the reason. */
  | { type: 'DECLINE_EXPERT'; reason: string }
  | { type: 'EXPERT_JOINED' }
  | { type: 'EXPERT_LEFT' }
  | { type: 'HANGUP' }
  | { type: 'RETRY_VIDEO' }
  /** After a fallback: open a room for the agent and an expert; the customer stays on the phone. */
  | { type: 'CONSULT' }
  /** End the consult: its room goes, the escalation is back to voice (or chat) only. */
  | { type: 'END_CONSULT' }
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
  /** The agent asks the customer's page for a still, another camera, the torch or a zoom level. */
  | { type: 'ASK_GUEST'; ask: CallAsk }
  | { type: 'ASK_ANSWERED'; answer: AskNews }
  | { type: 'SNAPSHOT_ARRIVED'; snapshot: SnapshotNews }
  | { type: 'GUEST_CAMERA'; camera: CameraAbilities }
  /** The agent keeps the open still for the case, with their marks and a note. */
  | { type: 'KEEP_SNAPSHOT'; marks: SnapshotMark[]; note: string }
  | { type: 'DISCARD_SNAPSHOT' }
  /** The agent asks the customer to agree to recording (it starts when they do), or stops it. */
  | { type: 'RECORD'; action: 'start' | 'stop' }
  | { type: 'RECORDING_CHANGED'; status: RecordingStatus }
  /** Sent once by `createEscalationActor` after restoring a saved escalation: re-arms its timers. */
  | { type: 'RESUME' };

/** How the last expert invite stands. */
export type ExpertStatus =
  | 'inviting'
  | 'requesting'
  | 'ringing'
  | 'no-expert'
  | 'waiting'
  | 'admitting'
  | 'declined'
  /** The expert stopped waiting in the lobby (closed their page) before being let in. */
  | 'left-lobby'
  | 'joined'
  | 'left'
  | 'failed'
  | 'cancelled'
  | 'removed'
  | 'remove-failed';

/** One participant's time in the video, as the summary gives it (ISO 8601 times). */
export interface SummaryParticipant {
  role: 'agent' | 'customer' | 'expert';
  name: string | null;
  joinedAt: string;
  /** Null: still there when the video ended (it ended for everyone then). */
  leftAt: string | null;
}

export interface SummarySnapshot {
  id: string;
  takenAt: string;
  width: number;
  height: number;
  marks: number;
  /** As the service kept it (masked). */
  note: string;
}

/**
 * What the closing announcement reports: one JSON-ready record a CRM integration can store as it
 * is (times are ISO 8601, durations milliseconds).
 */
export interface EscalationSummary {
  /** The shape's version, for integrations that store it. */
  version: 1;
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
  /** When the agent asked for video, and when the escalation ended. */
  startedAt: string | null;
  endedAt: string | null;
  /** Who was in the video and when; the agent first. */
  participants: SummaryParticipant[];
  /** The stills kept for the case. */
  snapshots: SummarySnapshot[];
  /** Consults with an expert after the fallback (the customer on the phone), with their own escalation ids. */
  consults: { escalationId: string; startedAt: string; endedAt: string | null }[];
  /**
   * Whether recording was asked for, the customer's answer, and how long it ran (milliseconds).
   * The files are listed by the service (`listRecordings`) once made after the call.
   */
  recording: { asked: boolean; consent: 'given' | 'declined' | null; recordedMs: number };
  /**
   * Time on video at each connection quality, as the agent's side measured it; `customerSoundOnly`:
   * the customer's connection was too weak for video and they had sound only.
   */
  network: { good: number; fair: number; poor: number; customerSoundOnly: boolean };
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
  | { type: 'snapshot'; snapshot: SavedSnapshot }
  | { type: 'closed'; summary: EscalationSummary };
