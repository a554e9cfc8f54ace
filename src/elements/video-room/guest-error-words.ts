// What a customer (or expert) is told when the escalation service refuses or does not answer.
import { errorMessage } from '../../core/errors.js';
import { ServiceError } from '../../core/service/service-error.js';
import { strings } from '../../i18n/strings.js';

export function guestErrorWords(error: unknown): string {
  const t = strings().guestErrors;
  if (!(error instanceof ServiceError)) return errorMessage(error);
  if (error.code === 'code-expired' && error.detail.reason) return t.expiredBecause[error.detail.reason];
  return t[error.code];
}
