// `escalation-participant-left`: another participant left the room.
import { EscalationDomEvent } from './escalation-event-base.js';

export type EscalationParticipantLeftDetail = { id: string };

/** Fired by `<video-room>` when another participant left the room. */
export class EscalationParticipantLeftEvent extends EscalationDomEvent<EscalationParticipantLeftDetail> {
  static readonly eventName = 'escalation-participant-left';

  constructor(detail: EscalationParticipantLeftDetail) {
    super(EscalationParticipantLeftEvent.eventName, detail);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'escalation-participant-left': EscalationParticipantLeftEvent;
  }
}
