// One structured logger (pino, JSON lines on stdout). Secrets and tokens are never logged.
import { pino, type Logger } from 'pino';

export type { Logger };

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export function createLogger(level: LogLevel = 'info'): Logger {
  return pino({
    name: 'escalate-service',
    level,
    redact: { paths: ['*.authorization', '*.token', '*.guestToken'], censor: '[redacted]' },
  });
}
