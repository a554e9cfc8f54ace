// What a customer or an expert does: redeem a code or link (once; throttled per client and per
// code), then, with the guest token that gave them, rejoin, report progress, rate, ask for a
// callback or a new link. A token stops working when its code is renewed, and none opens an
// agent route.
import { FALLBACK_REASONS, formatCode, isLinkToken, looksLikeCode, normalizeCode, type GuestReport, type GuestStatus } from '../../../src/protocol/index.js';
import { HttpError } from '../http/http-error.js';
import { mintJanusToken, VIDEOROOM } from '../janus/janus-token.js';
import { randomJanusId } from '../janus/janus-rooms.js';
import { joinDetails } from './answers.js';
import type { Answer, Deps } from './deps.js';
import { newSecretToken, tokenHash } from './invitations.js';
import type { EscalationRecord, ExpertRecord, GuestGrant } from './records.js';

/** A guest request's credential, checked: whose it is and which escalation it acts on. */
export interface GuestSession {
  token: string;
  tokenHash: string;
  grant: GuestGrant;
  record: EscalationRecord;
  expert: ExpertRecord | undefined;
}

const NEW_LINK_TOKEN_TTL_MS = 30 * 60_000;
/** New-link asks from refused redeems, per escalation. */
const REFUSED_NEW_LINK_ASKS = 3;
const MAX_PROGRESS = 50;
const fellBack = new Set<string>(FALLBACK_REASONS);

export class GuestOperations {
  constructor(private readonly deps: Deps) {}

  /** The token's grant, if it still stands for this route's kind of caller. */
  session(token: string, route: string): GuestSession {
    const { store, now } = this.deps;
    const hash = tokenHash(token);
    const grant = store.grant(hash);
    const record = grant && store.escalation(grant.escalationId);
    if (!grant || !record || now() > grant.expiresAt) throw new HttpError('unauthorized', 'this guest token is not valid (or no longer)');
    if (grant.kind === 'new-link' && route !== 'guestNewLink') throw new HttpError('forbidden', 'this token may only ask the agent for a new link');
    const expert = grant.expertId ? record.experts.find((candidate) => candidate.id === grant.expertId) : undefined;
    // A guest's or expert's token stands only while it is the one their current invitation was redeemed with.
    if (grant.kind === 'guest' && (grant.generation !== record.generation || record.guest.redeemedBy !== hash)) {
      throw new HttpError('code-expired', 'Your agent has sent you a newer link. Use the latest one.', { reason: 'replaced' });
    }
    if (grant.kind === 'expert' && expert?.redeemedBy !== hash) throw new HttpError('unauthorized', 'this guest token is not valid (or no longer)');
    return { token, tokenHash: hash, grant, record, expert };
  }

