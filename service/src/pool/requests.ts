// The agent's side of the pool: ask for an expert with a skill (the pool is rung at once; the
// answer says who rings, or that nobody is free), and withdraw the request. One open request per
// escalation (the stores hold it to that); each change reaches the agent's stream
// (`expert-request`). A request needs the call on, not the customer in it yet: whoever accepts
// waits in the lobby until the agent lets them in, so the agent may line an expert up early.
import { randomUUID } from 'node:crypto';
import { ownerId, type OwnerPrincipal } from '../auth/principals.js';
import { ensureActive } from '../escalations/agent-operations.js';
import type { Answer, Deps } from '../escalations/deps.js';
import type { EscalationRecord } from '../escalations/records.js';
import { HttpError } from '../http/http-error.js';
import { endRequest, mutateRequest, noSuchRequest } from './mutate-request.js';
import { requestStatus } from './offer-view.js';
import type { ExpertRequestRecord } from './records.js';
import { announceChange } from './ring-news.js';
import type { Ringing } from './ringing.js';

const oneAtATime = () =>
  new HttpError('conflict', 'an expert is being asked for already in this call: withdraw that request first');

export class ExpertRequests {
  constructor(
    private readonly deps: Deps,
    private readonly ringing: Ringing,
  ) {}

  async request(
    principal: OwnerPrincipal,
    escalation: EscalationRecord,
    body: { skill: string; shareCase?: boolean | undefined },
  ): Promise<Answer> {
    const { deps } = this;
    ensureActive(escalation);
    const asked = await deps.store.expertRequestsOf(escalation.id);
    if (asked.some((request) => request.state === 'ringing')) throw oneAtATime();
    if (asked.length >= deps.limits.expertRequestsPerEscalation)
      throw new HttpError('limit-reached', `this escalation has asked for an expert ${asked.length} times, the most it may`);
    const now = deps.now();
    const request: ExpertRequestRecord = {
      id: randomUUID(),
      escalationId: escalation.id,
      tenant: escalation.tenant,
      requestedBy: ownerId(principal),
      skill: body.skill,
      shareCase: body.shareCase === true,
      state: 'ringing',
      createdAt: now,
      overflowAt: now + deps.limits.expertOverflowSeconds * 1000,
      rings: [],
      lookAgainAt: now,
    };
    if (!(await deps.store.addExpertRequest(request))) throw oneAtATime();
    const rung = (await this.ringing.advance(request.id)) ?? request;
    return { status: 201, body: requestStatus(rung) };
  }

  /** Withdraws a request: a ringing desk stops. One that ended already stays as it ended; an accepted one cannot be undone here. */
  async cancel(escalation: EscalationRecord, requestId: string): Promise<Answer> {
    const { deps } = this;
    const { before, after } = await mutateRequest(deps.store, requestId, (request) => {
      if (request.escalationId !== escalation.id) throw noSuchRequest();
      if (request.state === 'accepted')
        throw new HttpError('conflict', 'an expert accepted this request: they wait in the lobby (let them in, or decline)');
      if (request.state === 'ringing') endRequest(request, 'cancelled', deps.now());
    });
    await announceChange(deps, before, after, escalation);
    return { status: 204, body: undefined };
  }
}
