// An expert's own desk, signed in like an agent (sub, tenant, name): say whether they take calls
// and with which skills, hear their rings (a stream of their own), and take or pass a ring. Each
// route acts only on the caller's own presence and rings: another expert's offer is unknown to
// them (404), and a ring that stopped cannot be taken (409). Taking one makes them an expert of
// that call, like a redeemed invitation, waiting in the lobby.
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { PresenceUpdate } from '../../../src/protocol/index.js';
import type { AgentPrincipal } from '../auth/principals.js';
import { joinDetails } from '../escalations/answers.js';
import type { Answer, Deps } from '../escalations/deps.js';
import { ended } from '../escalations/guest-operations.js';
import { newInvitation, newSecretToken, tokenHash } from '../escalations/invitations.js';
import { announceWaiting } from '../escalations/lobby.js';
import { mutate } from '../escalations/mutate.js';
import type { EscalationRecord, ExpertRecord } from '../escalations/records.js';
import { HttpError } from '../http/http-error.js';
import { randomJanusId } from '../janus/janus-rooms.js';
import { mintJanusToken, VIDEOROOM } from '../janus/janus-token.js';
import { poolChannel, poolListeners } from '../news.js';
import { mutateRequest } from './mutate-request.js';
import { offerOf } from './offer-view.js';
import { liveRing, type ExpertRequestRecord } from './records.js';
import { announceChange } from './ring-news.js';
import { ringStopped, type Ringing } from './ringing.js';
import { presenceAnswer, standingOf } from './standing.js';

const noSuchOffer = () => new HttpError('not-found', 'there is no such offer for you');

export class ExpertDesk {
  constructor(
    private readonly deps: Deps,
    private readonly ringing: Ringing,
  ) {}

  /** Keeps what the desk says (skills once each); their name is their sign-in's. Answers where they stand. */
  async setPresence(expert: AgentPrincipal, update: PresenceUpdate): Promise<Answer> {
    const { store, now } = this.deps;
    const at = now();
    const kept = await store.putPresence({
      tenant: expert.tenant,
      expert: expert.id,
      name: expert.name ?? expert.id,
      skills: [...new Set(update.skills)],
      available: update.available,
      availableSince: at,
      updatedAt: at,
    });
    return { status: 200, body: presenceAnswer(kept, await standingOf(store, kept, at)) };
  }

  /** The desk's stream: rings and rings that stopped; a ring live for them now is heard first. */
  async events(expert: AgentPrincipal, response: ServerResponse, lastEventId: number | undefined): Promise<void> {
    const channel = poolChannel(expert.tenant, expert.id);
    const ringingNow = async () => {
      const request = await this.deps.store.ringingFor(expert.tenant, expert.id);
      const ring = request && liveRing(request);
      if (!ring || ring.expert !== expert.id || this.deps.now() >= ring.expiresAt) return undefined;
      const escalation = (await this.deps.store.get(request.escalationId))?.value;
      if (escalation?.status !== 'active') return undefined;
      return { event: 'offer', data: JSON.stringify(offerOf(request, ring, escalation, this.deps.redaction)) };
    };
    await this.deps.hub.open(channel, poolListeners(channel), response, lastEventId, ringingNow);
  }

  /** Passes: the next expert is rung. */
  async pass(expert: AgentPrincipal, offerId: string): Promise<Answer> {
    const request = await this.ownOffer(expert, offerId);
    await this.ringing.advance(request.id, { offer: offerId });
    return { status: 204, body: undefined };
  }

  /**
   * Takes the call: the ring is theirs alone (one write decides, across instances), then they
   * become an expert of the call with a guest token of their own, waiting in the lobby.
   */
  async accept(expert: AgentPrincipal, offerId: string): Promise<Answer> {
    const { deps } = this;
    const request = await this.ownOffer(expert, offerId);
    const presence = await deps.store.presence(expert.tenant, expert.id);
    if (presence && (await standingOf(deps.store, presence, deps.now())).busy)
      throw new HttpError('conflict', 'you are in another call now');
    const expertId = randomUUID();
    const { before, after } = await mutateRequest(deps.store, request.id, (latest) => {
      const ring = liveRing(latest);
      const now = deps.now();
      if (!ring || ring.offer !== offerId || now >= ring.expiresAt || now >= latest.overflowAt) throw ringStopped();
      Object.assign(ring, { outcome: 'accepted', endedAt: now });
      Object.assign(latest, {
        state: 'accepted',
        lookAgainAt: null,
        endedAt: now,
        accepted: { expert: expert.id, at: now, expertId },
      });
    });
    let joined: { record: EscalationRecord; expert: ExpertRecord; guestToken: string; expiresAt: number };
    try {
      joined = await this.join(expert, after, expertId);
    } catch (error) {
      // The call ended meanwhile: the request ends with it, and nobody is held busy by it.
      const undone = await mutateRequest(deps.store, request.id, (latest) => {
        if (latest.accepted?.expertId !== expertId) return;
        delete latest.accepted;
        latest.state = 'cancelled';
      }).catch(() => undefined);
      if (undone) await announceChange(deps, before, undone.after, undefined).catch(() => undefined);
      throw error;
    }
    await announceChange(deps, before, after, joined.record);
    await announceWaiting(deps, joined.record.id, joined.expert);
    return {
      status: 200,
      body: joinDetails(deps, joined.record, joined.expert, joined.expert, joined.guestToken, joined.expiresAt),
    };
  }

  /** Adds the expert to the call, as a redeemed invitation would: a participant id and media token (off the allow-list yet). */
  private async join(expert: AgentPrincipal, request: ExpertRequestRecord, expertId: string) {
    const { deps } = this;
    const guestToken = newSecretToken();
    const hash = tokenHash(guestToken);
    const janusToken = mintJanusToken({
      secret: deps.janus.tokenSecret,
      plugins: [VIDEOROOM],
      ttlSeconds: deps.limits.roomTokenTtlSeconds,
    });
    const now = deps.now();
    const added: ExpertRecord = {
      id: expertId,
      name: expert.name ?? expert.id,
      address: '',
      invitedAt: now,
      shareCase: request.shareCase,
      // The ring was their way in: this code and link never open anything.
      ...newInvitation(now),
      redeemedBy: hash,
      participantId: randomJanusId(),
      janusToken,
      lobby: 'waiting',
      pool: { expert: expert.id, skill: request.skill, request: request.id },
    };
    const { record } = await mutate(deps.store, request.escalationId, (latest) => {
      if (latest.status !== 'active') throw ended();
      latest.experts.push(added);
    });
    const expiresAt = now + (deps.limits.roomTokenTtlSeconds + deps.limits.afterCallSeconds) * 1000;
    await deps.store.putGrant(hash, {
      escalationId: record.id,
      kind: 'expert',
      generation: record.generation,
      expertId,
      expiresAt,
    });
    return { record, expert: added, guestToken, expiresAt };
  }

  /** The request of an offer that rang on this expert's desk; anyone else's is unknown to them. */
  private async ownOffer(expert: AgentPrincipal, offerId: string): Promise<ExpertRequestRecord> {
    const found = (await this.deps.store.expertRequestByOffer(offerId))?.value;
    const ring = found?.rings.find((candidate) => candidate.offer === offerId);
    if (!found || found.tenant !== expert.tenant || ring?.expert !== expert.id) throw noSuchOffer();
    return found;
  }
}
