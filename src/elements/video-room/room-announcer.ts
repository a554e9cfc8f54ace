// What the room announces, as <video-room>'s DOM events in the person's words, and, for a guest,
// as progress reports to the agent (through the escalation service) and the callback offer.
import { errorMessage } from '../../core/errors.js';
import type { RoomEmitted } from '../../core/room/types.js';
import { EscalationMediaChangeEvent } from '../../events/escalation-media-change.js';
import { EscalationParticipantJoinedEvent } from '../../events/escalation-participant-joined.js';
import { EscalationParticipantLeftEvent } from '../../events/escalation-participant-left.js';
import { EscalationRoomErrorEvent } from '../../events/escalation-room-error.js';
import { EscalationRoomJoinedEvent } from '../../events/escalation-room-joined.js';
import { EscalationRoomLeftEvent } from '../../events/escalation-room-left.js';
import type { StringTable } from '../../i18n/strings.js';
import { guestErrorWords } from './guest-error-words.js';
import type { GuestFlow } from './guest-flow.js';

/** How long a guest whose devices failed waits for the escalation to fall back (and a call to be offered). */
const CALLBACK_OFFER_WAIT_MS = 15_000;

function domEventOf(event: RoomEmitted, credential: string, words: StringTable): Event | undefined {
  switch (event.type) {
    case 'joined':
      return new EscalationRoomJoinedEvent({ participantId: event.participantId, room: event.room });
    case 'left':
      return new EscalationRoomLeftEvent({ reason: event.reason });
    case 'participantJoined':
      return new EscalationParticipantJoinedEvent({ id: event.id, display: event.display, role: event.role });
    case 'participantLeft':
      return new EscalationParticipantLeftEvent({ id: event.id });
    case 'mediaChange': {
      const { type: _type, ...detail } = event;
      return new EscalationMediaChangeEvent(detail);
    }
    case 'error': {
      const message =
        event.during === 'join'
          ? guestErrorWords(event.error, credential, words.guestErrors)
          : `${words.room.screenShareFailed} ${errorMessage(event.error)}`;
      return new EscalationRoomErrorEvent({ message });
    }
    default:
      return undefined;
  }
}

export function announceRoomEvent(target: EventTarget, guest: GuestFlow, event: RoomEmitted): void {
  const domEvent = domEventOf(event, guest.credential, guest.words());
  if (domEvent) target.dispatchEvent(domEvent);
  if (event.type === 'progress') {
    guest.report(event.step);
    // The agent falls back; in a chat, the customer may then ask for a call instead.
    if (event.step === 'device-failed') void guest.checkCallbackOffer(CALLBACK_OFFER_WAIT_MS);
  }
  if (event.type === 'endedRemotely') void guest.checkCallbackOffer();
}
