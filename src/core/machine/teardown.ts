// Pieces of the statechart that several states share: re-arming timers after a restore, and
// asking the service to destroy a room.
import type { EscalationContext } from './types.js';

/**
 * Timers are not part of a persisted snapshot, so a restored escalation is sent RESUME once and
 * each waiting state re-enters itself: its timer starts again and nothing waits forever.
 */
export function rearm<T extends string>(state: T) {
  return { RESUME: { target: state, reenter: true } } as const;
}

/** Asks the service to destroy the customer's room; done or failed, the machine moves on to `target`. */
export function destroyRoom<T extends string>(target: T) {
  return {
    id: 'closeEscalation',
    src: 'closeEscalation',
    // In a fallback there is no end reason yet: the fallback's reason is why the room goes.
    input: ({ context }: { context: EscalationContext }) => ({
      escalation: context.roomOpen ? context.escalation : null,
      createKey: context.createKey!,
      reason: context.endReason ?? context.fallbackReason!,
    }),
    onDone: { target, actions: 'roomClosed' },
    onError: { target, actions: 'rememberError' },
  } as const;
}

/**
 * Asks the service to destroy the consult's room (by its create's key if it never answered).
 * Failed, it stays noted as maybe open (a retry of video or the end closes it again) and the
 * machine goes to `onError`; `giveUp`: at the escalation's end the service's expiry takes it.
 */
export function destroyConsult<T extends string, E extends string = T>(target: T, onError?: E, giveUp = false) {
  return {
    id: 'closeConsult',
    src: 'closeEscalation',
    input: ({ context }: { context: EscalationContext }) => ({
      escalation: context.consult?.escalation ?? null,
      createKey: context.consult?.key ?? '',
      reason: context.endReason ?? ('closed' as const),
    }),
    onDone: { target, actions: 'consultClosed' },
    onError: { target: onError ?? target, actions: ['rememberError', giveUp ? 'consultClosed' : 'consultEnded'] },
  } as const;
}
