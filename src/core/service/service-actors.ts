// The escalation machine's service actors, backed by an EscalationService client:
// `escalationMachine.provide({ actors: serviceActors(client) })`.
import { fromCallback, fromPromise } from 'xstate';
import type {
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
import type { AgentServiceApi, ProgressUpdate } from './types.js';

function toEvent(report: ProgressUpdate): EscalationEvent {
  if (typeof report === 'object') {
    if ('lost' in report) return { type: 'ESCALATION_LOST' };
    if ('expert' in report) return { type: report.expert === 'joined' ? 'EXPERT_JOINED' : 'EXPERT_LEFT' };
    if ('newLink' in report) return { type: 'NEW_LINK_REQUESTED', ...report.newLink };
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

export function serviceActors(service: AgentServiceApi) {
  return {
    createEscalation: fromPromise<Escalation, CreateEscalationInput>(({ input }) =>
      service.create({ interaction: input.interaction, delivery: input.delivery, mode: input.mode }, input.idempotencyKey),
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
