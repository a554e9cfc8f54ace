// The consult's bookkeeping: its key and room, how it ended, and its span for the summary.
import { assign } from 'xstate';
import { actorNow } from './clock.js';
import { randomId } from '../random-id.js';
import { escalationSetup } from './presence-actions.js';
import type { Consult, Escalation } from './types.js';

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
    consultClosed: assign(({ context, self }) => {
      const now = actorNow(self);
      return {
        agentMediaConnected: false,
        consult: context.consult ? { ...context.consult, open: false, outcome: context.consult.outcome ?? 'ended' } : null,
        consults: context.consults.map((span) => (span.endedAt === null ? { ...span, endedAt: now } : span)),
      };
    }),
    followConsultRoom: assign(({ context, event }) => {
      const escalation = context.consult?.escalation;
      if (event.type !== 'ROOM_MOVED' || !escalation) return {};
      return {
        consult: { ...context.consult!, escalation: { ...escalation, host: { ...escalation.host, server: event.server } } },
      };
    }),
  },
});
