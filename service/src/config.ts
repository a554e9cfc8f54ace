// The service's configuration: a JSON file (`--config <file>`) and/or environment variables (which
// win), validated at start. Each bad or missing value is reported by its variable and path.
import { readFileSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { z } from 'zod';
import { ROUTES, type RouteName } from '../../src/protocol/index.js';
import type { JanusServer } from './janus/janus-api.js';
import type { LogLevel } from './logger.js';
import { POOL_ROUTES } from './pool/pool-routes.js';
import type { ServiceOptions } from './service.js';
import { webhookSender } from './senders.js';

const list = (value: string) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

/** Environment variable → where it goes in the configuration, and how its text is read. */
const ENV: Record<string, { path: string[]; read?: (value: string) => unknown }> = {
  ESCALATE_PORT: { path: ['port'], read: Number },
  ESCALATE_HOST: { path: ['host'] },
  ESCALATE_GUEST_URL: { path: ['guestBaseUrl'] },
  ESCALATE_DATA_DIR: { path: ['dataDir'] },
  ESCALATE_DATABASE_URL: { path: ['databaseUrl'] },
  ESCALATE_LOG_LEVEL: { path: ['logLevel'] },
  ESCALATE_METRICS_TOKEN: { path: ['metricsToken'] },
  ESCALATE_JANUS_SERVERS: { path: ['janus', 'servers'], read: readJson },
  ESCALATE_JANUS_HTTP: { path: ['janus', 'httpUrl'] },
  ESCALATE_JANUS_WS: { path: ['janus', 'wsUrl'] },
  ESCALATE_JANUS_ADMIN_KEY: { path: ['janus', 'roomAdminKey'] },
  ESCALATE_JANUS_TOKEN_SECRET: { path: ['janus', 'tokenSecret'] },
  ESCALATE_JANUS_ADMIN_URL: { path: ['janus', 'adminUrl'] },
  ESCALATE_JANUS_ADMIN_SECRET: { path: ['janus', 'adminSecret'] },
  ESCALATE_JANUS_RECORDINGS_DIR: { path: ['janus', 'recordingsDir'] },
  ESCALATE_RECORDINGS_DIR: { path: ['recordings', 'dir'] },
  ESCALATE_JANUS_PP_REC: { path: ['recordings', 'ppRec'] },
  ESCALATE_PP_REC_TIMEOUT_SECONDS: { path: ['recordings', 'ppRecTimeoutSeconds'], read: Number },
  ESCALATE_JWT_ISSUER: { path: ['auth', 'issuer'] },
  ESCALATE_JWT_AUDIENCE: { path: ['auth', 'audience'] },
  ESCALATE_JWT_SECRET: { path: ['auth', 'secret'] },
  ESCALATE_JWKS_URL: { path: ['auth', 'jwksUrl'] },
  ESCALATE_JWT_CLOCK_TOLERANCE: { path: ['auth', 'clockToleranceSeconds'], read: Number },
  ESCALATE_JWT_TENANT_CLAIM: { path: ['auth', 'tenantClaim'] },
  ESCALATE_API_KEYS: { path: ['apiKeys'], read: readJson },
  ESCALATE_CORS_ORIGINS: { path: ['corsOrigins'], read: list },
  ESCALATE_TRUSTED_PROXIES: { path: ['trustedProxies'], read: list },
  ESCALATE_TURN_URLS: { path: ['turn', 'urls'], read: list },
  ESCALATE_TURN_SECRET: { path: ['turn', 'secret'] },
  ESCALATE_SMS_WEBHOOK_URL: { path: ['sms', 'webhookUrl'] },
  ESCALATE_SMS_WEBHOOK_TOKEN: { path: ['sms', 'webhookToken'] },
  ESCALATE_NATIONAL_ID_PATTERNS: { path: ['redaction', 'nationalIdPatterns'], read: readJson },
  ESCALATE_SMS_CALLING_CODES: { path: ['limits', 'smsCallingCodes'], read: list },
  ESCALATE_CODE_TTL_SECONDS: { path: ['limits', 'codeTtlSeconds'], read: Number },
  ESCALATE_ROOM_TOKEN_TTL_SECONDS: { path: ['limits', 'roomTokenTtlSeconds'], read: Number },
  ESCALATE_DELIVERIES_PER_ESCALATION: { path: ['limits', 'deliveriesPerEscalation'], read: Number },
  ESCALATE_EXPERT_INVITES_PER_ESCALATION: { path: ['limits', 'expertInvitesPerEscalation'], read: Number },
  ESCALATE_EXPERT_RING_SECONDS: { path: ['limits', 'expertRingSeconds'], read: Number },
  ESCALATE_EXPERT_OVERFLOW_SECONDS: { path: ['limits', 'expertOverflowSeconds'], read: Number },
  ESCALATE_LOBBY_GONE_SECONDS: { path: ['limits', 'lobbyGoneSeconds'], read: Number },
  ESCALATE_EXPERT_REQUESTS_PER_ESCALATION: { path: ['limits', 'expertRequestsPerEscalation'], read: Number },
  ESCALATE_MAX_LIFETIME_SECONDS: { path: ['limits', 'maxLifetimeSeconds'], read: Number },
  ESCALATE_RETENTION_DAYS: { path: ['limits', 'retentionDays'], read: Number },
  ESCALATE_SENDS_PER_AGENT_PER_HOUR: { path: ['limits', 'sendsPerAgent'], read: perHour },
  ESCALATE_SENDS_PER_TENANT_PER_HOUR: { path: ['limits', 'sendsPerTenant'], read: perHour },
};

function readJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

function perHour(value: string) {
  return { points: Number(value), windowSeconds: 3600 };
}

const url = (what: string, schemes: string[]) =>
  z.string({ error: `${what} is required` }).refine(
    (value) => {
      try {
        return schemes.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    },
    { error: `${what} must be a ${schemes.join(' or ')} URL` },
  );
const secret = (what: string, min: number) =>
  z.string({ error: `${what} is required` }).min(min, { error: `${what} must be at least ${min} characters` });
const count = (what: string) =>
  z
    .number({ error: `${what} must be a number` })
    .int({ error: `${what} must be a whole number` })
    .positive({ error: `${what} must be more than 0` });
const rule = (what: string) => z.object({ points: count(what), windowSeconds: count(`${what} window`) });
/**
 * Where a Janus records: the same path is given to Janus as each room's `rec_dir`, so it must be
 * absolute; Janus makes folders of at most 255 characters and saves the room's `rec_dir` in its
 * own config file (quoted), so it is short and plain.
 */
const recordingsDir = (what: string) =>
  z
    .string({ error: `${what} must be a path` })
    .refine((value) => isAbsolute(value), { error: `${what} must be an absolute path (Janus is given the same one)` })
    .refine((value) => value.length <= 200, {
      error: `${what} must be at most 200 characters (Janus's limit, with the room's folder)`,
    })
    .refine((value) => !/["\\\p{Cc}]/u.test(value), {
      error: `${what} must not contain quotes, backslashes or control characters`,
    });
// An expert's presence and rings are a person's: no API key may be given the pool's routes.
const routeNames = Object.keys(ROUTES).filter(
  (name) => ROUTES[name as RouteName].caller === 'agent' && !POOL_ROUTES.has(name as RouteName),
) as [RouteName, ...RouteName[]];

const configSchema = z.object({
  port: z.number({ error: 'port must be a number' }).int().min(0).max(65535, { error: 'port must be 0–65535' }).default(8001),
  host: z.string().default('127.0.0.1'),
  guestBaseUrl: url('the guest page URL', ['http:', 'https:']),
  dataDir: z.string({ error: 'the data folder is required' }).min(1),
  databaseUrl: url('the database URL', ['postgres:', 'postgresql:']).optional(),
  metricsToken: secret('the metrics token', 16).optional(),
  logLevel: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'log level must be one of fatal, error, warn, info, debug, trace, silent',
    })
    .default('info'),
  janus: z
    .object(
      {
        // One server by these four…
        httpUrl: url("Janus's HTTP API URL", ['http:', 'https:']).optional(),
        wsUrl: url("Janus's WebSocket URL", ['ws:', 'wss:']).optional(),
        adminUrl: url("Janus's admin API URL", ['http:', 'https:']).optional(),
        adminSecret: secret("Janus's admin_secret", 8).optional(),
        recordingsDir: recordingsDir("Janus's recordings folder").optional(),
        // …or several, sharing the admin key and the token secret.
        servers: z
          .array(
            z
              .object({
                id: z
                  .string({ error: 'each Janus server needs an id' })
                  .regex(/^[a-z0-9-]{1,32}$/, { error: 'a Janus server id is 1–32 lower-case letters, digits and dashes' }),
                httpUrl: url("a Janus server's HTTP API URL", ['http:', 'https:']),
                wsUrl: url("a Janus server's WebSocket URL", ['ws:', 'wss:']),
                adminUrl: url("a Janus server's admin API URL", ['http:', 'https:']).optional(),
                adminSecret: secret("a Janus server's admin_secret", 8).optional(),
                recordingsDir: recordingsDir("a Janus server's recordings folder").optional(),
              })
              .refine((server) => Boolean(server.adminUrl) === Boolean(server.adminSecret), {
                error: "give both a Janus server's admin API URL and its admin_secret, or neither",
              }),
            { error: 'Janus servers must be a JSON array of { id, httpUrl, wsUrl, adminUrl, adminSecret, recordingsDir }' },
          )
          .min(1)
          .optional(),
        roomAdminKey: secret("VideoRoom's admin_key", 8),
        tokenSecret: secret("Janus's token_auth_secret", 16),
      },
      { error: 'the Janus settings are required' },
    )
    .refine((janus) => Boolean(janus.adminUrl) === Boolean(janus.adminSecret), {
      error: "give both Janus's admin API URL and its admin_secret, or neither",
    })
    .refine((janus) => (janus.servers ? !janus.httpUrl && !janus.wsUrl : Boolean(janus.httpUrl && janus.wsUrl)), {
      error: "give Janus's HTTP API and WebSocket URLs, or a list of servers, not both",
    })
    .refine((janus) => !(janus.servers && janus.recordingsDir), {
      error: "with a list of Janus servers, give each one's recordings folder in the list",
    }),
  recordings: z
    .object({
      dir: z
        .string()
        .min(1)
        .refine((value) => isAbsolute(value), { error: 'the recordings files folder must be an absolute path' })
        .optional(),
      ppRec: z.string().min(1, { error: "janus-pp-rec's path must not be empty" }).default('janus-pp-rec'),
      ppRecTimeoutSeconds: count('the time limit of one conversion').default(600),
    })
    .default({ ppRec: 'janus-pp-rec', ppRecTimeoutSeconds: 600 }),
  auth: z
    .object(
      {
        issuer: z.string({ error: 'the JWT issuer is required' }).min(1),
        audience: z.string({ error: 'the JWT audience is required' }).min(1),
        secret: secret('the JWT secret', 32).optional(),
        // Over plain HTTP, anyone on the way could hand the service their own signing keys.
        jwksUrl: url('the JWKS URL', ['https:']).optional(),
        clockToleranceSeconds: z
          .number()
          .int()
          .min(0)
          .max(300, { error: 'the clock tolerance must be at most 300 seconds' })
          .default(30),
        tenantClaim: z.string().min(1).default('tenant'),
      },
      { error: 'agent authentication settings are required' },
    )
    .refine((auth) => Boolean(auth.secret) !== Boolean(auth.jwksUrl), {
      error: 'give either a JWT secret (HS256) or a JWKS URL (RS256/ES256), not both',
    }),
  apiKeys: z
    .array(
      z.object({
        id: z.string().min(1),
        tenant: z.string().min(1),
        sha256: z.string().regex(/^[0-9a-f]{64}$/, { error: 'an API key entry needs its sha256 as 64 hex digits' }),
        routes: z.array(z.enum(routeNames, { error: `API key routes must be among ${routeNames.join(', ')}` })).min(1),
      }),
      { error: 'API keys must be a JSON array of { id, tenant, sha256, routes }' },
    )
    .default([]),
  corsOrigins: z
    .array(
      z
        .string()
        .refine((origin) => /^https?:\/\/[^/]+$/.test(origin), { error: 'a CORS origin is scheme://host[:port], nothing more' }),
    )
    .default([]),
  trustedProxies: z.array(z.string()).default([]),
  turn: z
    .object({
      urls: z
        .array(
          z
            .string()
            .regex(/^turns?:[^\s]+$/, { error: 'a TURN URL is turn:host:port or turns:host:port (with ?transport=udp or tcp)' }),
        )
        .min(1, { error: 'give at least one TURN URL' }),
      secret: secret("coturn's static-auth-secret", 16),
    })
    .optional(),
  redaction: z
    .object({
      nationalIdPatterns: z
        .array(
          z.string().refine(
            (source) => {
              try {
                new RegExp(source, 'g');
                return true;
              } catch {
                return false;
              }
            },
            { error: 'a national-id pattern is a regular expression (its source, without slashes or flags)' },
          ),
          { error: 'the national-id patterns are a JSON array of regular expressions' },
        )
        .optional(),
    })
    .optional(),
  sms: z
    .object({ webhookUrl: url('the SMS webhook URL', ['https:', 'http:']).optional(), webhookToken: z.string().optional() })
    .default({}),
  limits: z
    .object({
      smsCallingCodes: z
        .array(z.string().regex(/^(\*|[1-9]\d{0,3})$/, { error: 'calling codes are 1–4 digits (such as 1 or 44), or *' }))
        .optional(),
      codeTtlSeconds: count('the code lifetime').optional(),
      roomTokenTtlSeconds: count('the room token lifetime').optional(),
      deliveriesPerEscalation: count('deliveries per escalation').optional(),
      expertInvitesPerEscalation: count('expert invites per escalation').optional(),
      expertRingSeconds: count("the time an expert's desk rings").optional(),
      expertOverflowSeconds: count('the time a request for an expert may go unanswered').optional(),
      lobbyGoneSeconds: count("the time a waiting expert's page may be gone").optional(),
      expertRequestsPerEscalation: count('requests for an expert per escalation').optional(),
      maxLifetimeSeconds: count('the longest an escalation may last').optional(),
      retentionDays: count('the retention of personal data').optional(),
      sendsPerAgent: rule('sends per agent').optional(),
      sendsPerTenant: rule('sends per tenant').optional(),
    })
    .default({}),
});

