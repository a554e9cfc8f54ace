// The effects the statechart invokes, by name. The defaults here only say that nothing was
// configured; a host (or a test) supplies real ones through `machine.provide({ actors })`.
import { fromCallback, fromPromise } from 'xstate';
import type {
  AskSent,
  CallAsk,
  ExpertRequest,
  ExpertRequestStatus,
  RecordingStatus,
  SnapshotImageType,
  SnapshotMark,
  SnapshotSaved,
} from '../../protocol/index.js';
import type {
  OpenStill,
  Escalation,
  EscalationEvent,
  EscalationMode,
  ClaimedEscalation,
  EndReason,
  ExpertInvitation,
  ExpertInvite,
  FallbackReason,
  Interaction,
  LinkDelivery,
} from './types.js';

export interface CreateEscalationInput {
  interaction: Interaction;
  delivery: LinkDelivery;
  mode: EscalationMode;
  /** Same for every retry of one request (new for each request), so the service never creates two rooms. */
  idempotencyKey: string;
  /** A consult: agent and experts only, no customer way in (`delivery` is not used). */
  consult?: boolean;
}

export interface DeliverLinkInput {
  escalation: Escalation;
  delivery: LinkDelivery;
  idempotencyKey: string;
}

export interface RenewLinkInput {
  escalation: Escalation;
  idempotencyKey: string;
}

export interface InviteExpertInput {
  escalation: Escalation;
  expert: ExpertInvite;
  idempotencyKey: string;
}

export interface ClaimEscalationInput {
  interaction: Interaction;
}

export interface RemoveExpertInput {
  escalation: Escalation;
  /** Null while the invite has not been answered: the service has no expert to put out yet. */
  expertId: string | null;
}

export interface CloseEscalationInput {
  /** Null when the agent ended things while the create call was still out: close by its key. */
  escalation: Escalation | null;
  /** The idempotency key of the create call that made (or may have made) the room. */
  createKey: string;
  reason: EndReason | FallbackReason;
}

/** Input of the long-lived listeners (agent media session, guest progress stream). */
export interface RoomListenerInput {
  escalation: Escalation;
  mode: EscalationMode;
  /** A consult's room: the agent waits for an expert, not the customer. */
  consult?: boolean;
}

/** Input of the guest progress stream, which also listens after a fallback (maybe with no escalation). */
export interface ProgressListenerInput {
  escalation: Escalation | null;
  mode: EscalationMode;
}

export interface AskGuestInput {
  escalation: Escalation;
  ask: CallAsk;
  idempotencyKey: string;
}

export interface FetchStillInput {
  escalation: Escalation;
  snapshotId: string;
}

/** A fetched still: an object URL of its image. */
export interface FetchedStill {
  url: string;
  type: SnapshotImageType;
}

export interface KeepStillInput {
  escalation: Escalation;
  still: OpenStill;
  marks: SnapshotMark[];
  note: string;
}

/** A still kept: the service's answer, the image and the image with the marks drawn. */
export interface KeptStillOutput {
  saved: SnapshotSaved;
  marks: SnapshotMark[];
  image: Blob;
  marked: Blob;
}

export interface RequestExpertInput {
  escalation: Escalation;
  request: ExpertRequest;
  idempotencyKey: string;
}

export interface ExpertRequestInput {
  escalation: Escalation;
  requestId: string;
}

export interface LobbyInput {
  escalation: Escalation;
  expertId: string;
  /** Declining only: what the expert reads. */
  reason?: string;
}

export interface SetRecordingInput {
  escalation: Escalation;
  action: 'start' | 'stop';
  idempotencyKey: string;
}

/** Thrown by the default service actors: the host has not supplied an escalation service. */
export class ServiceNotConfiguredError extends Error {
  constructor(what: string) {
    super(`No escalation service is configured to ${what}; provide one with machine.provide({ actors }).`);
    this.name = 'ServiceNotConfiguredError';
  }
}

export const unconfiguredActors = {
  createEscalation: fromPromise<Escalation, CreateEscalationInput>(async () => {
    throw new ServiceNotConfiguredError('create an escalation');
  }),
  deliverLink: fromPromise<void, DeliverLinkInput>(async () => {
    throw new ServiceNotConfiguredError('deliver a link');
  }),
  /** Before a resend; without a service that can issue codes, the link out stays the link. */
  renewLink: fromPromise<Escalation, RenewLinkInput>(async ({ input }) => input.escalation),
  inviteExpert: fromPromise<ExpertInvitation, InviteExpertInput>(async () => {
    throw new ServiceNotConfiguredError('invite an expert');
  }),
  /** Without a service, no flow can have started anything: nothing to take over. */
  claimEscalation: fromPromise<ClaimedEscalation | null, ClaimEscalationInput>(async () => null),
  removeExpert: fromPromise<void, RemoveExpertInput>(async () => {
    throw new ServiceNotConfiguredError('remove an expert');
  }),
  closeEscalation: fromPromise<void, CloseEscalationInput>(async () => {
    throw new ServiceNotConfiguredError('close an escalation');
  }),
  askGuest: fromPromise<AskSent, AskGuestInput>(async () => {
    throw new ServiceNotConfiguredError('ask the customer’s page');
  }),
  fetchStill: fromPromise<FetchedStill, FetchStillInput>(async () => {
    throw new ServiceNotConfiguredError('fetch a snapshot');
  }),
  keepStill: fromPromise<KeptStillOutput, KeepStillInput>(async () => {
    throw new ServiceNotConfiguredError('keep a snapshot');
  }),
  requestExpert: fromPromise<ExpertRequestStatus, RequestExpertInput>(async () => {
    throw new ServiceNotConfiguredError('ask for an expert');
  }),
  cancelExpertRequest: fromPromise<void, ExpertRequestInput>(async () => {
    throw new ServiceNotConfiguredError('withdraw a request for an expert');
  }),
  admitExpert: fromPromise<void, LobbyInput>(async () => {
    throw new ServiceNotConfiguredError('let an expert in');
  }),
  declineExpert: fromPromise<void, LobbyInput>(async () => {
    throw new ServiceNotConfiguredError('turn an expert away');
  }),
  setRecording: fromPromise<RecordingStatus, SetRecordingInput>(async () => {
    throw new ServiceNotConfiguredError('record the call');
  }),
  discardStill: fromPromise<void, FetchStillInput>(async () => {
    throw new ServiceNotConfiguredError('discard a snapshot');
  }),
  /** Joins the agent to the room and reports MEDIA_* events; by default media is reported by an element. */
  mediaSession: fromCallback<EscalationEvent, RoomListenerInput>(() => undefined),
  /** Streams GUEST_* events; by default the host reports guest progress itself. */
  guestProgress: fromCallback<EscalationEvent, ProgressListenerInput>(() => undefined),
};
