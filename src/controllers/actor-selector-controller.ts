// Binds an element to a slice of an actor's snapshot: it subscribes while the element is
// connected, lets go when it is disconnected, and re-renders only when the slice changes.
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** What the controller needs of an actor: xstate actors (and most observables of state) fit. */
export interface SnapshotSource<TSnapshot> {
  getSnapshot(): TSnapshot;
  subscribe(observer: (snapshot: TSnapshot) => void): { unsubscribe(): void };
}

export interface ActorSelectorOptions<TSnapshot, TSelected> {
  /** The actor to read; may be set later (for instance by a context consumer). */
  actor?: SnapshotSource<TSnapshot> | undefined;
  /** Whether two selections are the same; `Object.is` by default. */
  compare?: (a: TSelected, b: TSelected) => boolean;
}

export class ActorSelectorController<TSnapshot, TSelected> implements ReactiveController {
  private source: SnapshotSource<TSnapshot> | undefined;
  private subscription: { unsubscribe(): void } | undefined;
  private selected: TSelected | undefined;
  private hasSelection = false;
  private readonly compare: (a: TSelected, b: TSelected) => boolean;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly selector: (snapshot: TSnapshot) => TSelected,
    options: ActorSelectorOptions<TSnapshot, TSelected> = {},
  ) {
    this.compare = options.compare ?? Object.is;
    this.source = options.actor;
    host.addController(this);
  }

  /** The current selection, or undefined while no actor is bound. */
  get value(): TSelected | undefined {
    return this.selected;
  }

  get actor(): SnapshotSource<TSnapshot> | undefined {
    return this.source;
  }

  /** Rebinds to another actor (or none); takes effect at once when the host is connected. */
  set actor(actor: SnapshotSource<TSnapshot> | undefined) {
    if (actor === this.source) return;
    const wasSubscribed = this.subscription !== undefined;
    this.release();
    this.source = actor;
    if (!actor && this.hasSelection) {
      this.selected = undefined;
      this.hasSelection = false;
      this.host.requestUpdate();
    }
    if (wasSubscribed || (this.host as Partial<Element>).isConnected) this.bind();
  }

  hostConnected(): void {
    this.bind();
  }

  hostDisconnected(): void {
    this.release();
  }

  private bind(): void {
    if (!this.source || this.subscription) return;
    this.subscription = this.source.subscribe((snapshot) => this.take(snapshot));
    this.take(this.source.getSnapshot());
  }

  private release(): void {
    this.subscription?.unsubscribe();
    this.subscription = undefined;
  }

  private take(snapshot: TSnapshot): void {
    const next = this.selector(snapshot);
    if (this.hasSelection && this.compare(this.selected as TSelected, next)) return;
    this.selected = next;
    this.hasSelection = true;
    this.host.requestUpdate();
  }
}
