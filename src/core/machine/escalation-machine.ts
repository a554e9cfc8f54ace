// The escalation statechart: one escalation of one interaction, from the agent's click to the
// end. It never touches the DOM; service and media work are invoked actors, and everything the
// host must hear about is emitted.
import { assign, emit, enqueueActions, sendTo } from 'xstate';
import { CLOSE_TIMEOUT_MS } from './base-setup.js';
import { resolveConfig } from './config.js';
import { consultSetup } from './consult-actions.js';
import { summarize } from './summary.js';
import { NO_TOOLS } from './tools.js';
import { askingRegion, stillRegion } from './tool-regions.js';
import { expertRegion } from './expert-region.js';
import { consultingState } from './consulting.js';
import { destroyConsult, destroyRoom, rearm } from './teardown.js';
import { randomId } from '../random-id.js';

export { CLOSE_TIMEOUT_MS };

export const escalationMachine = consultSetup.createMachine({
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
    expertRequest: null,
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
    tools: { ...NO_TOOLS },
    presence: [],
    quality: { ms: { good: 0, fair: 0, poor: 0 }, level: null, since: null },
    consult: null,
    consults: [],
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
          // The agent's own consult (this page reloaded without its saved state): back into it.
          {
            guard: ({ event }) => Boolean(event.output?.escalation.consult),
            target: '#escalation.consulting.open',
            actions: 'adoptConsult',
          },
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
            RECORDING_CHANGED: { actions: 'recordingNews' },
          },
          states: {
            asking: askingRegion,
            still: stillRegion,
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
            expert: expertRegion,
          },
        },
      },
    },

    // The voice call or chat carries on; the room is torn down behind it.
    fallbackToVoice: {
      entry: [
        { type: 'announce', params: { phase: 'fallbackToVoice' } },
        assign({ agentMediaConnected: false }),
        // Back from a consult is the same fallback: the host heard of it already.
        enqueueActions(({ context, enqueue }) => {
          if (!context.consult) enqueue.emit({ type: 'fallback', reason: context.fallbackReason!, error: context.lastError });
        }),
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
        start: {
          always: [
            { guard: 'consultMayBeOpen', target: 'closingConsult' },
            { guard: 'roomMayBeOpen', target: 'tearingDown' },
            { target: 'down' },
          ],
        },
        // A consult whose create did not answer (or whose close failed) may have left its room.
        closingConsult: { invoke: destroyConsult('start', 'down') },
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
                // A consult left open must go too: the service keeps one live room per call.
                { guard: 'consultMayBeOpen', target: 'closingConsult' },
                { guard: 'roomMayBeOpen', target: 'destroying' },
                { target: '#escalation.requested', actions: 'startRetry' },
              ],
            },
            closingConsult: { invoke: destroyConsult('#escalation.fallbackToVoice.replacing.afterConsult', undefined, true) },
            afterConsult: {
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
        // The customer stays on the phone; the agent brings an expert onto video in a room of its own.
        CONSULT: { target: 'consulting', actions: 'newConsult' },
        HANGUP: { target: 'closing', actions: { type: 'end', params: { reason: 'hangup' } } },
        CLOSE: { target: 'closing', actions: { type: 'end', params: { reason: 'closed' } } },
      },
    },

    consulting: consultingState,

    // Leaving `inRoom` (or a consult) has already stopped the agent's media session; this destroys the rooms.
    closing: {
      entry: { type: 'stamp', params: { mark: 'endedAt' } },
      initial: 'start',
      states: {
        start: {
          always: [
            { guard: 'consultMayBeOpen', target: 'destroyingConsult' },
            { guard: 'roomMayBeOpen', target: 'destroyingRoom' },
            { target: '#escalation.closed' },
          ],
        },
        destroyingConsult: {
          invoke: destroyConsult('start', 'start', true),
          after: {
            closeTimeout: { target: 'start', actions: ['consultClosed', assign({ lastError: 'closing the consult timed out' })] },
          },
          on: rearm('destroyingConsult'),
        },
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
