// Owns an element's escalation actor and the agent's call it invokes: creates the actor (resuming
// a saved escalation), restarts it on a new machine or new settings, keeps the saved copy, stops
// it when the element is really removed, and turns what it emits into DOM events. The agent's
// room actor lives beside it (never in the saved snapshot) and fills the machine's media slot; the
// call's statechart is fetched as the element connects, not before its first render, so a desk's
// button works before it arrives.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { createActor } from 'xstate';
import { unconfiguredActors } from '../core/machine/actors.js';
import type { EscalationMachine } from '../core/machine/escalation-machine.js';
import { createEscalationActor, type EscalationActor, type SnapshotStorage } from '../core/machine/persistence.js';
import type { EscalationInput } from '../core/machine/types.js';
import { mediaSessionFor, type RoomActor } from '../core/room/bridge.js';
import type { RoomSettings } from '../core/room/types.js';
import { toDomEvent } from '../events/to-dom-event.js';

export interface EscalationSetup {
  machine: EscalationMachine;
  input: EscalationInput;
  /** Where and under which key the escalation is kept across reloads; none: not kept. */
  storage?: { storage: SnapshotStorage; key: string };
}

export interface EscalationControllerOptions {
  /** What the actor should run now; a change is followed (see `sync`). */
  setup: () => EscalationSetup;
  /** The agent's call settings (the names each role goes by). */
  roomSettings: () => Partial<RoomSettings>;
  /** Called when a new actor starts (to share it, to select from it). */
  onStart: (actor: EscalationActor) => void;
  /** Called once the agent's call is there (its statechart loaded), to share it. */
  onRoom: (room: RoomActor) => void;
  /** Whether a running escalation may be restarted now (true while nothing is going on). */
  mayRestart: (machineChanged: boolean) => boolean;
}

export class EscalationController implements ReactiveController {
  private current: EscalationActor | undefined;
  private startedWith: { machine: EscalationMachine; key: string } | undefined;
  private stopTimer: ReturnType<typeof setTimeout> | undefined;
  private roomActor: RoomActor | undefined;
  private roomLoading: Promise<RoomActor> | undefined;
  /** The host's machines with the agent's call plugged in, so each is made once. */
  private readonly bridged = new WeakMap<EscalationMachine, EscalationMachine>();

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: EscalationControllerOptions,
  ) {
    host.addController(this);
  }

  get actor(): EscalationActor | undefined {
    return this.current;
  }

  /** The agent's call, made once its statechart has loaded (asked for when the element connects). */
  loadRoom(): Promise<RoomActor> {
    this.roomLoading ??= import('../core/room/room-machine.js').then(
      ({ roomMachine }) => {
        const room = createActor(roomMachine, { input: { settings: this.options.roomSettings() } }).start();
        this.roomActor = room;
        this.options.onRoom(room);
        return room;
      },
      (error: unknown) => {
        // A failed fetch may be tried again by the next call.
        this.roomLoading = undefined;
        throw error;
      },
    );
    return this.roomLoading;
  }

  hostConnected(): void {
    clearTimeout(this.stopTimer);
    void this.loadRoom().catch(() => undefined);
  }

  hostDisconnected(): void {
    // A move in the DOM disconnects and reconnects in one task; only a real removal stops the actor.
    this.stopTimer = setTimeout(() => {
      if (this.host.isConnected) return;
      this.current?.stop();
      this.roomActor?.send({ type: 'LEAVE', reason: 'ended' });
    });
  }

  /** The running actor, started (again) when there is none or it was stopped. */
  ensure(): EscalationActor {
    const status = this.current?.getSnapshot().status;
    return this.current && status !== 'stopped' ? this.current : this.start();
  }

  /** Follows a new machine or new settings: restarts when `mayRestart` allows, else keeps the running actor. */
  sync(): void {
    const actor = this.ensure();
    if (!this.startedWith || actor !== this.current) return;
    const { machine, input, storage } = this.options.setup();
    const machineChanged = machine !== this.startedWith.machine;
    const settingsChanged = this.keyOf(input, storage) !== this.startedWith.key;
    if (!machineChanged && !settingsChanged) return;
    if (this.options.mayRestart(machineChanged)) {
      actor.stop();
      this.start();
    } else {
      this.startedWith = { machine, key: this.startedWith.key };
    }
  }

  /** Starts a new actor (resuming a saved escalation), e.g. for the next escalation of the interaction. */
  start(): EscalationActor {
    const { machine, input, storage } = this.options.setup();
    const actor = createEscalationActor({
      machine: this.withCall(machine),
      input,
      ...(storage ? { storage: storage.storage, storageKey: storage.key } : {}),
    });
    actor.on('*', (emitted) => this.host.dispatchEvent(toDomEvent(emitted)));
    this.current = actor;
    this.startedWith = { machine, key: this.keyOf(input, storage) };
    this.options.onStart(actor);
    return actor;
  }

  private keyOf(input: EscalationInput, storage: EscalationSetup['storage']): string {
    return JSON.stringify([input, storage?.key ?? '']);
  }

  /**
   * The machine with the agent's call in its media slot, unless the host filled that slot itself
   * (its own media handling, or a test's recorder).
   */
  private withCall(machine: EscalationMachine): EscalationMachine {
    if (machine.implementations.actors.mediaSession !== unconfiguredActors.mediaSession) return machine;
    let bridged = this.bridged.get(machine);
    if (!bridged) {
      bridged = machine.provide({ actors: { mediaSession: mediaSessionFor(() => this.loadRoom()) } });
      this.bridged.set(machine, bridged);
    }
    return bridged;
  }
}
