// What the agent's side sends and gets back: creating an escalation, sending its link, renewing
// its code, inviting an expert.
import type { DeliveryChannel, EscalationMode, Interaction, LinkDelivery } from './interaction.js';
import type { GuestReport } from './guest.js';
import type { RoomCredentials } from './room.js';

export interface CreateEscalationRequest {
  interaction: Interaction;
  delivery: LinkDelivery;
  mode: EscalationMode;
  /**
   * A consult: a room for the agent and experts only, while the customer stays on the phone (or in
   * the chat) after video did not work out. It has no customer code or link (nothing is
   * delivered; `delivery` is ignored), and each expert still waits in the lobby until let in.
   */
  consult?: boolean;
}

/** What the escalation service returns when it creates (or renews the code of) an escalation. */
export interface Escalation {
  id: string;
  /** Where and as whom the agent joins. */
  host: RoomCredentials;
  /** The short code, for reading out over the phone (`ACD-EFH-JKM`); empty for a consult. */
  guestCode: string;
  /** The customer's link; it carries an unguessable token of its own. Empty for a consult. */
  guestUrl: string;
  /** True for a consult (agent and experts only): no customer can join it. */
  consult?: boolean;
  /** Epoch milliseconds after which the code and link no longer let anyone in. */
  expiresAt: number;
}

export interface DeliveryResult {
  channel: DeliveryChannel;
  status: 'sent' | 'handed-to-host';
}

/** An agent asks for the escalation a contact-center flow started for their interaction. */
export interface ClaimRequest {
  interactionId: string;
}

/**
 * The escalation a flow started, now the claiming agent's: where it stands, so the agent's page
 * carries on from there (same room, no second link). Not the case itself: the agent's page has
 * it, and answers are kept (for idempotency) where the case should not be.
 */
export interface ClaimedEscalation {
  escalation: Escalation;
  mode: EscalationMode;
  /** How the flow sent the link (its channel and address), or null before it sent one. */
  delivery: LinkDelivery | null;
  /** The customer's latest step (`opened`, … `joined`, `left`), or null before any. */
  guestStep: GuestReport | null;
}

/** Who to pull in as a remote expert. */
export interface ExpertInvite {
  /** An E.164 phone number (SMS) or an e-mail address. */
  address: string;
  name?: string;
  /**
   * Show the expert the case: the customer's name, case number, issue and the agent's notes,
   * masked by the service's rules (card numbers, IBANs, ids, e-mail addresses, phone numbers).
   */
  shareCase?: boolean;
}

/** The expert's own code and link: single use, expiring like a guest's. */
export interface ExpertInvitation {
  /** The invitation's id: what removing the expert (or withdrawing the invite) names. */
  id: string;
  code: string;
  url: string;
  expiresAt: number;
}
