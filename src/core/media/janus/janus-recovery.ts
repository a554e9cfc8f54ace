// When and how the session gets media back. A network blip (the server is still there) is met by
// an ICE restart; a server that went away, or an ICE restart that did not help, by rejoining
// (new session, new peer connections, same tracks) until it works or time is up. Policy only:
// the session does the work.
import { sleep } from '../../sleep.js';

/** How long to keep trying to get back after the server went away, unless the adapter is told otherwise. */
export const RECONNECT_FOR_MS = 60_000;
/** How long media may stay disconnected before ICE is restarted (it often comes back by itself). */
export const ICE_RESTART_AFTER_MS = 3000;
/** How long an ICE restart may take before the session rejoins from scratch. */
export const ICE_RESTART_GIVE_UP_MS = 12_000;
/**
 * How long one attempt to rejoin may go unanswered. janus.js waits for ever on a server that took
 * the socket and then said nothing (or a request it could not send); an attempt that hangs would
 * keep the call "reconnecting" for good, even after the room moved to another server.
 */
export const ATTEMPT_ANSWER_MS = 10_000;
/** The first wait between two attempts to rejoin; it doubles up to the longest. */
const FIRST_RETRY_MS = 250;
const LONGEST_RETRY_MS = 2000;

/** The ICE state of the session's two peer connections. */
export interface IceStates {
  publisher: string;
  subscriber: string;
}

/** What the ICE states call for. */
export type MediaPath =
  /** Media dropped: show it, and restart ICE after `restartIceInMs` unless it comes back. */
  | { state: 'down'; restartIceInMs: number }
  /** Media flows (or nothing is connecting): whatever was pending for a drop is over. */
  | { state: 'up' }
  /** A connection is still checking: wait for its verdict. */
  | { state: 'checking' };

export function mediaPath(ice: IceStates): MediaPath {
  const states = Object.values(ice);
  if (states.some((value) => value === 'failed' || value === 'disconnected')) {
    // `failed` does not come back by itself; `disconnected` often does, within seconds.
    return { state: 'down', restartIceInMs: states.includes('failed') ? 0 : ICE_RESTART_AFTER_MS };
  }
  if (states.every((value) => value !== 'checking')) return { state: 'up' };
  return { state: 'checking' };
}

/** The waits between attempts to rejoin: short at first (a restarting server is soon back), then capped. */
export class RetryDelays {
  private delay = FIRST_RETRY_MS;
  private readonly giveUpAt: number;

  constructor(tryForMs: number, startedAt: number) {
    this.giveUpAt = startedAt + tryForMs;
  }

  /** The wait before the next attempt, or `undefined` when it would end past the time given: give up. */
  next(now: number): number | undefined {
    const delay = this.delay;
    if (now + delay > this.giveUpAt) return undefined;
    this.delay = Math.min(delay * 2, LONGEST_RETRY_MS);
    return delay;
  }
}

/** The wait between two attempts, which can be cut short (the room moved: try there now). */
export class RetryPause {
  private cut: AbortController | undefined;

  async wait(ms: number): Promise<void> {
    const cut = new AbortController();
    this.cut = cut;
    await sleep(ms, cut.signal);
    if (this.cut === cut) this.cut = undefined;
  }

  /** Ends the wait under way, if any; an attempt under way is not affected. */
  cutShort(): void {
    this.cut?.abort();
  }
}

export type RetryOutcome = 'back' | 'gave-up' | 'stopped';

/** Settles as `work` does, or rejects after `ms` (`work` goes on, unheard). */
export function answeredWithin<T>(work: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/**
 * Runs `attempt` until it succeeds, `stopped()` says to stop (the session was left), or the next
 * wait would end past `tryForMs`. An attempt unanswered after `attemptMs` counts as failed
 * (`abandoned` is told, so its late answers are ignored).
 */
export async function keepTrying(
  attempt: () => Promise<void>,
  options: {
    tryForMs: number;
    stopped: () => boolean;
    pause: Pick<RetryPause, 'wait'>;
    now?: () => number;
    attemptMs?: number;
    abandoned?: () => void;
  },
): Promise<RetryOutcome> {
  const now = options.now ?? (() => performance.now());
  const delays = new RetryDelays(options.tryForMs, now());
  while (!options.stopped()) {
    try {
      await answeredWithin(attempt(), options.attemptMs ?? ATTEMPT_ANSWER_MS);
      return 'back';
    } catch {
      options.abandoned?.();
      const delay = delays.next(now());
      if (delay === undefined) return 'gave-up';
      await options.pause.wait(delay);
    }
  }
  return 'stopped';
}
