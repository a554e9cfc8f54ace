// The escalation service: an HTTP server whose routes are the protocol's table. Each request is
// checked in order: CORS, route, caller (agent JWT or API key, guest token, or anyone), throttle,
// body, Idempotency-Key; then its handler runs once per key.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { IDEMPOTENCY_HEADER, isWrite, matchRoute, ROUTES, UNSAFE_TEXT, type RouteName } from '../../src/protocol/index.js';
import { agentVerifier, type AgentAuthConfig } from './auth/agent-tokens.js';
import { apiKeyVerifier, sha256Hex, type ApiKeyConfig } from './auth/api-keys.js';
import { ownerId, type OwnerPrincipal } from './auth/principals.js';
import { AgentOperations } from './escalations/agent-operations.js';
import { Asks } from './escalations/asks.js';
import { throttlesFor, type Answer, type Deps, type Throttles } from './escalations/deps.js';
import { GuestOperations, onlyCustomer } from './escalations/guest-operations.js';
import { Lifecycle } from './escalations/lifecycle.js';
import { Snapshots } from './escalations/snapshots.js';
import { Recording } from './escalations/recording.js';
import { janusMayRecord } from './escalations/recording-state.js';
import { RecordingFiles } from './recordings/recording-files.js';
import { tokenHash } from './escalations/invitations.js';
import { mayBeInRoom } from './escalations/lobby.js';
import { bodyLimit } from './http/body-limits.js';
import { applyCors } from './http/cors.js';
import { clientAddressResolver } from './http/client-address.js';
import { credentialOf } from './http/credentials.js';
import { HttpError } from './http/http-error.js';
import { readJsonBody } from './http/json-body.js';
import { operationsEndpoint, type OperationsDeps } from './http/operations-endpoints.js';
import { ServiceMetrics } from './metrics.js';
import { Idempotency, IDEMPOTENCY_TTL_MS } from './idempotency.js';
import type { CountsKeptIn } from './throttle.js';
import type { TurnConfig } from './turn.js';
import type { RedactionRules } from './redaction/redact.js';
import { JanusPool } from './janus/janus-pool.js';
import { Lobby } from './escalations/lobby.js';
import { ExpertDesk } from './pool/desk.js';
import { PoolSweep } from './pool/pool-sweep.js';
import { POOL_ROUTES } from './pool/pool-routes.js';
import { ExpertRequests } from './pool/requests.js';
import { Ringing } from './pool/ringing.js';
import { Failover } from './escalations/failover.js';
import { RoomGuard, type GuardedRoom } from './janus/room-guard.js';
import type { JanusServer } from './janus/janus-api.js';
import { DEFAULT_LIMITS, type Limits } from './limits.js';
import { createLogger, type Logger, type LogLevel } from './logger.js';
import { ProgressHub } from './progress-hub.js';
import { handlers, type AgentCall } from './routes.js';
import { outboxSender, type Sender } from './senders.js';
import type { EscalationStore } from './store/contract.js';
import { PostgresStore } from './store/postgres-store.js';
import { SqliteStore } from './store/sqlite-store.js';

export interface ServiceOptions {
  /** 0 picks a free port. */
  port?: number;
  /** The address to listen on; 127.0.0.1 by default (put TLS in front). */
  host?: string;
  /** The Janus server, or servers: each new room goes to a live, least-loaded one. */
  janus: JanusServer | readonly JanusServer[];
  auth: AgentAuthConfig;
  apiKeys?: readonly ApiKeyConfig[];
  /** Origins whose pages may call the service (agent desktops, the guest page's site). */
  corsOrigins?: readonly string[];
  /** Proxies whose X-Forwarded-For is believed (addresses, CIDR blocks, or `loopback`). */
  trustedProxies?: readonly string[];
  /** Where the SQLite store (and the demo's outbox) lives. */
  dataDir: string;
  /**
   * A PostgreSQL URL: keep the data there instead of the SQLite file in `dataDir`, so several
   * instances can share it.
   */
  databaseUrl?: string | undefined;
  /** A store of the caller's own (tests); wins over `databaseUrl`. The caller closes it. */
  store?: EscalationStore;
  /** The guest page; links are `<guestBaseUrl>#code=<link token>`. */
  guestBaseUrl: string;
  /** TURN servers for customers behind strict NATs and firewalls (coturn's shared-secret scheme). */
  turn?: TurnConfig | undefined;
  /**
   * Masking of card numbers, IBANs, national ids, e-mail addresses and phone numbers; the
   * national-id patterns are the deployment's (US SSN and UK NI numbers by default).
   */
  redaction?: RedactionRules | undefined;
  /** SMS and e-mail sender; an outbox file in the data folder by default. */
  send?: Sender;
  limits?: Partial<Limits>;
  logger?: Logger;
  logLevel?: LogLevel;
  maxBodyBytes?: number;
  /** With it, `/metrics` answers (Prometheus) to `Authorization: Bearer <metricsToken>`; without, it is not served. */
  metricsToken?: string | undefined;
  /** How often to reap, purge and reconcile with Janus (a minute). */
  lifecycleEveryMs?: number;
  /** How often to check the rooms: whether Janus restarted (and forgot their allow-lists), and who joined as whom. */
  janusCheckEveryMs?: number;
  /** How often to move requests for an expert on (rings that ran out, desks that closed, overflows): a second. */
  poolCheckEveryMs?: number;
  /**
   * Recording (with the customer's consent) needs a Janus server with a `recordingsDir`; these
   * say where the playable files are kept and how they are made.
   */
  recordings?: RecordingOptions;
}

