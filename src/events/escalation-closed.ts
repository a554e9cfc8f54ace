// `escalation-closed`: the escalation ended; `summary` tells who joined, why it ended and how long it took.
import type { EscalationEmitted } from '../core/machine/types.js';
import { EscalationDomEvent } from './escalation-event-base.js';

export type EscalationClosedDetail = Omit<Extract<EscalationEmitted, { type: 'closed' }>, 'type'>;

/** Fired when the escalation ended; `summary` tells who joined, why it ended and how long it took. */
export class EscalationClosedEvent extends EscalationDomEvent<EscalationClosedDetail> {
  static readonly eventName = 'escalation-closed';

  constructor(detail: EscalationClosedDetail) {
    super(EscalationClosedEvent.eventName, detail);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'escalation-closed': EscalationClosedEvent;
  }
}
