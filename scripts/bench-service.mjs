// `npm run bench:service`: the escalation service under load, over real HTTP on loopback, against
// a Janus of the project's own (in a private network namespace when root). Prints, beside the
// targets of issue 11:
//   a write's latency with 50,000 escalations already stored (SQLite, and PostgreSQL);
//   concurrent agents doing the whole flow (create, send the link, redeem, two progress reports,
//   close): throughput, errors, p50 and p99 of each step, on SQLite, on PostgreSQL with one
//   instance, and on PostgreSQL with two instances (requests alternating between them).
// Each instance is its own process (the `escalate-service` command), as deployed; the load comes
// from this one, each flow from an address of its own (a trusted proxy's X-Forwarded-For), so the
// per-client throttles see many customers, as they would.
// Bounded: BENCH_FLOWS flows (500) at BENCH_CONCURRENCY at once (50); everything stops by itself.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mintDevAgentToken, PostgresStore, SqliteStore } from '@escalate-video/service';
import { startServiceProcess } from './service-process.mjs';
import { freePort, startJanus } from './janus.mjs';
import { runInNamespace } from './netns.mjs';
import { startPostgres } from './postgres.mjs';
import { ensureSystemPackages, isRoot } from './system-deps.mjs';

const root = join(fileURLToPath(new URL('..', import.meta.url)));
const flows = Number(process.env.BENCH_FLOWS ?? 500);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 50);
const stored = Number(process.env.BENCH_STORED ?? 50_000);
const auth = {
  issuer: 'escalate-bench',
  audience: 'escalate-video',
  secret: randomBytes(32).toString('hex'),
  clockToleranceSeconds: 5,
  tenantClaim: 'tenant',
};

const quantile = (values, q) => {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] : NaN;
};

/** A closed escalation as a store keeps one, for filling a store. */
function closedRecord(i) {
  const now = Date.now();
  const invitation = {
    code: `B${String(i).padStart(8, '0')}`,
    linkToken: randomBytes(32).toString('base64url'),
    expiresAt: now,
    redeemedBy: null,
    participantId: null,
    janusToken: null,
  };
  return {
    id: randomUUID(),
    tenant: 'bench',
    owner: 'agent:seed',
    createScope: `seed-${i}`,
    interaction: { id: `seed-${i}`, channel: 'chat', customerName: 'Seed' },
    mode: 'chat',
    destination: { sms: null, email: null },
    destinationChanges: [],
    room: { room: i + 1, secret: 's', agentId: 1, hostToken: 't' },
    guest: invitation,
    generation: 1,
    retired: [],
    experts: [],
    status: 'closed',
    createdAt: now,
    closedAt: now,
    closeReason: 'hangup',
    deliveries: [],
    progress: [],
    newLinkRequests: 0,
    refusedNewLinkRequests: 0,
    newLinkAsked: false,
    callback: null,
    rated: false,
  };
}

/** (1) With `stored` escalations kept, the p50 and p99 of one write (a version-checked replace). */
async function writeLatency(store) {
  const batch = 1000;
  for (let i = 0; i < stored; i += batch)
    await Promise.all(Array.from({ length: Math.min(batch, stored - i) }, (_, k) => store.insert(closedRecord(i + k))));
  const probe = closedRecord(stored + 1);
  await store.insert({ ...probe, status: 'active', closedAt: null });
  const times = [];
  for (let i = 0; i < 500; i += 1) {
    const current = await store.get(probe.id);
    const started = performance.now();
    await store.replace({ ...current.value, newLinkRequests: i }, current.version);
    times.push(performance.now() - started);
  }
  return { p50: quantile(times, 0.5), p99: quantile(times, 0.99) };
}

async function call(base, method, path, { token, body, client } = {}) {
  const started = performance.now();
  const response = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...(method !== 'GET' ? { 'idempotency-key': randomUUID() } : {}),
      ...(client ? { 'x-forwarded-for': client } : {}),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  return { ok: response.ok, status: response.status, body: text ? JSON.parse(text) : undefined, ms: performance.now() - started };
}

/** (2) `flows` whole flows, `concurrency` at once, over the given instances in turn. */
async function load(urls, token) {
  const steps = { create: [], deliver: [], redeem: [], progress: [], close: [] };
  let errors = 0;
  let next = 0;
  let turn = 0;
  const base = () => urls[turn++ % urls.length];
  const record = (step, answer) => {
    steps[step].push(answer.ms);
    if (!answer.ok) errors += 1;
    return answer;
  };
  let customers = 0;
  const flow = async () => {
    customers += 1;
    const client = `10.${(customers >> 16) & 255}.${(customers >> 8) & 255}.${customers & 255}`;
    const created = record(
      'create',
      await call(base(), 'POST', '/escalations', {
        token,
        body: { interaction: { id: `load-${randomUUID()}`, channel: 'chat' }, delivery: { channel: 'chat' }, mode: 'chat' },
      }),
    );
    if (!created.ok) return;
    const { id, guestCode } = created.body;
    record('deliver', await call(base(), 'POST', `/escalations/${id}/deliveries`, { token, body: { channel: 'chat' } }));
    const redeemed = record('redeem', await call(base(), 'POST', '/guest/redeem', { body: { code: guestCode }, client }));
    if (redeemed.ok) {
      for (const report of ['opened', 'joined'])
        record(
          'progress',
          await call(base(), 'POST', '/guest/progress', { token: redeemed.body.guestToken, body: { report }, client }),
        );
    }
    record('close', await call(base(), 'DELETE', `/escalations/${id}?reason=hangup`, { token }));
  };
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < flows) {
        next += 1;
        await flow();
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { perSecond: flows / seconds, errors, steps };
}

