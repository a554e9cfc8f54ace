// A failed service call, with the service's own code and words.
import type { ServiceErrorCode } from './types.js';

export class ServiceError extends Error {
  constructor(
    readonly code: ServiceErrorCode,
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'ServiceError';
  }

  /** Worth trying again: the service or the network, not the request. */
  get retryable(): boolean {
    return this.status === 0 || this.status >= 500 || this.code === 'unavailable';
  }
}
