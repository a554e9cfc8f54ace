// What a customer or an expert does: redeem a code or link (once; throttled per client and per
// code), then, with the guest token that gave them, rejoin, report progress, rate, ask for a
// callback or a new link, and listen to their own event stream. An expert waits in the lobby
// after redeeming (lobby.ts). A token stops working when its code is renewed, and none opens an
// agent route. Changes go through `mutate`, which checks and writes in one step.
import type { ServerResponse } from 'node:http';
import { redact } from '../redaction/redact.js';
import {
  FALLBACK_REASONS,
  formatCode,
  isLinkToken,
  looksLikeCode,
  normalizeCode,
  type GuestReport,
  type GuestStatus,
  type RatingAnswer,
} from '../../../src/protocol/index.js';
import { HttpError } from '../http/http-error.js';
import { customerAudience, expertAudience, guestListeners } from '../news.js';
import { mintJanusToken, VIDEOROOM } from '../janus/janus-token.js';
import { randomJanusId } from '../janus/janus-rooms.js';
import { joinDetails } from './answers.js';
import { isConsult } from './consult.js';
import { announceWaiting, declinedOut, leftLobbyIfGone, lobbyOf } from './lobby.js';
import type { Answer, Deps } from './deps.js';
import { newSecretToken, tokenHash } from './invitations.js';
import { mutate } from './mutate.js';
import type { EscalationRecord, ExpertRecord, GuestGrant, Invitation } from './records.js';
import { statusOf } from './recording-state.js';

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
const replaced = () =>
  new HttpError('code-expired', 'Your agent has sent you a newer link. Use the latest one.', { reason: 'replaced' });
export const ended = () => new HttpError('code-expired', 'This call has ended.', { reason: 'ended' });
/** An expert the agent took out of the call, or whose invite the agent withdrew before it was used. */
const expertOut = (invitation: Invitation) =>
  invitation.redeemedBy === null
    ? new HttpError('code-expired', 'The agent withdrew this invitation.', { reason: 'withdrawn' })
    : new HttpError('code-expired', 'The agent took you out of this call.', { reason: 'removed' });

export class GuestOperations {
  constructor(private readonly deps: Deps) {}

  /** The token's grant, if it still stands for this route's kind of caller. */
  async session(token: string, route: string): Promise<GuestSession> {
    const { store, now } = this.deps;
    const hash = tokenHash(token);
    const grant = await store.grant(hash);
    const record = grant && (await store.get(grant.escalationId))?.value;
    if (!grant || !record || now() > grant.expiresAt)
      throw new HttpError('unauthorized', 'this guest token is not valid (or no longer)');
    if (grant.kind === 'new-link' && route !== 'guestNewLink')
      throw new HttpError('forbidden', 'this token may only ask the agent for a new link');
    checkStanding(record, grant, hash);
    const expert = grant.expertId ? record.experts.find((candidate) => candidate.id === grant.expertId) : undefined;
    return { token, tokenHash: hash, grant, record, expert };
  }

