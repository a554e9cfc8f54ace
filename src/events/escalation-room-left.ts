// `escalation-room-left`: this participant left the room: hung up, the escalation ended it, or the connection failed for good.
import { EscalationDomEvent } from './escalation-event-base.js';

export type EscalationRoomLeftDetail = { reason: 'hangup' | 'ended' | 'failed' };

/** Fired by `<video-room>` when this participant left the room: hung up, the escalation ended it, or the connection failed for good. */
export class EscalationRoomLeftEvent extends EscalationDomEvent<EscalationRoomLeftDetail> {
  static readonly eventName = 'escalation-room-left';

  constructor(detail: EscalationRoomLeftDetail) {
    super(EscalationRoomLeftEvent.eventName, detail);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'escalation-room-left': EscalationRoomLeftEvent;
  }
}
