// Why video stopped: the fallback reasons (the call goes on by voice or chat) and the end reasons.

/** Why the interaction went back to voice (or chat) only. */
export type FallbackReason =
  | 'service-unavailable'
  | 'no-show'
  | 'guest-device'
  | 'media'
  | 'guest-left'
  /** The agent chose to carry on by voice or chat. */
  | 'agent-choice'
  /** The service no longer knows the escalation (its data was lost, or this instance does not share it). */
  | 'escalation-lost';

export const FALLBACK_REASONS: readonly FallbackReason[] = [
  'service-unavailable',
  'no-show',
  'guest-device',
  'media',
  'guest-left',
  'agent-choice',
  'escalation-lost',
];

/** Why the escalation ended. */
export type EndReason = 'hangup' | 'cancelled' | 'task-closed' | 'wrapup' | 'transferred' | 'closed';

export const END_REASONS: readonly EndReason[] = ['hangup', 'cancelled', 'task-closed', 'wrapup', 'transferred', 'closed'];

/**
 * Why the service closed an escalation: a fallback or end reason from the agent, or its own
 * finding (`room-lost`: the media server no longer has the room; `expired`: it outlived the
 * longest an escalation may last).
 */
export type CloseReason = FallbackReason | EndReason | 'room-lost' | 'expired';
