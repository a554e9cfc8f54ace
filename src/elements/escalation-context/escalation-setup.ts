// What <escalation-context> starts its escalation from, apart from the element itself: where
// the statechart's code comes from, where a reload's copy is kept, and the machine's settings
// as the element's attributes give them.
import { errorMessage } from '../../core/errors.js';
import { logger } from '../../core/logger.js';
import { resolveConfig } from '../../core/machine/config.js';
import type { SnapshotStorage } from '../../core/machine/persistence.js';
import type { EscalationInput, EscalationMode } from '../../core/machine/types.js';

const SECOND = 1000;

export type Runtime = typeof import('./escalation-runtime.js');

/**
 * How the statechart's code is fetched, after the first render. Not part of the public API: a
 * test stands in for a slow or failed network here (the browser fetches a module once a page).
 */
export const statechartLoader = { load: (): Promise<Runtime> => import('./escalation-runtime.js') };

/** The tab's session storage, or undefined where the page may not use it (a reload then starts afresh). */
export function sessionStore(): SnapshotStorage | undefined {
  try {
    return window.sessionStorage;
  } catch (error) {
    logger.warn(`escalation-context: session storage unavailable, a reload will not resume: ${errorMessage(error)}`);
    return undefined;
  }
}

export interface TimingAttributes {
  mode: EscalationMode;
  /** Seconds, as the attributes give them. */
  joinTimeout: number | undefined;
  rejoinGrace: number | undefined;
  reconnectTimeout: number | undefined;
}

/** The machine's input from the element's attributes; a typo is reported and the defaults used. */
export function escalationInput({ mode, joinTimeout, rejoinGrace, reconnectTimeout }: TimingAttributes): EscalationInput {
  const config: NonNullable<EscalationInput['config']> = { mode };
  if (joinTimeout !== undefined) config.joinTimeoutMs = joinTimeout * SECOND;
  if (rejoinGrace !== undefined) config.rejoinGraceMs = rejoinGrace * SECOND;
  if (reconnectTimeout !== undefined) config.reconnectTimeoutMs = reconnectTimeout * SECOND;
  try {
    resolveConfig(config);
    return { config };
  } catch (error) {
    // A typo in an attribute must not break the agent's page: say so, and use the defaults.
    logger.error(`escalation-context: ${errorMessage(error)}; using the default settings`);
    return {};
  }
}
