// The camera tools' regions of the escalation's `joined` state: the agent's asks of the
// customer's camera (and recording requests), one on its way at a time; and the still the
// customer's camera gave, fetched, then kept for the case or discarded.
import { escalationSetup } from './presence-actions.js';

/** The agent's asks of the customer's camera: one on its way at a time. */
export const askingRegion = escalationSetup.createStateConfig({
  initial: 'ready',
  states: {
    ready: {
      on: {
        ASK_GUEST: { target: 'sending', actions: 'takeAsk' },
        RECORD: { target: 'recording', actions: 'takeRecordKey' },
      },
    },
    // Asking the service to ask the customer's consent to record, or to stop.
    recording: {
      invoke: {
        id: 'setRecording',
        src: 'setRecording',
        input: ({ context, event }) => ({
          escalation: context.escalation!,
          action: event.type === 'RECORD' ? event.action : 'stop',
          idempotencyKey: `${context.escalation!.id}:recording:${context.tools.askKey!}`,
        }),
        onDone: { target: 'ready', actions: 'recordingNews' },
        onError: { target: 'ready', actions: ['rememberError', 'recordingRefused'] },
      },
    },
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
});

/** A still from the customer's camera: fetched, then kept for the case (marked up) or discarded. */
export const stillRegion = escalationSetup.createStateConfig({
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
});