function printLoad(name, result) {
  console.log(
    `\n${name}: ${flows} flows, ${concurrency} at once: ${result.perSecond.toFixed(1)} flows/s, ${result.errors} errors`,
  );
  console.log('  step'.padEnd(14) + 'p50 ms'.padStart(9) + 'p99 ms'.padStart(9));
  for (const [step, times] of Object.entries(result.steps))
    console.log(
      `  ${step}`.padEnd(14) + quantile(times, 0.5).toFixed(1).padStart(9) + quantile(times, 0.99).toFixed(1).padStart(9),
    );
}

async function bench() {
  const runDir = join(root, '.run', `bench-service-${process.pid}`);
  const janus = await startJanus({ runDir: join(runDir, 'janus'), iceAddress: process.env.ESCALATE_ICE_ADDRESS });
  const postgres = await startPostgres({ runDir: join(runDir, 'postgres') });
  const janusServer = {
    httpUrl: janus.httpUrl,
    wsUrl: janus.wsUrl,
    roomAdminKey: janus.roomAdminKey,
    tokenSecret: janus.tokenSecret,
  };
  const token = await mintDevAgentToken({ ...auth, agent: 'bench-agent', tenant: 'bench', ttlSeconds: 3600 });
  const folders = [];
  const service = async (env = {}) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'bench-service-'));
    folders.push(dataDir);
    return startServiceProcess({
      env: {
        ESCALATE_PORT: String(await freePort()),
        ESCALATE_GUEST_URL: 'http://127.0.0.1/join',
        ESCALATE_DATA_DIR: dataDir,
        ESCALATE_JANUS_HTTP: janusServer.httpUrl,
        ESCALATE_JANUS_WS: janusServer.wsUrl,
        ESCALATE_JANUS_ADMIN_KEY: janusServer.roomAdminKey,
        ESCALATE_JANUS_TOKEN_SECRET: janusServer.tokenSecret,
        ESCALATE_JANUS_ADMIN_URL: janus.adminUrl,
        ESCALATE_JANUS_ADMIN_SECRET: janus.adminSecret,
        ESCALATE_JWT_ISSUER: auth.issuer,
        ESCALATE_JWT_AUDIENCE: auth.audience,
        ESCALATE_JWT_SECRET: auth.secret,
        ESCALATE_TRUSTED_PROXIES: 'loopback',
        ESCALATE_LOG_LEVEL: 'error',
        ...env,
      },
    });
  };
  try {
    console.log(`(1) a write with ${stored} escalations stored (target: p99 under 5 ms on SQLite; the JSON file took 736 ms)`);
    const sqliteFolder = mkdtempSync(join(tmpdir(), 'bench-sqlite-'));
    folders.push(sqliteFolder);
    const sqlite = new SqliteStore(sqliteFolder);
    const sqliteWrite = await writeLatency(sqlite);
    await sqlite.close();
    console.log(`  SQLite:     p50 ${sqliteWrite.p50.toFixed(2)} ms, p99 ${sqliteWrite.p99.toFixed(2)} ms`);
    const pgStore = await PostgresStore.open(postgres.url);
    const pgWrite = await writeLatency(pgStore);
    await pgStore.close();
    console.log(`  PostgreSQL: p50 ${pgWrite.p50.toFixed(2)} ms, p99 ${pgWrite.p99.toFixed(2)} ms`);

    console.log(
      '\n(2) concurrent agents, the whole flow (targets: 0 errors; redeem p99 under 50 ms on SQLite; two PostgreSQL instances at least 1.6x one)',
    );
    const onSqlite = await service({});
    const sqliteLoad = await load([onSqlite.url], token);
    printLoad('SQLite, one instance', sqliteLoad);
    await onSqlite.stop();
    const a = await service({ ESCALATE_DATABASE_URL: postgres.url });
    const one = await load([a.url], token);
    printLoad('PostgreSQL, one instance', one);
    const b = await service({ ESCALATE_DATABASE_URL: postgres.url });
    const two = await load([a.url, b.url], token);
    printLoad('PostgreSQL, two instances', two);
    await b.stop();
    await a.stop();
    console.log(`\ntwo instances / one = ${(two.perSecond / one.perSecond).toFixed(2)}  (target at least 1.6)`);
  } finally {
    await postgres.stop();
    await janus.stop();
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
    rmSync(runDir, { recursive: true, force: true });
  }
}

ensureSystemPackages(['janus', 'iproute2', 'postgresql']);
if (isRoot() && !process.env.ESCALATE_NETNS && process.env.ESCALATE_NO_NETNS !== '1') {
  process.exit(await runInNamespace(fileURLToPath(import.meta.url), process.argv.slice(2), 'escalate-bench-'));
}
await bench();
process.exit(0);
