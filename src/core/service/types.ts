// The EscalationService contract: HTTP + JSON. Every write carries an Idempotency-Key, so a
// retried request (network blip, double click, second tab) never does a thing twice.
//
//   POST   /escalations                       create (or return the live one for the interaction)
//   POST   /escalations/{id}/deliveries       send the guest link (sms | email | chat | host)
//   POST   /escalations/{id}/code             before a resend: a new code if the old one is spent
//                                             (expired, redeemed, or the customer asked), else the same
//   POST   /escalations/{id}/experts          invite an expert
//   DELETE /escalations/{id}                  close: destroy the room, revoke every credential
//   GET    /escalations/{id}/events           guest progress, Server-Sent Events
//   POST   /codes/{code}/redeem               guest code → join details (once; throttled)
//   POST   /codes/{code}/progress             the guest page reports opened / checking-devices / ...
//   POST   /codes/{code}/rating               1–5 and an optional comment, after the call
//   GET    /codes/{code}/status               is the call on; may the customer ask for a callback
//   POST   /codes/{code}/callback             chat mode, after a fallback: call me back at {phone}
//   POST   /codes/{code}/new-link             the code failed: tell the agent the customer wants a new link
//
// Errors are JSON `{ "error": { "code": "...", "message": "..." } }` with a 4xx or 5xx status.
import type { DeliveryChannel, Escalation, EscalationMode, ExpertInvite, GuestStep, Interaction, LinkDelivery } from '../machine/types.js';

export interface CreateEscalationRequest {
  interaction: Interaction;
  delivery: LinkDelivery;
  mode: EscalationMode;
}

export interface DeliveryResult {
  channel: DeliveryChannel;
  status: 'sent' | 'handed-to-host';
}

export interface RedeemedCode {
  server: string;
  room: string;
  token: string;
  /** How the agent addresses the customer. */
  displayName: string;
  escalationId: string;
  /** Proves on a later redeem (rejoin after a drop) that this is the same guest. */
  guestToken: string;
  /** `chat`: if video ends early, the customer may ask for a phone call instead. */
  mode: EscalationMode;
  /** A guest code, or an invited expert's. */
  role: 'guest' | 'expert';
}

/** A customer (or expert) whose code did not work asks the agent for a new link. */
export interface NewLinkRequest {
  /** The code they tried. */
  code: string;
  role: 'guest' | 'expert';
  /** What their page told them, if it said. */
  reason: string;
}

/** What the agent's progress stream carries besides the guest's steps. */
export type ProgressNews = GuestReport | { callback: string } | { expert: 'joined' | 'left' } | { newLink: NewLinkRequest };

export type GuestReport = GuestStep | 'joined' | 'left';

export interface Rating {
  score: 1 | 2 | 3 | 4 | 5;
  comment?: string;
}

/** Error codes the service answers with; the guest page turns them into words for a customer. */
export type ServiceErrorCode =
  | 'bad-request'
  | 'not-found'
  | 'code-unknown'
  | 'code-expired'
  | 'code-used'
  | 'too-many-attempts'
  | 'conflict'
  | 'unavailable';

export interface EscalationServiceApi {
  create(request: CreateEscalationRequest, idempotencyKey: string): Promise<Escalation>;
  deliver(escalationId: string, delivery: LinkDelivery, idempotencyKey: string): Promise<DeliveryResult>;
  /** Before a resend: the escalation with a fresh code when the one out is spent, else unchanged. */
  renewLink(escalationId: string, idempotencyKey: string): Promise<Escalation>;
  inviteExpert(escalationId: string, expert: ExpertInvite, idempotencyKey: string): Promise<void>;
  close(escalationId: string | null, createKey: string, reason: string): Promise<void>;
  /** Redeems once; the same guest may redeem again with the `guestToken` of the first time. */
  redeem(code: string, guestToken?: string): Promise<RedeemedCode>;
  report(code: string, report: GuestReport): Promise<void>;
  rate(code: string, rating: Rating): Promise<void>;
  /** Whether the call is still on, and whether the customer may ask for a phone call instead. */
  status(code: string): Promise<{ active: boolean; callbackOffered: boolean }>;
  /** After the call, in chat mode: the customer asks to be called back at an E.164 number. */
  requestCallback(code: string, phone: string): Promise<void>;
  /** The code did not work: asks the agent for a new link. `relayed` is false when no agent is listening. */
  askForNewLink(code: string, reason: string): Promise<{ relayed: boolean }>;
  /** Listens to guest progress (and callback requests); returns the function that stops listening. */
  progress(escalationId: string, listener: (news: ProgressNews) => void): () => void;
}
