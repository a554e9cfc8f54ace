// Writes run once per Idempotency-Key. Keys are scoped by principal and route (the caller's
// scope string), so one caller's key never answers another's request. A replay gets the first
// answer; concurrent requests with one key share one run; the same key with a different request
// is refused (422); successful answers are kept 24 hours. Failures are not kept, so a retry after
// one runs again. Answers that carry a credential (a redeem's guest token) are kept only in
// memory, for a few minutes, never on disk.
import { createHash } from 'node:crypto';
import { HttpError } from './http/http-error.js';
import type { IdempotentEntry, Store, StoredAnswer } from './store.js';

export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60_000;
const IN_MEMORY_TTL_MS = 10 * 60_000;

export class Idempotency {
  private readonly inFlight = new Map<string, { requestHash: string; answer: Promise<StoredAnswer> }>();
  private readonly inMemory = new Map<string, IdempotentEntry>();

  constructor(
    private readonly store: Store,
    private readonly ttlMs = IDEMPOTENCY_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Runs `work` once for `scope`. `work` starts in the same turn as this call, so a check it
   * makes first sees the state as it is when it runs.
   */
  async run(scope: string, request: unknown, work: () => Promise<StoredAnswer>, keep: 'stored' | 'memory' = 'stored'): Promise<StoredAnswer> {
    const requestHash = createHash('sha256').update(JSON.stringify(request) ?? '').digest('hex');
    const kept = this.kept(scope, keep);
    if (kept) {
      checkSame(kept.requestHash, requestHash);
      return kept.answer;
    }
    const running = this.inFlight.get(scope);
    if (running) {
      checkSame(running.requestHash, requestHash);
      return running.answer;
    }
    const answer = work().then((result) => {
      if (result.status < 300) this.keep(scope, { requestHash, answer: result, at: this.now() }, keep);
      return result;
    });
    this.inFlight.set(scope, { requestHash, answer });
    try {
      return await answer;
    } finally {
      this.inFlight.delete(scope);
    }
  }

  private kept(scope: string, where: 'stored' | 'memory'): IdempotentEntry | undefined {
    const entries = where === 'stored' ? this.store.idempotency : this.inMemory;
    const entry = entries.get(scope);
    if (entry && this.now() - entry.at > (where === 'stored' ? this.ttlMs : IN_MEMORY_TTL_MS)) {
      entries.delete(scope);
      return undefined;
    }
    return entry;
  }

  private keep(scope: string, entry: IdempotentEntry, where: 'stored' | 'memory'): void {
    if (where === 'memory') {
      for (const [old, { at }] of this.inMemory) if (this.now() - at > IN_MEMORY_TTL_MS) this.inMemory.delete(old);
      this.inMemory.set(scope, entry);
      return;
    }
    this.store.idempotency.set(scope, entry);
    this.store.save();
  }
}

function checkSame(first: string, now: string): void {
  if (first !== now) throw new HttpError('idempotency-key-reused', 'this Idempotency-Key was used for a different request; use a new key for a new request');
}
