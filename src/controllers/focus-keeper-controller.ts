// Keeps keyboard focus inside an element whose render took away the control that had it (the
// agent pressed Cancel and the button set changed; the customer pressed Join and the card became
// the room): focus moves to the first control of the new state, not back to the page's start,
// where a keyboard or screen-reader user would have to find their way in again.
import type { ReactiveController, ReactiveControllerHost } from 'lit';

type Host = ReactiveControllerHost & HTMLElement;

export class FocusKeeperController implements ReactiveController {
  private hadFocus = false;

  constructor(
    private readonly host: Host,
    /** Where focus goes, first match first: the controls of whatever state follows. */
    private readonly landing: string,
  ) {
    host.addController(this);
  }

  hostUpdate(): void {
    this.hadFocus = this.host.shadowRoot?.activeElement != null;
  }

  hostUpdated(): void {
    if (!this.hadFocus || this.host.shadowRoot?.activeElement) return;
    this.hadFocus = false;
    // Only when focus fell to nowhere: a page that moved it elsewhere meanwhile keeps it there.
    const active = document.activeElement;
    if (active && active !== document.body && active !== this.host) return;
    const target = [...(this.host.shadowRoot?.querySelectorAll<HTMLElement>(this.landing) ?? [])].find(
      (candidate) => !(candidate as HTMLButtonElement).disabled,
    );
    target?.focus();
  }
}

/** For an element class's `addInitializer`: every instance keeps focus, landing on `landing`. */
export function keepFocus(landing: string): (element: ReactiveControllerHost) => void {
  return (element) => void new FocusKeeperController(element as Host, landing);
}
