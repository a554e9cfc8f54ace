// Connects an element to a room actor: the one an <escalation-context> provides (the agent's
// call, owned by the escalation), or the element's own (a standalone room). The element renders
// from the actor's snapshot and turns what the room emits into DOM events; it never keeps a copy.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { createActor, type Subscription } from 'xstate';
import type { RoomActor } from '../core/room/bridge.js';
import type { RoomMachine } from '../core/room/room-machine.js';
import type { RoomEmitted } from '../core/room/types.js';

export interface RoomControllerOptions {
  /** The machine of the element's own room (with its actors provided). */
  machine: () => RoomMachine;
  /** Each thing the room announces. */
  onEmitted: (event: RoomEmitted) => void;
}

export class RoomController implements ReactiveController {
  private own: RoomActor | undefined;
  private provided: RoomActor | undefined;
  private subscriptions: Subscription[] = [];
  private watched: RoomActor | undefined;
  private removalTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: RoomControllerOptions,
  ) {
    host.addController(this);
  }

  /** The room the element shows: the provided one, else its own (made on first use). */
  get actor(): RoomActor {
    return this.provided ?? (this.own ??= createActor(this.options.machine(), { input: {} }).start());
  }

  /** Whether the room is the escalation's (provided) rather than the element's own. */
  get isProvided(): boolean {
    return this.provided !== undefined;
  }

  /** Shows the provided room instead of the element's own (undefined: back to its own). */
  provide(actor: RoomActor | undefined): void {
    this.provided = actor;
    if (this.host.isConnected) this.watch();
    this.host.requestUpdate();
  }

  hostConnected(): void {
    clearTimeout(this.removalTimer);
    this.watch();
  }

  hostDisconnected(): void {
    this.unwatch();
    // Moving the element keeps the call; removing it ends the element's own call and frees the
    // devices. A provided room belongs to the escalation, which decides when it ends.
    this.removalTimer = setTimeout(() => {
      if (this.host.isConnected || !this.own) return;
      this.own.send({ type: 'LEAVE', reason: 'ended' });
    });
  }

  private watch(): void {
    const actor = this.actor;
    if (this.watched === actor) return;
    this.unwatch();
    this.watched = actor;
    this.subscriptions = [
      actor.subscribe(() => this.host.requestUpdate()),
      actor.on('*', (event) => this.options.onEmitted(event as RoomEmitted)),
    ];
  }

  private unwatch(): void {
    for (const subscription of this.subscriptions.splice(0)) subscription.unsubscribe();
    this.watched = undefined;
  }
}
