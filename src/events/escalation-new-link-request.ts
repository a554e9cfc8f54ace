// `escalation-new-link-request`: the customer's link did not work and they ask for a new one.
import { EscalationDomEvent } from './escalation-event-base.js';

export type EscalationNewLinkRequestDetail = {
  /** The code that did not work. */
  code: string;
  /** What the customer's page said about it. */
  reason: string;
  /** Who asks: set on the agent's side, where an expert's invite may be the one that failed. */
  role?: 'guest' | 'expert';
};

/**
 * Fired by `<escalation-join-card>` when the customer asks for a new link (a chat widget may post
 * it to the agent), and by `<escalation-context>` when such a request reached the agent.
 */
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
