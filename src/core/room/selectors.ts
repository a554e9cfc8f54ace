// What readers of the room's snapshot want to know, in one place, so elements and the bridge to
// the escalation never read the statechart's inner state names.
import type { SnapshotFrom } from 'xstate';
import type { RoomMachine } from './room-machine.js';
import type { RoomPhase } from './types.js';

export type RoomSnapshot = SnapshotFrom<RoomMachine>;

export function selectRoomPhase(snapshot: RoomSnapshot): RoomPhase {
  if (snapshot.matches('idle')) return 'idle';
  if (snapshot.matches('checking')) return 'checking';
  if (snapshot.matches('left')) return 'left';
  if (snapshot.matches('failed')) return 'error';
  if (snapshot.matches({ inSession: { live: { call: 'waiting' } } })) return 'waiting';
  if (snapshot.matches({ inSession: { live: { call: 'inCall' } } })) return 'in-call';
  if (snapshot.matches({ inSession: { live: { call: 'reconnecting' } } })) return 'reconnecting';
  return 'connecting';
}

/** Whether the person is in the room (waiting, with others, or reconnecting): the call's screen. */
export function isInRoom(phase: RoomPhase): boolean {
  return phase === 'waiting' || phase === 'in-call' || phase === 'reconnecting';
}

/** What the escalation hears of the agent's media: up, reconnecting, failed, or nothing yet. */
export type MediaReport = 'connected' | 'reconnecting' | 'failed' | null;

/**
 * Only a call whose connection failed counts as failed media. A join that failed leaves the
 * escalation as it is: the agent sees why and may try again, and once the customer is there the
 * escalation's own media timeout falls back if the agent's video never comes up.
 */
export function selectMediaReport(snapshot: RoomSnapshot): MediaReport {
  if (snapshot.matches('failed')) return snapshot.context.connection === 'failed' ? 'failed' : null;
  if (!snapshot.matches({ inSession: 'live' })) return null;
  const { connection } = snapshot.context;
  return connection === 'connected' || connection === 'reconnecting' ? connection : null;
}
