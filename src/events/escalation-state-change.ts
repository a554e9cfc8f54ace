// `escalation-state-change`: the escalation moved to another phase (`to`), from `from`, for `reason`.
import type { EscalationEmitted } from '../core/machine/types.js';
import { EscalationDomEvent } from './escalation-event-base.js';

export type EscalationStateChangeDetail = Omit<Extract<EscalationEmitted, { type: 'stateChange' }>, 'type'>;

/** Fired when the escalation moved to another phase (`to`), from `from`, for `reason`. */
export class EscalationStateChangeEvent extends EscalationDomEvent<EscalationStateChangeDetail> {
  static readonly eventName = 'escalation-state-change';

  constructor(detail: EscalationStateChangeDetail) {
    super(EscalationStateChangeEvent.eventName, detail);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'escalation-state-change': EscalationStateChangeEvent;
  }
}
