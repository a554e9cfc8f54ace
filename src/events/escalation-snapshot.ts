// `escalation-snapshot`: the agent kept a still of the customer's camera for the case.
import type { SavedSnapshot } from '../core/machine/types.js';
import { EscalationDomEvent } from './escalation-event-base.js';

export type EscalationSnapshotDetail = { snapshot: SavedSnapshot };

/**
 * Fired when the agent keeps a still for the case: the image as the customer's camera took it, the
 * same with the agent's marks drawn on it, the marks, and the note as the service kept it (masked).
 * The service keeps it with the escalation too, under the same retention.
 */
export class EscalationSnapshotEvent extends EscalationDomEvent<EscalationSnapshotDetail> {
  static readonly eventName = 'escalation-snapshot';

  constructor(detail: EscalationSnapshotDetail) {
    super(EscalationSnapshotEvent.eventName, detail);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'escalation-snapshot': EscalationSnapshotEvent;
  }
}
