// `escalation-guest-progress`: the customer opened the link, is checking devices, what the check found, joined or left.
import type { EscalationEmitted } from '../core/machine/types.js';
import { EscalationDomEvent } from './escalation-event-base.js';

export type EscalationGuestProgressDetail = Omit<Extract<EscalationEmitted, { type: 'guestProgress' }>, 'type'>;

/** Fired when the customer opened the link, is checking devices, joined or left. */
export class EscalationGuestProgressEvent extends EscalationDomEvent<EscalationGuestProgressDetail> {
  static readonly eventName = 'escalation-guest-progress';

  constructor(detail: EscalationGuestProgressDetail) {
    super(EscalationGuestProgressEvent.eventName, detail);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'escalation-guest-progress': EscalationGuestProgressEvent;
  }
}
