// The service's error codes and the shape of every error answer. Elements turn each code into
// words for whoever reads them (agent, customer, expert); the message is for logs and developers.

export const SERVICE_ERROR_CODES = [
  /** The request is malformed: a field is missing, of the wrong type, too long, or not allowed. */
  'bad-request',
  /** No credential, or one that is expired, forged or meant for someone else. HTTP 401. */
  'unauthorized',
  /** A valid credential that may not do this (another agent's escalation, a route outside its scope). HTTP 403. */
  'forbidden',
  /** No such escalation or route. HTTP 404. */
  'not-found',
  /** The body is larger than the service accepts. HTTP 413. */
  'payload-too-large',
  /** The body is not JSON. HTTP 415. */
  'unsupported-media-type',
  /** A write without an `Idempotency-Key` header. HTTP 400. */
  'idempotency-key-required',
  /** The same `Idempotency-Key` with a different request. HTTP 422. */
  'idempotency-key-reused',
  /** Too many requests: wait `retryAfter` seconds. HTTP 429. */
  'rate-limited',
  /** A per-escalation allowance is used up (link sends, expert invites, new-link requests). HTTP 409. */
  'limit-reached',
  /** The number or address is outside what this service may send to (country calling codes). HTTP 422. */
  'destination-not-allowed',
  /** The guest code or link is not known. HTTP 404. */
  'code-unknown',
  /** The code or link expired, was replaced by a newer one, or its call has ended. HTTP 410. */
  'code-expired',
  /** The code or link was already used by someone else. HTTP 409. */
  'code-used',
  /** The request clashes with how things stand (already rated, already ended, another agent's interaction). HTTP 409. */
  'conflict',
  /** The SMS or e-mail provider refused the message. HTTP 502. */
  'delivery-failed',
  /** The service, or a server behind it, did not answer. HTTP 503 (or no answer at all). */
  'unavailable',
] as const;

export type ServiceErrorCode = (typeof SERVICE_ERROR_CODES)[number];

/** Every error answer: `{ "error": { "code": "...", "message": "..." } }` with a 4xx or 5xx status. */
export interface ErrorBody {
  error: {
    code: ServiceErrorCode;
    message: string;
    /** With `rate-limited`: seconds to wait (also the `Retry-After` header). */
    retryAfter?: number;
    /**
     * With `code-used` and `code-expired` on a real link: a token that lets the customer ask the
     * agent for a new link (and nothing else).
     */
    newLinkToken?: string;
    /**
     * With `code-expired`: the link was replaced by a newer one, ran out of time, or its call
     * ended; or (an expert's) the agent took them out of the call, or turned them away from the lobby.
     */
    reason?: 'replaced' | 'expired' | 'ended' | 'removed' | 'withdrawn' | 'declined';
    /** With reason `declined` (an expert the agent turned away from the lobby): the agent's words. */
    declinedBecause?: string;
  };
}

export function isServiceErrorCode(value: unknown): value is ServiceErrorCode {
  return typeof value === 'string' && (SERVICE_ERROR_CODES as readonly string[]).includes(value);
}
