// The escalation statechart: one escalation of one interaction, from the agent's click to the
// end. It never touches the DOM; service and media work are invoked actors, and everything the
// host must hear about is emitted.
import { isServiceErrorCode } from '../../protocol/index.js';
import { assign, emit, enqueueActions, sendTo, setup } from 'xstate';
import { unconfiguredActors, type KeptStillOutput } from './actors.js';
import { actorNow } from './clock.js';
import { resolveConfig, retryDelay } from './config.js';
import { qualityUntil, summarize } from './summary.js';
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
  ExpertInvitation,
  ExpertStatus,
  FallbackReason,
  OpenStill,
} from './types.js';

/** Delivery channels where the emitted `linkReady` is itself the delivery (the host posts it). */
const hostDeliveredChannels = new Set(['chat', 'host']);

/** How long closing waits for the service before it gives up and ends anyway. */
export const CLOSE_TIMEOUT_MS = 10_000;

/**
 * Timers are not part of a persisted snapshot, so a restored escalation is sent RESUME once and
 * each waiting state re-enters itself: its timer starts again and nothing waits forever.
 */
function rearm<T extends string>(state: T) {
  return { RESUME: { target: state, reenter: true } } as const;
}

/** Asks the service to destroy the room; done or failed, the machine moves on to `target`. */
function destroyRoom<T extends string>(target: T) {
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

export const escalationMachine = setup({
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
    /** The agent's ask goes out with a key of its own; the same kind's earlier ask is replaced. */
    takeAsk: assign(({ context, event }) =>
      event.type === 'ASK_GUEST'
        ? {
            tools: {
              ...context.tools,
              askKey: randomId(),
              lastAsk: event.ask.kind,
              asks: { ...context.tools.asks, [event.ask.kind]: { ask: event.ask, id: null, status: 'sending' } },
            },
          }
        : {},
    ),
    askSettled: assign(({ context, event }, params: { status: 'asked' | 'not-sent' }) => {
      const sending = Object.values(context.tools.asks).find((state) => state.status === 'sending');
      if (!sending) return {};
      const id = params.status === 'asked' ? ((event as { output?: { id?: string } }).output?.id ?? null) : null;
      const asks = { ...context.tools.asks, [sending.ask.kind]: { ...sending, id, status: params.status } };
      return { tools: { ...context.tools, asks, askKey: null } };
    }),
    /** The customer's page answered: the ask of that id (an older one of the kind is forgotten) gets its outcome. */
    askAnswered: assign(({ context, event }) => {
      if (event.type !== 'ASK_ANSWERED') return {};
      const current = context.tools.asks[event.answer.kind];
      if (!current || current.id !== event.answer.id) return {};
      return {
        tools: {
          ...context.tools,
          asks: { ...context.tools.asks, [event.answer.kind]: { ...current, status: event.answer.outcome } },
        },
      };
    }),
    takeCamera: assign(({ context, event }) =>
      event.type === 'GUEST_CAMERA' ? { tools: { ...context.tools, camera: event.camera } } : {},
    ),
    openStill: assign(({ context, event }) =>
      event.type === 'SNAPSHOT_ARRIVED'
        ? { tools: { ...context.tools, still: { news: event.snapshot, url: null, type: null, error: null } } }
        : {},
    ),
    stillFetched: assign(({ context, event }) => {
      const output = (event as { output?: { url: string; type: OpenStill['type'] } }).output;
      const still = context.tools.still;
      return still && output ? { tools: { ...context.tools, still: { ...still, url: output.url, type: output.type } } } : {};
    }),
    closeStill: assign(({ context }) => ({ tools: { ...context.tools, still: null } })),
    stillNotKept: assign(({ context, event }) => {
      const code = ((event as { error?: { code?: unknown } }).error ?? {}).code;
      const still = context.tools.still;
      return still
        ? { tools: { ...context.tools, still: { ...still, error: isServiceErrorCode(code) ? code : ('failed' as const) } } }
        : {};
    }),
    /** Kept for the case: listed for the summary, and the host gets the still with its marks. */
    stillKept: enqueueActions(({ context, enqueue, event }) => {
      const output = (event as { output?: KeptStillOutput }).output;
      const still = context.tools.still;
      if (!still || !output) return;
      const { news } = still;
      enqueue.assign({
        tools: {
          ...context.tools,
          still: null,
          kept: [
            ...context.tools.kept,
            {
              id: news.id,
              takenAt: news.takenAt,
              width: news.width,
              height: news.height,
              marks: output.marks.length,
              note: output.saved.note,
              masked: output.saved.masked,
            },
          ],
        },
      });
      enqueue.emit({
        type: 'snapshot',
        snapshot: {
          id: news.id,
          escalationId: context.escalation!.id,
          interactionId: context.interaction?.id ?? null,
          takenAt: news.takenAt,
          width: news.width,
          height: news.height,
          image: output.image,
          marked: output.marked,
          marks: output.marks,
          note: output.saved.note,
          masked: output.saved.masked,
        },
      });
    }),
    /** Someone came into the video (for the summary's who-was-there-when). */
    arrive: assign(({ context, self }, params: { role: 'customer' | 'expert' }) => ({
      presence: [
        ...context.presence,
        {
          role: params.role,
          name: params.role === 'customer' ? (context.interaction?.customerName ?? null) : (context.expert?.name ?? null),
          joinedAt: actorNow(self),
          leftAt: null,
        },
      ],
    })),
    depart: assign(({ context, self }, params: { role: 'customer' | 'expert' }) => {
      const now = actorNow(self);
      return {
        presence: context.presence.map((stay) =>
          stay.role === params.role && stay.leftAt === null ? { ...stay, leftAt: now } : stay,
        ),
      };
    }),
    /** Counts the time at the level so far, and starts counting the new one. */
    measureQuality: assign(({ context, event, self }) => {
      if (event.type !== 'MEDIA_QUALITY') return {};
      const level = event.quality === 'unknown' ? null : event.quality;
      if (level === context.quality.level) return {};
      const now = actorNow(self);
      return { quality: { ms: qualityUntil(context.quality, now), level, since: level ? now : null } };
    }),
    /** Video ended: the time at the last level is counted, and nothing more. */
    stopQuality: assign(({ context, self }) => ({
      quality: { ms: qualityUntil(context.quality, actorNow(self)), level: null, since: null },
    })),
    stamp: assign(({ context, self }, params: { mark: keyof EscalationContext['timeline'] }) => ({
      timeline: { ...context.timeline, [params.mark]: actorNow(self) },
    })),
  },
}).createMachine({
  id: 'escalation',
  context: ({ input }) => ({
    config: resolveConfig(input?.config),
    interaction: null,
    delivery: null,
    escalation: null,
    roomOpen: false,
    createPending: false,
    createKey: null,
    deliveryKey: null,
    inviteKey: null,
    expert: null,
    expertId: null,
    expertStatus: null,
    pendingRequest: null,
    attempt: 0,
    phase: 'idle',
    guestStep: null,
    newLinkRequested: false,
    agentMediaConnected: false,
    everJoined: { guest: false, expert: false },
    fallbackReason: null,
    endReason: null,
    lastError: null,
    lastErrorCode: null,
    timeline: {},
    tools: { camera: null, asks: {}, lastAsk: null, askKey: null, still: null, kept: [] },
    presence: [],
    quality: { ms: { good: 0, fair: 0, poor: 0 }, level: null, since: null },
  }),
  initial: 'idle',
  // The host's task events end the escalation from wherever it is; closing hangs up first.
  on: {
    TASK_CLOSED: { target: '.closing', actions: { type: 'end', params: { reason: 'task-closed' } } },
    WRAPUP: { target: '.closing', actions: { type: 'end', params: { reason: 'wrapup' } } },
    TASK_TRANSFERRED: { target: '.closing', actions: { type: 'end', params: { reason: 'transferred' } } },
    // The room's media server died and the service made the room again elsewhere: the agent's
    // room follows the escalation there (same room, same token).
    ROOM_MOVED: { guard: 'roomIsOpen', actions: 'followMovedRoom' },
  },
  // Note: HANGUP, CANCEL and CLOSE all end things where it makes sense, so one "End video"
  // button of a host never does nothing.
  states: {
    idle: {
      on: {
        REQUEST: {
          target: 'requested',
          actions: [
            assign(({ event }) => ({ interaction: event.interaction, delivery: event.delivery })),
            'newRequest',
            { type: 'stamp', params: { mark: 'requestedAt' } },
          ],
        },
        LOOK_UP: { target: 'lookingUp', actions: assign(({ event }) => ({ interaction: event.interaction })) },
      },
    },

    // Did a contact-center flow start one for this interaction already? Then it is the agent's now,
    // and the agent carries on from where it stands. The agent may ask for video meanwhile.
    lookingUp: {
      invoke: {
        id: 'claimEscalation',
        src: 'claimEscalation',
        input: ({ context }) => ({ interaction: context.interaction! }),
        onDone: [
          {
            guard: ({ event }) => event.output?.guestStep === 'joined',
            target: '#escalation.inRoom.joined',
            actions: 'adopt',
          },
          { guard: ({ event }) => Boolean(event.output), target: '#escalation.inRoom.linkSent.delivery.sent', actions: 'adopt' },
          { target: 'idle', actions: 'requestAgain' },
        ],
        // Looking is a courtesy: when it fails, the agent escalates as ever.
        onError: { target: 'idle', actions: 'requestAgain' },
      },
      // Asked for video meanwhile: kept until the lookup answers (a flow's escalation is the answer to it too).
      on: {
        REQUEST: {
          actions: assign(({ event }) => ({ pendingRequest: { interaction: event.interaction, delivery: event.delivery } })),
        },
      },
    },

    requested: {
      entry: [{ type: 'announce', params: { phase: 'requested' } }],
      initial: 'creating',
      on: {
        CANCEL: { target: 'closing', actions: { type: 'end', params: { reason: 'cancelled' } } },
        HANGUP: { target: 'closing', actions: { type: 'end', params: { reason: 'hangup' } } },
        CLOSE: { target: 'closing', actions: { type: 'end', params: { reason: 'closed' } } },
      },
      states: {
        creating: {
          entry: assign(({ context }) => ({ attempt: context.attempt + 1, createPending: true })),
          invoke: {
            id: 'createEscalation',
            src: 'createEscalation',
            input: ({ context }) => ({
              interaction: context.interaction!,
              delivery: context.delivery!,
              mode: context.config.mode,
              idempotencyKey: context.createKey!,
            }),
            onDone: {
              target: '#escalation.inRoom',
              actions: assign(({ event }) => ({
                escalation: event.output,
                roomOpen: true,
                createPending: false,
                lastError: null,
                lastErrorCode: null,
              })),
            },
            // An answered error means no room was made by this call.
            onError: [
              { guard: 'canRetry', target: 'backoff', actions: ['rememberError', assign({ createPending: false })] },
              {
                target: '#escalation.fallbackToVoice',
                actions: [
                  'rememberError',
                  assign({ createPending: false }),
                  { type: 'fallBack', params: { reason: 'service-unavailable' } },
                ],
              },
            ],
          },
        },
        backoff: { after: { retryDelay: 'creating' }, on: rearm('backoff') },
      },
    },

    // The agent is in the room from the moment it exists: waiting for the guest, then with them.
    inRoom: {
      invoke: [
        {
          id: 'mediaSession',
          src: 'mediaSession',
          input: ({ context }) => ({ escalation: context.escalation!, mode: context.config.mode }),
        },
        {
          id: 'guestProgress',
          src: 'guestProgress',
          input: ({ context }) => ({ escalation: context.escalation!, mode: context.config.mode }),
        },
      ],
      initial: 'linkSent',
      on: {
        // The customer's page says what its camera can do as it joins, maybe before the agent hears it joined.
        GUEST_CAMERA: { actions: 'takeCamera' },
        HANGUP: { target: 'closing', actions: { type: 'end', params: { reason: 'hangup' } } },
        CLOSE: { target: 'closing', actions: { type: 'end', params: { reason: 'closed' } } },
        BACK_TO_VOICE: { target: 'fallbackToVoice', actions: { type: 'fallBack', params: { reason: 'agent-choice' } } },
        // The service has no record of the room any more: there is nothing of it to tear down.
        ESCALATION_LOST: {
          target: 'fallbackToVoice',
          actions: ['roomClosed', { type: 'fallBack', params: { reason: 'escalation-lost' } }],
        },
        NEW_LINK_REQUESTED: { actions: 'relayNewLinkRequest' },
        // The agent's call, in the media session, follows the room to its new server.
        ROOM_MOVED: {
          guard: 'roomIsOpen',
          actions: ['followMovedRoom', sendTo('mediaSession', ({ event }) => event)],
        },
        MEDIA_CONNECTED: { actions: assign({ agentMediaConnected: true }) },
        MEDIA_RECONNECTING: { actions: assign({ agentMediaConnected: false }) },
        MEDIA_FAILED: {
          target: 'fallbackToVoice',
          actions: ['rememberError', { type: 'fallBack', params: { reason: 'media' } }],
        },
      },
      states: {
        linkSent: {
          type: 'parallel',
          entry: [
            { type: 'announce', params: { phase: 'linkSent' } },
            { type: 'stamp', params: { mark: 'linkSentAt' } },
          ],
          on: {
            CANCEL: { target: '#escalation.closing', actions: { type: 'end', params: { reason: 'cancelled' } } },
            GUEST_JOINED: 'joined',
          },
          states: {
            delivery: {
              initial: 'sending',
              states: {
                sending: {
                  entry: [
                    assign({ deliveryKey: () => randomId() }),
                    emit(({ context }) => ({
                      type: 'linkReady' as const,
                      url: context.escalation!.guestUrl,
                      code: context.escalation!.guestCode,
                      channel: context.delivery!.channel,
                      to: context.delivery!.to ?? null,
                      expiresAt: context.escalation!.expiresAt,
                    })),
                  ],
                  always: { guard: 'hostDelivers', target: 'sent' },
                  invoke: {
                    id: 'deliverLink',
                    src: 'deliverLink',
                    input: ({ context }) => ({
                      escalation: context.escalation!,
                      delivery: context.delivery!,
                      idempotencyKey: `${context.escalation!.id}:deliver:${context.deliveryKey!}`,
                    }),
                    onDone: 'sent',
                    onError: { target: 'failed', actions: ['rememberError', 'reportDeliveryFailed'] },
                  },
                },
                sent: {
                  entry: emit(({ context }) => ({
                    type: 'linkDelivery' as const,
                    status: 'sent' as const,
                    channel: context.delivery!.channel,
                    error: null,
                  })),
                  on: { RESEND: { target: 'renewing', actions: 'takeNewDelivery' } },
                },
                failed: {
                  on: { RESEND: { target: 'renewing', actions: 'takeNewDelivery' } },
                },
                // A resend of a spent code (expired, redeemed, or the customer said it failed)
                // would only fail again: the service swaps in a fresh one first.
                renewing: {
                  entry: assign({ deliveryKey: () => randomId() }),
                  invoke: {
                    id: 'renewLink',
                    src: 'renewLink',
                    input: ({ context }) => ({
                      escalation: context.escalation!,
                      idempotencyKey: `${context.escalation!.id}:renew:${context.deliveryKey!}`,
                    }),
                    onDone: {
                      target: 'sending',
                      actions: assign(({ event }) => ({ escalation: event.output, newLinkRequested: false })),
                    },
                    onError: { target: 'failed', actions: ['rememberError', 'reportDeliveryFailed'] },
                  },
                },
              },
            },
            guest: {
              initial: 'waiting',
              states: {
                // Any sign of life from the guest restarts the no-show timer.
                waiting: {
                  after: {
                    joinTimeout: {
                      target: '#escalation.fallbackToVoice',
                      actions: { type: 'fallBack', params: { reason: 'no-show' } },
                    },
                  },
                  on: {
                    // After a reload the agent's media session starts over: not connected yet.
                    RESUME: { target: 'waiting', reenter: true, actions: assign({ agentMediaConnected: false }) },
                    // A resent link gives the customer a fresh wait.
                    RESEND: { target: 'waiting', reenter: true },
                    GUEST_PROGRESS: [
                      {
                        guard: 'guestDeviceFailed',
                        target: '#escalation.fallbackToVoice',
                        actions: ['recordGuestStep', { type: 'fallBack', params: { reason: 'guest-device' } }],
                      },
                      { target: 'waiting', reenter: true, actions: 'recordGuestStep' },
                    ],
                  },
                },
              },
            },
          },
        },

        joined: {
          type: 'parallel',
          entry: [
            { type: 'announce', params: { phase: 'joined' } },
            { type: 'stamp', params: { mark: 'guestJoinedAt' } },
            assign(({ context }) => ({ everJoined: { ...context.everJoined, guest: true } })),
            emit({ type: 'guestProgress', step: 'joined' }),
          ],
          exit: [{ type: 'stamp', params: { mark: 'videoEndedAt' } }, 'stopQuality'],
          // The customer's page measures the call's connection in its first seconds: a poor one
          // goes to sound only after joining, and the agent is told.
          on: {
            GUEST_PROGRESS: { guard: ({ event }) => event.step === 'audio-only', actions: 'recordGuestStep' },
            ASK_ANSWERED: { actions: 'askAnswered' },
            MEDIA_QUALITY: { actions: 'measureQuality' },
          },
          states: {
            // The agent's asks of the customer's camera: one on its way at a time.
            asking: {
              initial: 'ready',
              states: {
                ready: { on: { ASK_GUEST: { target: 'sending', actions: 'takeAsk' } } },
                sending: {
                  invoke: {
                    id: 'askGuest',
                    src: 'askGuest',
                    input: ({ context }) => ({
                      escalation: context.escalation!,
                      ask: Object.values(context.tools.asks).find((state) => state.status === 'sending')!.ask,
                      idempotencyKey: `${context.escalation!.id}:ask:${context.tools.askKey!}`,
                    }),
                    onDone: { target: 'ready', actions: { type: 'askSettled', params: { status: 'asked' } } },
                    onError: {
                      target: 'ready',
                      actions: ['rememberError', { type: 'askSettled', params: { status: 'not-sent' } }],
                    },
                  },
                },
              },
            },
            // A still from the customer's camera: fetched, then kept for the case (marked up) or discarded.
            still: {
              initial: 'none',
              states: {
                none: { on: { SNAPSHOT_ARRIVED: { target: 'fetching', actions: 'openStill' } } },
                fetching: {
                  invoke: {
                    id: 'fetchStill',
                    src: 'fetchStill',
                    input: ({ context }) => ({ escalation: context.escalation!, snapshotId: context.tools.still!.news.id }),
                    onDone: { target: 'open', actions: 'stillFetched' },
                    onError: { target: 'none', actions: ['rememberError', 'closeStill'] },
                  },
                },
                open: {
                  on: {
                    KEEP_SNAPSHOT: 'keeping',
                    DISCARD_SNAPSHOT: 'discarding',
                    // An object URL does not outlive the page: fetched again after a reload.
                    RESUME: 'fetching',
                  },
                },
                keeping: {
                  invoke: {
                    id: 'keepStill',
                    src: 'keepStill',
                    input: ({ context, event }) => ({
                      escalation: context.escalation!,
                      still: context.tools.still!,
                      marks: event.type === 'KEEP_SNAPSHOT' ? event.marks : [],
                      note: event.type === 'KEEP_SNAPSHOT' ? event.note : '',
                    }),
                    onDone: { target: 'none', actions: 'stillKept' },
                    onError: { target: 'open', actions: ['rememberError', 'stillNotKept'] },
                  },
                  on: { RESUME: 'fetching' },
                },
                discarding: {
                  invoke: {
                    id: 'discardStill',
                    src: 'discardStill',
                    input: ({ context }) => ({ escalation: context.escalation!, snapshotId: context.tools.still!.news.id }),
                    onDone: { target: 'none', actions: 'closeStill' },
                    // The service deletes stills not kept when the call ends anyway.
                    onError: { target: 'none', actions: ['rememberError', 'closeStill'] },
                  },
                },
              },
            },
            media: {
              initial: 'connecting',
              states: {
                connecting: {
                  always: { guard: 'agentMediaConnected', target: 'connected' },
                  on: {
                    RESUME: { target: 'connecting', reenter: true, actions: assign({ agentMediaConnected: false }) },
                    MEDIA_CONNECTED: { target: 'connected', actions: assign({ agentMediaConnected: true }) },
                  },
                  after: {
                    reconnectTimeout: {
                      target: '#escalation.fallbackToVoice',
                      actions: { type: 'fallBack', params: { reason: 'media' } },
                    },
                  },
                },
                connected: {
                  on: {
                    MEDIA_RECONNECTING: { target: 'reconnecting', actions: assign({ agentMediaConnected: false }) },
                    // After a reload the media session starts over; wait for it to say it is up.
                    RESUME: { target: 'connecting', actions: assign({ agentMediaConnected: false }) },
                  },
                },
                reconnecting: {
                  on: {
                    ...rearm('reconnecting'),
                    MEDIA_CONNECTED: { target: 'connected', actions: assign({ agentMediaConnected: true }) },
                  },
                  after: {
                    reconnectTimeout: {
                      target: '#escalation.fallbackToVoice',
                      actions: { type: 'fallBack', params: { reason: 'media' } },
                    },
                  },
                },
              },
            },
            guest: {
              initial: 'present',
              states: {
                present: {
                  entry: { type: 'arrive', params: { role: 'customer' } },
                  exit: { type: 'depart', params: { role: 'customer' } },
                  on: {
                    GUEST_LEFT: {
                      target: 'away',
                      actions: [
                        emit({ type: 'guestProgress', step: 'left' }),
                        { type: 'stamp', params: { mark: 'guestLeftAt' } },
                      ],
                    },
                  },
                },
                // A dropped guest may come back (page reload, network switch) within the grace.
                away: {
                  on: {
                    ...rearm('away'),
                    GUEST_JOINED: { target: 'present', actions: emit({ type: 'guestProgress', step: 'joined' }) },
                  },
                  after: {
                    rejoinGrace: {
                      target: '#escalation.fallbackToVoice',
                      actions: { type: 'fallBack', params: { reason: 'guest-left' } },
                    },
                  },
                },
              },
            },
            expert: {
              initial: 'none',
              states: {
                none: {
                  on: {
                    INVITE_EXPERT: { target: 'inviting', actions: 'takeInvite' },
                    EXPERT_JOINED: 'joined',
                  },
                },
                inviting: {
                  entry: { type: 'expertStatus', params: { status: 'inviting' } },
                  invoke: {
                    id: 'inviteExpert',
                    src: 'inviteExpert',
                    input: ({ context }) => ({
                      escalation: context.escalation!,
                      expert: context.expert!,
                      idempotencyKey: `${context.escalation!.id}:expert:${context.inviteKey!}`,
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
                          target: '#escalation.inRoom.joined.expert.none',
                          actions: { type: 'expertStatus', params: { status: 'removed' } },
                        },
                      },
                      invoke: {
                        id: 'removeExpert',
                        src: 'removeExpert',
                        input: ({ context }) => ({ escalation: context.escalation!, expertId: context.expertId }),
                        onDone: {
                          target: '#escalation.inRoom.joined.expert.none',
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
                    input: ({ context }) => ({ escalation: context.escalation!, expertId: context.expertId }),
                    onDone: 'none',
                    onError: { target: 'none', actions: 'rememberError' },
                  },
                },
              },
            },
          },
        },
      },
    },

    // The voice call or chat carries on; the room is torn down behind it.
    fallbackToVoice: {
      entry: [
        { type: 'announce', params: { phase: 'fallbackToVoice' } },
        assign({ agentMediaConnected: false }),
        emit(({ context }) => ({ type: 'fallback' as const, reason: context.fallbackReason!, error: context.lastError })),
      ],
      // In chat mode the customer may still ask, on their page, to be called back instead.
      invoke: {
        id: 'guestProgress',
        src: 'guestProgress',
        input: ({ context }) => ({
          escalation: context.roomOpen || context.escalation ? context.escalation : null,
          mode: context.config.mode,
        }),
      },
      initial: 'start',
      states: {
        start: { always: [{ guard: 'roomMayBeOpen', target: 'tearingDown' }, { target: 'down' }] },
        tearingDown: {
          // The service expires rooms on its own; if this fails, closing tries again.
          invoke: destroyRoom('down'),
        },
        down: {},
        replacing: {
          initial: 'start',
          states: {
            start: {
              always: [
                { guard: 'roomMayBeOpen', target: 'destroying' },
                { target: '#escalation.requested', actions: 'startRetry' },
              ],
            },
            destroying: {
              invoke: {
                ...destroyRoom('#escalation.requested'),
                onDone: { target: '#escalation.requested', actions: ['roomClosed', 'startRetry'] },
                onError: { target: '#escalation.requested', actions: ['rememberError', 'startRetry'] },
              },
            },
          },
        },
      },
      on: {
        CALLBACK_REQUESTED: { actions: emit(({ event }) => ({ type: 'callbackRequest' as const, phone: event.phone })) },
        // Retry video then makes a new room and link.
        NEW_LINK_REQUESTED: { actions: 'relayNewLinkRequest' },
        // The old room goes first (again, if its teardown failed): never two rooms for one call.
        RETRY_VIDEO: { target: '.replacing', actions: assign({ guestStep: null, lastError: null, lastErrorCode: null }) },
        HANGUP: { target: 'closing', actions: { type: 'end', params: { reason: 'hangup' } } },
        CLOSE: { target: 'closing', actions: { type: 'end', params: { reason: 'closed' } } },
      },
    },

    // Leaving `inRoom` has already stopped the agent's media session; this destroys the room.
    closing: {
      entry: { type: 'stamp', params: { mark: 'endedAt' } },
      initial: 'start',
      states: {
        start: { always: [{ guard: 'roomMayBeOpen', target: 'destroyingRoom' }, { target: '#escalation.closed' }] },
        // A hung service never keeps the agent from wrapping up: the room expires server-side.
        destroyingRoom: {
          invoke: destroyRoom('#escalation.closed'),
          after: { closeTimeout: { target: '#escalation.closed', actions: assign({ lastError: 'closing the room timed out' }) } },
          on: rearm('destroyingRoom'),
        },
      },
      on: { TASK_CLOSED: {}, WRAPUP: {}, TASK_TRANSFERRED: {} },
    },

    closed: {
      type: 'final',
      entry: [
        { type: 'announce', params: { phase: 'closed' } },
        emit(({ context }) => ({ type: 'closed' as const, summary: summarize(context) })),
      ],
    },
  },
  output: ({ context }) => summarize(context),
});

export type EscalationMachine = typeof escalationMachine;