  /** Turns a code (typed) or a link token (opened) into join details and a guest token. */
  async redeem(typed: string, client: string): Promise<Answer> {
    const { deps } = this;
    const { throttles } = deps;
    await throttles.redeemFailuresPerClient.check(client, 'too many wrong codes from this connection; wait before trying again');
    await throttles.redeemsPerClient.take(client, 'too many attempts from this connection; wait before trying again');
    const credential = isLinkToken(typed) ? typed : normalizeCode(typed);
    const match = isLinkToken(credential) || looksLikeCode(credential) ? await deps.store.byCredential(credential) : undefined;
    // A consult issues no customer code; should its record carry one anyway, it opens nothing, and
    // says no more than a code that never was.
    if (!match || (isConsult(match.record) && !match.expert)) {
      await throttles.redeemFailuresPerClient.fail(client);
      throw new HttpError('code-unknown', 'We could not find this code. Check it, or ask your agent for a new link.');
    }
    const { record: found, expert: foundExpert, retired } = match;
    // Per credential: tries of an old code use up nothing of the current one's.
    // Kept by its hash: a link's token is a credential, and the counts may be kept in the database.
    await throttles.redeemsPerCode.take(
      `${found.id}:${tokenHash(credential).slice(0, 24)}`,
      'this code has been tried too often; ask your agent for a new link',
    );
    if (found.status !== 'active') throw ended();
    if (retired)
      throw await this.refusal(
        found,
        foundExpert,
        'code-expired',
        'Your agent has sent you a newer link. Use the latest one.',
        'replaced',
      );
    const guestToken = newSecretToken();
    const hash = tokenHash(guestToken);
    const janusToken = mintJanusToken({
      secret: deps.janus.tokenSecret,
      plugins: [VIDEOROOM],
      ttlSeconds: deps.limits.roomTokenTtlSeconds,
    });
    const invitationOf = (record: EscalationRecord) =>
      foundExpert ? record.experts.find((candidate) => candidate.id === foundExpert.id) : record.guest;
    // Taken in one write: of two redeems at once (on any instance), only one gets in.
    let taken: { record: EscalationRecord; result: { generation: number } };
    try {
      taken = await mutate(deps.store, found.id, (record) => {
        const invitation = invitationOf(record);
        if (record.status !== 'active') throw ended();
        if (!invitation || (!foundExpert && invitation.code !== found.guest.code)) throw replaced();
        if ((invitation as ExpertRecord).removedAt !== undefined) throw expertOut(invitation);
        if ((invitation as ExpertRecord).lobby === 'declined') throw declinedOut(invitation as ExpertRecord);
        if (deps.now() > invitation.expiresAt)
          throw new HttpError('code-expired', 'This link has expired. Ask your agent to send a new one.', { reason: 'expired' });
        if (invitation.redeemedBy)
          throw new HttpError('code-used', 'This link has already been used. Ask your agent to send a new one.');
        Object.assign(invitation, { redeemedBy: hash, participantId: randomJanusId(), janusToken });
        // An expert waits in the lobby (their token off the allow-list) until the agent lets them in.
        if (foundExpert) (invitation as ExpertRecord).lobby = 'waiting';
        return { generation: record.generation };
      });
    } catch (error) {
      if (
        error instanceof HttpError &&
        (error.code === 'code-used' ||
          (error.code === 'code-expired' && (error.extra.reason === 'replaced' || error.extra.reason === 'expired')))
      ) {
        if (error.code === 'code-used') await throttles.redeemFailuresPerClient.fail(client);
        throw await this.refusal(
          found,
          foundExpert,
          error.code,
          error.message,
          error.extra.reason as 'replaced' | 'expired' | undefined,
        );
      }
      throw error;
    }
    const { generation } = taken.result;
    try {
      if (!foundExpert) await deps.janus.member(found.room.server).rooms.allow(found.room, [janusToken]);
    } catch (error) {
      await this.giveBack(found.id, foundExpert, hash);
      throw error;
    }
    // The agent renewed the code (or ended the call) while Janus was asked: this way in is gone.
    const now = (await deps.store.get(found.id))?.value;
    // Or took this expert out (or withdrew the invite) meanwhile.
    const current = now && invitationOf(now);
    const still =
      now &&
      now.status === 'active' &&
      now.generation === generation &&
      current?.redeemedBy === hash &&
      (current as Partial<ExpertRecord>).removedAt === undefined;
    if (!still) {
      if (!foundExpert)
        await deps.janus
          .member(found.room.server)
          .rooms.revoke(found.room, [janusToken], [])
          .catch(() => undefined);
      throw replaced();
    }
    const expiresAt = deps.now() + (deps.limits.roomTokenTtlSeconds + deps.limits.afterCallSeconds) * 1000;
    await deps.store.putGrant(hash, {
      escalationId: found.id,
      kind: foundExpert ? 'expert' : 'guest',
      generation,
      expertId: foundExpert?.id ?? null,
      expiresAt,
    });
    if (foundExpert) await announceWaiting(deps, found.id, invitationOf(now) as ExpertRecord);
    return {
      status: 200,
      body: joinDetails(deps, now, invitationOf(now)!, foundExpert && (invitationOf(now) as ExpertRecord), guestToken, expiresAt),
    };
  }

  /**
   * The same guest back after a drop or a reload. An expert who left the lobby (closed the page)
   * and comes back waits again: the agent hears it as at first.
   */
  async rejoin(session: GuestSession): Promise<Answer> {
    const { record, expert, grant } = session;
    if (grant.kind === 'new-link') throw new HttpError('forbidden', 'this token may only ask the agent for a new link');
    if (record.status !== 'active') throw ended();
    if (expert && lobbyOf(expert) === 'waiting' && expert.leftAt !== undefined) {
      const { record: latest, result: back } = await mutate(this.deps.store, record.id, (latest) => {
        const current = latest.experts.find((candidate) => candidate.id === expert.id);
        if (!current || current.leftAt === undefined || lobbyOf(current) !== 'waiting') return undefined;
        delete current.leftAt;
        return current;
      });
      if (back) {
        await announceWaiting(this.deps, latest.id, back);
        return { status: 200, body: joinDetails(this.deps, latest, back, back, session.token, grant.expiresAt) };
      }
    }
    return { status: 200, body: joinDetails(this.deps, record, expert ?? record.guest, expert, session.token, grant.expiresAt) };
  }

