// `escalation-new-link-request`: the customer's link did not work and they ask for a new one.
import { EscalationDomEvent } from './escalation-event-base.js';

export type EscalationNewLinkRequestDetail = { code: string; reason: string };

/** Fired by `<escalation-join-card>` when the customer asks for a new link (post it to the agent in the chat). */
export class EscalationNewLinkRequestEvent extends EscalationDomEvent<EscalationNewLinkRequestDetail> {
  static readonly eventName = 'escalation-new-link-request';

  constructor(detail: EscalationNewLinkRequestDetail) {
    super(EscalationNewLinkRequestEvent.eventName, detail);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'escalation-new-link-request': EscalationNewLinkRequestEvent;
  }
}
