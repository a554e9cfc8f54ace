// A running escalation service for a test file: a real Janus, the service over real HTTP with the
// tests' sign-in issuer, an SMS provider stand-in, and helpers to call it as each kind of caller.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { request as httpRequest } from 'node:http';
import { SignJWT } from 'jose';
import { sha256Hex, startService, webhookSender, type ApiKeyConfig, type Limits, type RunningService } from '../../src/index.js';
import { mintDevAgentToken } from '../../src/auth/dev-tokens.js';
import { mutate } from '../../src/escalations/mutate.js';
import type { EscalationRecord } from '../../src/escalations/records.js';
import Database from 'better-sqlite3';
import { pino } from 'pino';
import type { Escalation, JoinDetails } from '../../../src/protocol/index.js';
import { startTestJanus, type StartedJanus } from './janus.js';
import { startSmsProvider, type SmsProvider } from './sms-provider.js';

export const AUTH = {
  issuer: 'escalate-test',
  audience: 'escalate-video',
  secret: randomBytes(32).toString('hex'),
  clockToleranceSeconds: 5,
  tenantClaim: 'tenant',
};

export interface Answer {
  status: number;
  body: unknown;
  headers: Headers;
}

/** The error code of a refusal (undefined for a success). */
export function codeOf(answer: Answer): string | undefined {
  return (answer.body as { error?: { code?: string } } | undefined)?.error?.code;
}

/** Status and error code together, for one assertion per refusal. */
export function outcome(answer: Answer): [number, string | undefined] {
  return [answer.status, codeOf(answer)];
}

export interface CallOptions {
  /** A full Authorization header value, or a bearer token. */
  authorization?: string;
  bearer?: string;
  body?: unknown;
  /** The Idempotency-Key; a fresh one by default on writes, `null` for none. */
  key?: string | null;
  headers?: Record<string, string>;
  /** The raw body text (for hostile bodies), sent as JSON unless headers say otherwise. */
  raw?: string;
}

/**
 * A request whose headers go out now and whose body only when `send()` is called: what a slow
 * client does, to see what changed in between counts.
 */
export function heldRequest(
  url: string,
  method: string,
  headers: Record<string, string>,
  body: unknown,
): { send(): Promise<Answer> } {
  const target = new URL(url);
  const text = JSON.stringify(body);
  const request = httpRequest({
    host: target.hostname,
    port: target.port,
    path: target.pathname,
    method,
    headers: { ...headers, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) },
  });
  const answered = new Promise<Answer>((resolve, reject) => {
    request.on('response', (response) => {
      let received = '';
      response.on('data', (chunk: Buffer) => (received += chunk));
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          body: received ? (JSON.parse(received) as unknown) : undefined,
          headers: new Headers(),
        }),
      );
    });
    request.on('error', reject);
  });
  request.flushHeaders();
  return {
    send: () => {
      request.end(text);
      return answered;
    },
  };
}

export interface Harness {
  url: string;
  service: RunningService;
  /** Where this service keeps recordings' playable files. */
  recordingFiles: string;
  janus: StartedJanus;
  sms: SmsProvider;
  apiKeys: Record<string, string>;
  /** `name`: the JWT's `name` claim (the agent's name the customer sees). */
  agentToken(agent?: string, tenant?: string, ttlSeconds?: number, name?: string): Promise<string>;
  call(method: string, path: string, options?: CallOptions): Promise<Answer>;
  /** An escalation created by `agent` of `tenant`. */
  escalate(agent?: string, tenant?: string, overrides?: Record<string, unknown>): Promise<Escalation>;
  /** Redeems a code or link as a customer would. */
  redeem(code: string, headers?: Record<string, string>): Promise<JoinDetails>;
  /** An escalation as the service keeps it. */
  record(id: string): Promise<EscalationRecord>;
  /** Changes a kept escalation behind the service's back (a code's expiry, say). */
  change(id: string, how: (record: EscalationRecord) => void): Promise<void>;
  /** Everything the service keeps, read from its database by another connection. */
  kept(): string;
  stop(): Promise<void>;
}

