// Experts the way a contact center has them: experts sign in on a desk of their own with their
// skills; an agent asks for a skill; the longest-idle free expert with it is rung, then the next,
// and the first to accept comes to the call; past an overflow time the agent is told that no
// expert is free (and can invite one by address instead). Every expert, rung or invited, waits in
// a lobby until the agent admits them (or declines, with a reason the expert reads).

/** A skill: lower case letters, digits and dashes (`routers`, `fiber-install`). */
export const SKILL = /^[a-z0-9][a-z0-9-]{0,39}$/;
export const MAX_SKILLS = 20;

/** An expert's desk says whether they take calls now, and what they know. */
export interface PresenceUpdate {
  available: boolean;
  skills: string[];
}

export interface Presence extends PresenceUpdate {
  /** Epoch milliseconds since when they are free (the longest idle is rung first); null while busy or away. */
  idleSince: number | null;
  /** In a call now (not rung until they leave it). */
  busy: boolean;
}

/** An agent asks for an expert with a skill. */
export interface ExpertRequest {
  skill: string;
  /** Show the expert the case (masked), as with an invite by address. */
  shareCase?: boolean;
}

/**
 * How an agent's request for an expert stands. `ringing`: an expert's desk is ringing (`ringing`
 * says whose, by name). `accepted`: an expert accepted and waits in the lobby (see `LobbyNews`).
 * `no-expert`: nobody with the skill accepted within the overflow time (or none is free): invite
 * one by address instead. `cancelled`: the agent withdrew it.
 */
export interface ExpertRequestStatus {
  id: string;
  skill: string;
  state: 'ringing' | 'accepted' | 'no-expert' | 'cancelled';
  ringing: string | null;
  /** Epoch milliseconds when the request overflows to `no-expert`. */
  overflowAt: number;
}

/** What rings on an expert's desk: who asks, for which skill, and the case when shared (masked). */
export interface ExpertOffer {
  id: string;
  skill: string;
  agentName: string | null;
  caseNumber?: string;
  issue?: string;
  /** A consult with the agent: the customer stays on the phone (or in the chat), not on video. */
  consult?: boolean;
  /** Epoch milliseconds when this ring stops (the next expert is rung). */
  expiresAt: number;
}

/**
 * What the agent hears (progress event `lobby`, this JSON as its data) when an expert waits to be
 * let in; a request's changes come as event `expert-request` (an `ExpertRequestStatus`).
 */
export interface LobbyNews {
  /** The expert's id (what admitting, declining and removing name). */
  id: string;
  name: string;
  /** Pool: the skill they were rung for; invited by address: null. */
  skill: string | null;
}

/** The agent declines an expert waiting in the lobby, with a reason the expert reads. */
export interface LobbyDecline {
  reason: string;
}

/**
 * What a waiting expert hears on their own stream (event `lobby`): let in (join now: rejoin gives
 * the room), or declined with the agent's reason.
 */
export interface LobbyOutcome {
  state: 'admitted' | 'declined';
  reason?: string;
}

/** What an expert's desk stream carries: a ring, or that a ring stopped (taken, withdrawn, timed out). */
export type PoolEventName = 'offer' | 'offer-gone';
