// Words for each error code of the escalation service, per reader: the agent on their desktop,
// and the customer (or expert) on their phone. A 400 or a 413 is never "not answering".
import type { ServiceErrorCode } from '../protocol/index.js';

export type AgentErrorStrings = Record<ServiceErrorCode, string>;

export interface GuestErrorStrings extends Record<ServiceErrorCode, string> {
  /** `code-expired`, by why: a newer link was sent, the link ran out of time, or the call ended. */
  expiredBecause: Record<'replaced' | 'expired' | 'ended' | 'removed' | 'withdrawn', string>;
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

export const guestErrorsEn: GuestErrorStrings = {
  'bad-request': 'Something in what you entered was not accepted. Check it and try again.',
  unauthorized: 'This link’s session is no longer valid. Ask your agent for a new link.',
  forbidden: 'This link does not allow that.',
  'not-found': 'We could not find your video call. Ask your agent for a new link.',
  'payload-too-large': 'What you entered is too long.',
  'unsupported-media-type': 'Something went wrong on this page. Reload it and try again.',
  'idempotency-key-required': 'Something went wrong on this page. Reload it and try again.',
  'idempotency-key-reused': 'Something went wrong on this page. Reload it and try again.',
  'rate-limited': 'Too many attempts. Wait a minute and try again.',
  'limit-reached': 'Your agent has been asked already.',
  'destination-not-allowed': 'That number cannot be used.',
  'code-unknown': 'We could not find this code. Check it, or ask your agent for a new link.',
  'code-expired': 'This link no longer works. Ask your agent to send a new one.',
  'code-used': 'This link has already been used. Ask your agent to send a new one.',
  conflict: 'This has been done already.',
  'delivery-failed': 'The message could not be sent.',
  unavailable: 'The video service is not answering. Check your connection and try again.',
  linkUnknown: 'This link does not lead to a video call any more. Ask your agent for a new link.',
  expiredBecause: {
    replaced: 'Your agent has sent you a newer link. Use the latest one.',
    expired: 'This link has expired. Ask your agent to send a new one.',
    ended: 'This call has ended.',
    removed: 'The agent took you out of this call.',
    withdrawn: 'The agent withdrew this invitation. Ask them if they still need you.',
  },
};