/**
 * The tests' API keys: one for a contact-center flow allowed to create and send, and no more; one
 * given the pool's routes (and asking for an expert), which the service must still refuse on an
 * expert's desk routes (a configuration file could not give them).
 */
const FLOW_KEY = `evk_${randomBytes(24).toString('hex')}`;
const POOL_KEY = `evk_${randomBytes(24).toString('hex')}`;
const API_KEYS: ApiKeyConfig[] = [
  { id: 'flow-1', tenant: 'tenant-1', sha256: sha256Hex(FLOW_KEY), routes: ['createEscalation', 'deliverLink'] },
  {
    id: 'flow-pool',
    tenant: 'tenant-1',
    sha256: sha256Hex(POOL_KEY),
    routes: ['createEscalation', 'requestExpert', 'setPresence', 'poolEvents', 'acceptOffer', 'declineOffer'],
  },
];

export interface HarnessOptions {
  limits?: Partial<Limits>;
  trustedProxies?: string[];
  /** Keep the data in this PostgreSQL instead of SQLite (several instances may share it). */
  databaseUrl?: string;
  /** Share another harness's Janus and SMS provider (a second instance of the service). */
  beside?: Harness;
  metricsToken?: string;
  /** A Janus of the caller's (it starts and stops it), instead of one of the harness's own. */
  janus?: StartedJanus;
  /** More Janus servers of the same deployment (started with `startTestJanus(name, first)`). */
  moreJanus?: StartedJanus[];
  janusCheckEveryMs?: number;
  /** How often the service moves requests for an expert on (rings that ran out, overflows). */
  poolCheckEveryMs?: number;
  /** Where the service's log lines go (JSON, one a line); none by default. */
  logLines?: string[];
  /**
   * Recording: each Janus records into `recordings/` of its own run folder; `false` sets none up.
   * `dir`: where the playable files go (the data folder's by default; instances share one);
   * `ppRec`: the post-processing tool (Debian's `janus-pp-rec` by default).
   */
  recording?: false | { dir?: string; ppRec?: string; settleMs?: number };
}

/** Where a test Janus records (a folder of its run folder), as the service is told. */
export function recordingsDirOf(janus: StartedJanus): string {
  return join(dirname(janus.logFile), 'recordings');
}

