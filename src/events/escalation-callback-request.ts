// `escalation-callback-request`: after video ended in chat mode, the customer asked for a phone call.
import type { EscalationEmitted } from '../core/machine/types.js';
import { EscalationDomEvent } from './escalation-event-base.js';

export type EscalationCallbackRequestDetail = Omit<Extract<EscalationEmitted, { type: 'callbackRequest' }>, 'type'>;

/** Fired when the customer asks to be called back at `phone` (an E.164 number) instead of video. */
export class EscalationCallbackRequestEvent extends EscalationDomEvent<EscalationCallbackRequestDetail> {
  static readonly eventName = 'escalation-callback-request';

  constructor(detail: EscalationCallbackRequestDetail) {
    super(EscalationCallbackRequestEvent.eventName, detail);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'escalation-callback-request': EscalationCallbackRequestEvent;
  }
}
