// The consult's bookkeeping: its key and room, how it ended, and its span for the summary.
import { assign } from 'xstate';
import { actorNow } from './clock.js';
import { randomId } from '../random-id.js';
import { escalationSetup } from './presence-actions.js';
import type { Consult, Escalation, EscalationContext } from './types.js';

/** The consult over (its span closed, how it ended said); `open`: its room may still be there. */
function endConsult(context: EscalationContext, now: number, open: boolean): Partial<EscalationContext> {
  return {
    agentMediaConnected: false,
    consult: context.consult ? { ...context.consult, open, outcome: context.consult.outcome ?? 'ended' } : null,
    consults: context.consults.map((span) => (span.endedAt === null ? { ...span, endedAt: now } : span)),
  };
}

export const consultSetup = escalationSetup.extend({
  guards: {
    // A create still out may have made the consult's room: it is destroyed by its key.
    consultMayBeOpen: ({ context }) => Boolean(context.consult?.open),
  },
  actions: {
    /** A new consult, with a key of its own; the customer's call's expert news is not this one's. */
    newConsult: assign({
      consult: (): Consult => ({ escalation: null, key: randomId(), open: true, outcome: null }),
      expert: null,
      expertId: null,
      expertStatus: null,
      expertRequest: null,
      lastError: null,
      lastErrorCode: null,
    }),
    /** The service's live consult of this interaction, taken back after a reload (LOOK_UP). */
    adoptConsult: assign(({ context, event, self }) => {
      const escalation = (event as { output?: { escalation: Escalation } | null }).output?.escalation;
      if (!escalation) return {};
      return {
        consult: { escalation, key: randomId(), open: true, outcome: null },
        consults: [...context.consults, { escalationId: escalation.id, startedAt: actorNow(self), endedAt: null }],
        createKey: randomId(),
        pendingRequest: null,
      };
    }),
    consultOpened: assign(({ context, event, self }) => {
      const escalation = (event as { output?: Escalation }).output;
      if (!escalation || !context.consult) return {};
      return {
        consult: { ...context.consult, escalation },
        consults: [...context.consults, { escalationId: escalation.id, startedAt: actorNow(self), endedAt: null }],
      };
    }),
    /** How the consult ended, unless something said so first (media failed, the room lost). */
    consultOutcome: assign(({ context }, params: { outcome: NonNullable<Consult['outcome']> }) =>
      context.consult ? { consult: { ...context.consult, outcome: context.consult.outcome ?? params.outcome } } : {},
    ),
    consultClosed: assign(({ context, self }) => endConsult(context, actorNow(self), false)),
    /** Over for the agent, but its close failed: its room may still be there, and is closed again later. */
    consultEnded: assign(({ context, self }) => endConsult(context, actorNow(self), true)),
    followConsultRoom: assign(({ context, event }) => {
      const escalation = context.consult?.escalation;
      if (event.type !== 'ROOM_MOVED' || !escalation) return {};
      return {
        consult: { ...context.consult!, escalation: { ...escalation, host: { ...escalation.host, server: event.server } } },
      };
    }),
  },
});
