// `escalation-expert`: the invited expert is being invited, joined, left, or the invite failed.
import type { EscalationEmitted } from '../core/machine/types.js';
import { EscalationDomEvent } from './escalation-event-base.js';

export type EscalationExpertDetail = Omit<Extract<EscalationEmitted, { type: 'expertStatus' }>, 'type'>;

/** Fired when the invited expert is being invited, joined, left, or the invite failed. */
export class EscalationExpertEvent extends EscalationDomEvent<EscalationExpertDetail> {
  static readonly eventName = 'escalation-expert';

  constructor(detail: EscalationExpertDetail) {
    super(EscalationExpertEvent.eventName, detail);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'escalation-expert': EscalationExpertEvent;
  }
}
