// `escalation-link-delivery`: the link was delivered by SMS or e-mail, or delivery failed.
import type { EscalationEmitted } from '../core/machine/types.js';
import { EscalationDomEvent } from './escalation-event-base.js';

export type EscalationLinkDeliveryDetail = Omit<Extract<EscalationEmitted, { type: 'linkDelivery' }>, 'type'>;

/** Fired when the link was delivered by SMS or e-mail, or delivery failed. */
export class EscalationLinkDeliveryEvent extends EscalationDomEvent<EscalationLinkDeliveryDetail> {
  static readonly eventName = 'escalation-link-delivery';

  constructor(detail: EscalationLinkDeliveryDetail) {
    super(EscalationLinkDeliveryEvent.eventName, detail);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'escalation-link-delivery': EscalationLinkDeliveryEvent;
  }
}
