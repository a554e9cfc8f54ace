// Defaults for an escalation and the check that a host's overrides make sense; a bad value is
// rejected with a message that names it, so an integrator learns at once, not at the first no-show.
import type { EscalationConfig, EscalationInput, RetryPolicy } from './types.js';

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 4,
  initialDelayMs: 500,
  maxDelayMs: 8_000,
  factor: 2,
};

export const defaultConfig: EscalationConfig = {
  mode: 'voice',
  joinTimeoutMs: 180_000,
  rejoinGraceMs: 30_000,
  reconnectTimeoutMs: 20_000,
  expertInviteTimeoutMs: 120_000,
  retry: defaultRetryPolicy,
};

function assertDuration(name: string, value: number, allowZero = false): void {
  if (!Number.isFinite(value) || value < 0 || (!allowZero && value === 0)) {
    throw new RangeError(`escalation config: ${name} must be a positive number of milliseconds, got ${String(value)}`);
  }
}

/** Merges host overrides over the defaults and validates the result. */
export function resolveConfig(input: EscalationInput['config'] = {}): EscalationConfig {
  const config: EscalationConfig = {
    ...defaultConfig,
    ...input,
    retry: { ...defaultRetryPolicy, ...input.retry },
  };
  if (config.mode !== 'voice' && config.mode !== 'chat') {
    throw new RangeError(`escalation config: mode must be "voice" or "chat", got ${String(config.mode)}`);
  }
  assertDuration('joinTimeoutMs', config.joinTimeoutMs);
  assertDuration('rejoinGraceMs', config.rejoinGraceMs, true);
  assertDuration('reconnectTimeoutMs', config.reconnectTimeoutMs);
  assertDuration('expertInviteTimeoutMs', config.expertInviteTimeoutMs);
  assertDuration('retry.initialDelayMs', config.retry.initialDelayMs, true);
  assertDuration('retry.maxDelayMs', config.retry.maxDelayMs, true);
  if (!Number.isInteger(config.retry.maxAttempts) || config.retry.maxAttempts < 1) {
    throw new RangeError(
      `escalation config: retry.maxAttempts must be a whole number of at least 1, got ${String(config.retry.maxAttempts)}`,
    );
  }
  if (!Number.isFinite(config.retry.factor) || config.retry.factor < 1) {
    throw new RangeError(`escalation config: retry.factor must be at least 1, got ${String(config.retry.factor)}`);
  }
  return config;
}

/** Wait before service attempt `attempt + 1`, after `attempt` failures (attempt >= 1). */
export function retryDelay(policy: RetryPolicy, attempt: number): number {
  const delay = policy.initialDelayMs * policy.factor ** Math.max(0, attempt - 1);
  return Math.min(policy.maxDelayMs, delay);
}
