// Tells the agent's other tabs whether this interaction has a live video session (an agent has
// one at a time, and a second tab must say so instead of starting another), and renews the mark
// while it lasts; a removed element takes its mark away.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { LIVE_MARK_REFRESH_MS, liveSession, markLive } from '../elements/live-session.js';

export interface LiveMarkSource {
  /** The interaction of the running escalation, if any. */
  interactionId(): string | undefined;
  /** Whether a room exists or is being made for it. */
  isLive(): boolean;
}

export class LiveMarkController implements ReactiveController {
  private refresh: ReturnType<typeof setInterval> | undefined;
  private removalTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly source: LiveMarkSource,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    clearTimeout(this.removalTimer);
  }

  hostDisconnected(): void {
    // A move in the DOM reconnects in the same task; only a real removal takes the mark away.
    this.removalTimer = setTimeout(() => {
      if (!this.host.isConnected) this.mark();
    });
  }

  /** Marks or unmarks this interaction as it stands now. */
  mark(): void {
    clearInterval(this.refresh);
    const id = this.source.interactionId();
    if (!id) return;
    if (this.host.isConnected && this.source.isLive()) {
      markLive(id);
      this.refresh = setInterval(() => markLive(id), LIVE_MARK_REFRESH_MS);
    } else if (liveSession()?.interactionId === id) {
      markLive(null);
    }
  }
}
