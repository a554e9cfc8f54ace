// The event streams: Server-Sent Events per escalation, for the agent's desk (progress) and for
// the guests' pages (the agent's asks), and per expert for their own desk (rings). News (guest
// steps, callback requests, expert and new-link news, asks, rings) is kept in the store with an
// id, so it reaches a stream open on any instance (the store tells every subscriber), and a stream
// that reconnects with Last-Event-ID gets what it missed. Each stream hears only the news for its
// listeners (see news.ts). Open streams are noted in the store, so any instance can tell whether
// someone is listening (an expert's desk is rung only while one of its streams is open).
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { GuestEventName, PoolEventName, ProgressEventName } from '../../src/protocol/index.js';
import { HttpError } from './http/http-error.js';
import type { Logger } from './logger.js';
import { agentListeners, guestListeners, guestNewsName, type GuestAudience, type Listeners } from './news.js';
import type { EscalationStore, StoredEvent } from './store/contract.js';

const KEEP_ALIVE_MS = 15_000;
/** A stream not seen for this long (its instance died) no longer counts as listening. */
const STALE_MS = 3 * KEEP_ALIVE_MS;

interface OpenStream {
  id: string;
  response: ServerResponse;
  listeners: Listeners;
  /** The id of the last event written; nothing at or before it is written again. */
  lastSent: number;
  /** Live news that arrived while the missed news was being read. */
  queued: StoredEvent[] | undefined;
}

