// The room statechart of a standalone <video-room>, with what only a guest's page can do: turn
// the code into a room (the page's own `redeem`, or the escalation service through GuestFlow)
// and, while the call reconnects, ask the service where the room is now.
import { fromPromise } from 'xstate';
import { locateWith } from '../../core/room/actors.js';
import { roomMachine, type RoomMachine } from '../../core/room/room-machine.js';
import type { RedeemedJoin, RoomTarget } from '../../core/room/types.js';
import type { MediaRole } from '../../core/media/types.js';
import type { RoomCredentials } from '../../protocol/room.js';
import type { GuestFlow } from './guest-flow.js';

/** What redeeming a guest code gives: where to join (and, from the escalation service, as whom). */
export interface RedeemedRoom extends Omit<RoomCredentials, 'token' | 'iceServers'> {
  token?: string;
  displayName?: string;
  iceServers?: RTCIceServer[];
}

export interface GuestRoomHost {
  readonly redeem: ((code: string) => Promise<RedeemedRoom>) | undefined;
  readonly participantRole: MediaRole;
}

/** Where to join, and nothing else the answer carried. */
function targetOf(details: RedeemedRoom): RoomTarget {
  const { server, room, token, participantId, agentId, iceServers } = details;
  return {
    server,
    room,
    ...(token ? { token } : {}),
    ...(participantId ? { participantId } : {}),
    ...(agentId ? { agentId } : {}),
    ...(iceServers ? { iceServers } : {}),
  };
}

export function guestRoomMachine(host: GuestRoomHost, guest: GuestFlow): RoomMachine {
  return roomMachine.provide({
    actors: {
      redeem: fromPromise<RedeemedJoin, { code: string }>(async ({ input }) => {
        if (host.redeem) {
          const details = await host.redeem(input.code);
          return {
            room: targetOf(details),
            role: host.participantRole,
            ...(details.displayName ? { display: details.displayName } : {}),
          };
        }
        const service = guest.service();
        if (!service) throw new Error(guest.words().room.cannotRedeem);
        const details = await guest.redeem(service);
        return {
          room: targetOf(details),
          role: details.role === 'expert' ? 'expert' : 'guest',
          networkTestToken: details.networkTestToken,
          // A voice escalation: the customer is on the phone with the agent already. A consult's
          // sound is the room's: the agent and the expert talk through their pages.
          phoneAudio: details.mode === 'voice' && !details.consult,
          consult: Boolean(details.consult),
          ...(details.displayName ? { display: details.displayName } : {}),
        };
      }),
      locate: locateWith(async () => {
        const now = await guest.whereNow();
        return now && targetOf(now);
      }),
    },
  });
}
