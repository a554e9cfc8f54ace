// What a customer (or expert) is told when the escalation service refuses or does not answer,
// and whether trying again could help.
import { errorMessage } from '../../core/errors.js';
import { ServiceError } from '../../core/service/service-error.js';
import type { GuestErrorStrings } from '../../i18n/error-strings.js';
import { isLinkToken } from '../../protocol/index.js';

/** `credential`: what the guest came with; a link the service does not know is not a code to check. */
export function guestErrorWords(error: unknown, credential: string, t: GuestErrorStrings): string {
  if (!(error instanceof ServiceError)) return errorMessage(error);
  if (error.code === 'code-expired' && error.detail.reason)
    return t.expiredBecause[error.detail.reason].replace('{reason}', error.detail.declinedBecause ?? '');
  if (error.code === 'code-unknown' && isLinkToken(credential)) return t.linkUnknown;
  return t[error.code];
}

/**
 * Whether the same request could work a moment later (the service or the network, a wait), so a
 * Try again button would not be a dead one. A code or link the service refused stays refused.
 */
export function worthRetrying(error: unknown): boolean {
  return !(error instanceof ServiceError) || error.retryable || error.code === 'rate-limited';
}