export class ProgressHub {
  private readonly streams = new Map<string, Set<OpenStream>>();
  private unsubscribe: (() => Promise<void>) | undefined;
  private keepAlive: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly store: EscalationStore,
    private readonly now: () => number,
    private readonly log: Logger,
  ) {}

  /** Streams open on this instance. */
  get openHere(): number {
    let count = 0;
    for (const local of this.streams.values()) count += local.size;
    return count;
  }

  async start(): Promise<void> {
    this.unsubscribe = await this.store.subscribe(
      (event) => this.deliver(event),
      () => void this.catchUp(),
    );
    // A comment now and then keeps proxies from closing a quiet stream; the store hears it is open.
    this.keepAlive = setInterval(() => {
      const open = [...this.streams.values()].flatMap((set) => [...set]).filter((stream) => !stream.response.destroyed);
      for (const stream of open) stream.response.write(': keep-alive\n\n');
      void this.store
        .touchStreams(
          open.map((stream) => stream.id),
          this.now(),
        )
        .catch((error: unknown) => this.log.warn({ err: error }, 'could not note open streams'));
    }, KEEP_ALIVE_MS);
    this.keepAlive.unref();
  }

  /**
   * Opens a stream on `response`; with `lastEventId`, first writes what came after it. A first
   * connection is told the latest news id (a `ready` event), so that a reconnection after a drop
   * gets what came after it even when nothing came before. `greeting`: what the stream hears
   * first of all (where something stands now), read once the stream already hears live news, so
   * nothing newer can come before it; it has no id of its own. `channel`: the escalation's id, or
   * an expert desk's channel (news.ts `poolChannel`).
   */
  async open(
    channel: string,
    listeners: Listeners,
    response: ServerResponse,
    lastEventId: number | undefined,
    greeting?: () => Promise<{ event: string; data: string } | undefined>,
  ): Promise<void> {
    const stream: OpenStream = { id: randomUUID(), response, listeners, lastSent: lastEventId ?? 0, queued: [] };
    let local = this.streams.get(channel);
    if (!local) this.streams.set(channel, (local = new Set()));
    local.add(stream);
    const forget = () => {
      local.delete(stream);
      if (local.size === 0 && this.streams.get(channel) === local) this.streams.delete(channel);
      void this.store.closeStream(stream.id).catch(() => undefined);
    };
    // Registered first: a client gone while this was being set up leaves nothing behind.
    response.on('close', forget);
    try {
      if ((await this.store.openStreams(listeners.key, this.now() - STALE_MS)) >= listeners.max) {
        throw new HttpError('rate-limited', `at most ${listeners.max} ${listeners.what} may be open`, {
          retryAfter: 15,
        });
      }
      if (response.destroyed) return forget();
      await this.store.openStream(stream.id, listeners.key, this.now());
      const history = (await this.store.eventsSince(channel, lastEventId ?? 0)).filter(
        (event) => listeners.eventName(event.event) !== undefined,
      );
      const greeted = await greeting?.();
      if (response.destroyed) return forget();
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      response.write(': connected\n\n');
      if (lastEventId === undefined) {
        // News from before a first connection belongs to no stream; only its latest id is told.
        stream.lastSent = history.at(-1)?.id ?? 0;
        response.write(`id: ${stream.lastSent}\nevent: ready\ndata: \n\n`);
      }
      if (greeted) response.write(`event: ${greeted.event}\ndata: ${greeted.data}\n\n`);
      const queued = stream.queued ?? [];
      stream.queued = undefined;
      for (const event of [...(lastEventId === undefined ? [] : history), ...queued]) this.write(stream, event);
    } catch (error) {
      response.off('close', forget);
      forget();
      throw error;
    }
  }

  /** The link to other instances was down a moment: each stream gets what it may have missed. */
  private async catchUp(): Promise<void> {
    for (const [channel, local] of this.streams) {
      for (const stream of local) {
        if (stream.queued) continue;
        const missed = await this.store.eventsSince(channel, stream.lastSent).catch(() => []);
        for (const event of missed) this.write(stream, event);
      }
    }
  }

  /** Keeps a piece of news for the agent and sends it to their streams; answers whether anyone listens. */
  async send(escalationId: string, event: ProgressEventName, data: string): Promise<boolean> {
    await this.store.addEvent(escalationId, event, data, this.now());
    return (await this.store.openStreams(agentListeners(escalationId).key, this.now() - STALE_MS)) > 0;
  }

  /** Keeps a piece of news for one guest (`audience`) and sends it to their streams; answers whether any guest listens. */
  async sendToGuest(escalationId: string, audience: GuestAudience, event: GuestEventName, data: string): Promise<boolean> {
    await this.store.addEvent(escalationId, guestNewsName(audience, event), data, this.now());
    return (await this.store.openStreams(guestListeners(escalationId, audience).key, this.now() - STALE_MS)) > 0;
  }

  /** Keeps a piece of news for an expert's desk (its channel, news.ts `poolChannel`) and sends it to its streams. */
  async sendToPool(channel: string, event: PoolEventName, data: string): Promise<void> {
    await this.store.addEvent(channel, event, data, this.now());
  }

  /** Whether a stream counted under `key` is open now, on any instance (an expert's desk is, say). */
  async listening(key: string): Promise<boolean> {
    return (await this.store.openStreams(key, this.now() - STALE_MS)) > 0;
  }

  /** Ends every stream here, asking each client (the agent's, a guest's) to come back in a moment (to another instance). */
  async stop(): Promise<void> {
    clearInterval(this.keepAlive);
    await this.unsubscribe?.().catch(() => undefined);
    for (const local of this.streams.values()) for (const stream of local) stream.response.end('retry: 1000\n\n');
    this.streams.clear();
  }

  private deliver(event: StoredEvent): void {
    for (const stream of this.streams.get(event.escalationId) ?? []) {
      if (stream.queued) stream.queued.push(event);
      else this.write(stream, event);
    }
  }

  /** Writes an event once: never one at or before the last written. */
  private write(stream: OpenStream, event: StoredEvent): void {
    const name = stream.listeners.eventName(event.event);
    if (name === undefined || event.id <= stream.lastSent || stream.response.destroyed) return;
    stream.lastSent = event.id;
    stream.response.write(`id: ${event.id}\nevent: ${name}\ndata: ${event.data}\n\n`);
  }
}
