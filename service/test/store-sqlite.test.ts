// The store contract against SQLite, and what is SQLite's own: a file kept across restarts, and
// a file that is not a database refused at start with nothing touched.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { MIGRATIONS, MIGRATIONS_TABLE } from '../src/store/migrations.js';
import { SqliteStore } from '../src/store/sqlite-store.js';
import { StoreError } from '../src/store/store-error.js';
import { escalationRecord, storeContract } from './support/store-contract.js';

const folder = mkdtempSync(join(tmpdir(), 'sqlite-store-'));
const opened: SqliteStore[] = [];
after(async () => {
  for (const store of opened) await store.close().catch(() => undefined);
  rmSync(folder, { recursive: true, force: true });
});

function open(dataDir = mkdtempSync(join(folder, 'data-'))): SqliteStore {
  const store = new SqliteStore(dataDir);
  opened.push(store);
  return store;
}

storeContract('SQLite', async () => open());

describe('SQLite store, its file', () => {
  it('keeps everything across a close and an open, and applies no step twice', async () => {
    const dataDir = mkdtempSync(join(folder, 'keep-'));
    const first = open(dataDir);
    const record = escalationRecord();
    await first.insert(record);
    await first.close();
    const again = open(dataDir);
    assert.deepEqual(await again.get(record.id), { value: record, version: 1 });
  });

  it('brings a database of the previous schema up to date, keeping its escalations', async () => {
    const dataDir = mkdtempSync(join(folder, 'previous-'));
    const previous = new Database(join(dataDir, 'escalations.sqlite'));
    previous.exec(MIGRATIONS_TABLE);
    previous.exec(MIGRATIONS[0]!.sql.sqlite);
    previous.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (1, ?, 0)').run(MIGRATIONS[0]!.name);
    const record = escalationRecord();
    previous
      .prepare(
        'INSERT INTO escalations (id, tenant, interaction_id, status, create_scope, version, created_at, closed_at, data) VALUES (?, ?, ?, ?, ?, 1, ?, NULL, ?)',
      )
      .run(
        record.id,
        record.tenant,
        record.interaction.id,
        record.status,
        record.createScope,
        record.createdAt,
        JSON.stringify(record),
      );
    previous.close();
    const store = open(dataDir);
    assert.deepEqual((await store.get(record.id))?.value, record);
    await store.addEvent(record.id, 'progress', 'opened', 1);
    assert.equal((await store.eventsSince(record.id, 0)).length, 1, 'the newer tables are there');
  });

  it('refuses a file that is not a database with a clear error, and leaves it as it was', () => {
    const dataDir = mkdtempSync(join(folder, 'corrupt-'));
    const file = join(dataDir, 'escalations.sqlite');
    writeFileSync(file, 'this is not a database, but someone’s notes');
    assert.throws(
      () => new SqliteStore(dataDir),
      (error: unknown) =>
        error instanceof StoreError && /escalations\.sqlite cannot be used: .*not a database/.test(error.message),
    );
    assert.equal(readFileSync(file, 'utf8'), 'this is not a database, but someone’s notes');
  });
});
