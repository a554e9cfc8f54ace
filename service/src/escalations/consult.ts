// A consult: when the customer could not do video and stays on the phone (or in the chat), the
// agent opens a room for themselves and experts only. It is the interaction's live escalation like
// any other, but it has no customer way in: no code or link is issued, and the routes that act on
// the customer (sending or renewing their link, asks of their camera, recording with their consent)
// are refused with a 409 that says why.
import { HttpError } from '../http/http-error.js';
import type { EscalationRecord, Invitation } from './records.js';

/** Records from before consults have no `consult`: they are customers' video calls. */
export function isConsult(record: EscalationRecord): boolean {
  return record.consult === true;
}

/**
 * The customer's invitation of a consult: no code and no link token, so nothing is indexed and
 * nothing can be redeemed (a redeem answers as for an unknown code). Its expiry is only what the
 * agent's view reports; the consult itself lasts as long as any escalation may.
 */
export function noCustomerInvitation(expiresAt: number): Invitation {
  return { code: '', linkToken: '', expiresAt, redeemedBy: null, participantId: null, janusToken: null };
}

/**
 * The same agent asked for the other kind than the interaction's live one: handing that one back
 * would put the agent in the wrong room, so they are told to end it first.
 */
export function checkSameKind(live: EscalationRecord, consult: boolean): void {
  if (isConsult(live) === consult) return;
  throw new HttpError(
    'conflict',
    isConsult(live)
      ? "this interaction's consult is still open: end it first"
      : "this interaction's video call is still open: end it first",
  );
}

/** Sending or renewing the customer's link. */
export function refuseLinkOfConsult(record: EscalationRecord): void {
  if (isConsult(record)) throw new HttpError('conflict', 'a consult has no customer link');
}

/** Asking something of the customer (a still, their camera, consent to record): none is in a consult. */
export function refuseAskOfConsult(record: EscalationRecord): void {
  if (isConsult(record))
    throw new HttpError('conflict', 'a consult has no customer in the call: the customer is on the phone, not on video');
}
