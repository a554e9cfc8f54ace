// Request throttles on rate-limiter-flexible's counters: a budget of points per key per window,
// counted in this process, or in PostgreSQL so that every instance shares the count. A throttle
// refuses with `rate-limited` and the seconds to wait (also sent as Retry-After).
import type pg from 'pg';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { HttpError } from './http/http-error.js';

/** Where the counts are kept: here, or in the shared database's `rate_limits` table. */
export type CountsKeptIn = { kind: 'memory' } | { kind: 'postgres'; pool: pg.Pool };

export interface ThrottleRule {
  points: number;
  windowSeconds: number;
}

export class Throttle {
  private readonly limiter: RateLimiterAbstract;

  constructor(
    readonly name: string,
    readonly rule: ThrottleRule,
    private readonly onTrip: (key: string) => void = () => undefined,
    counts: CountsKeptIn = { kind: 'memory' },
  ) {
    const options = { keyPrefix: name, points: rule.points, duration: rule.windowSeconds };
    this.limiter =
      counts.kind === 'memory'
        ? new RateLimiterMemory(options)
        : new RateLimiterPostgres({
            ...options,
            storeClient: counts.pool,
            storeType: 'pool',
            tableName: 'rate_limits',
            tableCreated: true,
            clearExpiredByTimeout: false,
          });
  }

  /** Spends one point for `key`; refuses when the budget is spent. */
  async take(key: string, message: string): Promise<void> {
    try {
      await this.limiter.consume(key);
    } catch (error) {
      throw this.refusal(error, key, message);
    }
  }

  /** Refuses when `key` has spent its budget, spending nothing (for counting failures only). */
  async check(key: string, message: string): Promise<void> {
    const state = await this.limiter.get(key);
    if (state && state.consumedPoints >= this.rule.points) throw this.refusal(state, key, message);
  }

  /** Spends one point for a failure; the next `check` refuses once the budget is spent. */
  async fail(key: string): Promise<void> {
    try {
      await this.limiter.consume(key);
    } catch {
      // Over the budget already: `check` refuses.
    }
    const state = await this.limiter.get(key);
    if (state?.consumedPoints === this.rule.points) this.onTrip(key);
  }

  async reset(key: string): Promise<void> {
    await this.limiter.delete(key);
  }

  private refusal(error: unknown, key: string, message: string): HttpError {
    if (!(error instanceof RateLimiterRes)) return new HttpError('unavailable', `throttle ${this.name} failed for ${key}`);
    const retryAfter = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
    return new HttpError('rate-limited', message, { retryAfter });
  }
}
