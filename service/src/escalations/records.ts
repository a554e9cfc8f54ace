// What the service keeps about each escalation and each guest credential.
import type {
  AskOutcome,
  CallAskKind,
  CloseReason,
  EscalationMode,
  GuestReport,
  Interaction,
  ParticipantRole,
  RecordingState,
  SnapshotImageType,
  SnapshotMark,
} from '../../../src/protocol/index.js';

/** One way in for one person: the short code, the link's token, and who used it. */
export interface Invitation {
  /** The short code, for reading out over the phone. */
  code: string;
  /** The link's token (256 bits). */
  linkToken: string;
  expiresAt: number;
  /** Hash of the guest token its redeem gave, once redeemed (single use). */
  redeemedBy: string | null;
  /** Where that participant is in the room: their id and their own media token. */
  participantId: number | null;
  janusToken: string | null;
}

export interface ExpertRecord extends Invitation {
  id: string;
  name: string;
  address: string;
  invitedAt: number;
  /** The agent shared the case with this expert (shown to them masked). Absent in older records: not shared. */
  shareCase?: boolean;
  /** When the agent took the expert out of the call (or withdrew the invite): nothing of theirs works after. */
  removedAt?: number;
  /**
   * The lobby (lobby.ts): `waiting` from their redeem (or accepted ring) until the agent lets them
   * in (`admitted`: their media token is on the room's allow-list) or turns them away
   * (`declined`). Absent: not redeemed yet, or a record from before the lobby (let in at redeem).
   */
  lobby?: 'waiting' | 'admitted' | 'declined';
  /** When the agent turned them away, and the agent's words (which the expert reads). */
  declinedAt?: number;
  declinedBecause?: string;
  /** When their page last said they left the call (cleared when it says they joined again). */
  leftAt?: number;
  /** Rung from the pool (pool/): who they are (their sign-in's `sub`, same tenant) and the skill asked for. */
  pool?: { expert: string; skill: string; request: string };
}

export interface DeliveryRecord {
  id: string;
  /** The customer's link, or an expert's invite (each has an allowance of its own). */
  purpose: 'link' | 'expert';
  channel: 'sms' | 'email' | 'chat' | 'host';
  to: string | null;
  /** `sending`: under way (it counts against the allowance already). */
  status: 'sending' | 'sent' | 'failed' | 'handed-to-host';
  by: string;
  at: number;
  error?: string;
}

export interface DestinationChange {
  channel: 'sms' | 'email';
  from: string | null;
  to: string;
  by: string;
  at: number;
}

/** Something the agent asked of the customer's page (call-tools.ts), and whether it was answered. */
export interface AskRecord {
  id: string;
  kind: CallAskKind;
  at: number;
  /** The code generation of the customer asked: only that customer hears it and may answer it. */
  generation: number;
  answered: boolean;
  outcome?: AskOutcome;
}

export interface EscalationRecord {
  id: string;
  tenant: string;
  /** `agent:<sub>` or `service:<key id>`: the only principal that may act on it. */
  owner: string;
  /** The agent's name from their sign-in (shown to the customer); absent for a flow, or a nameless token. */
  agentName?: string;
  /** The scoped Idempotency-Key of the create call that made it (for closing by key). */
  createScope: string;
  interaction: Interaction;
  mode: EscalationMode;
  /** Where links may go without the agent changing it (the interaction's own number and address). */
  destination: { sms: string | null; email: string | null };
  destinationChanges: DestinationChange[];
  /** The room, and which Janus server it is on (`server`: the server's id). */
  room: { room: number; secret: string; agentId: number; hostToken: string; server?: string };
  guest: Invitation;
  /** Bumped when the guest code is renewed: tokens of earlier generations stop working. */
  generation: number;
  /** Codes and link tokens this escalation has had before, so an old one gets the right words. */
  retired: string[];
  experts: ExpertRecord[];
  /** `creating`: the room is being made (the interaction is already taken). */
  status: 'creating' | 'active' | 'closed';
  createdAt: number;
  closedAt: number | null;
  closeReason: CloseReason | null;
  deliveries: DeliveryRecord[];
  progress: { report: GuestReport; at: number }[];
  /** New-link asks from the customer's or an expert's own token. */
  newLinkRequests: number;
  /** New-link asks from refused redeems (whoever held a spent link). */
  refusedNewLinkRequests: number;
  /** The customer said their link did not work: the next resend carries a fresh code. */
  newLinkAsked: boolean;
  callback: { phone: string; at: number } | null;
  rated: boolean;
  /** The agent's asks of the customer's page, oldest first. Absent in older records: none. */
  asks?: AskRecord[];
  /** Recording with the customer's consent (recording.ts). Absent: never asked for. */
  recording?: RecordingRecord;
  /**
   * The participant ids of customers whose code was renewed since: what they recorded is still
   * the customer's. Absent: none.
   */
  formerGuestIds?: number[];
  /**
   * A consult (consult.ts): agent and experts only, the customer on the phone. Its `guest` has no
   * code nor link. Absent in older records: a customer's video call.
   */
  consult?: boolean;
}

