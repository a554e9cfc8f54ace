// The stores' schema, in numbered steps per SQL dialect; a store applies the steps it has not
// yet, in order, each in a transaction, and notes each in `schema_migrations`.
export type Dialect = 'sqlite' | 'postgres';

export interface Migration {
  version: number;
  name: string;
  sql: Record<Dialect, string>;
}

const time = { sqlite: 'INTEGER', postgres: 'BIGINT' };

interface Types {
  time: string;
  /** A count that may pass 2^31 (a file's bytes). */
  big: string;
  json: string;
  serial: string;
  bytes: string;
  flag: string;
  no: string;
}

function both(build: (types: Types) => string): Record<Dialect, string> {
  return {
    sqlite: build({
      time: time.sqlite,
      big: 'INTEGER',
      json: 'TEXT',
      serial: 'INTEGER PRIMARY KEY AUTOINCREMENT',
      bytes: 'BLOB',
      flag: 'INTEGER',
      no: '0',
    }),
    postgres: build({
      time: time.postgres,
      big: 'BIGINT',
      json: 'JSONB',
      serial: 'BIGSERIAL PRIMARY KEY',
      bytes: 'BYTEA',
      flag: 'BOOLEAN',
      no: 'false',
    }),
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
      -- A row without an answer is a write under way (claimed by one instance); with one, done.
      CREATE TABLE idempotency (
        scope TEXT PRIMARY KEY,
        request_hash TEXT NOT NULL,
        answer ${json},
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
  {
    version: 2,
    name: "the agent's progress news, kept for a reconnecting stream, and the streams open on each instance",
    sql: both(
      ({ time, serial }) => `
      CREATE TABLE escalation_events (
        id ${serial},
        escalation_id TEXT NOT NULL,
        event TEXT NOT NULL,
        data TEXT NOT NULL,
        at ${time} NOT NULL
      );
      CREATE INDEX escalation_events_escalation ON escalation_events (escalation_id, id);
      CREATE TABLE progress_streams (
        stream_id TEXT PRIMARY KEY,
        escalation_id TEXT NOT NULL,
        seen_at ${time} NOT NULL
      );
      CREATE INDEX progress_streams_escalation ON progress_streams (escalation_id);
      -- When a closed escalation's personal data was removed (after the retention).
      ALTER TABLE escalations ADD COLUMN purged_at ${time};
      CREATE INDEX escalations_closed_at ON escalations (closed_at);
      -- The throttles' counters, shared by every instance (rate-limiter-flexible's own layout).
      CREATE TABLE rate_limits (
        key VARCHAR(255) PRIMARY KEY,
        points INTEGER NOT NULL DEFAULT 0,
        expire ${time}
      );`,
    ),
  },
  {
    version: 3,
    name: "stills from customers' cameras, kept apart from their escalations (they are large)",
    sql: both(
      ({ time, json, bytes, flag, no }) => `
      CREATE TABLE snapshots (
        id TEXT PRIMARY KEY,
        escalation_id TEXT NOT NULL REFERENCES escalations (id) ON DELETE CASCADE,
        ask TEXT NOT NULL,
        type TEXT NOT NULL,
        width INTEGER NOT NULL,
        height INTEGER NOT NULL,
        taken_at ${time} NOT NULL,
        image ${bytes} NOT NULL,
        -- Kept for the case by the agent; the others go when the call ends.
        saved ${flag} NOT NULL DEFAULT ${no},
        marks ${json} NOT NULL,
        note TEXT NOT NULL
      );
      CREATE INDEX snapshots_escalation ON snapshots (escalation_id, taken_at);`,
    ),
  },
  {
    version: 4,
    name: 'recordings: who turns a closed call into files (one instance), and the files made',
    sql: both(
      ({ time, big }) => `
      -- One row per closed escalation whose recording was (or is being) turned into files: the
      -- instance that claimed it, since when (a claim that old is taken over), and when it was done.
      CREATE TABLE recording_jobs (
        escalation_id TEXT PRIMARY KEY REFERENCES escalations (id) ON DELETE CASCADE,
        claimed_by TEXT NOT NULL,
        claimed_at ${time} NOT NULL,
        attempts INTEGER NOT NULL,
        done_at ${time}
      );
      -- The playable files (their bytes are in the recordings folder, named by escalation and id).
      CREATE TABLE recording_files (
        escalation_id TEXT NOT NULL REFERENCES escalations (id) ON DELETE CASCADE,
        id TEXT NOT NULL,
        participant TEXT NOT NULL,
        kind TEXT NOT NULL,
        type TEXT NOT NULL,
        bytes ${big} NOT NULL,
        started_at ${time} NOT NULL,
        PRIMARY KEY (escalation_id, id)
      );`,
    ),
  },
  {
    version: 5,
    name: "the expert pool: experts' presence, requests for an expert and their rings",
    sql: both(
      ({ time, json, flag }) => `
      -- What each expert's desk said last (per tenant and sign-in sub).
      CREATE TABLE pool_presence (
        tenant TEXT NOT NULL,
        expert TEXT NOT NULL,
        name TEXT NOT NULL,
        skills ${json} NOT NULL,
        available ${flag} NOT NULL,
        available_since ${time},
        updated_at ${time} NOT NULL,
        PRIMARY KEY (tenant, expert)
      );
      -- Requests for an expert, changed by compare-and-swap on the version like escalations.
      CREATE TABLE expert_requests (
        id TEXT PRIMARY KEY,
        escalation_id TEXT NOT NULL REFERENCES escalations (id) ON DELETE CASCADE,
        tenant TEXT NOT NULL,
        state TEXT NOT NULL,
        -- The expert whose desk rings now for it (null when none does).
        ringing_expert TEXT,
        accepted_by TEXT,
        accepted_at ${time},
        version INTEGER NOT NULL,
        created_at ${time} NOT NULL,
        data ${json} NOT NULL
      );
      -- One open request per escalation, and one live ring per expert, whichever instance writes.
      CREATE UNIQUE INDEX expert_requests_one_open ON expert_requests (escalation_id) WHERE state = 'ringing';
      CREATE UNIQUE INDEX expert_requests_one_ring ON expert_requests (tenant, ringing_expert) WHERE ringing_expert IS NOT NULL;
      CREATE INDEX expert_requests_state ON expert_requests (state);
      CREATE INDEX expert_requests_accepted ON expert_requests (tenant, accepted_by, accepted_at);
      -- Which request each offer (one ring) belongs to.
      CREATE TABLE expert_offers (
        offer_id TEXT PRIMARY KEY,
        request_id TEXT NOT NULL REFERENCES expert_requests (id) ON DELETE CASCADE
      );
      CREATE INDEX expert_offers_request ON expert_offers (request_id);`,
    ),
  },
];

export const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at ${time.postgres} NOT NULL)`;
