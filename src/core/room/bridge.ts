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

/**
 * The escalation's `mediaSession` actor, joining `room` (the agent's room actor, or a loader for
 * it: a desk need not download the call's statechart before its button works).
 */
export function mediaSessionFor(room: RoomActor | (() => Promise<RoomActor>)) {
  const load = typeof room === 'function' ? room : () => Promise.resolve(room);
  return fromCallback<EscalationEvent, RoomListenerInput>(({ input, sendBack, receive }) => {
    let last: MediaReport = null;
    let joined: RoomActor | undefined;
    let stopped = false;
    let subscription: { unsubscribe(): void } | undefined;
    /** Where the room moved before the call's statechart had loaded: followed once it has. */
    let movedTo: string | undefined;
    const guest = guestPresence(sendBack);
    let quality: string | undefined;
    const tell = (snapshot: RoomSnapshot) => {
      guest.follow(snapshot);
      // The quality indicator's level, for the summary's time at each level.
      if (snapshot.context.quality !== quality) {
        quality = snapshot.context.quality;
        sendBack({ type: 'MEDIA_QUALITY', quality: snapshot.context.quality });
      }
      const report = selectMediaReport(snapshot);
      if (report === last) return;
      last = report;
      const event = reportOf(report);
      if (event) sendBack(event);
    };
    receive((event) => {
      if (event.type !== 'ROOM_MOVED') return;
      if (joined) joined.send({ type: 'MOVE', server: event.server });
      else movedTo = event.server;
    });
    void load().then(
      (actor) => {
        if (stopped) return;
        joined = actor;
        subscription = actor.subscribe(tell);
        // In voice mode the customer's sound stays on the phone: the agent's page neither sends nor plays it.
        const host = movedTo ? { ...input.escalation.host, server: movedTo } : input.escalation.host;
        actor.send({
          type: 'JOIN',
          request: { room: host, role: 'host', phoneAudio: input.mode === 'voice', consult: Boolean(input.consult) },
        });
        tell(actor.getSnapshot());
      },
      (error: unknown) => {
        // The call's code could not be fetched (the network went while the desk loaded).
        if (!stopped) sendBack({ type: 'MEDIA_FAILED', error: `the call could not be loaded: ${String(error)}` });
      },
    );
    return () => {
      stopped = true;
      subscription?.unsubscribe();
      joined?.send({ type: 'LEAVE', reason: 'ended' });
    };
  });
}
