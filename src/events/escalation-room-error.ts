// `escalation-room-error`: something went wrong in the room (joining failed, a screen share did not start).
import { EscalationDomEvent } from './escalation-event-base.js';

export type EscalationRoomErrorDetail = { message: string };

/** Fired by `<video-room>` when something went wrong in the room (joining failed, a screen share did not start). */
export class EscalationRoomErrorEvent extends EscalationDomEvent<EscalationRoomErrorDetail> {
  static readonly eventName = 'escalation-room-error';

  constructor(detail: EscalationRoomErrorDetail) {
    super(EscalationRoomErrorEvent.eventName, detail);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'escalation-room-error': EscalationRoomErrorEvent;
  }
}
