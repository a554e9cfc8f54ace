// A failed service call, with the service's own code (the protocol's), for words per reader.
import type { ErrorBody, ServiceErrorCode } from '../../protocol/index.js';

export class ServiceError extends Error {
  constructor(
    readonly code: ServiceErrorCode,
    message: string,
    readonly status: number,
    /** The rest of the service's error answer (Retry-After seconds, a new-link token, why a code expired). */
    readonly detail: Omit<ErrorBody['error'], 'code' | 'message'> = {},
  ) {
    super(message);
    this.name = 'ServiceError';
  }

  /** Worth trying again: the service or the network, not the request. */
  get retryable(): boolean {
    return this.status === 0 || (this.status >= 500 && this.code !== 'delivery-failed') || this.code === 'unavailable';
  }
}
