// The stores' schema, in numbered steps per SQL dialect; a store applies the steps it has not
// yet, in order, each in a transaction, and notes each in `schema_migrations`.
export type Dialect = 'sqlite' | 'postgres';

export interface Migration {
  version: number;
  name: string;
  sql: Record<Dialect, string>;
}

const time = { sqlite: 'INTEGER', postgres: 'BIGINT' };

function both(build: (types: { time: string; json: string; serial: string }) => string): Record<Dialect, string> {
  return {
    sqlite: build({ time: time.sqlite, json: 'TEXT', serial: 'INTEGER PRIMARY KEY AUTOINCREMENT' }),
    postgres: build({ time: time.postgres, json: 'JSONB', serial: 'BIGSERIAL PRIMARY KEY' }),
  };
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'escalations, credentials, grants, idempotent answers, cancelled creates, ratings',
    sql: both(
      ({ time, json, serial }) => `
      CREATE TABLE escalations (
        id TEXT PRIMARY KEY,
        tenant TEXT NOT NULL,
        interaction_id TEXT NOT NULL,
        status TEXT NOT NULL,
        create_scope TEXT NOT NULL,
        version INTEGER NOT NULL,
        created_at ${time} NOT NULL,
        closed_at ${time},
        data ${json} NOT NULL
      );
      -- One escalation being made or on per tenant and interaction, whichever instance asks.
      CREATE UNIQUE INDEX escalations_one_live ON escalations (tenant, interaction_id) WHERE status IN ('creating', 'active');
      CREATE INDEX escalations_create_scope ON escalations (create_scope);
      CREATE INDEX escalations_status ON escalations (status);
      CREATE TABLE credentials (
        credential TEXT PRIMARY KEY,
        escalation_id TEXT NOT NULL REFERENCES escalations (id) ON DELETE CASCADE
      );
      CREATE TABLE grants (
        token_hash TEXT PRIMARY KEY,
        escalation_id TEXT NOT NULL,
        expires_at ${time} NOT NULL,
        data ${json} NOT NULL
      );
      CREATE INDEX grants_expires_at ON grants (expires_at);
      CREATE TABLE idempotency (
        scope TEXT PRIMARY KEY,
        request_hash TEXT NOT NULL,
        answer ${json} NOT NULL,
        at ${time} NOT NULL
      );
      CREATE INDEX idempotency_at ON idempotency (at);
      CREATE TABLE cancelled_creates (
        scope TEXT PRIMARY KEY,
        at ${time} NOT NULL
      );
      CREATE TABLE ratings (
        id ${serial},
        tenant TEXT NOT NULL,
        interaction_id TEXT NOT NULL,
        escalation_id TEXT NOT NULL,
        score INTEGER NOT NULL,
        comment TEXT,
        at ${time} NOT NULL
      );`,
    ),
  },
];

export const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at ${time.postgres} NOT NULL)`;
