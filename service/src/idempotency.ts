// Writes run once per Idempotency-Key. Keys are scoped by principal and route (the caller's
// scope string), so one caller's key never answers another's request. A replay gets the first
// answer; concurrent requests with one key (on this instance or another) share one run: the first
// claims the key in the store, the others wait for its answer. The same key with a different
// request is refused (422); successful answers are kept 24 hours. A failure releases the key, so a
// retry after one runs again. Answers that carry a credential (a redeem's guest token) are kept
// only in this instance's memory, for a few minutes, never in the store.
import { createHash } from 'node:crypto';
import { HttpError } from './http/http-error.js';
import type { EscalationStore, IdempotentEntry, StoredAnswer } from './store/contract.js';

export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60_000;
const IN_MEMORY_TTL_MS = 10 * 60_000;
/** A claim this old without an answer belongs to an instance that died mid-write. */
const ABANDONED_AFTER_MS = 2 * 60_000;
const WAIT_FOR_ANSWER_MS = 30_000;
const POLL_MS = 50;

export class Idempotency {
  private readonly inFlight = new Map<string, { requestHash: string; answer: Promise<StoredAnswer> }>();
  private readonly inMemory = new Map<string, IdempotentEntry>();

  constructor(
    private readonly store: EscalationStore,
    private readonly ttlMs = IDEMPOTENCY_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Runs `work` once for `scope`, or answers what it answered. */
  async run(
    scope: string,
    request: unknown,
    work: () => Promise<StoredAnswer>,
    keep: 'stored' | 'memory' = 'stored',
  ): Promise<StoredAnswer> {
    const requestHash = createHash('sha256')
      .update(JSON.stringify(request) ?? '')
      .digest('hex');
    const running = this.inFlight.get(scope);
    if (running) {
      checkSame(running.requestHash, requestHash);
      return running.answer;
    }
    const answer = keep === 'stored' ? this.runClaimed(scope, requestHash, work) : this.runInMemory(scope, requestHash, work);
    this.inFlight.set(scope, { requestHash, answer });
    try {
      return await answer;
    } finally {
      this.inFlight.delete(scope);
    }
  }

  private async runClaimed(scope: string, requestHash: string, work: () => Promise<StoredAnswer>): Promise<StoredAnswer> {
    const giveUpAt = this.now() + WAIT_FOR_ANSWER_MS;
    for (;;) {
      const at = this.now();
      if (await this.store.claimIdempotent(scope, requestHash, at)) return this.runOwned(scope, at, work);
      const kept = await this.store.idempotent(scope);
      if (!kept) continue;
      checkSame(kept.requestHash, requestHash);
      const age = this.now() - kept.at;
      if (kept.answer && age <= this.ttlMs) return kept.answer;
      if (kept.answer) {
        // Too old to answer with: start over (only one new claim can win).
        await this.store.forgetIdempotent(scope);
        continue;
      }
      // Claimed by an instance that died mid-write: taken over by one waiter only.
      if (age > ABANDONED_AFTER_MS) {
        const now = this.now();
        if (await this.store.takeOverIdempotent(scope, kept.at, now)) return this.runOwned(scope, now, work);
        continue;
      }
      if (this.now() > giveUpAt)
        throw new HttpError('unavailable', 'the first request with this Idempotency-Key is still running; try again');
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  /** Runs the work of a claim this instance holds (made at `claimedAt`), and keeps or gives up the key. */
  private async runOwned(scope: string, claimedAt: number, work: () => Promise<StoredAnswer>): Promise<StoredAnswer> {
    let result: StoredAnswer;
    try {
      result = await work();
    } catch (error) {
      await this.store.releaseIdempotent(scope, claimedAt);
      throw error;
    }
    if (result.status < 300) await this.store.settleIdempotent(scope, result);
    else await this.store.releaseIdempotent(scope, claimedAt);
    return result;
  }

  private async runInMemory(scope: string, requestHash: string, work: () => Promise<StoredAnswer>): Promise<StoredAnswer> {
    const kept = this.inMemory.get(scope);
    if (kept && this.now() - kept.at <= IN_MEMORY_TTL_MS && kept.answer) {
      checkSame(kept.requestHash, requestHash);
      return kept.answer;
    }
    const result = await work();
    if (result.status < 300) {
      for (const [old, { at }] of this.inMemory) if (this.now() - at > IN_MEMORY_TTL_MS) this.inMemory.delete(old);
      this.inMemory.set(scope, { requestHash, answer: result, at: this.now() });
    }
    return result;
  }
}

function checkSame(first: string, now: string): void {
  if (first !== now)
    throw new HttpError(
      'idempotency-key-reused',
      'this Idempotency-Key was used for a different request; use a new key for a new request',
    );
}
