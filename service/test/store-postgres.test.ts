// The store contract against PostgreSQL (a cluster this file starts), and what is PostgreSQL's
// own: migrations that run once when instances start together, and a clear error when the
// database cannot be reached.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { MIGRATIONS, MIGRATIONS_TABLE } from '../src/store/migrations.js';
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
    assert.deepEqual(
      rows.map((row) => row.version),
      MIGRATIONS.map((migration) => migration.version),
    );
    const record = escalationRecord();
    await stores[1]!.insert(record);
    assert.equal((await stores[2]!.get(record.id))?.value.id, record.id, 'one database, seen by all');
  });

  it('brings a database of the previous schema up to date, keeping its escalations', async () => {
    const admin = new pg.Client({ connectionString: postgres.url });
    await admin.connect();
    await admin.query('CREATE DATABASE previous_schema');
    await admin.end();
    const url = postgres.url.replace(/\/postgres$/, '/previous_schema');
    const previous = new pg.Client({ connectionString: url });
    await previous.connect();
    await previous.query(MIGRATIONS_TABLE);
    await previous.query(MIGRATIONS[0]!.sql.postgres);
    await previous.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES (1, $1, 0)', [MIGRATIONS[0]!.name]);
    const record = escalationRecord();
    await previous.query(
      'INSERT INTO escalations (id, tenant, interaction_id, status, create_scope, version, created_at, closed_at, data) VALUES ($1, $2, $3, $4, $5, 1, $6, NULL, $7)',
      [
        record.id,
        record.tenant,
        record.interaction.id,
        record.status,
        record.createScope,
        record.createdAt,
        JSON.stringify(record),
      ],
    );
    await previous.end();
    const store = await PostgresStore.open(url);
    opened.push(store);
    assert.deepEqual((await store.get(record.id))?.value, record);
    await store.addEvent(record.id, 'progress', 'opened', 1);
    assert.equal((await store.eventsSince(record.id, 0)).length, 1, 'the newer tables are there');
  });

  it('says clearly when the database cannot be reached', async () => {
    const unreachable = postgres.url.replace(/:(\d+)\//, ':1/');
    await assert.rejects(
      PostgresStore.open(unreachable),
      (error: unknown) =>
        error instanceof StoreError &&
        /the PostgreSQL store at postgres:\/\/escalate@127\.0\.0\.1:1\/postgres cannot be used/.test(error.message),
    );
  });
});
