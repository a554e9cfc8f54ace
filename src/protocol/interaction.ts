// The contact-center interaction an escalation starts from, and how its guest link travels.

/** How the customer's audio travels while on video. */
export type EscalationMode =
  /** Audio stays on the phone call; the browser microphone starts muted to avoid echo. */
  | 'voice'
  /** Audio and video both go through the room (the interaction was a chat). */
  | 'chat';

export const ESCALATION_MODES: readonly EscalationMode[] = ['voice', 'chat'];

/** Where the guest link is sent. `host` hands it to the page (a chat widget posts it). */
export type DeliveryChannel = 'sms' | 'chat' | 'email' | 'host';

export const DELIVERY_CHANNELS: readonly DeliveryChannel[] = ['sms', 'email', 'chat', 'host'];

/** The contact-center interaction being escalated. */
export interface Interaction {
  /** The contact center's id for the call or chat; one live escalation per id and tenant. */
  id: string;
  /** What the interaction is today. */
  channel: 'voice' | 'chat';
  customerName?: string;
  /** E.164 phone number: where an SMS link may go. */
  customerPhone?: string;
  /** Where an e-mail link may go. */
  customerEmail?: string;
  caseNumber?: string;
  issue?: string;
  /** The agent's notes on the case; like every case field, an expert sees it masked, a customer never. */
  notes?: string;
}

/** Where and how to deliver the guest link. */
export interface LinkDelivery {
  channel: DeliveryChannel;
  /**
   * Phone number or e-mail address; absent for `chat` and `host`. The service sends only to the
   * interaction's own number or address unless the escalation's agent changes it (logged).
   */
  to?: string;
}
