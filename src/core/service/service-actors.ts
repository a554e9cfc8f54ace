// The escalation machine's service actors, backed by an EscalationService client:
// `escalationMachine.provide({ actors: serviceActors(client) })`.
import { fromCallback, fromPromise } from 'xstate';
import type {
  AskGuestInput,
  FetchedStill,
  FetchStillInput,
  KeepStillInput,
  KeptStillOutput,
  SetRecordingInput,
  RequestExpertInput,
  ExpertRequestInput,
  LobbyInput,
  ClaimEscalationInput,
  CloseEscalationInput,
  CreateEscalationInput,
  DeliverLinkInput,
  InviteExpertInput,
  ProgressListenerInput,
  RemoveExpertInput,
  RenewLinkInput,
} from '../machine/actors.js';
import type { ClaimedEscalation, Escalation, EscalationEvent, ExpertInvitation } from '../machine/types.js';
import { ServiceNotConfiguredError } from '../machine/actors.js';
import { blobFromBase64 } from '../snapshots/base64.js';
import { markedImage } from '../snapshots/marks.js';
import type { AskSent, ExpertRequestStatus, RecordingStatus } from '../../protocol/index.js';
import type { AgentCallToolsApi, AgentExpertPoolApi, AgentServiceApi, ProgressUpdate } from './types.js';

function toEvent(report: ProgressUpdate): EscalationEvent {
  if (typeof report === 'object') {
    if ('lost' in report) return { type: 'ESCALATION_LOST' };
    if ('expert' in report) return { type: report.expert === 'joined' ? 'EXPERT_JOINED' : 'EXPERT_LEFT' };
    if ('newLink' in report) return { type: 'NEW_LINK_REQUESTED', ...report.newLink };
    if ('ask' in report) return { type: 'ASK_ANSWERED', answer: report.ask };
    if ('snapshot' in report) return { type: 'SNAPSHOT_ARRIVED', snapshot: report.snapshot };
    if ('camera' in report) return { type: 'GUEST_CAMERA', camera: report.camera };
    if ('recording' in report) return { type: 'RECORDING_CHANGED', status: report.recording };
    if ('lobby' in report) return { type: 'EXPERT_WAITING', lobby: report.lobby };
    if ('expertRequest' in report) return { type: 'EXPERT_REQUEST_CHANGED', status: report.expertRequest };
    if ('moved' in report) return { type: 'ROOM_MOVED', server: report.moved.server };
    // The service ended it: past the longest an escalation may last (the video ends), or its room
    // vanished from every media server (video failed: back to voice).
    if ('closed' in report)
      return report.closed === 'expired'
        ? { type: 'CLOSE' }
        : { type: 'MEDIA_FAILED', error: 'the video room is gone from the media server' };
    return { type: 'CALLBACK_REQUESTED', phone: report.callback };
  }
  switch (report) {
    case 'joined':
      return { type: 'GUEST_JOINED' };
    case 'left':
      return { type: 'GUEST_LEFT' };
    default:
      return { type: 'GUEST_PROGRESS', step: report };
  }
}

