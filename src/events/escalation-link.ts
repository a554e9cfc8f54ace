// `escalation-link`: a guest link is ready; for `chat` and `host` delivery the host posts it (e.g. into its chat widget).
import type { EscalationEmitted } from '../core/machine/types.js';
import { EscalationDomEvent } from './escalation-event-base.js';

export type EscalationLinkDetail = Omit<Extract<EscalationEmitted, { type: 'linkReady' }>, 'type'>;

/** Fired when a guest link is ready; for `chat` and `host` delivery the host posts it (e.g. into its chat widget). */
export class EscalationLinkEvent extends EscalationDomEvent<EscalationLinkDetail> {
  static readonly eventName = 'escalation-link';

  constructor(detail: EscalationLinkDetail) {
    super(EscalationLinkEvent.eventName, detail);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'escalation-link': EscalationLinkEvent;
  }
}