export type ServiceConfig = z.output<typeof configSchema>;

export class ConfigError extends Error {}

/** Reads the configuration; throws a ConfigError listing every problem. */
export function loadConfig(env: NodeJS.ProcessEnv, configFile?: string): ServiceConfig {
  const raw: Record<string, unknown> = configFile ? (readJsonFile(configFile) as Record<string, unknown>) : {};
  for (const [name, { path, read }] of Object.entries(ENV)) {
    const value = env[name];
    if (value === undefined || value === '') continue;
    setPath(raw, path, read ? read(value) : value);
  }
  const result = configSchema.safeParse(raw);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const path = issue.path.join('.');
    const source = Object.entries(ENV).find(
      ([, entry]) => path === entry.path.join('.') || path.startsWith(`${entry.path.join('.')}.`),
    )?.[0];
    return `  ${source ? `${source} (${path})` : path || 'configuration'}: ${issue.message}`;
  });
  throw new ConfigError(`The escalation service's configuration is not valid:\n${problems.join('\n')}`);
}

/** The service's options from a checked configuration. */
export function serviceOptions(config: ServiceConfig): ServiceOptions {
  const { limits, sms, auth } = config;
  return {
    port: config.port,
    host: config.host,
    guestBaseUrl: config.guestBaseUrl,
    dataDir: config.dataDir,
    databaseUrl: config.databaseUrl,
    logLevel: config.logLevel as LogLevel,
    metricsToken: config.metricsToken,
    janus: janusServers(config.janus),
    auth,
    apiKeys: config.apiKeys,
    corsOrigins: config.corsOrigins,
    trustedProxies: config.trustedProxies,
    turn: config.turn,
    ...(config.redaction?.nationalIdPatterns ? { redaction: { nationalIdPatterns: config.redaction.nationalIdPatterns } } : {}),
    ...(sms.webhookUrl ? { send: webhookSender(sms.webhookUrl, sms.webhookToken) } : {}),
    recordings: {
      dir: config.recordings.dir,
      ppRec: config.recordings.ppRec,
      ppRecTimeoutMs: config.recordings.ppRecTimeoutSeconds * 1000,
    },
    limits: Object.fromEntries(Object.entries(limits).filter(([, value]) => value !== undefined)),
  };
}

/** The configured Janus servers, each with the shared admin key and token secret. */
function janusServers({
  servers,
  roomAdminKey,
  tokenSecret,
  httpUrl,
  wsUrl,
  adminUrl,
  adminSecret,
  recordingsDir,
}: ServiceConfig['janus']): JanusServer[] {
  if (servers) return servers.map((server) => ({ ...server, roomAdminKey, tokenSecret }));
  return [{ httpUrl: httpUrl!, wsUrl: wsUrl!, adminUrl, adminSecret, roomAdminKey, tokenSecret, recordingsDir }];
}

function readJsonFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`The configuration file ${file} cannot be read: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`The configuration file ${file} is not JSON: ${(error as Error).message}`);
  }
}

function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[path[path.length - 1]!] = value;
}
