// Ringing the pool for an open request: the longest-idle expert of the tenant who has the skill,
// is available with their desk open, and is in no call is rung; a ring that runs out, is passed,
// or whose desk closes (or goes away) gives way to the next; nobody is rung twice for one request,
// nor the agent who asked. Past the overflow time, or with nobody left, the request ends
// `no-expert`. Everything is in the store and changed by compare-and-swap, so any instance may
// move a request on (pool-sweep.ts) and a ring is never lost with the instance that set it; the
// stores refuse a second live ring for one expert, so no desk rings for two requests at once.
import { randomUUID } from 'node:crypto';
import { ownerId } from '../auth/principals.js';
import type { Deps } from '../escalations/deps.js';
import type { EscalationRecord } from '../escalations/records.js';
import { HttpError } from '../http/http-error.js';
import { poolChannel } from '../news.js';
import { endRequest } from './mutate-request.js';
import { liveRing, type ExpertRequestRecord, type PresenceRecord } from './records.js';
import { announceChange } from './ring-news.js';
import { standingOf } from './standing.js';

/** A request whose only free experts are being rung for another request looks again this soon. */
const LOOK_AGAIN_MS = 1000;
const ATTEMPTS = 20;

export const ringStopped = () => new HttpError('conflict', 'this ring has stopped (taken, withdrawn, or timed out)');

interface Candidate {
  expert: string;
  name: string;
  idleSince: number;
}

export class Ringing {
  constructor(private readonly deps: Deps) {}

  /** Whether an expert may ring for this skill now: available with the skill, and a desk stream of theirs open. */
  async reachable(presence: PresenceRecord | undefined, skill: string): Promise<boolean> {
    return (
      presence !== undefined &&
      presence.available &&
      presence.skills.includes(skill) &&
      (await this.deps.hub.listening(poolChannel(presence.tenant, presence.expert)))
    );
  }

  /**
   * Moves a request on as things stand now, and tells whoever it concerns. `pass`: the expert of
   * this offer passes (409 when it no longer rings). Answers the request as written.
   */
  async advance(requestId: string, pass?: { offer: string }): Promise<ExpertRequestRecord | undefined> {
    const { store } = this.deps;
    // Experts another request's ring took while this one was trying them.
    const taken = new Set<string>();
    for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
      const current = await store.expertRequest(requestId);
      if (!current) return undefined;
      const before = current.value;
      if (before.state !== 'ringing') {
        if (pass) throw ringStopped();
        return before;
      }
      const escalation = (await store.get(before.escalationId))?.value;
      const after = structuredClone(before);
      await this.step(after, escalation, this.deps.now(), pass, taken);
      if (JSON.stringify(after) === JSON.stringify(before)) return before;
      const written = await store.replaceExpertRequest(after, current.version);
      if (written === 'replaced') {
        await announceChange(this.deps, before, after, escalation);
        return after;
      }
      if (written === 'ring-taken') taken.add(liveRing(after)!.expert);
    }
    throw new HttpError('unavailable', 'the request for an expert is changing too often; try again');
  }

  /** One move of an open request (on a copy): end it, stop its ring, or ring the next expert. */
  private async step(
    request: ExpertRequestRecord,
    escalation: EscalationRecord | undefined,
    now: number,
    pass: { offer: string } | undefined,
    taken: ReadonlySet<string>,
  ): Promise<void> {
    const ring = liveRing(request);
    if (pass && ring?.offer !== pass.offer) throw ringStopped();
    // The call ended (closing withdraws its requests; this catches a close that could not).
    if (!escalation || escalation.status !== 'active') return endRequest(request, 'cancelled', now);
    if (now >= request.overflowAt) return endRequest(request, 'no-expert', now);
    if (ring) {
      const outcome = pass
        ? 'declined'
        : now >= ring.expiresAt
          ? 'timeout'
          : (await this.reachable(await this.deps.store.presence(request.tenant, ring.expert), request.skill))
            ? undefined
            : 'gone';
      if (!outcome) return;
      Object.assign(ring, { outcome, endedAt: now });
    } else if (request.lookAgainAt === null || now < request.lookAgainAt) {
      return;
    }
    const { free, heldUp } = await this.candidates(request, now, taken);
    const next = free[0];
    if (next) {
      request.rings.push({
        offer: randomUUID(),
        expert: next.expert,
        name: next.name,
        at: now,
        expiresAt: Math.min(now + this.deps.limits.expertRingSeconds * 1000, request.overflowAt),
        outcome: 'ringing',
      });
      request.lookAgainAt = null;
    } else if (heldUp) {
      request.lookAgainAt = now + LOOK_AGAIN_MS;
    } else {
      endRequest(request, 'no-expert', now);
    }
  }

  /**
   * Who could be rung for a request now, longest idle first. `heldUp`: some would be, but are
   * being rung for another request (they may pass, so the request waits for them).
   */
  private async candidates(
    request: ExpertRequestRecord,
    now: number,
    taken: ReadonlySet<string>,
  ): Promise<{ free: Candidate[]; heldUp: boolean }> {
    const { store } = this.deps;
    const rung = new Set(request.rings.map((ring) => ring.expert));
    const ringingElsewhere = new Set(
      (await store.openExpertRequests())
        .filter((other) => other.id !== request.id && other.tenant === request.tenant)
        .map((other) => liveRing(other)?.expert),
    );
    const free: Candidate[] = [];
    let heldUp = false;
    for (const presence of await store.poolOf(request.tenant)) {
      const { expert } = presence;
      if (rung.has(expert) || ownerId({ kind: 'agent', id: expert, tenant: request.tenant }) === request.requestedBy) continue;
      if (!(await this.reachable(presence, request.skill))) continue;
      const standing = await standingOf(store, presence, now);
      if (standing.busy) continue;
      if (ringingElsewhere.has(expert) || taken.has(expert)) {
        heldUp = true;
        continue;
      }
      free.push({ expert, name: presence.name, idleSince: standing.idleSince ?? now });
    }
    free.sort((a, b) => a.idleSince - b.idleSince || (a.expert < b.expert ? -1 : a.expert > b.expert ? 1 : 0));
    return { free, heldUp };
  }
}
