// `escalation-room-joined`: this participant joined the room.
import { EscalationDomEvent } from './escalation-event-base.js';

export type EscalationRoomJoinedDetail = { participantId: string; room: string };

/** Fired by `<video-room>` when this participant joined the room. */
export class EscalationRoomJoinedEvent extends EscalationDomEvent<EscalationRoomJoinedDetail> {
  static readonly eventName = 'escalation-room-joined';

  constructor(detail: EscalationRoomJoinedDetail) {
    super(EscalationRoomJoinedEvent.eventName, detail);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'escalation-room-joined': EscalationRoomJoinedEvent;
  }
}
