// Tells the customer when someone else comes into the call or leaves it (an expert the agent
// pulled in): a tile appearing is not enough for someone who cannot see it, or did not look.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { RemoteParticipant } from '../../core/media/types.js';
import type { RoomStrings } from '../../i18n/strings.js';

/** How long a notice stays (a live region has read it out by then). */
const NOTICE_MS = 10_000;

export interface ArrivalsOptions {
  /** Whether this page tells of arrivals now (a customer in the call). */
  watching: () => boolean;
  participants: () => readonly RemoteParticipant[];
  words: () => RoomStrings;
}

export class Arrivals implements ReactiveController {
  notice = '';
  /** The experts in the call at the last look, by id; undefined before the first look. */
  private known: Map<string, string> | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: ArrivalsOptions,
  ) {
    host.addController(this);
  }

  hostUpdated(): void {
    if (!this.options.watching()) {
      this.known = undefined;
      return;
    }
    const now = new Map(
      this.options
        .participants()
        .filter((participant) => participant.role === 'expert')
        .map((participant) => [participant.id, participant.display]),
    );
    const before = this.known;
    this.known = now;
    // Whoever was already there when this page came in is no news.
    if (!before) return;
    const t = this.options.words();
    const lines = [
      ...[...now].filter(([id]) => !before.has(id)).map(([, name]) => t.expertJoinedCall.replace('{name}', name)),
      ...[...before].filter(([id]) => !now.has(id)).map(([, name]) => t.someoneLeftCall.replace('{name}', name)),
    ];
    if (lines.length) this.tell(lines.join(' '));
  }

  hostDisconnected(): void {
    clearTimeout(this.timer);
  }

  private tell(words: string): void {
    this.notice = words;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.notice = '';
      this.host.requestUpdate();
    }, NOTICE_MS);
    this.host.requestUpdate();
  }
}
