// What each route does, given its checked caller: one handler per route of the protocol's table.
import type { ServerResponse } from 'node:http';
import { ROUTES, type RouteName } from '../../src/protocol/index.js';
import type { AgentPrincipal, OwnerPrincipal } from './auth/principals.js';
import type { AgentOperations } from './escalations/agent-operations.js';
import type { Asks } from './escalations/asks.js';
import type { Answer } from './escalations/deps.js';
import type { GuestOperations, GuestSession } from './escalations/guest-operations.js';
import type { EscalationRecord } from './escalations/records.js';
import type { Recording } from './escalations/recording.js';
import { parse } from './escalations/schemas.js';
import type { Snapshots } from './escalations/snapshots.js';
import type { Lobby } from './escalations/lobby.js';
import { HttpError } from './http/http-error.js';
import { agentListeners } from './news.js';
import type { ExpertDesk } from './pool/desk.js';
import type { ExpertRequests } from './pool/requests.js';
import type { ProgressHub } from './progress-hub.js';
import type { RecordingFiles } from './recordings/recording-files.js';

export interface AgentCall {
  principal: OwnerPrincipal;
  /** The escalation named in the path, already checked to be this principal's. */
  record: EscalationRecord | undefined;
  params: Record<string, string>;
  body: Record<string, unknown>;
  query: URLSearchParams;
  /** The create call's scope, for `createEscalation` and `closeByKey`. */
  createScope: string;
  response: ServerResponse;
  /** For the progress stream: the last news the agent had (the Last-Event-ID header). */
  lastEventId: number | undefined;
}

export interface GuestCall {
  session: GuestSession;
  params: Record<string, string>;
  body: Record<string, unknown>;
  response: ServerResponse;
  /** For the guest's event stream: the last news the page had (the Last-Event-ID header). */
  lastEventId: number | undefined;
}

export interface AnyoneCall {
  body: Record<string, unknown>;
  client: string;
}

type CallOf<Name extends RouteName> = (typeof ROUTES)[Name]['caller'] extends 'agent'
  ? AgentCall
  : (typeof ROUTES)[Name]['caller'] extends 'guest'
    ? GuestCall
    : AnyoneCall;

/** `null`: the handler answered on the response itself (an event stream). */
export type Handlers = { [Name in RouteName]: (call: CallOf<Name>) => Promise<Answer | null> | Answer | null };

export interface Operations {
  agent: AgentOperations;
  guest: GuestOperations;
  asks: Asks;
  snapshots: Snapshots;
  recording: Recording;
  recordings: RecordingFiles;
  hub: ProgressHub;
  lobby: Lobby;
  expertRequests: ExpertRequests;
  desk: ExpertDesk;
}

/** An expert desk's routes are a person's: a flow's API key never reaches them (the service refuses it before). */
function person(principal: OwnerPrincipal): AgentPrincipal {
  if (principal.kind !== 'agent') throw new HttpError('forbidden', "presence and rings are a person's: sign in as the expert");
  return principal;
}

export function handlers({
  agent,
  guest,
  asks,
  snapshots,
  recording,
  recordings,
  hub,
  lobby,
  expertRequests,
  desk,
}: Operations): Handlers {
  const reason = (query: URLSearchParams) => query.get('reason') ?? 'closed';
  return {
    createEscalation: (call) => agent.create(call.principal, parse('createEscalation', call.body), call.createScope),
    claimEscalation: (call) => agent.claim(call.principal, parse('claimEscalation', call.body).interactionId),
    deliverLink: (call) => agent.deliver(call.principal, call.record!, parse('deliverLink', call.body)),
    renewLink: (call) => agent.renew(call.record!),
    inviteExpert: (call) => agent.inviteExpert(call.principal, call.record!, parse('inviteExpert', call.body)),
    removeExpert: (call) => agent.removeExpert(call.record!, call.params['expert']!),
    closeEscalation: (call) => agent.close(call.record!, reason(call.query)),
    closeByKey: (call) => agent.closeByKey(call.principal, call.createScope, reason(call.query)),
    progressStream: async (call) => {
      await hub.open(call.record!.id, agentListeners(call.record!.id), call.response, call.lastEventId);
      return null;
    },
    askGuest: (call) => asks.ask(call.record!, parse('askGuest', call.body)),
    listSnapshots: (call) => snapshots.list(call.record!),
    getSnapshot: (call) => snapshots.get(call.record!, call.params['snapshot']!),
    saveSnapshot: (call) => snapshots.save(call.record!, call.params['snapshot']!, parse('saveSnapshot', call.body)),
    discardSnapshot: (call) => snapshots.discard(call.record!, call.params['snapshot']!),
    recording: (call) => recording.request(call.record!, parse('recording', call.body).action),
    listRecordings: (call) => recordings.list(call.record!),
    // Answered on the response itself: the file's bytes, not JSON.
    getRecording: (call) => recordings.send(call.record!, call.params['recording']!, call.response),
    requestExpert: (call) => expertRequests.request(call.principal, call.record!, parse('requestExpert', call.body)),
    cancelExpertRequest: (call) => expertRequests.cancel(call.record!, call.params['request']!),
    admitExpert: (call) => lobby.admit(call.record!, call.params['expert']!),
    declineExpert: (call) => lobby.decline(call.record!, call.params['expert']!, parse('declineExpert', call.body).reason),
    setPresence: (call) => desk.setPresence(person(call.principal), parse('setPresence', call.body)),
    poolEvents: async (call) => {
      await desk.events(person(call.principal), call.response, call.lastEventId);
      return null;
    },
    acceptOffer: (call) => desk.accept(person(call.principal), call.params['offer']!),
    declineOffer: (call) => desk.pass(person(call.principal), call.params['offer']!),
    redeem: (call) => guest.redeem(parse('redeem', call.body).code, call.client),
    rejoin: (call) => guest.rejoin(call.session),
    guestStatus: (call) => guest.status(call.session),
    guestProgress: (call) => guest.progress(call.session, parse('guestProgress', call.body).report),
    guestRating: (call) => guest.rate(call.session, parse('guestRating', call.body)),
    guestCallback: (call) => guest.callback(call.session, parse('guestCallback', call.body).phone),
    guestNewLink: (call) => guest.askForNewLink(call.session, parse('guestNewLink', call.body).reason),
    guestEvents: async (call) => {
      await guest.events(call.session, call.response, call.lastEventId);
      return null;
    },
    guestAnswer: (call) => asks.answer(call.session, call.params['ask']!, parse('guestAnswer', call.body).outcome),
    guestSnapshot: (call) => snapshots.upload(call.session, parse('guestSnapshot', call.body)),
    guestCamera: (call) => asks.camera(call.session, parse('guestCamera', call.body)),
  };
}
