// `escalation-fallback`: the interaction went back to voice (or chat) only, and why.
import type { EscalationEmitted } from '../core/machine/types.js';
import { EscalationDomEvent } from './escalation-event-base.js';

export type EscalationFallbackDetail = Omit<Extract<EscalationEmitted, { type: 'fallback' }>, 'type'>;

/** Fired when the interaction went back to voice (or chat) only, and why. */
export class EscalationFallbackEvent extends EscalationDomEvent<EscalationFallbackDetail> {
  static readonly eventName = 'escalation-fallback';

  constructor(detail: EscalationFallbackDetail) {
    super(EscalationFallbackEvent.eventName, detail);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'escalation-fallback': EscalationFallbackEvent;
  }
}
