// Words for each error code of the escalation service, per reader: the agent on their desktop,
// and the customer (or expert) on their phone. A 400 or a 413 is never "not answering".
import type { ServiceErrorCode } from '../protocol/index.js';

export type AgentErrorStrings = Record<ServiceErrorCode, string>;

export interface GuestErrorStrings extends Record<ServiceErrorCode, string> {
  /** `code-expired`, by why: a newer link was sent, the link ran out of time, or the call ended. */
  /** `declined`: `{reason}` is the agent's own words. */
  expiredBecause: Record<'replaced' | 'expired' | 'ended' | 'removed' | 'withdrawn' | 'declined', string>;
  /** `code-unknown` for a link (not a typed code): nothing to check, only a new link helps. */
  linkUnknown: string;
}

export const agentErrorsEn: AgentErrorStrings = {
  'bad-request': 'The escalation service did not accept the details (check the customer’s phone number or e-mail address).',
  unauthorized: 'Your sign-in has expired or was refused. Sign in again, then retry.',
  forbidden: 'You are not allowed to do this for this interaction.',
  'not-found': 'The escalation service no longer knows this video session.',
  'payload-too-large': 'The case details are too long to send to the escalation service.',
  'unsupported-media-type': 'The escalation service did not accept the request.',
  'idempotency-key-required': 'The request could not be sent safely. Retry.',
  'idempotency-key-reused': 'The request could not be sent safely. Retry.',
  'rate-limited': 'Too many messages were sent just now. Wait a little, then retry.',
  'limit-reached': 'This video session has used all its link sends or invites. Read the code out to the customer instead.',
  'destination-not-allowed': 'Links cannot be sent by SMS to that country.',
  'code-unknown': 'The code is not known.',
  'code-expired': 'The code has expired.',
  'code-used': 'The code has been used.',
  conflict: 'This interaction already has a video session, or the session has ended.',
  'delivery-failed': 'The SMS or e-mail provider did not send the message.',
  unavailable: 'The escalation service is not answering.',
};
