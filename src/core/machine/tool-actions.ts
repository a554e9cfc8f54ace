// The camera tools' actions: the agent's asks of the customer's camera, the still the agent keeps
// or discards, and recording with consent.
import { isServiceErrorCode, type RecordingStatus } from '../../protocol/index.js';
import { assign, enqueueActions } from 'xstate';
import type { KeptStillOutput } from './actors.js';
import { baseSetup } from './base-setup.js';
import { actorNow } from './clock.js';
import { randomId } from '../random-id.js';
import type { OpenStill } from './types.js';

export const toolsSetup = baseSetup.extend({
  actions: {
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
      // Answered before the service's answer to the ask came back: the customer's answer stands.
      if (!sending) return { tools: { ...context.tools, askKey: null } };
      const id = params.status === 'asked' ? ((event as { output?: { id?: string } }).output?.id ?? null) : null;
      const asks = { ...context.tools.asks, [sending.ask.kind]: { ...sending, id, status: params.status } };
      return { tools: { ...context.tools, asks, askKey: null } };
    }),
    /** The customer's page answered: the ask of that id (an older one of the kind is forgotten) gets its outcome. */
    askAnswered: assign(({ context, event }) => {
      if (event.type !== 'ASK_ANSWERED') return {};
      const current = context.tools.asks[event.answer.kind];
      // The customer may answer (a camera that is off: at once) before the service's answer to the
      // ask is back with its id: the ask on its way is the one answered.
      const early = current?.id === null && current.status === 'sending';
      if (!current || (current.id !== event.answer.id && !early)) return {};
      return {
        tools: {
          ...context.tools,
          asks: {
            ...context.tools.asks,
            [event.answer.kind]: { ...current, id: event.answer.id, status: event.answer.outcome },
          },
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
    takeRecordKey: assign(({ context }) => ({ tools: { ...context.tools, askKey: randomId(), recordingError: null } })),
    /** How recording stands now (the service's answer, or its news); the time it ran is counted. */
    recordingNews: assign(({ context, event, self }) => {
      const status = event.type === 'RECORDING_CHANGED' ? event.status : (event as { output?: RecordingStatus }).output;
      const was = context.tools.recording;
      // The service's answer to a start can arrive after its news of what came next (a customer
      // who said no at once): what the service said later stands.
      if (!status || (was && status.since < was.since)) return {};
      const ran = was?.state === 'on' && status.state !== 'on' ? Math.max(0, actorNow(self) - was.since) : 0;
      return { tools: { ...context.tools, recording: status, recordedMs: context.tools.recordedMs + ran } };
    }),
    recordingRefused: assign(({ context, event }) => {
      const code = ((event as { error?: { code?: unknown } }).error ?? {}).code;
      return { tools: { ...context.tools, recordingError: isServiceErrorCode(code) ? code : ('failed' as const) } };
    }),
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
  },
});
