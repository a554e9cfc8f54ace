// Runs a connector for every <escalation-context> while it is in the document, for desktops that
// create the element themselves (a Webex Contact Center layout) so that no host code holds it.
import type { Disconnect, TaskEventTarget } from './task-target.js';

/** Lit's reactive controller, as far as this needs it: told when its element connects and disconnects. */
export interface ConnectionController {
  hostConnected?(): void;
  hostDisconnected?(): void;
}

/** An element that takes controllers (`addController`, as every Lit element does). */
export interface ControllerHost {
  addController(controller: ConnectionController): void;
}

/**
 * The element class: `EscalationContextElement`, or a subclass of it. Lit's `addInitializer` runs
 * for each instance made afterwards, including the ones the desktop had already put in the page
 * before the class was defined (they are made when it is).
 */
export interface ConnectableClass<T> {
  new (): T;
  addInitializer(initializer: (element: HTMLElement) => void): void;
}

/**
 * Calls `connect` for each `<escalation-context>` made from now on, each time it is connected to the
 * document, and its disconnect each time it leaves (a desktop that moves a widget reconnects it).
 * Call it before the element is defined, so that no instance is made without it.
 *
 * @example
 * connectEachContext(EscalationContextElement, (context) => connectWebexContactCenter(context, Desktop));
 * EscalationContextElement.define();
 */
export function connectEachContext<T extends TaskEventTarget & ControllerHost>(
  elementClass: ConnectableClass<T>,
  connect: (context: T) => Disconnect,
): void {
  elementClass.addInitializer((element) => {
    // Initializers of a class also run for its subclasses' instances, which are instances of it.
    if (!(element instanceof elementClass)) return;
    let disconnect: Disconnect | undefined;
    element.addController({
      hostConnected: () => {
        disconnect?.();
        disconnect = connect(element);
      },
      hostDisconnected: () => {
        disconnect?.();
        disconnect = undefined;
      },
    });
  });
}