export async function startHarness(name: string, options: HarnessOptions = {}): Promise<Harness> {
  const janus = options.beside?.janus ?? options.janus ?? (await startTestJanus(name));
  const sms = options.beside?.sms ?? (await startSmsProvider());
  const dataDir = mkdtempSync(join(tmpdir(), 'escalate-service-test-'));
  const recording = options.recording === false ? undefined : (options.recording ?? {});
  const service = await startService({
    janus: [janus, ...(options.moreJanus ?? [])].map((server, index) => ({
      id: `janus-${index + 1}`,
      httpUrl: server.httpUrl,
      wsUrl: server.wsUrl,
      roomAdminKey: server.roomAdminKey,
      tokenSecret: server.tokenSecret,
      adminUrl: server.adminUrl,
      adminSecret: server.adminSecret,
      ...(recording ? { recordingsDir: recordingsDirOf(server) } : {}),
    })),
    recordings: {
      dir: recording?.dir ?? join(dataDir, 'recordings'),
      ppRec: recording?.ppRec,
      settleMs: recording?.settleMs ?? 2000,
    },
    auth: AUTH,
    apiKeys: API_KEYS,
    corsOrigins: ['https://desk.example.com'],
    trustedProxies: options.trustedProxies ?? [],
    dataDir,
    guestBaseUrl: 'https://video.example.com/join',
    send: webhookSender(sms.url),
    limits: { smsCallingCodes: ['1', '44'], ...options.limits },
    databaseUrl: options.databaseUrl,
    metricsToken: options.metricsToken,
    ...(options.logLines
      ? { logger: pino({ level: 'info' }, { write: (line: string) => void options.logLines!.push(line) }) }
      : { logLevel: 'silent' as const }),
    janusCheckEveryMs: options.janusCheckEveryMs ?? 200,
    poolCheckEveryMs: options.poolCheckEveryMs ?? 100,
  });
  const agentToken = (agent = 'agent-1', tenant = 'tenant-1', ttlSeconds = 600, name?: string) =>
    mintDevAgentToken({ ...AUTH, agent, tenant, ttlSeconds, ...(name ? { name } : {}) });
  const call = async (method: string, path: string, options: CallOptions = {}): Promise<Answer> => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.bearer) headers['authorization'] = `Bearer ${options.bearer}`;
    if (options.authorization) headers['authorization'] = options.authorization;
    const write = method === 'POST' || method === 'DELETE';
    if (write && options.key !== null) headers['idempotency-key'] = options.key ?? randomUUID();
    const body = options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
    if (body !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
    const response = await fetch(`${service.url}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // Not JSON (an event stream): keep the text.
    }
    return { status: response.status, body: parsed, headers: response.headers };
  };
  const escalate = async (agent = 'agent-1', tenant = 'tenant-1', overrides: Record<string, unknown> = {}) => {
    const answer = await call('POST', '/escalations', {
      bearer: await agentToken(agent, tenant),
      body: {
        interaction: {
          id: `call-${randomUUID()}`,
          channel: 'chat',
          customerName: 'Ada Customer',
          customerPhone: '+15551230000',
          ...overrides,
        },
        delivery: { channel: 'sms' },
        mode: 'chat',
      },
    });
    if (answer.status !== 201) throw new Error(`creating an escalation failed: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body as Escalation;
  };
  const redeem = async (code: string, headers: Record<string, string> = {}) => {
    const answer = await call('POST', '/guest/redeem', { body: { code }, headers });
    if (answer.status !== 200) throw new Error(`redeeming failed: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body as JoinDetails;
  };
  const record = async (id: string) => (await service.store.get(id))!.value;
  const change = async (id: string, how: (record: EscalationRecord) => void) => {
    await mutate(service.store, id, how);
  };
  const kept = () => {
    const db = new Database(join(dataDir, 'escalations.sqlite'), { readonly: true });
    try {
      const tables = ['escalations', 'credentials', 'grants', 'idempotency', 'cancelled_creates', 'ratings', 'snapshots'];
      return JSON.stringify(tables.map((table) => db.prepare(`SELECT * FROM ${table} ORDER BY 1`).all()));
    } finally {
      db.close();
    }
  };
  return {
    url: service.url,
    service,
    recordingFiles: recording?.dir ?? join(dataDir, 'recordings'),
    record,
    change,
    kept,
    janus,
    sms,
    apiKeys: { flow: FLOW_KEY, pool: POOL_KEY },
    agentToken,
    call,
    escalate,
    redeem,
    stop: async () => {
      await service.stop();
      if (!options.beside) await sms.stop();
      if (!options.beside && !options.janus) await janus.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A JWT the service must refuse: expired, signed with another key, for another audience or issuer. */
export async function badToken(
  kind: 'expired' | 'bad-signature' | 'wrong-audience' | 'wrong-issuer' | 'no-tenant' | 'none-alg',
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  if (kind === 'none-alg') {
    const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    return `${encode({ alg: 'none', typ: 'JWT' })}.${encode({ sub: 'agent-1', tenant: 'tenant-1', iss: AUTH.issuer, aud: AUTH.audience, exp: now + 600 })}.`;
  }
  const claims = kind === 'no-tenant' ? {} : { tenant: 'tenant-1' };
  const jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('agent-1')
    .setIssuer(kind === 'wrong-issuer' ? 'someone-else' : AUTH.issuer)
    .setAudience(kind === 'wrong-audience' ? 'another-app' : AUTH.audience)
    .setIssuedAt(now - 1200)
    .setExpirationTime(kind === 'expired' ? now - 600 : now + 600);
  return jwt.sign(new TextEncoder().encode(kind === 'bad-signature' ? randomBytes(32).toString('hex') : AUTH.secret));
}

/** The token a guest link carries. */
export function linkToken(url: string): string {
  return new URLSearchParams(new URL(url).hash.slice(1)).get('code') ?? '';
}
