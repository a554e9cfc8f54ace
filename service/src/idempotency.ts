// Writes run once per Idempotency-Key. Keys are scoped by principal and route (the caller's
// scope string), so one caller's key never answers another's request. A replay gets the first
// answer; concurrent requests with one key share one run; the same key with a different request
// is refused (422); successful answers are kept 24 hours. Failures are not kept, so a retry after
// one runs again.
import { createHash } from 'node:crypto';
import { HttpError } from './http/http-error.js';
import type { Store, StoredAnswer } from './store.js';

const DAY_MS = 24 * 60 * 60_000;
const SWEEP_EVERY_MS = 60_000;

export class Idempotency {
  private readonly inFlight = new Map<string, { requestHash: string; answer: Promise<StoredAnswer> }>();
  private lastSweep = 0;

  constructor(
    private readonly store: Store,
    private readonly ttlMs = DAY_MS,
    private readonly now: () => number = Date.now,
  ) {}

  async run(scope: string, request: unknown, work: () => Promise<StoredAnswer>): Promise<StoredAnswer> {
    this.sweep();
    const requestHash = createHash('sha256').update(JSON.stringify(request) ?? '').digest('hex');
    const stored = this.store.idempotency.get(scope);
    if (stored) {
      checkSame(stored.requestHash, requestHash);
      return stored.answer;
    }
    const running = this.inFlight.get(scope);
    if (running) {
      checkSame(running.requestHash, requestHash);
      return running.answer;
    }
    const answer = work().then((result) => {
      if (result.status < 300) {
        this.store.idempotency.set(scope, { requestHash, answer: result, at: this.now() });
        this.store.save();
      }
      return result;
    });
    this.inFlight.set(scope, { requestHash, answer });
    try {
      return await answer;
    } finally {
      this.inFlight.delete(scope);
    }
  }

  private sweep(): void {
    const now = this.now();
    if (now - this.lastSweep < SWEEP_EVERY_MS) return;
    this.lastSweep = now;
    let removed = false;
    for (const [scope, entry] of this.store.idempotency) {
      if (now - entry.at > this.ttlMs) {
        this.store.idempotency.delete(scope);
        removed = true;
      }
    }
    if (removed) this.store.save();
  }
}

function checkSame(first: string, now: string): void {
  if (first !== now) throw new HttpError('idempotency-key-reused', 'this Idempotency-Key was used for a different request; use a new key for a new request');
}