export interface RecordingOptions {
  /**
   * Where the playable files are kept, one folder per escalation; `<dataDir>/recordings` by
   * default. Several instances must share it (one volume), as they share the database.
   */
  dir?: string | undefined;
  /** Janus's post-processing tool; `janus-pp-rec` (on PATH) by default. */
  ppRec?: string | undefined;
  /** The longest one recorded stream may take to convert (10 minutes). */
  ppRecTimeoutMs?: number | undefined;
  /** The longest to wait for Janus to finish a destroyed room's files (15 s). */
  settleMs?: number | undefined;
}

export interface RunningService {
  url: string;
  store: EscalationStore;
  /** Forgets every throttle's counts (tests that guess on purpose). */
  resetThrottles(): Promise<void>;
  /** Stops taking requests, finishes those under way (at most `graceMs`), and closes the store. */
  stop(graceMs?: number): Promise<void>;
}

const DEFAULT_MAX_BODY = 16 * 1024;
const MAX_IDEMPOTENCY_KEY = 200;

export async function startService(options: ServiceOptions): Promise<RunningService> {
  const log = options.logger ?? createLogger(options.logLevel);
  const limits: Limits = { ...DEFAULT_LIMITS, ...options.limits };
  const store: EscalationStore =
    options.store ?? (options.databaseUrl ? await PostgresStore.open(options.databaseUrl) : new SqliteStore(options.dataDir));
  const hub = new ProgressHub(store, Date.now, log);
  const metrics = new ServiceMetrics(
    async () => (await store.live()).length,
    () => hub.openHere,
  );
  const throttles = {} as Throttles;
  // With PostgreSQL the counts are shared by every instance, like the rest of the state.
  const counts: CountsKeptIn = store instanceof PostgresStore ? { kind: 'postgres', pool: store.pool } : { kind: 'memory' };
  Object.assign(throttles, throttlesFor(limits, log, counts));
  const resetThrottles = async () => {
    if (store instanceof PostgresStore) await store.pool.query('DELETE FROM rate_limits');
    Object.assign(throttles, throttlesFor(limits, log, counts));
  };
  const janusPool = new JanusPool(Array.isArray(options.janus) ? options.janus : [options.janus], (seconds) =>
    metrics.janusSeconds.observe(seconds),
  );
  const recordings = new RecordingFiles({
    store,
    janus: janusPool,
    log,
    now: Date.now,
    dir: options.recordings?.dir ?? join(options.dataDir, 'recordings'),
    tool: { command: options.recordings?.ppRec ?? 'janus-pp-rec', timeoutMs: options.recordings?.ppRecTimeoutMs ?? 10 * 60_000 },
    settleMs: options.recordings?.settleMs ?? 15_000,
  });
  void recordings.checkTool();
  const deps: Deps = {
    store,
    janus: janusPool,
    limits,
    send: options.send ?? outboxSender(join(options.dataDir, 'outbox.jsonl')),
    hub,
    throttles,
    log,
    guestBaseUrl: options.guestBaseUrl,
    turn: options.turn,
    redaction: options.redaction ?? {},
    recordings,
    now: Date.now,
  };
  const agent = new AgentOperations(deps);
  const guest = new GuestOperations(deps);
  const recording = new Recording(deps);
  const ringing = new Ringing(deps);
  const routes = handlers({
    agent,
    guest,
    asks: new Asks(deps, recording),
    snapshots: new Snapshots(deps),
    recording,
    recordings,
    hub,
    lobby: new Lobby(deps),
    expertRequests: new ExpertRequests(deps, ringing),
    desk: new ExpertDesk(deps, ringing),
  });
  const idempotency = new Idempotency(store);
  const verifyAgent = agentVerifier(options.auth);
  const verifyApiKey = apiKeyVerifier(options.apiKeys ?? []);
  const clientAddress = clientAddressResolver(options.trustedProxies ?? []);
  const origins = new Set(options.corsOrigins ?? []);
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY;

  await hub.start();
  const housekeeping = setInterval(
    () =>
      void store
        .forgetExpired(Date.now(), IDEMPOTENCY_TTL_MS)
        .catch((error: unknown) => log.warn({ err: error }, 'housekeeping failed')),
    60_000,
  );
  housekeeping.unref();
  const failover = new Failover(deps);
  // One guard a Janus server: it watches that server's rooms, and moves its calls when it stops answering.
  const guards = deps.janus.all().map(
    (member) =>
      new RoomGuard(
        member,
        () => liveRooms(store, deps.janus, member.id),
        log,
        () => failover.moveOff(member),
      ),
  );
  for (const guard of guards) await guard.start(options.janusCheckEveryMs ?? 2000);
  const lifecycle = new Lifecycle(deps, {
    maxLifetimeMs: limits.maxLifetimeSeconds * 1000,
    retentionMs: limits.retentionDays * 24 * 60 * 60_000,
    keepRooms: () => guards.map((guard) => guard.markerRoom),
  });
  let lifecycleRunning: Promise<void> = Promise.resolve();
  const lifecycleRound = () =>
    (lifecycleRunning = lifecycle
      .round()
      .catch((error: unknown) => log.warn({ err: error }, 'lifecycle round failed; the next one tries again')));
  // At start (a Janus started afresh has none of the rooms saved escalations point at), then each minute.
  await lifecycleRound();
  const lifecycleTimer = setInterval(() => void lifecycleRound(), options.lifecycleEveryMs ?? 60_000);
  lifecycleTimer.unref();
  const poolSweep = new PoolSweep(store, ringing, log);
  poolSweep.start(options.poolCheckEveryMs ?? 1000);

  async function authenticateAgent(request: IncomingMessage, route: RouteName): Promise<OwnerPrincipal> {
    const credential = credentialOf(request);
    if (!credential) throw new HttpError('unauthorized', 'sign in first: this route needs Authorization: Bearer <token>');
    if (credential.scheme === 'bearer') return verifyAgent(credential.value);
    const principal = verifyApiKey(credential.value);
    if (!principal) throw new HttpError('unauthorized', 'this API key is not known');
    if (!principal.routes.has(route)) throw new HttpError('forbidden', `this API key may not use ${route}`);
    // Presence and rings are a person's, whatever a key's configuration says.
    if (POOL_ROUTES.has(route)) throw new HttpError('forbidden', "an API key may not act as an expert's desk");
    return principal;
  }

  async function handle(
    request: IncomingMessage,
    response: ServerResponse,
    describe: (route: string, escalation?: string) => void,
  ): Promise<Answer | null> {
    const url = requestUrl(request);
    const match = matchRoute(request.method ?? 'GET', url.pathname);
    if (match.name === undefined) {
      if (match.pathExists) throw new HttpError('not-found', `${request.method} is not allowed on ${url.pathname}`, {}, 405);
      throw new HttpError('not-found', `no route for ${request.method} ${url.pathname}`);
    }
    const name = match.name;
    describe(name, match.params['id']);
    const caller = ROUTES[name].caller;
    const client = clientAddress(request);
    let principal: OwnerPrincipal | undefined;
    if (caller === 'agent') {
      principal = await authenticateAgent(request, name);
    } else {
      await throttles.guestRequestsPerClient.take(client, 'too many requests from this connection; wait a moment');
    }
    const guestToken = caller === 'guest' ? bearer(request) : undefined;
    const limit = bodyLimit(name, maxBody);
    // A body larger than the JSON limit (a still, which only the customer sends) is read only for
    // a customer whose token stands now: anyone else is refused before megabytes arrive.
    if (guestToken !== undefined && limit > maxBody) onlyCustomer(await guest.session(guestToken, name));
    const body = request.method === 'POST' ? await readJsonBody(request, limit) : {};
    // The guest's token is checked here, right before the work and after the body arrived: a code
    // renewed while the body was on its way already counts.
    const run = (): Promise<Answer | null> | Answer | null => {
      if (principal)
        return agentCall(principal, name, match.params, body, url, request, response).then((call) =>
          routes[name as 'createEscalation'](call),
        );
      if (guestToken !== undefined)
        return guest
          .session(guestToken, name)
          .then((session) =>
            routes[name as 'rejoin']({ session, params: match.params, body, response, lastEventId: lastEventIdOf(request) }),
          );
      return routes[name as 'redeem']({ body, client });
    };
    if (!isWrite(request.method ?? '')) return run();
    const key = idempotencyKey(request);
    const subject = principal
      ? `${principal.tenant}|${ownerId(principal)}`
      : guestToken !== undefined
        ? `guest:${tokenHash(guestToken)}`
        : `anyone:${client}:${sha256Hex(JSON.stringify(body['code'] ?? ''))}`;
    const scope = `${subject}|${name}|${target(match.params)}|${key}`;
    // A redeem's (or an accepted ring's) answer carries the guest's token: kept in memory for a retry, never on disk.
    const keep = name === 'redeem' || name === 'rejoin' || name === 'acceptOffer' ? 'memory' : 'stored';
    const answer = await idempotency
      .run(scope, { body, reason: url.searchParams.get('reason') }, async () => (await run())!, keep)
      .catch((error: unknown) => {
        if (name === 'redeem') metrics.redeems.inc({ outcome: error instanceof HttpError ? error.code : 'unavailable' });
        throw error;
      });
    if (name === 'redeem') metrics.redeems.inc({ outcome: 'ok' });
    if (name === 'createEscalation' && answer.status === 201) metrics.creates.inc();
    return answer;
  }

  async function agentCall(
    principal: OwnerPrincipal,
    name: RouteName,
    params: Record<string, string>,
    body: Record<string, unknown>,
    url: URL,
    request: IncomingMessage,
    response: ServerResponse,
  ): Promise<AgentCall> {
    const record = params['id'] === undefined ? undefined : (await store.get(params['id']))?.value;
    if (params['id'] !== undefined) {
      if (!record) throw new HttpError('not-found', 'no such escalation');
      if (record.tenant !== principal.tenant || record.owner !== ownerId(principal))
        throw new HttpError('forbidden', 'this escalation belongs to someone else');
    }
    const createKey =
      name === 'closeByKey'
        ? checkedKey(params['key']!, 'the key in the path')
        : name === 'createEscalation'
          ? idempotencyKey(request)
          : '';
    return {
      principal,
      record,
      params,
      body,
      query: url.searchParams,
      createScope: `${principal.tenant}|${ownerId(principal)}|create|${createKey}`,
      response,
      lastEventId: lastEventIdOf(request),
    };
  }

  const operations: OperationsDeps = {
    metrics,
    metricsToken: options.metricsToken,
    notReady: async () => {
      const missing: string[] = [];
      await store.get('readiness-probe').catch(() => missing.push('store'));
      const answering = await Promise.all(
        deps.janus.all().map((member) =>
          member.rooms.exists(0).then(
            () => true,
            () => false,
          ),
        ),
      );
      if (!answering.includes(true)) missing.push('janus');
      return missing;
    },
  };
  /** What each request was, for its log line: the route (never the path with codes in it) and the escalation. */
  const described = new WeakMap<ServerResponse, { route: string; escalation?: string }>();

  let stopping = false;
  const server = createServer((request, response) => {
    const started = performance.now();
    // While stopping, every answer closes its connection, so the stop does not wait on idle ones.
    if (stopping) response.setHeader('connection', 'close');
    // Every answer is one caller's, now: no browser or proxy may keep it. (Browsers key their cache
    // by URL alone, so a refusal of one guest's `GET /guest/status` would be served to the next.)
    response.setHeader('cache-control', 'no-store');
    const requestId = randomUUID();
    response.on('finish', () => {
      const { route, escalation } = described.get(response) ?? { route: 'unknown' };
      log.info(
        {
          req: requestId,
          method: request.method,
          route,
          escalation,
          status: response.statusCode,
          ms: Math.round(performance.now() - started),
        },
        'request',
      );
    });
    if (applyCors(request, response, origins)) return;
    void operationsEndpoint(request, operations).then((answer) => {
      if (answer) {
        described.set(response, { route: (request.url ?? '').split('?')[0]! });
        return void response.writeHead(answer.status, { 'content-type': answer.type }).end(answer.body);
      }
      return handle(request, response, (route, escalation) =>
        described.set(response, { route, ...(escalation ? { escalation } : {}) }),
      )
        .then((answer) => {
          if (answer === null) return;
          response.writeHead(answer.status, answer.body === undefined ? {} : { 'content-type': 'application/json' });
          response.end(answer.body === undefined ? undefined : JSON.stringify(answer.body));
        })
        .catch((error: unknown) => {
          const refusal =
            error instanceof HttpError
              ? error
              : new HttpError('unavailable', 'the escalation service could not do this now; try again');
          if (!(error instanceof HttpError)) log.error({ req: requestId, err: error }, 'request failed');
          metrics.refusals.inc({ code: refusal.code });
          const headers: Record<string, string> = { 'content-type': 'application/json' };
          if (refusal.extra.retryAfter) headers['retry-after'] = String(refusal.extra.retryAfter);
          if (response.headersSent) return void response.end();
          response.writeHead(refusal.status, headers).end(JSON.stringify(refusal.body));
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const host = options.host ?? '127.0.0.1';
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  log.info({ url }, 'escalation service listening');
  return {
    url,
    store,
    resetThrottles,
    // Gracefully: no new requests, streams told to come back (to another instance), the requests
    // under way finished (at most `graceMs`), then the store closed.
    stop: async (graceMs = 10_000) => {
      // What runs by itself ends before the store closes.
      await Promise.all(guards.map((guard) => guard.stopped()));
      await poolSweep.stop();
      clearInterval(housekeeping);
      clearInterval(lifecycleTimer);
      stopping = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      await hub.stop();
      // Connections go as soon as they have nothing under way; what is still busy after the grace is cut.
      const idle = setInterval(() => server.closeIdleConnections(), 50);
      server.closeIdleConnections();
      const late = setTimeout(() => server.closeAllConnections(), graceMs);
      await closed;
      clearInterval(idle);
      clearTimeout(late);
      await lifecycleRunning;
      await recordings.stop();
      deps.janus.close();
      // A store the caller gave is the caller's to close.
      if (!options.store) await store.close();
    },
  };
}

function bearer(request: IncomingMessage): string {
  const credential = credentialOf(request);
  if (credential?.scheme !== 'bearer')
    throw new HttpError('unauthorized', 'this route needs the guest token from redeeming: Authorization: Bearer <guestToken>');
  return credential.value;
}

/** For an event stream: the last news the client had (the Last-Event-ID header). */
function lastEventIdOf(request: IncomingMessage): number | undefined {
  const lastEventId = Number(request.headers['last-event-id']);
  return Number.isSafeInteger(lastEventId) && lastEventId >= 0 ? lastEventId : undefined;
}

/**
 * What a write is to, for its Idempotency-Key's scope: the escalation (or create key), then any
 * other path parameter, so one key reused on another still, ask or expert is another request.
 */
function target(params: Record<string, string>): string {
  const others = Object.entries(params)
    .filter(([name]) => name !== 'id' && name !== 'key')
    .map(([name, value]) => `|${name}=${value}`);
  return `${params['id'] ?? params['key'] ?? ''}${others.join('')}`;
}

function idempotencyKey(request: IncomingMessage): string {
  const key = request.headers[IDEMPOTENCY_HEADER];
  if (typeof key !== 'string' || key === '')
    throw new HttpError(
      'idempotency-key-required',
      `writes need an ${IDEMPOTENCY_HEADER} header: a new random value per action, the same one for its retries`,
    );
  return checkedKey(key, `the ${IDEMPOTENCY_HEADER} header`);
}

/** An Idempotency-Key, from a header or a path: short and plain. */
function checkedKey(key: string, what: string): string {
  if (key === '' || key.length > MAX_IDEMPOTENCY_KEY || UNSAFE_TEXT.test(key))
    throw new HttpError('bad-request', `${what} must be 1 to ${MAX_IDEMPOTENCY_KEY} plain characters`);
  return key;
}

function requestUrl(request: IncomingMessage): URL {
  try {
    return new URL(request.url ?? '/', 'http://service');
  } catch {
    throw new HttpError('bad-request', 'the request line is not a valid path');
  }
}

/**
 * Who may be in each live room on one server, as whom (the agent, the current guest, the admitted
 * experts), and whether Janus is to record it.
 */
async function liveRooms(store: EscalationStore, janus: JanusPool, server: string): Promise<GuardedRoom[]> {
  return (await store.live())
    .filter((record) => janus.member(record.room.server).id === server)
    .map((record) => {
      const identities = new Map<number, string>([[record.room.agentId, record.room.hostToken]]);
      // Experts waiting in the lobby, turned away or put out are not: a restarted Janus must not let them in.
      for (const invitation of [record.guest, ...record.experts.filter(mayBeInRoom)]) {
        if (invitation.participantId !== null && invitation.janusToken)
          identities.set(invitation.participantId, invitation.janusToken);
      }
      return {
        room: record.room,
        identities,
        record: record.recording?.state === 'on',
        mayRecord: janusMayRecord(record, Date.now()),
      };
    });
}
