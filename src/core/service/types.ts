// The escalation service as the elements see it: the agent's side (create, deliver, renew,
// invite, close, the progress stream) and the guest's side (redeem, then everything with the
// guest token redeeming gave). The wire contract, routes and error codes are in src/protocol/.
import type {
  AskOutcome,
  AskSent,
  CallAsk,
  CameraAbilities,
  GuestAsk,
  SnapshotRecord,
  SnapshotSave,
  SnapshotSaved,
  SnapshotUpload,
  RecordingList,
  RecordingRequest,
  RecordingStatus,
  ExpertOffer,
  ExpertRequest,
  ExpertRequestStatus,
  LobbyOutcome,
  Presence,
  PresenceUpdate,
  ClaimedEscalation,
  CreateEscalationRequest,
  DeliveryResult,
  Escalation,
  ExpertInvitation,
  ExpertInvite,
  GuestReport,
  GuestStatus,
  JoinDetails,
  LinkDelivery,
  ProgressNews,
  Rating,
  RatingAnswer,
} from '../../protocol/index.js';

export type {
  CreateEscalationRequest,
  DeliveryResult,
  ErrorBody,
  ExpertInvitation,
  GuestReport,
  GuestStatus,
  JoinDetails,
  NewLinkRequest,
  ProgressNews,
  Rating,
  RatingAnswer,
  ServiceErrorCode,
} from '../../protocol/index.js';

/**
 * What the progress stream tells the agent's page: the service's news, or that the service no
 * longer knows the escalation (the stream is refused with `not-found`), which no retry mends.
 */
export type ProgressUpdate = ProgressNews | { lost: 'not-found' };

/** What the agent's side does; every call carries the agent's bearer token. */
export interface AgentServiceApi {
  create(request: CreateEscalationRequest, idempotencyKey: string): Promise<Escalation>;
  deliver(escalationId: string, delivery: LinkDelivery, idempotencyKey: string): Promise<DeliveryResult>;
  /** Before a resend: the escalation with a fresh code when the one out is spent, else unchanged. */
  renewLink(escalationId: string, idempotencyKey: string): Promise<Escalation>;
  inviteExpert(escalationId: string, expert: ExpertInvite, idempotencyKey: string): Promise<ExpertInvitation>;
  /** The escalation a contact-center flow started for the interaction, taken over; null when there is none. */
  claim(interactionId: string): Promise<ClaimedEscalation | null>;
  /** Takes the expert out of the call, or withdraws their invite: their code, link and token stop working. */
  removeExpert(escalationId: string, expertId: string): Promise<void>;
  close(escalationId: string | null, createKey: string, reason: string): Promise<void>;
  /** Listens to guest progress (and callback, expert and new-link news); returns the function that stops. */
  progress(escalationId: string, listener: (news: ProgressUpdate) => void): () => void;
}

/** What the customer's (or expert's) side does: redeem, then act with the guest token. */
export interface GuestServiceApi {
  /** A typed code or a link's token → where to join, and the guest token for everything after. */
  redeem(code: string): Promise<JoinDetails>;
  /** The same guest back after a drop or reload. */
  rejoin(guestToken: string): Promise<JoinDetails>;
  report(guestToken: string, report: GuestReport): Promise<void>;
  /** Kept with what was masked in the comment first (card numbers, contact details), so the customer can be told. */
  rate(guestToken: string, rating: Rating): Promise<RatingAnswer>;
  status(guestToken: string): Promise<GuestStatus>;
  /** After the call, in chat mode: the customer asks to be called back at an E.164 number. */
  requestCallback(guestToken: string, phone: string): Promise<void>;
  /**
   * The link did not work: asks the agent for a new one, with the guest token or the token a
   * refused redeem gave. `relayed` is false when no agent is listening.
   */
  askForNewLink(token: string, reason: string): Promise<{ relayed: boolean }>;
}

/**
 * What the agent asks of the customer's page during the call, and the stills that come back. A
 * service without them (an integrator's own) leaves the agent's camera tools out.
 */
export interface AgentCallToolsApi {
  askGuest(escalationId: string, ask: CallAsk, idempotencyKey: string): Promise<AskSent>;
  /** One still, its image base64. */
  snapshot(escalationId: string, snapshotId: string): Promise<SnapshotRecord>;
  /** The stills taken in the escalation, without images. */
  snapshots(escalationId: string): Promise<SnapshotRecord[]>;
  saveSnapshot(escalationId: string, snapshotId: string, save: SnapshotSave): Promise<SnapshotSaved>;
  discardSnapshot(escalationId: string, snapshotId: string): Promise<void>;
  /** Asks the customer's consent to record (it starts when they agree), or stops recording. */
  recording(escalationId: string, action: RecordingRequest['action'], idempotencyKey: string): Promise<RecordingStatus>;
  /** The recording's playable files, once made after the call. */
  recordings(escalationId: string): Promise<RecordingList>;
}

/** The agent's side of experts the contact-center way: ask the pool by skill, and the lobby. */
export interface AgentExpertPoolApi {
  requestExpert(escalationId: string, request: ExpertRequest, idempotencyKey: string): Promise<ExpertRequestStatus>;
  cancelExpertRequest(escalationId: string, requestId: string): Promise<void>;
  admitExpert(escalationId: string, expertId: string): Promise<void>;
  declineExpert(escalationId: string, expertId: string, reason: string): Promise<void>;
}

/** What an expert's desk hears: a ring, or that a ring stopped. */
export type PoolNews = { offer: ExpertOffer } | { offerGone: string };

/** An expert's desk (signed in like an agent, with the same bearer token). */
export interface ExpertDeskApi {
  setPresence(update: PresenceUpdate): Promise<Presence>;
  /** Hears rings while open (the expert counts as reachable only then); returns the function that stops. */
  poolEvents(listener: (news: PoolNews) => void): () => void;
  /** Takes the call: join details, waiting in the lobby until the agent admits them. */
  acceptOffer(offerId: string): Promise<JoinDetails>;
  declineOffer(offerId: string): Promise<void>;
}

/** What a customer's or expert's own stream carries: an ask of the agent's (customers only), or how recording stands. */
export type GuestNews = { ask: GuestAsk } | { recording: RecordingStatus } | { lobby: LobbyOutcome };

/** The customer's page's side of the agent's asks. */
export interface GuestCallToolsApi {
  /** Hears the agent's asks and how recording stands; returns the function that stops. */
  guestEvents(guestToken: string, listener: (news: GuestNews) => void): () => void;
  answerAsk(guestToken: string, askId: string, outcome: AskOutcome): Promise<void>;
  uploadSnapshot(guestToken: string, upload: SnapshotUpload): Promise<{ id: string }>;
  reportCamera(guestToken: string, camera: CameraAbilities): Promise<void>;
}

export type EscalationServiceApi = AgentServiceApi & GuestServiceApi & AgentCallToolsApi & GuestCallToolsApi & AgentExpertPoolApi;

/**
 * Where the agent's bearer token comes from. `reason`: `initial` (none yet), `expiring` (the one
 * held expires within a minute) or `refused` (the service answered 401: get a fresh one).
 */
export type AgentTokenProvider = (reason: 'initial' | 'expiring' | 'refused') => string | Promise<string>;
