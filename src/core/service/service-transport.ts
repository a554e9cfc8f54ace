// How the browser talks to the escalation service: JSON over fetch to the protocol's routes (the
// agent's bearer token on agent routes, refreshed once after a 401; the guest token on guest
// routes; an Idempotency-Key on every write), and Server-Sent Events over fetch, so a stream can
// carry the Authorization header. The guest's and the agent's clients are built on it.
import {
  IDEMPOTENCY_HEADER,
  isServiceErrorCode,
  routePath,
  ROUTES,
  type ErrorBody,
  type RouteName,
  type RouteTypes,
} from '../../protocol/index.js';
import { logger } from '../logger.js';
import { ServiceError } from './service-error.js';
import { readEventStream } from './sse.js';
import { sleep } from '../sleep.js';

/** The agent's bearer token as the transport asks for it (agent-token.ts). */
export interface BearerToken {
  current(): Promise<string | undefined>;
  /** A fresh token after the service refused the one held; undefined when there is none. */
  refreshed(): Promise<string | undefined>;
}

export interface Call<Name extends RouteName> {
  route: Name;
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: RouteTypes[Name]['body'];
  idempotencyKey?: string;
  /** For guest routes: the guest token (or a refused redeem's new-link token). */
  guestToken?: string;
}

const STREAM_RETRY_MS = [1000, 2000, 5000, 10_000, 15_000];

export class ServiceTransport {
  constructor(
    private readonly baseUrl: string,
    private readonly timeoutMs: number,
    private readonly agentToken?: BearerToken,
  ) {}

  /**
   * Listens to a Server-Sent Events route over fetch (so it carries the Authorization header),
   * again after each drop, from the last event heard. Stops for good when refused as another's
   * or unknown (`refused` hears which), as listening again would not help.
   */
  stream(
    path: string,
    token: () => Promise<string | undefined>,
    onEvent: (event: string, data: string) => void,
    refused: (code: 'forbidden' | 'not-found' | 'unauthorized' | 'code-expired') => void,
    refresh?: () => Promise<string | undefined>,
  ): () => void {
    const controller = new AbortController();
    const url = `${this.baseUrl}${path}`;
    const run = async () => {
      let failures = 0;
      let refreshed = false;
      // After a drop, the service sends what came after the last news heard.
      let lastEventId: string | undefined;
      while (!controller.signal.aborted) {
        try {
          const current = await token();
          const headers: Record<string, string> = { accept: 'text/event-stream' };
          if (current) headers['authorization'] = `Bearer ${current}`;
          if (lastEventId) headers['last-event-id'] = lastEventId;
          const response = await fetch(url, { headers, signal: controller.signal });
          if (response.status === 401 && refresh && !refreshed && (await refresh())) {
            refreshed = true;
            continue;
          }
          if (!response.ok || !response.body) throw await this.failure(response);
          failures = 0;
          refreshed = false;
          await readEventStream(response.body, ({ event, data, id }) => {
            if (id) lastEventId = id;
            onEvent(event, data);
          });
        } catch (error) {
          if (controller.signal.aborted) return;
          // Another's escalation, one the service no longer has, a guest token that stopped
          // working: listening again will not help.
          if (
            error instanceof ServiceError &&
            (error.code === 'forbidden' ||
              error.code === 'not-found' ||
              (!refresh && (error.code === 'unauthorized' || error.code === 'code-expired')))
          ) {
            logger.error(`escalation service: the event stream ${path} was refused: ${error.message}`);
            refused(error.code);
            return;
          }
          logger.warn(`escalation service: the event stream ${path} dropped, listening again: ${(error as Error).message}`);
        }
        await sleep(STREAM_RETRY_MS[Math.min(failures, STREAM_RETRY_MS.length - 1)]!);
        failures += 1;
      }
    };
    void run();
    return () => controller.abort();
  }

  async call<Name extends RouteName>(call: Call<Name>): Promise<RouteTypes[Name]['answer']> {
    const spec = ROUTES[call.route];
    const headers: Record<string, string> = { accept: 'application/json' };
    if (call.body !== undefined) headers['content-type'] = 'application/json';
    if (call.idempotencyKey) headers[IDEMPOTENCY_HEADER] = call.idempotencyKey;
    if (call.guestToken) headers['authorization'] = `Bearer ${call.guestToken}`;
    const query = call.query ? `?${new URLSearchParams(call.query)}` : '';
    const url = `${this.baseUrl}${routePath(call.route, call.params)}${query}`;
    const send = async (token: string | undefined) => {
      if (token) headers['authorization'] = `Bearer ${token}`;
      try {
        return await fetch(url, {
          method: spec.method,
          headers,
          ...(call.body !== undefined ? { body: JSON.stringify(call.body) } : {}),
          signal: AbortSignal.timeout(this.timeoutMs),
        });
      } catch (error) {
        throw new ServiceError('unavailable', `The escalation service did not answer: ${(error as Error).message}`, 0);
      }
    };
    const agent = spec.caller === 'agent';
    let response = await send(agent ? await this.agentToken?.current() : undefined);
    if (agent && response.status === 401 && this.agentToken) {
      const fresh = await this.agentToken.refreshed();
      if (fresh) response = await send(fresh);
    }
    if (!response.ok) throw await this.failure(response);
    const text = await response.text();
    return (text ? safeJson(text) : undefined) as RouteTypes[Name]['answer'];
  }

  private async failure(response: Response): Promise<ServiceError> {
    const body = safeJson(await response.text().catch(() => '')) as Partial<ErrorBody> | undefined;
    const error = body?.error;
    const fallback =
      response.status >= 500
        ? 'unavailable'
        : response.status === 401
          ? 'unauthorized'
          : response.status === 403
            ? 'forbidden'
            : 'bad-request';
    const code = isServiceErrorCode(error?.code) ? error.code : fallback;
    const { code: _code, message, ...detail } = error ?? {};
    return new ServiceError(code, message ?? `HTTP ${response.status}`, response.status, detail);
  }
}

export function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export { routePath };
