// `escalation-participant-joined`: another participant joined the room.
import { EscalationDomEvent } from './escalation-event-base.js';

export type EscalationParticipantJoinedDetail = { id: string; display: string; role: 'host' | 'guest' | 'expert' };

/** Fired by `<video-room>` when another participant joined the room. */
export class EscalationParticipantJoinedEvent extends EscalationDomEvent<EscalationParticipantJoinedDetail> {
  static readonly eventName = 'escalation-participant-joined';

  constructor(detail: EscalationParticipantJoinedDetail) {
    super(EscalationParticipantJoinedEvent.eventName, detail);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'escalation-participant-joined': EscalationParticipantJoinedEvent;
  }
}
