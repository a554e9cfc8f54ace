// Turning whatever was thrown into words a log line or an event can carry.
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'string') return error;
  if (error === undefined || error === null) return 'unknown error';
  try {
    return JSON.stringify(error);
  } catch {
    return String(error);
  }
}