  status({ record }: GuestSession): Answer {
    const status: GuestStatus = { active: record.status === 'active', callbackOffered: callbackOffered(record) };
    return { status: 200, body: status };
  }

  /**
   * The guest's own event stream: the customer hears the agent's asks meant for them (their code's
   * generation); an expert hears only news meant for that expert. Everyone hears whether the call
   * is recorded, first thing when it is asked for or on (an expert who joins later is told too).
   */
  async events(session: GuestSession, response: ServerResponse, lastEventId: number | undefined): Promise<void> {
    const { record, grant } = session;
    if (record.status !== 'active') throw ended();
    const audience = grant.kind === 'expert' ? expertAudience(grant.expertId!) : customerAudience(grant.generation);
    const recordingNow = async () => {
      const latest = (await this.deps.store.get(record.id))?.value;
      const state = latest?.recording?.state;
      return latest && (state === 'asking' || state === 'on')
        ? { event: 'recording', data: JSON.stringify(statusOf(latest)) }
        : undefined;
    };
    if (grant.kind === 'expert') {
      // A waiting expert whose page goes away has left the lobby (unless it is back in a moment).
      const expertId = grant.expertId!;
      response.on('close', () => {
        setTimeout(() => {
          leftLobbyIfGone(this.deps, record.id, expertId).catch((error: unknown) =>
            this.deps.log.warn({ escalation: record.id, err: error }, 'could not tell whether an expert left the lobby'),
          );
        }, this.deps.limits.lobbyGoneSeconds * 1000).unref();
      });
    }
    await this.deps.hub.open(record.id, guestListeners(record.id, audience), response, lastEventId, recordingNow);
  }

  /** The guest's steps reach the agent; an expert's page only says when the expert joins or leaves. */
  async progress(session: GuestSession, report: GuestReport): Promise<Answer> {
    const { record, grant } = session;
    if (record.status !== 'active') throw ended();
    if (grant.kind === 'expert') {
      if (report !== 'joined' && report !== 'left') return { status: 204, body: undefined };
      // When they left counts: an expert from the pool is free for the next call from then on.
      await mutate(this.deps.store, record.id, (latest) => {
        checkStanding(latest, grant, session.tokenHash);
        const expert = latest.experts.find((candidate) => candidate.id === grant.expertId)!;
        if (report === 'left') expert.leftAt = this.deps.now();
        else delete expert.leftAt;
      });
      await this.deps.hub.send(record.id, 'expert', report);
      return { status: 204, body: undefined };
    }
    await mutate(this.deps.store, record.id, (latest) => {
      checkStanding(latest, grant, session.tokenHash);
      if (latest.status !== 'active') throw ended();
      latest.progress.push({ report, at: this.deps.now() });
      // The latest steps are what anyone needs; a page that reports in a loop cannot grow the record.
      if (latest.progress.length > MAX_PROGRESS) latest.progress.splice(0, latest.progress.length - MAX_PROGRESS);
    });
    await this.deps.hub.send(record.id, 'progress', report);
    return { status: 204, body: undefined };
  }

  async rate(session: GuestSession, rating: { score: number; comment?: string | undefined }): Promise<Answer> {
    onlyCustomer(session);
    const { record } = await mutate(this.deps.store, session.record.id, (latest) => {
      checkStanding(latest, session.grant, session.tokenHash);
      this.withinAfterCall(latest, 'This call can no longer be rated.');
      if (latest.rated) throw new HttpError('conflict', 'This call has been rated already. Thank you.');
      latest.rated = true;
    });
    // Kept beyond the call: what a customer types is masked first, and they are told what was.
    const comment = rating.comment === undefined ? null : redact(rating.comment, this.deps.redaction);
    await this.deps.store.addRating({
      tenant: record.tenant,
      interactionId: record.interaction.id,
      escalationId: record.id,
      score: rating.score,
      comment: comment?.text ?? null,
      at: this.deps.now(),
    });
    const answer: RatingAnswer = { masked: comment?.kinds ?? [] };
    return { status: 200, body: answer };
  }

  /** In a chat, when video ended early: call me back at this number. Once per escalation. */
  async callback(session: GuestSession, phone: string): Promise<Answer> {
    onlyCustomer(session);
    await mutate(this.deps.store, session.record.id, (latest) => {
      checkStanding(latest, session.grant, session.tokenHash);
      if (latest.mode !== 'chat' || (latest.status !== 'active' && !fellBack.has(latest.closeReason ?? ''))) {
        throw new HttpError('bad-request', 'a phone callback is offered only when video ended early in a chat');
      }
      this.withinAfterCall(latest, 'This call can no longer be followed up here.');
      if (latest.callback) throw new HttpError('conflict', 'A callback has been asked for already.');
      latest.callback = { phone, at: this.deps.now() };
    });
    await this.deps.hub.send(session.record.id, 'callback', phone);
    return { status: 204, body: undefined };
  }

