// The escalation statechart's setup: its types, the effects it invokes (by name), its timers,
// guards, and the actions of its core (request, link, fallback, end). The camera tools' and the
// summary's actions extend it (tool-actions.ts, presence-actions.ts); the expert's region has its
// own file; escalation-machine.ts puts the chart together.
import { isServiceErrorCode } from '../../protocol/index.js';
import { assign, emit, enqueueActions, setup } from 'xstate';
import { unconfiguredActors } from './actors.js';
import { actorNow } from './clock.js';
import { resolveConfig, retryDelay } from './config.js';
import { errorMessage } from '../errors.js';
import { randomId } from '../random-id.js';
import type {
  ClaimedEscalation,
  EndReason,
  EscalationContext,
  EscalationEmitted,
  EscalationEvent,
  EscalationInput,
  EscalationPhase,
  ExpertRequestStatus,
  ExpertStatus,
  FallbackReason,
} from './types.js';

/** Delivery channels where the emitted `linkReady` is itself the delivery (the host posts it). */
const hostDeliveredChannels = new Set(['chat', 'host']);

/** How long closing waits for the service before it gives up and ends anyway. */
export const CLOSE_TIMEOUT_MS = 10_000;

export { resolveConfig };

export const baseSetup = setup({
  types: {
    context: {} as EscalationContext,
    events: {} as EscalationEvent,
    input: {} as EscalationInput,
    emitted: {} as EscalationEmitted,
  },
  actors: unconfiguredActors,
  delays: {
    retryDelay: ({ context }) => retryDelay(context.config.retry, context.attempt),
    joinTimeout: ({ context }) => context.config.joinTimeoutMs,
    rejoinGrace: ({ context }) => context.config.rejoinGraceMs,
    reconnectTimeout: ({ context }) => context.config.reconnectTimeoutMs,
    expertInviteTimeout: ({ context }) => context.config.expertInviteTimeoutMs,
    closeTimeout: CLOSE_TIMEOUT_MS,
  },
  guards: {
    // A refusal (bad request) is not retried: only the service or the network being down is.
    canRetry: ({ context, event }) =>
      context.attempt < context.config.retry.maxAttempts &&
      (event as { error?: { retryable?: boolean } }).error?.retryable !== false,
    hostDelivers: ({ context }) => hostDeliveredChannels.has(context.delivery?.channel ?? ''),
    agentMediaConnected: ({ context }) => context.agentMediaConnected,
    roomIsOpen: ({ context }) => context.escalation !== null && context.roomOpen,
    // A create call still out may have made a room: it is destroyed by its idempotency key.
    roomMayBeOpen: ({ context }) => context.roomOpen || context.createPending,
    guestDeviceFailed: ({ event }) => event.type === 'GUEST_PROGRESS' && event.step === 'device-failed',
  },
  actions: {
    followMovedRoom: assign(({ context, event }) =>
      event.type === 'ROOM_MOVED'
        ? { escalation: { ...context.escalation!, host: { ...context.escalation!.host, server: event.server } } }
        : {},
    ),
    /** Records the new phase and tells the host where it came from and why. */
    announce: enqueueActions(({ context, enqueue }, params: { phase: EscalationPhase }) => {
      if (context.phase === params.phase) return;
      const reason =
        params.phase === 'fallbackToVoice' ? context.fallbackReason : params.phase === 'closed' ? context.endReason : null;
      enqueue.emit({ type: 'stateChange', from: context.phase, to: params.phase, reason });
      enqueue.assign({ phase: params.phase });
    }),
    roomClosed: assign({ roomOpen: false, createPending: false }),
    takeInvite: assign(({ event }) =>
      event.type === 'INVITE_EXPERT' ? { expert: event.expert, expertId: null, inviteKey: randomId() } : {},
    ),
    startRetry: assign({
      createKey: () => randomId(),
      attempt: 0,
      fallbackReason: null,
      roomOpen: false,
      createPending: false,
      newLinkRequested: false,
      // The last consult's news (and its expert's) is not the new room's (it stays in the summary's list).
      consult: null,
      expert: null,
      expertId: null,
      expertStatus: null,
      expertRequest: null,
    }),
    /** A new request (or a retry after a fallback) gets keys of its own. */
    newRequest: assign({ createKey: () => randomId(), attempt: 0, newLinkRequested: false }),
    /** A request the agent made while the lookup ran: made now, in idle. */
    requestAgain: enqueueActions(({ context, enqueue }) => {
      if (!context.pendingRequest) return;
      enqueue.raise({ type: 'REQUEST', ...context.pendingRequest });
      enqueue.assign({ pendingRequest: null });
    }),
    /** Takes over what a flow started: its room (open), its link as it went out, the customer's last step. */
    adopt: assign(({ event }) => {
      const claimed = (event as { output?: ClaimedEscalation | null }).output;
      if (!claimed) return {};
      const step = claimed.guestStep;
      return {
        escalation: claimed.escalation,
        delivery: claimed.delivery ?? { channel: 'host' as const },
        roomOpen: true,
        createKey: randomId(),
        attempt: 0,
        newLinkRequested: false,
        pendingRequest: null,
        guestStep: step === 'joined' || step === 'left' ? null : step,
      };
    }),
    /** The agent hears that a link did not work; a customer's request makes the next resend a fresh link. */
    relayNewLinkRequest: enqueueActions(({ enqueue, event }) => {
      if (event.type !== 'NEW_LINK_REQUESTED') return;
      if (event.role === 'guest') enqueue.assign({ newLinkRequested: true });
      enqueue.emit({ type: 'newLinkRequest', code: event.code, role: event.role, reason: event.reason });
    }),
    fallBack: assign((_, params: { reason: FallbackReason }) => ({ fallbackReason: params.reason })),
    end: assign((_, params: { reason: EndReason }) => ({ endReason: params.reason })),
    // Error events of invoked actors are not in the typed event union, hence the widening.
    rememberError: assign(({ event }) => {
      const error = (event as { error?: unknown }).error;
      const code = (error as { code?: unknown } | undefined)?.code;
      return { lastError: errorMessage(error), lastErrorCode: isServiceErrorCode(code) ? code : null };
    }),
    takeNewDelivery: assign(({ context, event }) => ({
      delivery: event.type === 'RESEND' && event.delivery ? event.delivery : context.delivery,
    })),
    /** How the request for an expert stands, as the service said (its answer, or its news). */
    followExpertRequest: assign(({ event }) => {
      const status = event.type === 'EXPERT_REQUEST_CHANGED' ? event.status : (event as { output?: ExpertRequestStatus }).output;
      return status ? { expertRequest: status } : {};
    }),
    /** Remembers how the expert invite stands (the agent's button shows it) and tells the host. */
    expertStatus: enqueueActions(({ enqueue, event }, params: { status: ExpertStatus; error?: string }) => {
      const failure = (event as { error?: unknown }).error;
      const error = params.status === 'failed' ? (params.error ?? errorMessage(failure)) : null;
      enqueue.assign({ expertStatus: params.status });
      enqueue.emit({ type: 'expertStatus', status: params.status, error });
    }),
    reportDeliveryFailed: emit(({ context, event }) => ({
      type: 'linkDelivery' as const,
      status: 'failed' as const,
      channel: context.delivery!.channel,
      error: errorMessage((event as { error?: unknown }).error),
    })),
    recordGuestStep: enqueueActions(({ enqueue, event }) => {
      if (event.type !== 'GUEST_PROGRESS') return;
      enqueue.assign({ guestStep: event.step });
      enqueue.emit({ type: 'guestProgress', step: event.step });
    }),
    stamp: assign(({ context, self }, params: { mark: keyof EscalationContext['timeline'] }) => ({
      timeline: { ...context.timeline, [params.mark]: actorNow(self) },
    })),
  },
});
