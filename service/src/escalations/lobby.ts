// The lobby: every expert (invited by address, or rung from the pool) waits there after redeeming
// or accepting, with their media token kept off the room's allow-list, until the escalation's
// agent lets them in (the token goes on the list) or turns them away with a reason the expert
// reads (their way in stops working). The agent hears who waits on the progress stream (`lobby`);
// the expert hears the outcome on their own stream (`lobby`).
import type { LobbyNews, LobbyOutcome } from '../../../src/protocol/index.js';
import { HttpError } from '../http/http-error.js';
import { expertAudience, guestListeners } from '../news.js';
import { ensureActive } from './agent-operations.js';
import type { Answer, Deps } from './deps.js';
import { mutate } from './mutate.js';
import type { EscalationRecord, ExpertRecord } from './records.js';

const noSuchExpert = () => new HttpError('not-found', 'this escalation has no such expert');
const notWaiting = () => new HttpError('conflict', 'this expert is not waiting to be let in');

/** Where an expert stands at the door; a record without `lobby` was let in at its redeem (or has not redeemed). */
export function lobbyOf(expert: ExpertRecord): 'waiting' | 'admitted' | 'declined' {
  return expert.lobby ?? 'admitted';
}

/** Whether an expert's media token belongs on the room's allow-list: redeemed, let in, not put out. */
export function mayBeInRoom(expert: ExpertRecord): boolean {
  return expert.janusToken !== null && expert.removedAt === undefined && lobbyOf(expert) === 'admitted';
}

/** An expert the agent turned away from the lobby: their redeem, rejoin and every request say so, with the agent's words. */
export function declinedOut(expert: ExpertRecord): HttpError {
  return new HttpError('code-expired', 'The agent did not let you into this call.', {
    reason: 'declined',
    declinedBecause: expert.declinedBecause ?? '',
  });
}

/**
 * A waiting expert whose page went away (closed, crashed, offline) is not left waiting on the
 * agent's screen, and an expert from the pool is free again: once no stream of theirs is open on
 * any instance, they have left (as if their page said so). Back (a reload), rejoining makes them
 * wait again. Answers whether they were marked as left.
 */
export async function leftLobbyIfGone(deps: Deps, escalationId: string, expertId: string): Promise<boolean> {
  if (await deps.hub.listening(guestListeners(escalationId, expertAudience(expertId)).key)) return false;
  const { result: left } = await mutate(deps.store, escalationId, (latest) => {
    const expert = latest.experts.find((candidate) => candidate.id === expertId);
    if (latest.status !== 'active' || !expert || expert.removedAt !== undefined) return false;
    if (lobbyOf(expert) !== 'waiting' || expert.leftAt !== undefined) return false;
    expert.leftAt = deps.now();
    return true;
  });
  if (left) {
    deps.log.info({ escalation: escalationId, expert: expertId }, 'an expert left the lobby: their page went away');
    await deps.hub.send(escalationId, 'expert', 'left');
  }
  return left;
}

/** The agent hears that an expert waits to be let in. */
export async function announceWaiting(deps: Deps, escalationId: string, expert: ExpertRecord): Promise<void> {
  const news: LobbyNews = { id: expert.id, name: expert.name, skill: expert.pool?.skill ?? null };
  await deps.hub.send(escalationId, 'lobby', JSON.stringify(news));
}

export class Lobby {
  constructor(private readonly deps: Deps) {}

  /**
   * Lets a waiting expert in: their token goes on the room's allow-list first (if Janus does not
   * answer, nothing changed and a retry admits), then they are marked admitted; their stream hears it.
   */
  async admit(escalation: EscalationRecord, expertId: string): Promise<Answer> {
    const { deps } = this;
    const expert = waitingExpert(escalation, expertId);
    const token = expert.janusToken!;
    await deps.janus.member(escalation.room.server).rooms.allow(escalation.room, [token]);
    const { record, result: admitted } = await mutate(deps.store, escalation.id, (latest) => {
      const current = latest.experts.find((candidate) => candidate.id === expertId);
      if (latest.status !== 'active' || !current || current.removedAt !== undefined || current.lobby !== 'waiting') return false;
      current.lobby = 'admitted';
      return true;
    });
    if (!admitted) {
      // Removed, turned away or ended meanwhile: the token that was just allowed comes off again.
      await deps.janus
        .member(escalation.room.server)
        .rooms.revoke(escalation.room, [token], [])
        .catch(() => undefined);
      throw notWaiting();
    }
    // The call moved to another media server meanwhile, with the allow-list as it was written then.
    if (deps.janus.member(record.room.server).id !== deps.janus.member(escalation.room.server).id)
      await deps.janus.member(record.room.server).rooms.allow(record.room, [token]);
    const outcome: LobbyOutcome = { state: 'admitted' };
    await deps.hub.sendToGuest(escalation.id, expertAudience(expertId), 'lobby', JSON.stringify(outcome));
    return { status: 204, body: undefined };
  }

  /** Turns a waiting expert away: their way in stops working, and they read the agent's reason. */
  async decline(escalation: EscalationRecord, expertId: string, reason: string): Promise<Answer> {
    const { deps } = this;
    waitingExpert(escalation, expertId);
    await mutate(deps.store, escalation.id, (latest) => {
      ensureActive(latest);
      const current = latest.experts.find((candidate) => candidate.id === expertId)!;
      if (current.removedAt !== undefined || current.lobby !== 'waiting') throw notWaiting();
      Object.assign(current, { lobby: 'declined', declinedAt: deps.now(), declinedBecause: reason });
    });
    const outcome: LobbyOutcome = { state: 'declined', reason };
    await deps.hub.sendToGuest(escalation.id, expertAudience(expertId), 'lobby', JSON.stringify(outcome));
    return { status: 204, body: undefined };
  }
}

/** The expert, if they wait in this escalation's lobby now: 404 for no such expert, 409 for one who does not wait. */
function waitingExpert(escalation: EscalationRecord, expertId: string): ExpertRecord {
  const expert = escalation.experts.find((candidate) => candidate.id === expertId);
  if (!expert) throw noSuchExpert();
  ensureActive(escalation);
  if (expert.removedAt !== undefined || expert.lobby !== 'waiting' || expert.janusToken === null) throw notWaiting();
  return expert;
}
