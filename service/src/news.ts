// Who hears which news. All news is kept in one table, numbered per escalation, for two kinds of
// stream: the agent's progress stream (the protocol's ProgressEventName, kept under its own name)
// and the guests' own stream (kept as `guest:<audience>:<event>`, a name the agent's stream
// skips). A guest audience is one person: the customer of one code generation (so a renewed
// code's old holder hears nothing meant for the new one), or one expert. An expert's desk has a
// stream of its own too (rings), kept under a channel of its own (`pool:…`) instead of an escalation.
import type { GuestEventName, PoolEventName, ProgressEventName } from '../../src/protocol/index.js';

export type GuestAudience = `customer-${number}` | `expert-${string}`;

/** The name a piece of news is kept under. */
export type StoredNewsName = ProgressEventName | `guest:${GuestAudience}:${GuestEventName}` | PoolEventName;

/** An agent's desk has a tab or two open on one escalation; more is a mistake or abuse. */
const AGENT_STREAMS_PER_ESCALATION = 5;
/** The customer's page (and a reload's): more is a mistake or abuse. */
const GUEST_STREAMS_PER_ESCALATION = 10;
/** One expert's page (and a reload's, a second tab). */
const STREAMS_PER_EXPERT = 3;
const GUEST_PREFIX = 'guest:';
/** An expert's desk: a tab or two, a phone; more is a mistake or abuse. */
const POOL_STREAMS_PER_EXPERT = 5;
/** What an expert desk's channel starts with (news is kept under it instead of an escalation's id). */
export const POOL_CHANNEL_PREFIX = 'pool:';
const POOL_EVENTS: readonly string[] = ['offer', 'offer-gone'] satisfies PoolEventName[];

/** Who a stream is for: where its kind of stream is counted, how many may be open, which news it gets. */
export interface Listeners {
  /**
   * Where streams of this kind are counted: the escalation's id for the agent's, `<id>:guest` for
   * guests', the desk's channel for an expert's desk.
   */
  key: string;
  max: number;
  /** What these streams are called in a refusal (and where they are counted). */
  what: string;
  /** The event name a piece of news goes out under on this stream; undefined when it is not for it. */
  eventName(stored: string): string | undefined;
}

export function agentListeners(escalationId: string): Listeners {
  return {
    key: escalationId,
    max: AGENT_STREAMS_PER_ESCALATION,
    what: 'progress streams on one escalation',
    eventName: (stored) => (stored.startsWith(GUEST_PREFIX) ? undefined : stored),
  };
}

/**
 * A guest's streams: the customer's counted per escalation; each expert's on their own (so any
 * instance can tell whether that expert's page is still there, see lobby.ts).
 */
export function guestListeners(escalationId: string, audience: GuestAudience): Listeners {
  const prefix = `${GUEST_PREFIX}${audience}:`;
  const expert = audience.startsWith('expert-');
  return {
    key: expert ? `${escalationId}:guest:${audience}` : `${escalationId}:guest`,
    max: expert ? STREAMS_PER_EXPERT : GUEST_STREAMS_PER_ESCALATION,
    what: expert ? 'event streams of one expert' : 'guest event streams on one escalation',
    eventName: (stored) => (stored.startsWith(prefix) ? stored.slice(prefix.length) : undefined),
  };
}

export function customerAudience(generation: number): GuestAudience {
  return `customer-${generation}`;
}

export function expertAudience(expertId: string): GuestAudience {
  return `expert-${expertId}`;
}

export function guestNewsName(audience: GuestAudience, event: GuestEventName): StoredNewsName {
  return `${GUEST_PREFIX}${audience}:${event}`;
}

/**
 * The channel of one expert's desk (tenant and sign-in sub): where their rings are kept and their
 * desk streams counted. Each part is encoded, so no two experts share one.
 */
export function poolChannel(tenant: string, expert: string): string {
  return `${POOL_CHANNEL_PREFIX}${encodeURIComponent(tenant)}/${encodeURIComponent(expert)}`;
}

export function poolListeners(channel: string): Listeners {
  return {
    key: channel,
    max: POOL_STREAMS_PER_EXPERT,
    what: "streams of one expert's desk",
    eventName: (stored) => (POOL_EVENTS.includes(stored) ? stored : undefined),
  };
}
