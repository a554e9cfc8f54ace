// Writes run once per Idempotency-Key. Keys are scoped by principal and route (the caller's
// scope string), so one caller's key never answers another's request. A replay gets the first
// answer; concurrent requests with one key share one run; the same key with a different request
// is refused (422); successful answers are kept 24 hours. Failures are not kept, so a retry after
// one runs again. Answers that carry a credential (a redeem's guest token) are kept only in
// memory, for a few minutes, never on disk.
import { createHash } from 'node:crypto';
import { HttpError } from './http/http-error.js';
import type { EscalationStore, IdempotentEntry, StoredAnswer } from './store/contract.js';

export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60_000;
const IN_MEMORY_TTL_MS = 10 * 60_000;

export class Idempotency {
  private readonly inFlight = new Map<string, { requestHash: string; answer: Promise<StoredAnswer> }>();
  private readonly inMemory = new Map<string, IdempotentEntry>();

  constructor(
    private readonly store: EscalationStore,
    private readonly ttlMs = IDEMPOTENCY_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Runs `work` once for `scope`, or answers what it answered. */
  async run(scope: string, request: unknown, work: () => Promise<StoredAnswer>, keep: 'stored' | 'memory' = 'stored'): Promise<StoredAnswer> {
    const requestHash = createHash('sha256').update(JSON.stringify(request) ?? '').digest('hex');
    const running = this.inFlight.get(scope);
    if (running) {
      checkSame(running.requestHash, requestHash);
      return running.answer;
    }
    const answer = this.runOnce(scope, requestHash, work, keep);
    this.inFlight.set(scope, { requestHash, answer });
    try {
      return await answer;
    } finally {
      this.inFlight.delete(scope);
    }
  }

  private async runOnce(scope: string, requestHash: string, work: () => Promise<StoredAnswer>, keep: 'stored' | 'memory'): Promise<StoredAnswer> {
    const kept = await this.kept(scope, keep);
    if (kept) {
      checkSame(kept.requestHash, requestHash);
      return kept.answer;
    }
    const result = await work();
    if (result.status < 300) await this.keep(scope, { requestHash, answer: result, at: this.now() }, keep);
    return result;
  }

  private async kept(scope: string, where: 'stored' | 'memory'): Promise<IdempotentEntry | undefined> {
    const entry = where === 'stored' ? await this.store.idempotent(scope) : this.inMemory.get(scope);
    if (entry && this.now() - entry.at > (where === 'stored' ? this.ttlMs : IN_MEMORY_TTL_MS)) {
      if (where === 'stored') await this.store.forgetIdempotent(scope);
      else this.inMemory.delete(scope);
      return undefined;
    }
    return entry;
  }

  private async keep(scope: string, entry: IdempotentEntry, where: 'stored' | 'memory'): Promise<void> {
    if (where === 'memory') {
      for (const [old, { at }] of this.inMemory) if (this.now() - at > IN_MEMORY_TTL_MS) this.inMemory.delete(old);
      this.inMemory.set(scope, entry);
      return;
    }
    await this.store.putIdempotent(scope, entry);
  }
}

function checkSame(first: string, now: string): void {
  if (first !== now) throw new HttpError('idempotency-key-reused', 'this Idempotency-Key was used for a different request; use a new key for a new request');
}
