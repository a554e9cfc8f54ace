// The escalation service's HTTP routes: one table that the browser's client builds its requests
// from and the service dispatches on. JSON in and out; errors are an `ErrorBody`.
//
// Who may call:
//   agent  `Authorization: Bearer <JWT>` naming the agent and tenant (or, for a contact-center
//          flow, `Authorization: ApiKey <key>` scoped to a tenant and to named routes); acts only
//          on escalations that principal created.
//   guest  `Authorization: Bearer <guestToken>` from redeeming; acts only on that guest's
//          escalation, and only while that guest's code is the current one.
//   anyone redeeming a code or link (throttled per client and per code).
// Every write (POST, DELETE) carries an `Idempotency-Key` header: a retry with the same key and
// the same request gets the first answer; the work runs once.
import type {
  ClaimedEscalation,
  ClaimRequest,
  CreateEscalationRequest,
  DeliveryResult,
  Escalation,
  ExpertInvitation,
  ExpertInvite,
} from './escalation.js';
import type {
  CallbackRequest,
  GuestReport,
  GuestStatus,
  JoinDetails,
  NewLinkAsk,
  Rating,
  RatingAnswer,
  RedeemRequest,
} from './guest.js';
import type { LinkDelivery } from './interaction.js';
import type {
  AskAnswer,
  AskSent,
  CallAsk,
  CameraAbilities,
  SnapshotRecord,
  SnapshotSave,
  SnapshotSaved,
  SnapshotUpload,
} from './call-tools.js';
import type { RecordingList, RecordingRequest, RecordingStatus } from './recording.js';
import type { ExpertRequest, ExpertRequestStatus, LobbyDecline, Presence, PresenceUpdate } from './experts.js';

export type CallerKind = 'agent' | 'guest' | 'anyone';
export type HttpMethod = 'GET' | 'POST' | 'DELETE';

export interface RouteSpec {
  readonly method: HttpMethod;
  /** Path under the service's base URL; `:name` is a path parameter. */
  readonly path: string;
  readonly caller: CallerKind;
}

