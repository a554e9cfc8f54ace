// A refusal with its HTTP status and the protocol's error code: thrown anywhere below a route,
// answered as an ErrorBody by the server.
import type { ErrorBody, ServiceErrorCode } from '../../../src/protocol/index.js';

const STATUS: Record<ServiceErrorCode, number> = {
  'bad-request': 400,
  unauthorized: 401,
  forbidden: 403,
  'not-found': 404,
  'payload-too-large': 413,
  'unsupported-media-type': 415,
  'idempotency-key-required': 400,
  'idempotency-key-reused': 422,
  'rate-limited': 429,
  'limit-reached': 409,
  'destination-not-allowed': 422,
  'code-unknown': 404,
  'code-expired': 410,
  'code-used': 409,
  conflict: 409,
  'delivery-failed': 502,
  unavailable: 503,
};

export class HttpError extends Error {
  readonly status: number;

  constructor(
    readonly code: ServiceErrorCode,
    message: string,
    readonly extra: Omit<ErrorBody['error'], 'code' | 'message'> = {},
    status?: number,
  ) {
    super(message);
    this.status = status ?? STATUS[code];
  }

  get body(): ErrorBody {
    return { error: { code: this.code, message: this.message, ...this.extra } };
  }
}

export const badRequest = (message: string) => new HttpError('bad-request', message);
