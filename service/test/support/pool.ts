// The expert pool as the tests use it: an expert's desk (signed in like an agent, presence set,
// its ring stream open), a call asking for an expert, and what each side heard.
import { randomUUID } from 'node:crypto';
import type {
  Escalation,
  ExpertOffer,
  ExpertRequestStatus,
  JoinDetails,
  LobbyNews,
  Presence,
} from '../../../src/protocol/index.js';
import { openStream, type HeardEvent, type OpenedStream } from './event-stream.js';
import { linkToken, type Answer, type Harness } from './harness.js';

/** Quick rings for tests: a ring lasts a second, a request overflows after three; the sweep looks every 100 ms. */
export const QUICK_POOL = {
  expertRingSeconds: 1,
  expertOverflowSeconds: 3,
  expertRequestsPerEscalation: 50,
  lobbyGoneSeconds: 1,
};

export interface Desk {
  expert: string;
  tenant: string;
  /** The expert's sign-in. */
  token: string;
  stream: OpenedStream;
  /** The offers heard so far, in order. */
  offers(): ExpertOffer[];
  /** The ids of the rings heard to stop, in order. */
  gone(): string[];
  /** Resolves with the offer heard `nth` (1: the first); rejects after `timeoutMs`. */
  offer(nth?: number, timeoutMs?: number): Promise<ExpertOffer>;
  /** Resolves once the ring `offerId` is heard to stop. */
  goneOf(offerId: string, timeoutMs?: number): Promise<void>;
  accept(offerId: string): Promise<Answer>;
  pass(offerId: string): Promise<Answer>;
  close(): void;
}

export async function setPresence(
  h: Harness,
  token: string,
  skills: string[],
  available = true,
): Promise<{ status: number; presence: Presence }> {
  const answer = await h.call('POST', '/pool/presence', { bearer: token, body: { available, skills } });
  return { status: answer.status, presence: answer.body as Presence };
}

/** An expert who says they are available with `skills` and opens their desk's stream. */
export async function openDesk(
  h: Harness,
  expert: string,
  skills: string[],
  { tenant = 'tenant-1', name = expert.replace(/^./, (first) => first.toUpperCase()), open = true } = {},
): Promise<Desk> {
  const token = await h.agentToken(expert, tenant, 600, name);
  const set = await setPresence(h, token, skills);
  if (set.status !== 200) throw new Error(`presence refused: ${set.status} ${JSON.stringify(set.presence)}`);
  const stream = open ? await openStream(`${h.url}/pool/events`, token) : closedStream();
  const heard = (event: string) => stream.heard.filter((news) => news.event === event);
  const offers = () => heard('offer').map(({ data }) => JSON.parse(data) as ExpertOffer);
  const gone = () => heard('offer-gone').map(({ data }) => (JSON.parse(data) as { id: string }).id);
  return {
    expert,
    tenant,
    token,
    stream,
    offers,
    gone,
    offer: async (nth = 1, timeoutMs = 5000) => {
      await waitFor(
        () => offers().length >= nth,
        timeoutMs,
        () => `${expert} heard ${JSON.stringify(stream.heard)}`,
      );
      return offers()[nth - 1]!;
    },
    goneOf: (offerId, timeoutMs = 5000) =>
      waitFor(
        () => gone().includes(offerId),
        timeoutMs,
        () => `${expert} heard ${JSON.stringify(stream.heard)}`,
      ),
    accept: (offerId) => h.call('POST', `/pool/offers/${offerId}/accept`, { bearer: token, body: {} }),
    pass: (offerId) => h.call('POST', `/pool/offers/${offerId}/decline`, { bearer: token, body: {} }),
    close: () => stream.close(),
  };
}

/** Experts who become available in this order (a few milliseconds apart), each with a desk open. */
export async function desksInOrder(h: Harness, experts: string[], skills: string[]): Promise<Desk[]> {
  const desks: Desk[] = [];
  for (const expert of experts) {
    desks.push(await openDesk(h, expert, skills));
    await new Promise((resolve) => setTimeout(resolve, 15));
  }
  return desks;
}

export interface PoolCall {
  escalation: Escalation;
  customer: JoinDetails;
  /** The owning agent's sign-in (named `Dana Agent`). */
  owner: string;
  /** The agent's progress stream. */
  agent: OpenedStream;
}

/** A call of `agent` (named Dana Agent) whose customer redeemed and joined, with the agent listening. */
export async function poolCall(h: Harness, agent = 'agent-1', tenant = 'tenant-1', interaction = {}): Promise<PoolCall> {
  const owner = await h.agentToken(agent, tenant, 600, 'Dana Agent');
  const created = await h.call('POST', '/escalations', {
    bearer: owner,
    body: {
      interaction: { id: `call-${randomUUID()}`, channel: 'chat', customerName: 'Ada Customer', ...interaction },
      delivery: { channel: 'chat' },
      mode: 'chat',
    },
  });
  if (created.status !== 201) throw new Error(`creating failed: ${created.status} ${JSON.stringify(created.body)}`);
  const escalation = created.body as Escalation;
  const customer = await h.redeem(linkToken(escalation.guestUrl));
  await h.call('POST', '/guest/progress', { bearer: customer.guestToken, body: { report: 'joined' } });
  const stream = await openStream(`${h.url}/escalations/${escalation.id}/events`, owner);
  return { escalation, customer, owner, agent: stream };
}

export function requestExpert(h: Harness, call: PoolCall, body: { skill: string; shareCase?: boolean }): Promise<Answer> {
  return h.call('POST', `/escalations/${call.escalation.id}/expert-requests`, { bearer: call.owner, body });
}

/** What the agent heard of requests (each status) and of the lobby (who waits). */
export function requestNews(heard: HeardEvent[]): ExpertRequestStatus[] {
  return heard.filter(({ event }) => event === 'expert-request').map(({ data }) => JSON.parse(data) as ExpertRequestStatus);
}

export function lobbyNews(heard: HeardEvent[]): LobbyNews[] {
  return heard.filter(({ event }) => event === 'lobby').map(({ data }) => JSON.parse(data) as LobbyNews);
}

/** The request's statuses as the agent heard them: `ringing <name>`, `accepted`, `no-expert`, `cancelled`. */
export function requestStory(heard: HeardEvent[]): string[] {
  return requestNews(heard).map((status) => (status.state === 'ringing' ? `ringing ${status.ringing}` : status.state));
}

/** Waits until the agent heard the request end (accepted, no-expert or cancelled). */
export async function requestEnded(call: PoolCall, timeoutMs = 8000): Promise<string[]> {
  await waitFor(
    () => requestNews(call.agent.heard).some((status) => status.state !== 'ringing'),
    timeoutMs,
    () => `the agent heard ${JSON.stringify(call.agent.heard)}`,
  );
  return requestStory(call.agent.heard);
}

export async function waitFor(done: () => boolean, timeoutMs: number, what: () => string): Promise<void> {
  const giveUpAt = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > giveUpAt) throw new Error(`gave up waiting: ${what()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A desk that never opened its stream (presence set, nobody listening). */
function closedStream(): OpenedStream {
  return {
    heard: [],
    lastId: undefined,
    raw: '',
    ended: true,
    until: () => Promise.reject(new Error('this desk has no stream open')),
    close: () => undefined,
  };
}
