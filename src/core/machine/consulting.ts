// `consulting`: after a fallback, the agent brings an expert onto video in a room of its own while
// the customer stays on the phone (or in the chat). The customer's room goes first, so there are
// never two rooms for one call; ending the consult closes its room and returns to the fallback.
import { assign, sendTo } from 'xstate';
import { consultSetup } from './consult-actions.js';
import { expertRegionAt } from './expert-region.js';
import { destroyConsult, destroyRoom } from './teardown.js';

export const consultingState = consultSetup.createStateConfig({
  entry: [{ type: 'announce', params: { phase: 'consulting' } }, assign({ agentMediaConnected: false })],
  initial: 'start',
  on: {
    HANGUP: { target: '#escalation.closing', actions: { type: 'end', params: { reason: 'hangup' } } },
    CLOSE: { target: '#escalation.closing', actions: { type: 'end', params: { reason: 'closed' } } },
    END_CONSULT: '.ending',
  },
  states: {
    start: { always: [{ guard: 'roomMayBeOpen', target: 'clearing' }, { target: 'opening' }] },
    // The customer's room, if its teardown failed before: the service keeps one live room per call.
    clearing: { invoke: destroyRoom('opening') },
    opening: {
      invoke: {
        id: 'createConsult',
        src: 'createEscalation',
        input: ({ context }) => ({
          interaction: context.interaction!,
          // Nothing is delivered: a consult has no customer link.
          delivery: { channel: 'host' as const },
          mode: context.config.mode,
          idempotencyKey: context.consult!.key,
          consult: true,
        }),
        onDone: { target: 'open', actions: 'consultOpened' },
        // An answered error made no room; an unanswered one is closed by its key as the fallback resumes.
        onError: {
          target: '#escalation.fallbackToVoice',
          actions: ['rememberError', { type: 'consultOutcome', params: { outcome: 'failed' } }],
        },
      },
      on: { RESUME: { target: 'opening', reenter: true } },
    },
    open: {
      type: 'parallel',
      invoke: [
        {
          id: 'mediaSession',
          src: 'mediaSession',
          // The agent and the expert talk through their pages: the customer's phone call is not this room's.
          input: ({ context }) => ({ escalation: context.consult!.escalation!, mode: 'chat' as const, consult: true }),
        },
        {
          id: 'consultNews',
          src: 'guestProgress',
          input: ({ context }) => ({ escalation: context.consult!.escalation!, mode: context.config.mode }),
        },
      ],
      on: {
        MEDIA_CONNECTED: { actions: assign({ agentMediaConnected: true }) },
        MEDIA_RECONNECTING: { actions: assign({ agentMediaConnected: false }) },
        MEDIA_FAILED: { target: 'ending', actions: ['rememberError', { type: 'consultOutcome', params: { outcome: 'media' } }] },
        // The service no longer has the consult: nothing to close.
        ESCALATION_LOST: {
          target: '#escalation.fallbackToVoice',
          actions: [{ type: 'consultOutcome', params: { outcome: 'lost' } }, 'consultClosed'],
        },
        ROOM_MOVED: { actions: ['followConsultRoom', sendTo('mediaSession', ({ event }) => event)] },
      },
      states: {
        expert: expertRegionAt('consulting.open.expert', (context) => context.consult!.escalation!),
      },
    },
    ending: { invoke: destroyConsult('#escalation.fallbackToVoice') },
  },
});
