// The escalation's expert region (inside `joined`): asking the pool for an expert with a skill, or
// inviting one by address; the lobby where either waits until the agent lets them in (or turns
// them away with a reason); taking them out again; and how each step stands for the agent's button.
import { assign } from 'xstate';
import { randomId } from '../random-id.js';
import type { Escalation, EscalationContext, ExpertInvitation } from './types.js';
import { escalationSetup } from './presence-actions.js';

/**
 * The region at `path` (from the machine's root, e.g. `inRoom.joined.expert`), working on the
 * escalation `escalationOf` picks: the customer's call, or a consult's own room.
 */
export function expertRegionAt(path: string, escalationOf: (context: EscalationContext) => Escalation) {
  const none = `#escalation.${path}.none`;
  return escalationSetup.createStateConfig({
    initial: 'none',
    states: {
      none: {
        on: {
          INVITE_EXPERT: { target: 'inviting', actions: 'takeInvite' },
          REQUEST_EXPERT: 'requesting',
          EXPERT_WAITING: 'lobby',
          EXPERT_JOINED: 'joined',
        },
      },
      // The pool rings the longest-idle free expert with the skill, then the next, until one
      // accepts (they come to the lobby) or the overflow time passes (no expert is free).
      requesting: {
        entry: [
          assign(({ event }) => ({
            expertRequest: null,
            inviteKey: randomId(),
            expert: event.type === 'REQUEST_EXPERT' ? { address: '', name: event.request.skill } : null,
          })),
          { type: 'expertStatus', params: { status: 'requesting' } },
        ],
        invoke: {
          id: 'requestExpert',
          src: 'requestExpert',
          input: ({ context, event }) => ({
            escalation: escalationOf(context),
            request: event.type === 'REQUEST_EXPERT' ? event.request : { skill: context.expertRequest?.skill ?? '' },
            idempotencyKey: `${escalationOf(context).id}:expert-request:${context.inviteKey!}`,
          }),
          onDone: { actions: 'followExpertRequest' },
          onError: { target: 'none', actions: ['rememberError', { type: 'expertStatus', params: { status: 'failed' } }] },
        },
        on: {
          EXPERT_REQUEST_CHANGED: [
            {
              guard: ({ event }) => event.status.state === 'no-expert',
              target: 'none',
              actions: ['followExpertRequest', { type: 'expertStatus', params: { status: 'no-expert' } }],
            },
            { actions: 'followExpertRequest' },
          ],
          EXPERT_WAITING: 'lobby',
          CANCEL_EXPERT_REQUEST: 'cancellingRequest',
        },
      },
      cancellingRequest: {
        entry: { type: 'expertStatus', params: { status: 'cancelled' } },
        invoke: {
          id: 'cancelExpertRequest',
          src: 'cancelExpertRequest',
          input: ({ context }) => ({ escalation: escalationOf(context), requestId: context.expertRequest?.id ?? '' }),
          onDone: 'none',
          onError: { target: 'none', actions: 'rememberError' },
        },
        // An expert who accepted just before the withdrawal still waits: the agent decides.
        on: { EXPERT_WAITING: 'lobby' },
      },
      // An expert waits to be let in: the agent sees their name, and admits or declines them.
      lobby: {
        entry: [
          assign(({ context, event }) =>
            event.type === 'EXPERT_WAITING'
              ? { expertId: event.lobby.id, expert: { address: context.expert?.address ?? '', name: event.lobby.name } }
              : {},
          ),
          { type: 'expertStatus', params: { status: 'waiting' } },
        ],
        on: {
          ADMIT_EXPERT: 'admitting',
          DECLINE_EXPERT: 'declining',
          EXPERT_JOINED: 'joined',
          // They closed their page while waiting: nobody to let in (back, they wait again).
          EXPERT_LEFT: { target: 'none', actions: { type: 'expertStatus', params: { status: 'left-lobby' } } },
        },
      },
      admitting: {
        entry: { type: 'expertStatus', params: { status: 'admitting' } },
        invoke: {
          id: 'admitExpert',
          src: 'admitExpert',
          input: ({ context }) => ({ escalation: escalationOf(context), expertId: context.expertId ?? '' }),
          onError: { target: 'lobby', actions: ['rememberError', { type: 'expertStatus', params: { status: 'failed' } }] },
        },
        on: {
          EXPERT_JOINED: 'joined',
          EXPERT_LEFT: { target: 'none', actions: { type: 'expertStatus', params: { status: 'left-lobby' } } },
        },
        // Let in but never there: their page went away.
        after: {
          expertInviteTimeout: {
            target: 'none',
            actions: { type: 'expertStatus', params: { status: 'failed', error: 'the expert did not join in time' } },
          },
        },
      },
      declining: {
        invoke: {
          id: 'declineExpert',
          src: 'declineExpert',
          input: ({ context, event }) => ({
            escalation: escalationOf(context),
            expertId: context.expertId ?? '',
            reason: event.type === 'DECLINE_EXPERT' ? event.reason : '',
          }),
          onDone: { target: 'none', actions: { type: 'expertStatus', params: { status: 'declined' } } },
          onError: { target: 'lobby', actions: 'rememberError' },
        },
      },
      inviting: {
        entry: { type: 'expertStatus', params: { status: 'inviting' } },
        invoke: {
          id: 'inviteExpert',
          src: 'inviteExpert',
          input: ({ context }) => ({
            escalation: escalationOf(context),
            expert: context.expert!,
            idempotencyKey: `${escalationOf(context).id}:expert:${context.inviteKey!}`,
          }),
          // (A graph walk makes up done events without an output.)
          onDone: {
            actions: assign({ expertId: ({ event }) => (event.output as ExpertInvitation | undefined)?.id ?? null }),
          },
          onError: {
            target: 'none',
            actions: ['rememberError', { type: 'expertStatus', params: { status: 'failed' } }],
          },
        },
        after: {
          expertInviteTimeout: {
            target: 'none',
            actions: { type: 'expertStatus', params: { status: 'failed', error: 'the expert did not join in time' } },
          },
        },
        on: {
          EXPERT_JOINED: 'joined',
          // They redeemed their link: in the lobby until the agent lets them in.
          EXPERT_WAITING: 'lobby',
          // Another invite (a different expert, or the same one again) replaces this one.
          INVITE_EXPERT: { target: 'inviting', reenter: true, actions: 'takeInvite' },
          // Withdrawn on the service too, so the link already sent lets no one in.
          CANCEL_INVITE: 'withdrawing',
          RESUME: { target: 'inviting', reenter: true },
        },
      },
      joined: {
        exit: { type: 'depart', params: { role: 'expert' } },
        entry: [
          { type: 'arrive', params: { role: 'expert' } },
          { type: 'stamp', params: { mark: 'expertJoinedAt' } },
          assign(({ context }) => ({ everJoined: { ...context.everJoined, expert: true } })),
          { type: 'expertStatus', params: { status: 'joined' } },
        ],
        on: {
          EXPERT_LEFT: { target: 'none', actions: { type: 'expertStatus', params: { status: 'left' } } },
        },
        initial: 'present',
        states: {
          present: { on: { REMOVE_EXPERT: 'removing' } },
          // The service puts the expert out; their own page is told by the room. When it
          // cannot, the expert is still in, and the agent reads why.
          removing: {
            // The service's news that the expert left is this removal, not a departure of their own.
            on: {
              EXPERT_LEFT: {
                target: none,
                actions: { type: 'expertStatus', params: { status: 'removed' } },
              },
            },
            invoke: {
              id: 'removeExpert',
              src: 'removeExpert',
              input: ({ context }) => ({ escalation: escalationOf(context), expertId: context.expertId }),
              onDone: {
                target: none,
                actions: { type: 'expertStatus', params: { status: 'removed' } },
              },
              onError: {
                target: 'present',
                actions: ['rememberError', { type: 'expertStatus', params: { status: 'remove-failed' } }],
              },
            },
          },
        },
      },
      withdrawing: {
        entry: { type: 'expertStatus', params: { status: 'cancelled' } },
        // Another invite need not wait for the withdrawal (it goes on regardless).
        on: { INVITE_EXPERT: { target: 'inviting', actions: 'takeInvite' } },
        invoke: {
          id: 'withdrawExpert',
          src: 'removeExpert',
          input: ({ context }) => ({ escalation: escalationOf(context), expertId: context.expertId }),
          onDone: 'none',
          onError: { target: 'none', actions: 'rememberError' },
        },
      },
    },
  });
}

/** The expert region of the customer's call. */
export const expertRegion = expertRegionAt('inRoom.joined.expert', (context) => context.escalation!);
