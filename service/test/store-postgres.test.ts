// The store contract against PostgreSQL (a cluster this file starts), and what is PostgreSQL's
// own: migrations that run once when instances start together, and a clear error when the
// database cannot be reached.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { MIGRATIONS } from '../src/store/migrations.js';
import { PostgresStore } from '../src/store/postgres-store.js';
import { StoreError } from '../src/store/store-error.js';
import { startTestPostgres, type StartedPostgres } from './support/postgres.js';
import { escalationRecord, storeContract } from './support/store-contract.js';

let postgres: StartedPostgres;
const opened: PostgresStore[] = [];
before(async () => {
  postgres = await startTestPostgres('store');
});
after(async () => {
  for (const store of opened) await store.close().catch(() => undefined);
  await postgres.stop();
});

async function open(): Promise<PostgresStore> {
  const store = await PostgresStore.open(postgres.url);
  opened.push(store);
  return store;
}

storeContract('PostgreSQL', open);

describe('PostgreSQL store, its database', () => {
  it('brings an empty database up to date once, even when instances start together', async () => {
    const stores = await Promise.all([open(), open(), open()]);
    const { rows } = await stores[0]!.pool.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
    assert.deepEqual(rows.map((row) => row.version), MIGRATIONS.map((migration) => migration.version));
    const record = escalationRecord();
    await stores[1]!.insert(record);
    assert.equal((await stores[2]!.get(record.id))?.value.id, record.id, 'one database, seen by all');
  });

  it('says clearly when the database cannot be reached', async () => {
    const unreachable = postgres.url.replace(/:(\d+)\//, ':1/');
    await assert.rejects(PostgresStore.open(unreachable), (error: unknown) => error instanceof StoreError && /the PostgreSQL store at postgres:\/\/escalate@127\.0\.0\.1:1\/postgres cannot be used/.test(error.message));
  });
});
