// The escalation statechart's public surface.
export { escalationMachine, CLOSE_TIMEOUT_MS, type EscalationMachine } from './escalation-machine.js';
export { defaultConfig, defaultRetryPolicy, resolveConfig, retryDelay } from './config.js';
export { summarize } from './summary.js';
export * from './selectors.js';
export * from './persistence.js';
export * from './actors.js';
export type * from './types.js';
export { escalationEventTypes, assertEscalationEvent } from './event-types.js';
