// Tells the agent's other tabs whether this interaction has a live video session (an agent has
// one at a time, and a second tab must say so instead of starting another), and renews the mark
// while it lasts; a removed element, or a closed tab, takes its mark away (a tab that crashed
// leaves it to expire).
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { LIVE_MARK_REFRESH_MS, liveSession, markLive } from '../elements/live-session.js';
import { randomId } from '../core/random-id.js';

export interface LiveMarkSource {
  /** The interaction of the running escalation, if any. */
  interactionId(): string | undefined;
  /** Whether a room exists or is being made for it. */
  isLive(): boolean;
}

export class LiveMarkController implements ReactiveController {
  /**
   * Marks are this controller's own: an element removed as another takes its place for the same
   * interaction (a framework re-mounting it) must not take the newcomer's mark away.
   */
  private readonly owner = randomId();
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
    window.addEventListener('pagehide', this.onPageHide);
    window.addEventListener('pageshow', this.onPageShow);
  }

  hostDisconnected(): void {
    // A move in the DOM reconnects in the same task; only a real removal takes the mark away.
    this.removalTimer = setTimeout(() => {
      if (this.host.isConnected) return;
      window.removeEventListener('pagehide', this.onPageHide);
      window.removeEventListener('pageshow', this.onPageShow);
      this.mark();
    });
  }

  /** The tab closes (or goes to the back-forward cache): its session is no longer live here. */
  private readonly onPageHide = (): void => {
    clearInterval(this.refresh);
    const id = this.source.interactionId();
    if (id && this.ownsMarkOf(id)) markLive(null);
  };

  /** Back from the back-forward cache: marked again if still live. */
  private readonly onPageShow = (event: PageTransitionEvent): void => {
    if (event.persisted) this.mark();
  };

  /** Marks or unmarks this interaction as it stands now. */
  mark(): void {
    clearInterval(this.refresh);
    const id = this.source.interactionId();
    if (!id) return;
    if (this.host.isConnected && this.source.isLive()) {
      markLive(id, this.owner);
      this.refresh = setInterval(() => markLive(id, this.owner), LIVE_MARK_REFRESH_MS);
    } else if (this.ownsMarkOf(id)) {
      markLive(null);
    }
  }

  private ownsMarkOf(interactionId: string): boolean {
    const live = liveSession();
    return live?.interactionId === interactionId && (live.owner === undefined || live.owner === this.owner);
  }
}