export const ROUTES = {
  /** Creates the escalation of an interaction (or returns this agent's live one). */
  createEscalation: { method: 'POST', path: '/escalations', caller: 'agent' },
  /**
   * An agent takes over the escalation a contact-center flow (an API key) started for their
   * interaction, once: 404 when there is none, or it is another agent's.
   */
  claimEscalation: { method: 'POST', path: '/escalations/claims', caller: 'agent' },
  /** Sends the guest link (sms | email) or hands it to the host page (chat | host). */
  deliverLink: { method: 'POST', path: '/escalations/:id/deliveries', caller: 'agent' },
  /** Before a resend: a fresh code and link when the current ones are spent, else the same. */
  renewLink: { method: 'POST', path: '/escalations/:id/code', caller: 'agent' },
  /** Invites an expert: a code and link of their own, sent by SMS or e-mail. */
  inviteExpert: { method: 'POST', path: '/escalations/:id/experts', caller: 'agent' },
  /** Puts an expert out of the call (or withdraws their invite): their code, link and token stop working. */
  removeExpert: { method: 'DELETE', path: '/escalations/:id/experts/:expert', caller: 'agent' },
  /** Closes: destroys the room and revokes every credential. `?reason=` says why. */
  closeEscalation: { method: 'DELETE', path: '/escalations/:id', caller: 'agent' },
  /** Closes the escalation a create call with this Idempotency-Key made (or will make). */
  closeByKey: { method: 'DELETE', path: '/escalations/by-key/:key', caller: 'agent' },
  /** Guest progress, callback, expert and new-link news as Server-Sent Events over fetch. */
  progressStream: { method: 'GET', path: '/escalations/:id/events', caller: 'agent' },
  /**
   * Asks the customer's page for a snapshot, another camera, the torch or a zoom level (see
   * call-tools.ts). 409 `conflict` when no customer is in the call to ask.
   */
  askGuest: { method: 'POST', path: '/escalations/:id/asks', caller: 'agent' },
  /** The stills taken in this escalation, without their images. */
  listSnapshots: { method: 'GET', path: '/escalations/:id/snapshots', caller: 'agent' },
  /** One still, with its image. */
  getSnapshot: { method: 'GET', path: '/escalations/:id/snapshots/:snapshot', caller: 'agent' },
  /** Keeps a still for the case, with the agent's marks and note (masked). */
  saveSnapshot: { method: 'POST', path: '/escalations/:id/snapshots/:snapshot', caller: 'agent' },
  /** Deletes a still the agent does not keep. */
  discardSnapshot: { method: 'DELETE', path: '/escalations/:id/snapshots/:snapshot', caller: 'agent' },
  /**
   * `start`: asks the customer's consent (every participant is told); the media server records
   * once they agree. `stop`: stops recording. 409 `conflict` when no customer is in the call, it
   * is already asked or on, or recording is not set up on this service.
   */
  recording: { method: 'POST', path: '/escalations/:id/recording', caller: 'agent' },
  /** The recording's playable files (after the call), and whether some are still being made. */
  listRecordings: { method: 'GET', path: '/escalations/:id/recordings', caller: 'agent' },
  /** One recording file's bytes (not JSON: its own content type). */
  getRecording: { method: 'GET', path: '/escalations/:id/recordings/:recording', caller: 'agent' },
  /**
   * Asks for an expert with a skill: the longest-idle free expert with it (same tenant) is rung,
   * then the next, until one accepts or the overflow time passes (`no-expert`).
   */
  requestExpert: { method: 'POST', path: '/escalations/:id/expert-requests', caller: 'agent' },
  /** Withdraws a request for an expert (a ringing desk stops ringing). */
  cancelExpertRequest: { method: 'DELETE', path: '/escalations/:id/expert-requests/:request', caller: 'agent' },
  /** Lets an expert waiting in the lobby into the call (their media token is allowed into the room now). */
  admitExpert: { method: 'POST', path: '/escalations/:id/experts/:expert/admit', caller: 'agent' },
  /** Turns an expert waiting in the lobby away, with a reason they read; their way in stops working. */
  declineExpert: { method: 'POST', path: '/escalations/:id/experts/:expert/decline', caller: 'agent' },
  /**
   * An expert's desk (signed in like an agent): available or not, and their skills. They are rung
   * only while available and while their desk's stream (`poolEvents`) is open.
   */
  setPresence: { method: 'POST', path: '/pool/presence', caller: 'agent' },
  /** An expert's desk: rings (`offer`) and rings that stopped (`offer-gone`), as Server-Sent Events. */
  poolEvents: { method: 'GET', path: '/pool/events', caller: 'agent' },
  /** The expert takes the call they were rung for: join details, waiting in the lobby until admitted. */
  acceptOffer: { method: 'POST', path: '/pool/offers/:offer/accept', caller: 'agent' },
  /** The expert passes: the next free expert is rung. */
  declineOffer: { method: 'POST', path: '/pool/offers/:offer/decline', caller: 'agent' },
  /** A code or link token → join details and the guest's own token. */
  redeem: { method: 'POST', path: '/guest/redeem', caller: 'anyone' },
  /** The same guest back after a drop or reload: fresh join details. */
  rejoin: { method: 'POST', path: '/guest/rejoin', caller: 'guest' },
  guestStatus: { method: 'GET', path: '/guest/status', caller: 'guest' },
  guestProgress: { method: 'POST', path: '/guest/progress', caller: 'guest' },
  guestRating: { method: 'POST', path: '/guest/rating', caller: 'guest' },
  /** Chat mode, after video ended early: call me back at this number (once per escalation). */
  guestCallback: { method: 'POST', path: '/guest/callback', caller: 'guest' },
  /** The link did not work: tell the agent. Also open to the token a refused redeem returns. */
  guestNewLink: { method: 'POST', path: '/guest/new-link', caller: 'guest' },
  /** The customer's own news (the agent's asks) as Server-Sent Events over fetch. */
  guestEvents: { method: 'GET', path: '/guest/events', caller: 'guest' },
  /** The customer's page answers an ask (refused, unsupported, failed, or done). Customers only. */
  guestAnswer: { method: 'POST', path: '/guest/asks/:ask', caller: 'guest' },
  /** The still a snapshot ask asked for. Customers only. */
  guestSnapshot: { method: 'POST', path: '/guest/snapshots', caller: 'guest' },
  /** What the customer's camera can do now (on joining, and after each change). Customers only. */
  guestCamera: { method: 'POST', path: '/guest/camera', caller: 'guest' },
} as const satisfies Record<string, RouteSpec>;

export type RouteName = keyof typeof ROUTES;

