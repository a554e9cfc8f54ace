// Which interaction has a live video session in this browser, across tabs: an agent has one
// video session at a time, and a second tab must say so instead of starting another.
const KEY = 'escalate-video:live-session';
/** A tab that closed or crashed stops refreshing its mark; after this long it no longer counts. */
export const LIVE_MARK_TTL_MS = 30_000;
/** How often the tab with the live session renews its mark. */
export const LIVE_MARK_REFRESH_MS = 10_000;

export interface LiveSession {
  interactionId: string;
  since: number;
  /** Which element marked it: only that one takes it away (a re-mounted element, another tab). */
  owner?: string;
}

export function liveSession(): LiveSession | null {
  try {
    const value = localStorage.getItem(KEY);
    const session = value ? (JSON.parse(value) as LiveSession) : null;
    return session && Date.now() - session.since < LIVE_MARK_TTL_MS ? session : null;
  } catch {
    return null;
  }
}

export function markLive(interactionId: string | null, owner?: string): void {
  try {
    if (interactionId) localStorage.setItem(KEY, JSON.stringify({ interactionId, since: Date.now(), owner }));
    else localStorage.removeItem(KEY);
  } catch {
    // Storage blocked: the service still gives one escalation per interaction.
  }
}

/** Calls `listener` when another tab starts or ends a session; returns the unsubscribe. */
export function onLiveSessionChange(listener: () => void): () => void {
  const handler = (event: StorageEvent) => {
    if (event.key === KEY) listener();
  };
  window.addEventListener('storage', handler);
  return () => window.removeEventListener('storage', handler);
}
