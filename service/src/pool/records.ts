// What the service keeps about the expert pool: each expert's presence (what their desk said),
// and each agent's request for an expert with its rings, one after another.

/** An expert's desk, as last set (per tenant and sign-in `sub`). */
export interface PresenceRecord {
  tenant: string;
  /** The expert's sign-in `sub`. */
  expert: string;
  /** Their sign-in's `name` claim (or the `sub`): what the agent is told is ringing. */
  name: string;
  skills: string[];
  available: boolean;
  /** When they last went from away to available (the store keeps it across updates that stay available). */
  availableSince: number | null;
  updatedAt: number;
}

/** One expert's desk ringing for a request. */
export interface RingRecord {
  /** The offer's id (what the expert accepts or passes). */
  offer: string;
  expert: string;
  /** The expert's name when rung (what the agent hears). */
  name: string;
  at: number;
  /** When this ring stops by itself: the ring time, and never past the request's overflow. */
  expiresAt: number;
  /**
   * `ringing`: live (at most one per request, and one per expert across requests: the stores hold
   * that). Then `accepted`, `declined` (the expert passed), `timeout`, `gone` (their desk closed,
   * or they went away, while it rang), `withdrawn` (the agent cancelled, the call ended, or the
   * request overflowed).
   */
  outcome: 'ringing' | 'accepted' | 'declined' | 'timeout' | 'gone' | 'withdrawn';
  endedAt?: number;
}

export interface ExpertRequestRecord {
  id: string;
  escalationId: string;
  tenant: string;
  /** Who asked (`agent:<sub>` or `service:<key id>`): an agent is never rung for their own request. */
  requestedBy: string;
  skill: string;
  shareCase: boolean;
  /** `ringing` is the open state: someone rings, or the request waits for an expert held by another ring. */
  state: 'ringing' | 'accepted' | 'no-expert' | 'cancelled';
  createdAt: number;
  /** When it becomes `no-expert` if nobody accepted. */
  overflowAt: number;
  /** Every ring so far, oldest first. */
  rings: RingRecord[];
  /**
   * While open and nothing rings: when to look for an expert again (the only free ones were being
   * rung for someone else's request). Null while a ring is live, and once it ended.
   */
  lookAgainAt: number | null;
  /** Once accepted: who, when, and the expert they became in the escalation. */
  accepted?: { expert: string; at: number; expertId: string };
  endedAt?: number;
}

/** The ring live now, if any. */
export function liveRing(request: ExpertRequestRecord): RingRecord | undefined {
  if (request.state !== 'ringing') return undefined;
  const last = request.rings.at(-1);
  return last?.outcome === 'ringing' ? last : undefined;
}