/** What each route takes and answers (`undefined`: no body, or 204 No Content). */
export interface RouteTypes {
  createEscalation: { body: CreateEscalationRequest; answer: Escalation };
  claimEscalation: { body: ClaimRequest; answer: ClaimedEscalation };
  deliverLink: { body: LinkDelivery; answer: DeliveryResult };
  renewLink: { body: Record<string, never>; answer: Escalation };
  inviteExpert: { body: ExpertInvite; answer: ExpertInvitation };
  removeExpert: { body: undefined; answer: undefined };
  closeEscalation: { body: undefined; answer: undefined };
  closeByKey: { body: undefined; answer: undefined };
  progressStream: { body: undefined; answer: undefined };
  askGuest: { body: CallAsk; answer: AskSent };
  listSnapshots: { body: undefined; answer: { snapshots: SnapshotRecord[] } };
  getSnapshot: { body: undefined; answer: SnapshotRecord };
  saveSnapshot: { body: SnapshotSave; answer: SnapshotSaved };
  discardSnapshot: { body: undefined; answer: undefined };
  recording: { body: RecordingRequest; answer: RecordingStatus };
  listRecordings: { body: undefined; answer: RecordingList };
  getRecording: { body: undefined; answer: undefined };
  requestExpert: { body: ExpertRequest; answer: ExpertRequestStatus };
  cancelExpertRequest: { body: undefined; answer: undefined };
  admitExpert: { body: Record<string, never>; answer: undefined };
  declineExpert: { body: LobbyDecline; answer: undefined };
  setPresence: { body: PresenceUpdate; answer: Presence };
  poolEvents: { body: undefined; answer: undefined };
  acceptOffer: { body: Record<string, never>; answer: JoinDetails };
  declineOffer: { body: Record<string, never>; answer: undefined };
  redeem: { body: RedeemRequest; answer: JoinDetails };
  rejoin: { body: Record<string, never>; answer: JoinDetails };
  guestStatus: { body: undefined; answer: GuestStatus };
  guestProgress: { body: { report: GuestReport }; answer: undefined };
  guestRating: { body: Rating; answer: RatingAnswer };
  guestCallback: { body: CallbackRequest; answer: undefined };
  guestNewLink: { body: NewLinkAsk; answer: { relayed: boolean } };
  guestEvents: { body: undefined; answer: undefined };
  guestAnswer: { body: AskAnswer; answer: undefined };
  guestSnapshot: { body: SnapshotUpload; answer: { id: string } };
  guestCamera: { body: CameraAbilities; answer: undefined };
}

export const IDEMPOTENCY_HEADER = 'idempotency-key';

/** Whether a request with this method changes something (and so needs an Idempotency-Key). */
export function isWrite(method: string): boolean {
  return method === 'POST' || method === 'DELETE';
}

/** The path of a route with its parameters filled in (each one URL-encoded). */
export function routePath(name: RouteName, params: Record<string, string> = {}): string {
  return ROUTES[name].path.replace(/:([a-z]+)/g, (_, key: string) => {
    const value = params[key];
    if (value === undefined) throw new Error(`route ${name}: no value for :${key}`);
    return encodeURIComponent(value);
  });
}

export interface RouteMatch {
  name: RouteName;
  params: Record<string, string>;
}

/**
 * Which route a request is for. A literal segment beats a parameter (`/escalations/by-key/…` is
 * never an escalation id). `name` is undefined when nothing matches; `pathExists` then says
 * whether the path is there under another method (405 rather than 404).
 */
export function matchRoute(method: string, pathname: string): RouteMatch | { name: undefined; pathExists: boolean } {
  const segments = pathname.split('/').filter(Boolean);
  let pathExists = false;
  let best: { match: RouteMatch; literals: number } | undefined;
  for (const [name, spec] of Object.entries(ROUTES) as [RouteName, RouteSpec][]) {
    const pattern = spec.path.split('/').filter(Boolean);
    if (pattern.length !== segments.length) continue;
    const params: Record<string, string> = {};
    let literals = 0;
    const fits = pattern.every((part, index) => {
      const segment = segments[index]!;
      if (part.startsWith(':')) {
        const decoded = safeDecode(segment);
        if (decoded === undefined) return false;
        params[part.slice(1)] = decoded;
        return true;
      }
      literals += 1;
      return part === segment;
    });
    if (!fits) continue;
    pathExists = true;
    if (spec.method !== method) continue;
    if (!best || literals > best.literals) best = { match: { name, params }, literals };
  }
  return best ? best.match : { name: undefined, pathExists };
}

function safeDecode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