/** The camera tools' actors; a service without them (an integrator's own) says so when used. */
function callToolActors(service: Partial<AgentCallToolsApi>) {
  const tools = (what: string): AgentCallToolsApi => {
    if (!service.askGuest || !service.snapshot || !service.saveSnapshot || !service.discardSnapshot || !service.recording)
      throw new ServiceNotConfiguredError(what);
    return service as AgentCallToolsApi;
  };
  return {
    askGuest: fromPromise<AskSent, AskGuestInput>(({ input }) =>
      tools('ask the customer’s page').askGuest(input.escalation.id, input.ask, input.idempotencyKey),
    ),
    fetchStill: fromPromise<FetchedStill, FetchStillInput>(async ({ input }) => {
      const record = await tools('fetch a snapshot').snapshot(input.escalation.id, input.snapshotId);
      const image = blobFromBase64(record.image ?? '', record.type);
      return { url: URL.createObjectURL(image), type: record.type };
    }),
    keepStill: fromPromise<KeptStillOutput, KeepStillInput>(async ({ input }) => {
      const image = await (await fetch(input.still.url!)).blob();
      const marked = await markedImage(image, input.marks);
      const saved = await tools('keep a snapshot').saveSnapshot(input.escalation.id, input.still.news.id, {
        marks: input.marks,
        note: input.note,
      });
      URL.revokeObjectURL(input.still.url!);
      return { saved, marks: input.marks, image, marked };
    }),
    setRecording: fromPromise<RecordingStatus, SetRecordingInput>(({ input }) =>
      tools('record the call').recording(input.escalation.id, input.action, input.idempotencyKey),
    ),
    discardStill: fromPromise<void, FetchStillInput>(({ input }) =>
      tools('discard a snapshot').discardSnapshot(input.escalation.id, input.snapshotId),
    ),
  };
}

/** The pool's and the lobby's actors; a service without them says so when used. */
function expertPoolActors(service: Partial<AgentExpertPoolApi>) {
  const pool = (what: string): AgentExpertPoolApi => {
    if (!service.requestExpert || !service.cancelExpertRequest || !service.admitExpert || !service.declineExpert)
      throw new ServiceNotConfiguredError(what);
    return service as AgentExpertPoolApi;
  };
  return {
    requestExpert: fromPromise<ExpertRequestStatus, RequestExpertInput>(({ input }) =>
      pool('ask for an expert').requestExpert(input.escalation.id, input.request, input.idempotencyKey),
    ),
    cancelExpertRequest: fromPromise<void, ExpertRequestInput>(({ input }) =>
      pool('withdraw a request for an expert').cancelExpertRequest(input.escalation.id, input.requestId),
    ),
    admitExpert: fromPromise<void, LobbyInput>(({ input }) =>
      pool('let an expert in').admitExpert(input.escalation.id, input.expertId),
    ),
    declineExpert: fromPromise<void, LobbyInput>(({ input }) =>
      pool('turn an expert away').declineExpert(input.escalation.id, input.expertId, input.reason ?? ''),
    ),
  };
}

export function serviceActors(service: AgentServiceApi & Partial<AgentCallToolsApi & AgentExpertPoolApi>) {
  return {
    ...callToolActors(service),
    ...expertPoolActors(service),
    createEscalation: fromPromise<Escalation, CreateEscalationInput>(({ input }) =>
      service.create(
        {
          interaction: input.interaction,
          delivery: input.delivery,
          mode: input.mode,
          ...(input.consult ? { consult: true } : {}),
        },
        input.idempotencyKey,
      ),
    ),
    deliverLink: fromPromise<void, DeliverLinkInput>(async ({ input }) => {
      await service.deliver(input.escalation.id, input.delivery, input.idempotencyKey);
    }),
    renewLink: fromPromise<Escalation, RenewLinkInput>(({ input }) =>
      service.renewLink(input.escalation.id, input.idempotencyKey),
    ),
    inviteExpert: fromPromise<ExpertInvitation, InviteExpertInput>(({ input }) =>
      service.inviteExpert(input.escalation.id, input.expert, input.idempotencyKey),
    ),
    claimEscalation: fromPromise<ClaimedEscalation | null, ClaimEscalationInput>(({ input }) =>
      service.claim(input.interaction.id),
    ),
    removeExpert: fromPromise<void, RemoveExpertInput>(async ({ input }) => {
      if (input.expertId) await service.removeExpert(input.escalation.id, input.expertId);
    }),
    closeEscalation: fromPromise<void, CloseEscalationInput>(({ input }) =>
      service.close(input.escalation?.id ?? null, input.createKey, input.reason),
    ),
    guestProgress: fromCallback<EscalationEvent, ProgressListenerInput>(({ input, sendBack }) =>
      input.escalation ? service.progress(input.escalation.id, (report) => sendBack(toEvent(report))) : undefined,
    ),
  };
}
