// The event names the machine accepts from outside, for checking what a host sends at runtime.
import type { EscalationEvent } from './types.js';

export const escalationEventTypes = [
  'REQUEST',
  'LOOK_UP',
  'RESEND',
  'CANCEL',
  'GUEST_PROGRESS',
  'GUEST_JOINED',
  'GUEST_LEFT',
  'MEDIA_CONNECTED',
  'MEDIA_RECONNECTING',
  'MEDIA_FAILED',
  'MEDIA_QUALITY',
  'INVITE_EXPERT',
  'CANCEL_INVITE',
  'REMOVE_EXPERT',
  'REQUEST_EXPERT',
  'CANCEL_EXPERT_REQUEST',
  'EXPERT_REQUEST_CHANGED',
  'EXPERT_WAITING',
  'ADMIT_EXPERT',
  'DECLINE_EXPERT',
  'EXPERT_JOINED',
  'EXPERT_LEFT',
  'HANGUP',
  'RETRY_VIDEO',
  'CONSULT',
  'END_CONSULT',
  'BACK_TO_VOICE',
  'ESCALATION_LOST',
  'CALLBACK_REQUESTED',
  'NEW_LINK_REQUESTED',
  'ROOM_MOVED',
  'CLOSE',
  'TASK_TRANSFERRED',
  'TASK_CLOSED',
  'WRAPUP',
  'ASK_GUEST',
  'ASK_ANSWERED',
  'SNAPSHOT_ARRIVED',
  'GUEST_CAMERA',
  'KEEP_SNAPSHOT',
  'DISCARD_SNAPSHOT',
  'RECORD',
  'RECORDING_CHANGED',
  'RESUME',
] as const satisfies readonly EscalationEvent['type'][];

// Fails to compile when an event type is added to the union but not to the list.
type Missing = Exclude<EscalationEvent['type'], (typeof escalationEventTypes)[number]>;
const exhaustive: Missing extends never ? true : never = true;
void exhaustive;

const known = new Set<string>(escalationEventTypes);

/** Throws a TypeError naming the problem when `event` is not an escalation event. */
export function assertEscalationEvent(event: unknown): asserts event is EscalationEvent {
  const type = typeof event === 'object' && event !== null ? (event as { type?: unknown }).type : undefined;
  if (typeof type !== 'string' || !known.has(type)) {
    throw new TypeError(
      `Unknown escalation event ${JSON.stringify(type ?? event)}; expected one of ${escalationEventTypes.join(', ')}`,
    );
  }
}