/** Where recording stands, and when Janus recorded (each part of the recording must fall within). */
export interface RecordingRecord {
  state: RecordingState;
  /** Epoch milliseconds since when it is in this state. */
  since: number;
  /** The consent ask of the latest start: only it may be answered. */
  ask: string | null;
  /** From just before Janus was told to record to when it was told to stop (null while on). */
  periods: { from: number; to: number | null }[];
  /** The ids of the Janus servers the room was recorded on (a failover moves it). */
  servers: string[];
}

/** What a newly made escalation has done so far: nothing (its history, all empty). */
export function blankHistory(): Pick<
  EscalationRecord,
  | 'generation'
  | 'retired'
  | 'experts'
  | 'closedAt'
  | 'closeReason'
  | 'deliveries'
  | 'progress'
  | 'newLinkRequests'
  | 'refusedNewLinkRequests'
  | 'newLinkAsked'
  | 'callback'
  | 'rated'
> {
  return {
    generation: 1,
    retired: [],
    experts: [],
    closedAt: null,
    closeReason: null,
    deliveries: [],
    progress: [],
    newLinkRequests: 0,
    refusedNewLinkRequests: 0,
    newLinkAsked: false,
    callback: null,
    rated: false,
  };
}

/** What a guest token stands for. */
export interface GuestGrant {
  escalationId: string;
  /**
   * `guest`: the customer; `expert`: an invited expert; `new-link`: someone whose redeem was
   * refused (spent or old link), who may only ask the agent for a new one.
   */
  kind: 'guest' | 'expert' | 'new-link';
  /** For `guest`: the code generation it was issued under. */
  generation: number;
  /** For `expert`: which one. */
  expertId: string | null;
  expiresAt: number;
}

export interface RatingRecord {
  tenant: string;
  interactionId: string;
  escalationId: string;
  score: number;
  comment: string | null;
  at: number;
}

/** A still from the customer's camera, kept apart from its escalation (it is large), without its image. */
export interface KeptSnapshot {
  id: string;
  escalationId: string;
  /** The snapshot ask it answered. */
  ask: string;
  type: SnapshotImageType;
  width: number;
  height: number;
  takenAt: number;
  /** Kept for the case by the agent; a still not kept goes when the call ends. */
  saved: boolean;
  marks: SnapshotMark[];
  /** Masked by the service's rules before it is kept. */
  note: string;
}

export interface KeptSnapshotImage extends KeptSnapshot {
  image: Buffer;
}

/** One playable file of a recording, kept in the recordings folder (its bytes) and the store (this). */
export interface KeptRecordingFile {
  /** 32 hex digits: derived from the Janus server and the recorded part, so a second run makes the same one. */
  id: string;
  escalationId: string;
  participant: ParticipantRole;
  kind: 'audio' | 'video';
  type: 'video/webm' | 'audio/ogg';
  bytes: number;
  startedAt: number;
}
