// The escalation invokes the agent's call: this fills the escalation statechart's `mediaSession`
// slot with a room actor. Entering `inRoom` joins the escalation's room as the host (muted in
// voice mode); the room's state comes back as MEDIA_* events; a moved room is followed; leaving
// `inRoom` (or the escalation stopping) leaves the room. A reload re-enters `inRoom`, so joins again.
import { fromCallback, type ActorRefFrom } from 'xstate';
import type { RoomListenerInput } from '../machine/actors.js';
import type { EscalationEvent } from '../machine/types.js';
import type { RoomMachine } from './room-machine.js';
import { selectMediaReport, type MediaReport, type RoomSnapshot } from './selectors.js';

export type RoomActor = ActorRefFrom<RoomMachine>;

function reportOf(report: MediaReport): EscalationEvent | null {
  if (report === 'connected') return { type: 'MEDIA_CONNECTED' };
  if (report === 'reconnecting') return { type: 'MEDIA_RECONNECTING' };
  if (report === 'failed') return { type: 'MEDIA_FAILED', error: 'the media connection failed' };
  return null;
}

/**
 * A customer who closes the page says nothing to the service; the room sees their tile go. That
 * is told to the escalation as GUEST_LEFT (its rejoin grace starts), and their coming back after
 * it as GUEST_JOINED. Only while the agent's own connection is up: a reconnecting agent sees
 * nobody, which says nothing about the customer.
 */
function guestPresence(sendBack: (event: EscalationEvent) => void) {
  let seen = false;
  let toldLeft = false;
  return {
    follow(snapshot: RoomSnapshot): void {
      if (!snapshot.matches({ inSession: 'live' }) || snapshot.context.connection !== 'connected') return;
      const there = snapshot.context.participants.some((participant) => participant.role === 'guest');
      if (there) {
        seen = true;
        if (toldLeft) sendBack({ type: 'GUEST_JOINED' });
        toldLeft = false;
      } else if (seen && !toldLeft) {
        toldLeft = true;
        sendBack({ type: 'GUEST_LEFT' });
      }
    },
  };
}

/** The escalation's `mediaSession` actor, joining `room` (the agent's room actor). */
export function mediaSessionFor(room: RoomActor) {
  return fromCallback<EscalationEvent, RoomListenerInput>(({ input, sendBack, receive }) => {
    let last: MediaReport = null;
    const guest = guestPresence(sendBack);
    const tell = (snapshot: RoomSnapshot) => {
      guest.follow(snapshot);
      const report = selectMediaReport(snapshot);
      if (report === last) return;
      last = report;
      const event = reportOf(report);
      if (event) sendBack(event);
    };
    const subscription = room.subscribe(tell);
    // In voice mode the customer's sound stays on the phone: the agent's page neither sends nor plays it.
    room.send({ type: 'JOIN', request: { room: input.escalation.host, role: 'host', phoneAudio: input.mode === 'voice' } });
    tell(room.getSnapshot());
    receive((event) => {
      if (event.type === 'ROOM_MOVED') room.send({ type: 'MOVE', server: event.server });
    });
    return () => {
      subscription.unsubscribe();
      room.send({ type: 'LEAVE', reason: 'ended' });
    };
  });
}
