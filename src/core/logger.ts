// The one logger of the package: quiet (warnings and errors) unless a host turns it up.
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

const order: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3, silent: 4 };
let current: LogLevel = 'warn';

/** Sets how much the package logs to the console. */
export function setLogLevel(level: LogLevel): void {
  if (!(level in order)) throw new RangeError(`setLogLevel: unknown level "${String(level)}"`);
  current = level;
}

export function getLogLevel(): LogLevel {
  return current;
}

function at(level: Exclude<LogLevel, 'silent'>) {
  return (...args: unknown[]): void => {
    // The one place that prints: the host page's console, at the level the host chose.
    // eslint-disable-next-line no-console
    if (order[level] >= order[current]) console[level]('[escalate-video]', ...args);
  };
}

export const logger = {
  debug: at('debug'),
  info: at('info'),
  warn: at('warn'),
  error: at('error'),
};
