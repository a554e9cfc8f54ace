// The escalation service's refusals in the words of the customer (or expert) on their phone: a
// module of its own, so a desk, which never shows them, does not load them.
import type { GuestErrorStrings } from './error-strings.js';

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
    declined: 'The agent did not let you into the call: “{reason}”',
  },
};