  /** Turns a code (typed) or a link token (opened) into join details and a guest token. */
  async redeem(typed: string, client: string): Promise<Answer> {
    const { deps } = this;
    const { throttles } = deps;
    await throttles.redeemFailuresPerClient.check(client, 'too many wrong codes from this connection; wait before trying again');
    await throttles.redeemsPerClient.take(client, 'too many attempts from this connection; wait before trying again');
    const credential = isLinkToken(typed) ? typed : normalizeCode(typed);
    const match = isLinkToken(credential) || looksLikeCode(credential) ? deps.store.byCredential(credential) : undefined;
    if (!match) {
      await throttles.redeemFailuresPerClient.fail(client);
      throw new HttpError('code-unknown', 'We could not find this code. Check it, or ask your agent for a new link.');
    }
    const { record, expert, retired } = match;
    // Per credential: tries of an old code use up nothing of the current one's.
    await throttles.redeemsPerCode.take(`${record.id}:${credential}`, 'this code has been tried too often; ask your agent for a new link');
    const invitation = expert ?? record.guest;
    const generation = record.generation;
    if (record.status !== 'active') throw new HttpError('code-expired', 'This call has ended.', { reason: 'ended' });
    if (retired) throw this.refusal(record, expert, 'code-expired', 'Your agent has sent you a newer link. Use the latest one.', 'replaced');
    if (deps.now() > invitation.expiresAt) throw this.refusal(record, expert, 'code-expired', 'This link has expired. Ask your agent to send a new one.', 'expired');
    if (invitation.redeemedBy) {
      await throttles.redeemFailuresPerClient.fail(client);
      throw this.refusal(record, expert, 'code-used', 'This link has already been used. Ask your agent to send a new one.');
    }
    // Taken before any wait: of two redeems at once, only one gets in.
    const guestToken = newSecretToken();
    invitation.redeemedBy = tokenHash(guestToken);
    invitation.participantId = randomJanusId();
    invitation.janusToken = mintJanusToken({ secret: deps.janus.tokenSecret, plugins: [VIDEOROOM], ttlSeconds: deps.limits.roomTokenTtlSeconds });
    try {
      await deps.rooms.allow(record.room, [invitation.janusToken]);
    } catch (error) {
      Object.assign(invitation, { redeemedBy: null, participantId: null, janusToken: null });
      throw error;
    }
    // The agent renewed the code (or ended the call) while Janus was asked: this way in is gone.
    const stillCurrent = record.status === 'active' && record.generation === generation && (expert ? record.experts.includes(expert) : record.guest === invitation);
    if (!stillCurrent) {
      await deps.rooms.revoke(record.room, [invitation.janusToken], []).catch(() => undefined);
      throw new HttpError('code-expired', 'Your agent has sent you a newer link. Use the latest one.', { reason: 'replaced' });
    }
    const expiresAt = deps.now() + (deps.limits.roomTokenTtlSeconds + deps.limits.afterCallSeconds) * 1000;
    deps.store.putGrant(invitation.redeemedBy, { escalationId: record.id, kind: expert ? 'expert' : 'guest', generation, expertId: expert?.id ?? null, expiresAt });
    deps.store.put(record);
    return { status: 200, body: joinDetails(deps, record, invitation, expert, guestToken, expiresAt) };
  }

  /** The same guest back after a drop or a reload. */
  rejoin(session: GuestSession): Answer {
    const { record, expert, grant } = session;
    if (grant.kind === 'new-link') throw new HttpError('forbidden', 'this token may only ask the agent for a new link');
    if (record.status !== 'active') throw new HttpError('code-expired', 'This call has ended.', { reason: 'ended' });
    return { status: 200, body: joinDetails(this.deps, record, expert ?? record.guest, expert, session.token, grant.expiresAt) };
  }

  status({ record }: GuestSession): Answer {
    const status: GuestStatus = { active: record.status === 'active', callbackOffered: this.callbackOffered(record) };
    return { status: 200, body: status };
  }

  /** The guest's steps reach the agent; an expert's page only says when the expert joins or leaves. */
  progress(session: GuestSession, report: GuestReport): Answer {
    const { record, grant } = session;
    if (record.status !== 'active') throw new HttpError('code-expired', 'This call has ended.', { reason: 'ended' });
    if (grant.kind === 'expert') {
      if (report === 'joined' || report === 'left') this.deps.hub.send(record.id, 'expert', report);
      return { status: 204, body: undefined };
    }
    record.progress.push({ report, at: this.deps.now() });
    // The latest steps are what anyone needs; a page that reports in a loop cannot grow the record.
    if (record.progress.length > MAX_PROGRESS) record.progress.splice(0, record.progress.length - MAX_PROGRESS);
    this.deps.store.put(record);
    this.deps.hub.send(record.id, 'progress', report);
    return { status: 204, body: undefined };
  }

