// Whether an expert of the pool is in a call now, and since when they are free: read from the last
// request they accepted and the call it took them to, so every way out of that call (removed,
// turned away, left, the call closed) frees them without each having to say so.
import type { Presence } from '../../../src/protocol/index.js';
import type { EscalationStore } from '../store/contract.js';
import type { PresenceRecord } from './records.js';

/** An accept that never reached its call (its instance died between the two writes) holds nobody longer than this. */
const ACCEPT_IN_TRANSIT_MS = 60_000;

export interface Standing {
  busy: boolean;
  /** Since when they are free (the longest idle is rung first); null while busy or away. */
  idleSince: number | null;
}

export async function standingOf(store: EscalationStore, presence: PresenceRecord, now: number): Promise<Standing> {
  const ended = await lastCallEnded(store, presence, now);
  if (ended === 'in-call') return { busy: true, idleSince: null };
  if (!presence.available) return { busy: false, idleSince: null };
  return { busy: false, idleSince: Math.max(presence.availableSince ?? 0, ended ?? 0) };
}

/** What an expert's desk is told about themselves. */
export function presenceAnswer(presence: PresenceRecord, standing: Standing): Presence {
  return { available: presence.available, skills: presence.skills, ...standing };
}

/** When the expert's last call from the pool ended for them; `in-call` while it goes on; null when there was none. */
async function lastCallEnded(store: EscalationStore, presence: PresenceRecord, now: number): Promise<number | 'in-call' | null> {
  const request = await store.lastAcceptance(presence.tenant, presence.expert);
  const accepted = request?.accepted;
  if (!request || !accepted) return null;
  const escalation = (await store.get(request.escalationId))?.value;
  if (!escalation) return accepted.at;
  if (escalation.status !== 'active') return escalation.closedAt ?? accepted.at;
  const expert = escalation.experts.find((candidate) => candidate.id === accepted.expertId);
  if (!expert) return now - accepted.at < ACCEPT_IN_TRANSIT_MS ? 'in-call' : accepted.at;
  const out = [expert.removedAt, expert.declinedAt, expert.leftAt].filter((at): at is number => at !== undefined);
  return out.length ? Math.min(...out) : 'in-call';
}