  /** The link did not work: the agent hears of it live, and the next resend carries a fresh code. */
  async askForNewLink(session: GuestSession, reason: string | undefined): Promise<Answer> {
    const { grant, expert } = session;
    // A refused redeem's token asks once, even when its asks arrive together.
    const fromRefusal = grant.kind === 'new-link';
    if (fromRefusal && !(await this.deps.store.takeGrant(session.tokenHash)))
      throw new HttpError('unauthorized', 'this guest token is not valid (or no longer)');
    const { record } = await mutate(this.deps.store, session.record.id, (latest) => {
      if (latest.status !== 'active') throw ended();
      // Asks from refused redeems (anyone holding a spent link) have an allowance of their own, so
      // they cannot use up the customer's.
      const asked = fromRefusal ? latest.refusedNewLinkRequests : latest.newLinkRequests;
      const allowance = fromRefusal ? REFUSED_NEW_LINK_ASKS : this.deps.limits.newLinkRequestsPerEscalation;
      if (asked >= allowance) throw new HttpError('limit-reached', 'Your agent has been asked already.');
      if (fromRefusal) latest.refusedNewLinkRequests += 1;
      else latest.newLinkRequests += 1;
      if (!expert) latest.newLinkAsked = true;
    });
    const news = { code: formatCode((expert ?? record.guest).code), role: expert ? 'expert' : 'guest', reason: reason ?? '' };
    const relayed = await this.deps.hub.send(record.id, 'new-link', JSON.stringify(news));
    return { status: 202, body: { relayed } };
  }

  /** A refusal that still lets the holder of a real (spent) link ask the agent for a new one. */
  private async refusal(
    record: EscalationRecord,
    expert: ExpertRecord | undefined,
    code: 'code-expired' | 'code-used',
    message: string,
    reason?: 'replaced' | 'expired',
  ): Promise<HttpError> {
    const newLinkToken = newSecretToken();
    await this.deps.store.putGrant(tokenHash(newLinkToken), {
      escalationId: record.id,
      kind: 'new-link',
      generation: record.generation,
      expertId: expert?.id ?? null,
      expiresAt: this.deps.now() + NEW_LINK_TOKEN_TTL_MS,
    });
    return new HttpError(code, message, { newLinkToken, ...(reason ? { reason } : {}) });
  }

  /** Janus did not take the guest: the code is free again for them to try. */
  private async giveBack(id: string, expert: ExpertRecord | undefined, hash: string): Promise<void> {
    await mutate(this.deps.store, id, (record) => {
      const invitation: Invitation | undefined = expert
        ? record.experts.find((candidate) => candidate.id === expert.id)
        : record.guest;
      if (invitation?.redeemedBy === hash) Object.assign(invitation, { redeemedBy: null, participantId: null, janusToken: null });
    }).catch(() => undefined);
  }

  private withinAfterCall(record: EscalationRecord, message: string): void {
    if (record.status !== 'active' && this.deps.now() - (record.closedAt ?? 0) > this.deps.limits.afterCallSeconds * 1000)
      throw new HttpError('code-expired', message, { reason: 'ended' });
  }
}

/** Routes for the customer alone: an expert's token is refused. */
export function onlyCustomer(session: GuestSession): void {
  if (session.grant.kind !== 'guest') throw new HttpError('forbidden', 'only the customer may do this');
}

/** A guest's or expert's token stands only while it is the one their current invitation was redeemed with. */
export function checkStanding(record: EscalationRecord, grant: GuestGrant, hash: string): void {
  if (grant.kind === 'guest' && (grant.generation !== record.generation || record.guest.redeemedBy !== hash)) throw replaced();
  if (grant.kind === 'expert') {
    const expert = record.experts.find((candidate) => candidate.id === grant.expertId);
    if (expert?.removedAt !== undefined) throw expertOut(expert);
    if (expert?.lobby === 'declined') throw declinedOut(expert);
    if (expert?.redeemedBy !== hash) throw new HttpError('unauthorized', 'this guest token is not valid (or no longer)');
  }
}

function callbackOffered(record: EscalationRecord): boolean {
  return record.status !== 'active' && record.mode === 'chat' && fellBack.has(record.closeReason ?? '') && !record.callback;
}