  rate(session: GuestSession, rating: { score: number; comment?: string | undefined }): Answer {
    const { record } = this.customer(session);
    this.withinAfterCall(record, 'This call can no longer be rated.');
    if (record.rated) throw new HttpError('conflict', 'This call has been rated already. Thank you.');
    record.rated = true;
    this.deps.store.ratings.push({ tenant: record.tenant, interactionId: record.interaction.id, escalationId: record.id, score: rating.score, comment: rating.comment ?? null, at: this.deps.now() });
    this.deps.store.put(record);
    return { status: 204, body: undefined };
  }

  /** In a chat, when video ended early: call me back at this number. Once per escalation. */
  callback(session: GuestSession, phone: string): Answer {
    const { record } = this.customer(session);
    if (record.mode !== 'chat' || (record.status !== 'active' && !fellBack.has(record.closeReason ?? ''))) {
      throw new HttpError('bad-request', 'a phone callback is offered only when video ended early in a chat');
    }
    this.withinAfterCall(record, 'This call can no longer be followed up here.');
    if (record.callback) throw new HttpError('conflict', 'A callback has been asked for already.');
    record.callback = { phone, at: this.deps.now() };
    this.deps.store.put(record);
    this.deps.hub.send(record.id, 'callback', phone);
    return { status: 204, body: undefined };
  }

  /** The link did not work: the agent hears of it live, and the next resend carries a fresh code. */
  askForNewLink(session: GuestSession, reason: string | undefined): Answer {
    const { record, grant, expert } = session;
    if (record.status !== 'active') throw new HttpError('code-expired', 'This call has ended.', { reason: 'ended' });
    // Asks from refused redeems (anyone holding a spent link) have an allowance of their own, so
    // they cannot use up the customer's.
    const fromRefusal = grant.kind === 'new-link';
    const asked = fromRefusal ? record.refusedNewLinkRequests : record.newLinkRequests;
    const allowance = fromRefusal ? REFUSED_NEW_LINK_ASKS : this.deps.limits.newLinkRequestsPerEscalation;
    if (asked >= allowance) throw new HttpError('limit-reached', 'Your agent has been asked already.');
    if (fromRefusal) record.refusedNewLinkRequests += 1;
    else record.newLinkRequests += 1;
    if (!expert) record.newLinkAsked = true;
    // A refused redeem's token asks once.
    if (grant.kind === 'new-link') this.deps.store.deleteGrant(session.tokenHash);
    this.deps.store.put(record);
    const news = { code: formatCode((expert ?? record.guest).code), role: expert ? 'expert' : 'guest', reason: reason ?? '' };
    const relayed = this.deps.hub.send(record.id, 'new-link', JSON.stringify(news)) > 0;
    return { status: 202, body: { relayed } };
  }

  /** A refusal that still lets the holder of a real (spent) link ask the agent for a new one. */
  private refusal(record: EscalationRecord, expert: ExpertRecord | undefined, code: 'code-expired' | 'code-used', message: string, reason?: 'replaced' | 'expired'): HttpError {
    const newLinkToken = newSecretToken();
    this.deps.store.putGrant(tokenHash(newLinkToken), {
      escalationId: record.id,
      kind: 'new-link',
      generation: record.generation,
      expertId: expert?.id ?? null,
      expiresAt: this.deps.now() + NEW_LINK_TOKEN_TTL_MS,
    });
    this.deps.store.save();
    return new HttpError(code, message, { newLinkToken, ...(reason ? { reason } : {}) });
  }

  private customer(session: GuestSession): GuestSession {
    if (session.grant.kind !== 'guest') throw new HttpError('forbidden', 'only the customer may do this');
    return session;
  }

  private withinAfterCall(record: EscalationRecord, message: string): void {
    if (record.status !== 'active' && this.deps.now() - (record.closedAt ?? 0) > this.deps.limits.afterCallSeconds * 1000) throw new HttpError('code-expired', message, { reason: 'ended' });
  }

  private callbackOffered(record: EscalationRecord): boolean {
    return record.status !== 'active' && record.mode === 'chat' && fellBack.has(record.closeReason ?? '') && !record.callback;
  }
}
