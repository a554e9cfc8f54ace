// The store for several service instances: PostgreSQL through `pg`. The same contract as the
// SQLite store, held by the database itself (a partial unique index, versioned updates,
// transactions), so instances on one database behave as one service.
import pg from 'pg';
import type {
  EscalationRecord,
  GuestGrant,
  KeptRecordingFile,
  KeptSnapshot,
  KeptSnapshotImage,
  RatingRecord,
} from '../escalations/records.js';
import type { SnapshotImageType, SnapshotMark } from '../../../src/protocol/index.js';
import { POOL_CHANNEL_PREFIX, type StoredNewsName } from '../news.js';
import type { ExpertRequestRecord, PresenceRecord } from '../pool/records.js';
import {
  credentialsOf,
  matchCredential,
  requestColumns,
  type CredentialMatch,
  type EscalationStore,
  type IdempotentEntry,
  type StoredAnswer,
  type StoredEvent,
  type Versioned,
} from './contract.js';
import { MIGRATIONS, MIGRATIONS_TABLE } from './migrations.js';
import { StoreError } from './store-error.js';

interface EscalationRow {
  data: EscalationRecord;
  version: number;
}

interface SnapshotRow {
  id: string;
  escalation_id: string;
  ask: string;
  type: SnapshotImageType;
  width: number;
  height: number;
  taken_at: string;
  saved: boolean;
  marks: SnapshotMark[];
  note: string;
}

const SNAPSHOT_COLUMNS = 'id, escalation_id, ask, type, width, height, taken_at, saved, marks, note';

interface RecordingFileRow {
  id: string;
  escalation_id: string;
  participant: KeptRecordingFile['participant'];
  kind: KeptRecordingFile['kind'];
  type: KeptRecordingFile['type'];
  /** BIGINT: pg answers it as text. */
  bytes: string;
  started_at: string;
}

const RECORDING_FILE_COLUMNS = 'id, escalation_id, participant, kind, type, bytes, started_at';

interface PresenceRow {
  tenant: string;
  expert: string;
  name: string;
  skills: string[];
  available: boolean;
  available_since: string | null;
  updated_at: string;
}

const PRESENCE_COLUMNS = 'tenant, expert, name, skills, available, available_since, updated_at';

interface RequestRow {
  data: ExpertRequestRecord;
  version: number;
}

/** The channel news goes out on to every instance. */
const NEWS_CHANNEL = 'escalation_news';

/** Any one number this project's tables use as a lock, so two instances starting at once migrate once. */
const MIGRATION_LOCK = 0x65736376;

export class PostgresStore implements EscalationStore {
  private constructor(
    readonly pool: pg.Pool,
    private readonly url: string,
  ) {}

  /** Connects and brings the schema up to date; an unreachable database is a StoreError. */
  static async open(url: string, poolSize = 10): Promise<PostgresStore> {
    const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 5000 });
    // An idle client that loses its connection must not take the process down.
    pool.on('error', () => undefined);
    const store = new PostgresStore(pool, url);
    try {
      await store.migrate();
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw new StoreError(
        `the PostgreSQL store at ${redacted(url)} cannot be used: ${(error as Error).message}. Nothing was changed.`,
      );
    }
    return store;
  }

  async insert(record: EscalationRecord): Promise<{ inserted: true } | { inserted: false; live: Versioned<EscalationRecord> }> {
    for (;;) {
      const outcome = await this.transaction(async (client) => {
        const added = await client.query(
          `INSERT INTO escalations (id, tenant, interaction_id, status, create_scope, version, created_at, closed_at, data)
           VALUES ($1, $2, $3, $4, $5, 1, $6, $7, $8)
           ON CONFLICT (tenant, interaction_id) WHERE status IN ('creating', 'active') DO NOTHING`,
          [
            record.id,
            record.tenant,
            record.interaction.id,
            record.status,
            record.createScope,
            record.createdAt,
            record.closedAt,
            JSON.stringify(record),
          ],
        );
        if (added.rowCount === 1) {
          await this.index(client, record);
          return { inserted: true as const };
        }
        const live = await client.query<EscalationRow>(
          "SELECT data, version FROM escalations WHERE tenant = $1 AND interaction_id = $2 AND status IN ('creating', 'active')",
          [record.tenant, record.interaction.id],
        );
        return live.rows[0] ? { inserted: false as const, live: versioned(live.rows[0]) } : undefined;
      });
      // The live one closed between the two statements: try again.
      if (outcome) return outcome;
    }
  }

  async get(id: string): Promise<Versioned<EscalationRecord> | undefined> {
    const { rows } = await this.pool.query<EscalationRow>('SELECT data, version FROM escalations WHERE id = $1', [id]);
    return rows[0] ? versioned(rows[0]) : undefined;
  }

  async replace(record: EscalationRecord, version: number): Promise<boolean> {
    return this.transaction(async (client) => {
      const updated = await client.query(
        'UPDATE escalations SET status = $1, closed_at = $2, version = version + 1, data = $3 WHERE id = $4 AND version = $5',
        [record.status, record.closedAt, JSON.stringify(record), record.id, version],
      );
      if (updated.rowCount !== 1) return false;
      await this.index(client, record);
      return true;
    });
  }

  async remove(id: string): Promise<void> {
    await this.pool.query('DELETE FROM escalations WHERE id = $1', [id]);
  }

  async byCreateScope(scope: string): Promise<Versioned<EscalationRecord> | undefined> {
    const { rows } = await this.pool.query<EscalationRow>('SELECT data, version FROM escalations WHERE create_scope = $1', [
      scope,
    ]);
    return rows[0] ? versioned(rows[0]) : undefined;
  }

  async byCredential(credential: string): Promise<CredentialMatch | undefined> {
    const { rows } = await this.pool.query<EscalationRow>(
      'SELECT e.data, e.version FROM credentials c JOIN escalations e ON e.id = c.escalation_id WHERE c.credential = $1',
      [credential],
    );
    return rows[0] ? matchCredential(versioned(rows[0]).value, credential) : undefined;
  }

  async liveFor(tenant: string, interactionId: string): Promise<Versioned<EscalationRecord> | undefined> {
    const { rows } = await this.pool.query<EscalationRow>(
      "SELECT data, version FROM escalations WHERE tenant = $1 AND interaction_id = $2 AND status IN ('creating', 'active')",
      [tenant, interactionId],
    );
    return rows[0] ? versioned(rows[0]) : undefined;
  }

  async live(): Promise<EscalationRecord[]> {
    const { rows } = await this.pool.query<EscalationRow>(
      "SELECT data, version FROM escalations WHERE status IN ('creating', 'active')",
    );
    return rows.map((row) => versioned(row).value);
  }

  async grant(tokenHash: string): Promise<GuestGrant | undefined> {
    const { rows } = await this.pool.query<{ data: GuestGrant }>('SELECT data FROM grants WHERE token_hash = $1', [tokenHash]);
    return rows[0]?.data;
  }

  async putGrant(tokenHash: string, grant: GuestGrant): Promise<void> {
    await this.pool.query(
      'INSERT INTO grants (token_hash, escalation_id, expires_at, data) VALUES ($1, $2, $3, $4) ON CONFLICT (token_hash) DO UPDATE SET expires_at = excluded.expires_at, data = excluded.data',
      [tokenHash, grant.escalationId, grant.expiresAt, JSON.stringify(grant)],
    );
  }

  async takeGrant(tokenHash: string): Promise<boolean> {
    return (await this.pool.query('DELETE FROM grants WHERE token_hash = $1', [tokenHash])).rowCount === 1;
  }

  async idempotent(scope: string): Promise<IdempotentEntry | undefined> {
    const { rows } = await this.pool.query<{ request_hash: string; answer: IdempotentEntry['answer']; at: string }>(
      'SELECT request_hash, answer, at FROM idempotency WHERE scope = $1',
      [scope],
    );
    const row = rows[0];
    return row ? { requestHash: row.request_hash, answer: row.answer, at: Number(row.at) } : undefined;
  }

  async claimIdempotent(scope: string, requestHash: string, at: number): Promise<boolean> {
    return (
      (
        await this.pool.query(
          'INSERT INTO idempotency (scope, request_hash, answer, at) VALUES ($1, $2, NULL, $3) ON CONFLICT (scope) DO NOTHING',
          [scope, requestHash, at],
        )
      ).rowCount === 1
    );
  }

  async settleIdempotent(scope: string, answer: StoredAnswer): Promise<void> {
    await this.pool.query('UPDATE idempotency SET answer = $1 WHERE scope = $2', [JSON.stringify(answer), scope]);
  }

  async releaseIdempotent(scope: string, claimedAt: number): Promise<void> {
    await this.pool.query('DELETE FROM idempotency WHERE scope = $1 AND answer IS NULL AND at = $2', [scope, claimedAt]);
  }

  async takeOverIdempotent(scope: string, seenAt: number, at: number): Promise<boolean> {
    return (
      (
        await this.pool.query('UPDATE idempotency SET at = $1 WHERE scope = $2 AND answer IS NULL AND at = $3', [
          at,
          scope,
          seenAt,
        ])
      ).rowCount === 1
    );
  }

  async forgetIdempotent(scope: string): Promise<void> {
    await this.pool.query('DELETE FROM idempotency WHERE scope = $1', [scope]);
  }

  async cancelCreate(scope: string, at: number): Promise<void> {
    await this.pool.query('INSERT INTO cancelled_creates (scope, at) VALUES ($1, $2) ON CONFLICT (scope) DO NOTHING', [
      scope,
      at,
    ]);
  }

  async createCancelled(scope: string): Promise<boolean> {
    return ((await this.pool.query('SELECT 1 FROM cancelled_creates WHERE scope = $1', [scope])).rowCount ?? 0) > 0;
  }

  async addRating(rating: RatingRecord): Promise<void> {
    await this.pool.query(
      'INSERT INTO ratings (tenant, interaction_id, escalation_id, score, comment, at) VALUES ($1, $2, $3, $4, $5, $6)',
      [rating.tenant, rating.interactionId, rating.escalationId, rating.score, rating.comment, rating.at],
    );
  }

  async ratings(): Promise<RatingRecord[]> {
    const { rows } = await this.pool.query<{
      tenant: string;
      interaction_id: string;
      escalation_id: string;
      score: number;
      comment: string | null;
      at: string;
    }>('SELECT tenant, interaction_id, escalation_id, score, comment, at FROM ratings ORDER BY id');
    return rows.map((row) => ({
      tenant: row.tenant,
      interactionId: row.interaction_id,
      escalationId: row.escalation_id,
      score: row.score,
      comment: row.comment,
      at: Number(row.at),
    }));
  }

  async addEvent(escalationId: string, event: StoredNewsName, data: string, at: number): Promise<number> {
    return this.transaction(async (client) => {
      // One escalation's news is numbered and committed in order (a stream skips what is not newer).
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [escalationId]);
      const { rows } = await client.query<{ id: string }>(
        'INSERT INTO escalation_events (escalation_id, event, data, at) VALUES ($1, $2, $3, $4) RETURNING id',
        [escalationId, event, data, at],
      );
      const id = Number(rows[0]!.id);
      // Every instance listens: the news reaches the agent's stream wherever it is open.
      await client.query('SELECT pg_notify($1, $2)', [
        NEWS_CHANNEL,
        JSON.stringify({ id, escalationId, event, data } satisfies StoredEvent),
      ]);
      return id;
    });
  }

  async eventsSince(escalationId: string, afterId: number): Promise<StoredEvent[]> {
    const { rows } = await this.pool.query<{ id: string; event: StoredNewsName; data: string }>(
      'SELECT id, event, data FROM escalation_events WHERE escalation_id = $1 AND id > $2 ORDER BY id',
      [escalationId, afterId],
    );
    return rows.map((row) => ({ id: Number(row.id), escalationId, event: row.event, data: row.data }));
  }

  /**
   * Listens on a connection of its own. When that connection drops (a database restart, a proxy
   * timeout), it connects again, with a growing wait, and calls `reconnected` so the caller can
   * fetch what it missed meanwhile.
   */
  async subscribe(
    listener: (event: StoredEvent) => void,
    reconnected: () => void = () => undefined,
  ): Promise<() => Promise<void>> {
    let stopped = false;
    let client: pg.Client | undefined;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const connect = async (): Promise<void> => {
      const next = new pg.Client({ connectionString: this.url, connectionTimeoutMillis: 5000 });
      let gone = false;
      const lost = () => {
        if (gone || stopped) return;
        gone = true;
        client = undefined;
        next.end().catch(() => undefined);
        let wait = 250;
        const again = () => {
          if (stopped) return;
          connect().then(reconnected, () => {
            wait = Math.min(wait * 2, 5000);
            retry = setTimeout(again, wait);
          });
        };
        retry = setTimeout(again, wait);
      };
      next.on('error', lost);
      next.on('end', lost);
      next.on('notification', (message) => {
        if (message.channel === NEWS_CHANNEL && message.payload) listener(JSON.parse(message.payload) as StoredEvent);
      });
      await next.connect();
      await next.query(`LISTEN ${NEWS_CHANNEL}`);
      client = next;
    };
    await connect();
    return async () => {
      stopped = true;
      clearTimeout(retry);
      await client?.end().catch(() => undefined);
    };
  }

  async openStream(streamId: string, key: string, at: number): Promise<void> {
    await this.pool.query(
      'INSERT INTO progress_streams (stream_id, escalation_id, seen_at) VALUES ($1, $2, $3) ON CONFLICT (stream_id) DO UPDATE SET seen_at = excluded.seen_at',
      [streamId, key, at],
    );
  }

  async touchStreams(streamIds: readonly string[], at: number): Promise<void> {
    if (streamIds.length)
      await this.pool.query('UPDATE progress_streams SET seen_at = $1 WHERE stream_id = ANY($2::text[])', [at, [...streamIds]]);
  }

  async closeStream(streamId: string): Promise<void> {
    await this.pool.query('DELETE FROM progress_streams WHERE stream_id = $1', [streamId]);
  }

  async openStreams(key: string, since: number): Promise<number> {
    const { rows } = await this.pool.query<{ count: string }>(
      'SELECT count(*) AS count FROM progress_streams WHERE escalation_id = $1 AND seen_at >= $2',
      [key, since],
    );
    return Number(rows[0]!.count);
  }

  async addSnapshot(snapshot: KeptSnapshotImage): Promise<void> {
    await this.pool.query(
      'INSERT INTO snapshots (id, escalation_id, ask, type, width, height, taken_at, image, saved, marks, note) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)',
      [
        snapshot.id,
        snapshot.escalationId,
        snapshot.ask,
        snapshot.type,
        snapshot.width,
        snapshot.height,
        snapshot.takenAt,
        snapshot.image,
        snapshot.saved,
        JSON.stringify(snapshot.marks),
        snapshot.note,
      ],
    );
  }

  async snapshots(escalationId: string): Promise<KeptSnapshot[]> {
    const { rows } = await this.pool.query<SnapshotRow>(
      `SELECT ${SNAPSHOT_COLUMNS} FROM snapshots WHERE escalation_id = $1 ORDER BY taken_at, id`,
      [escalationId],
    );
    return rows.map(snapshotOf);
  }

  async snapshot(escalationId: string, id: string): Promise<KeptSnapshotImage | undefined> {
    const { rows } = await this.pool.query<SnapshotRow & { image: Buffer }>(
      `SELECT ${SNAPSHOT_COLUMNS}, image FROM snapshots WHERE escalation_id = $1 AND id = $2`,
      [escalationId, id],
    );
    return rows[0] ? { ...snapshotOf(rows[0]), image: rows[0].image } : undefined;
  }

  async keepSnapshot(escalationId: string, id: string, marks: SnapshotMark[], note: string): Promise<boolean> {
    const updated = await this.pool.query(
      'UPDATE snapshots SET saved = true, marks = $1, note = $2 WHERE escalation_id = $3 AND id = $4',
      [JSON.stringify(marks), note, escalationId, id],
    );
    return updated.rowCount === 1;
  }

  async removeSnapshot(escalationId: string, id: string): Promise<boolean> {
    return (
      (await this.pool.query('DELETE FROM snapshots WHERE escalation_id = $1 AND id = $2', [escalationId, id])).rowCount === 1
    );
  }

  async removeUnkeptSnapshots(escalationId?: string): Promise<number> {
    const removed = await this.pool.query(
      "DELETE FROM snapshots WHERE saved = false AND ($1::text IS NULL OR escalation_id = $1) AND escalation_id IN (SELECT id FROM escalations WHERE status = 'closed')",
      [escalationId ?? null],
    );
    return removed.rowCount ?? 0;
  }

  async claimRecordingJob(escalationId: string, by: string, at: number, staleBefore: number): Promise<boolean> {
    const claimed = await this.pool.query(
      `INSERT INTO recording_jobs (escalation_id, claimed_by, claimed_at, attempts, done_at) VALUES ($1, $2, $3, 1, NULL)
       ON CONFLICT (escalation_id) DO UPDATE SET claimed_by = excluded.claimed_by, claimed_at = excluded.claimed_at,
         attempts = recording_jobs.attempts + 1
       WHERE recording_jobs.done_at IS NULL AND recording_jobs.claimed_at < $4`,
      [escalationId, by, at, staleBefore],
    );
    return claimed.rowCount === 1;
  }

  async releaseRecordingJob(escalationId: string, by: string): Promise<void> {
    await this.pool.query(
      'UPDATE recording_jobs SET claimed_at = 0 WHERE escalation_id = $1 AND claimed_by = $2 AND done_at IS NULL',
      [escalationId, by],
    );
  }

  async finishRecordingJob(escalationId: string, by: string, at: number): Promise<void> {
    await this.pool.query(
      'UPDATE recording_jobs SET done_at = $1 WHERE escalation_id = $2 AND claimed_by = $3 AND done_at IS NULL',
      [at, escalationId, by],
    );
  }

  async recordingJob(escalationId: string): Promise<{ attempts: number; done: boolean } | undefined> {
    const { rows } = await this.pool.query<{ attempts: number; done_at: string | null }>(
      'SELECT attempts, done_at FROM recording_jobs WHERE escalation_id = $1',
      [escalationId],
    );
    return rows[0] ? { attempts: rows[0].attempts, done: rows[0].done_at !== null } : undefined;
  }

  async recordingJobsDue(staleBefore: number, limit: number): Promise<string[]> {
    const { rows } = await this.pool.query<{ id: string }>(
      `SELECT e.id FROM escalations e LEFT JOIN recording_jobs j ON j.escalation_id = e.id
       WHERE e.status = 'closed' AND e.purged_at IS NULL
         AND (j.escalation_id IS NULL OR (j.done_at IS NULL AND j.claimed_at < $1))
       ORDER BY e.closed_at LIMIT $2`,
      [staleBefore, limit],
    );
    return rows.map((row) => row.id);
  }

  async addRecordingFile(file: KeptRecordingFile): Promise<void> {
    await this.pool.query(
      `INSERT INTO recording_files (${RECORDING_FILE_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (escalation_id, id) DO UPDATE SET participant = excluded.participant, kind = excluded.kind,
         type = excluded.type, bytes = excluded.bytes, started_at = excluded.started_at`,
      [file.id, file.escalationId, file.participant, file.kind, file.type, file.bytes, file.startedAt],
    );
  }

  async recordingFiles(escalationId: string): Promise<KeptRecordingFile[]> {
    const { rows } = await this.pool.query<RecordingFileRow>(
      `SELECT ${RECORDING_FILE_COLUMNS} FROM recording_files WHERE escalation_id = $1 ORDER BY started_at, id`,
      [escalationId],
    );
    return rows.map(recordingFileOf);
  }

  async recordingFile(escalationId: string, id: string): Promise<KeptRecordingFile | undefined> {
    const { rows } = await this.pool.query<RecordingFileRow>(
      `SELECT ${RECORDING_FILE_COLUMNS} FROM recording_files WHERE escalation_id = $1 AND id = $2`,
      [escalationId, id],
    );
    return rows[0] ? recordingFileOf(rows[0]) : undefined;
  }

  async putPresence(record: PresenceRecord): Promise<PresenceRecord> {
    const { rows } = await this.pool.query<PresenceRow>(
      `INSERT INTO pool_presence (${PRESENCE_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (tenant, expert) DO UPDATE SET name = excluded.name, skills = excluded.skills,
         available = excluded.available, updated_at = excluded.updated_at,
         available_since = CASE WHEN NOT excluded.available THEN NULL
           WHEN pool_presence.available THEN pool_presence.available_since
           ELSE excluded.available_since END
       RETURNING ${PRESENCE_COLUMNS}`,
      [
        record.tenant,
        record.expert,
        record.name,
        JSON.stringify(record.skills),
        record.available,
        record.available ? record.availableSince : null,
        record.updatedAt,
      ],
    );
    return presenceOf(rows[0]!);
  }

  async presence(tenant: string, expert: string): Promise<PresenceRecord | undefined> {
    const { rows } = await this.pool.query<PresenceRow>(
      `SELECT ${PRESENCE_COLUMNS} FROM pool_presence WHERE tenant = $1 AND expert = $2`,
      [tenant, expert],
    );
    return rows[0] ? presenceOf(rows[0]) : undefined;
  }

  async poolOf(tenant: string): Promise<PresenceRecord[]> {
    const { rows } = await this.pool.query<PresenceRow>(
      `SELECT ${PRESENCE_COLUMNS} FROM pool_presence WHERE tenant = $1 ORDER BY expert`,
      [tenant],
    );
    return rows.map(presenceOf);
  }

  async addExpertRequest(request: ExpertRequestRecord): Promise<boolean> {
    try {
      await this.transaction(async (client) => {
        await client.query(
          `INSERT INTO expert_requests (id, escalation_id, tenant, state, ringing_expert, accepted_by, accepted_at, version, created_at, data)
           VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8, $9)`,
          [...requestColumns(request), request.createdAt, JSON.stringify(request)],
        );
        await this.indexOffers(client, request);
      });
      return true;
    } catch (error) {
      if (uniqueViolation(error)) return false;
      throw error;
    }
  }

  async expertRequest(id: string): Promise<Versioned<ExpertRequestRecord> | undefined> {
    const { rows } = await this.pool.query<RequestRow>('SELECT data, version FROM expert_requests WHERE id = $1', [id]);
    return rows[0] ? { value: rows[0].data, version: rows[0].version } : undefined;
  }

  async expertRequestByOffer(offerId: string): Promise<Versioned<ExpertRequestRecord> | undefined> {
    const { rows } = await this.pool.query<RequestRow>(
      'SELECT r.data, r.version FROM expert_offers o JOIN expert_requests r ON r.id = o.request_id WHERE o.offer_id = $1',
      [offerId],
    );
    return rows[0] ? { value: rows[0].data, version: rows[0].version } : undefined;
  }

  async expertRequestsOf(escalationId: string): Promise<ExpertRequestRecord[]> {
    const { rows } = await this.pool.query<RequestRow>(
      'SELECT data, version FROM expert_requests WHERE escalation_id = $1 ORDER BY created_at, id',
      [escalationId],
    );
    return rows.map((row) => row.data);
  }

  async openExpertRequests(): Promise<ExpertRequestRecord[]> {
    const { rows } = await this.pool.query<RequestRow>(
      "SELECT data, version FROM expert_requests WHERE state = 'ringing' ORDER BY created_at",
    );
    return rows.map((row) => row.data);
  }

  async ringingFor(tenant: string, expert: string): Promise<ExpertRequestRecord | undefined> {
    const { rows } = await this.pool.query<RequestRow>(
      "SELECT data, version FROM expert_requests WHERE tenant = $1 AND ringing_expert = $2 AND state = 'ringing'",
      [tenant, expert],
    );
    return rows[0]?.data;
  }

  async lastAcceptance(tenant: string, expert: string): Promise<ExpertRequestRecord | undefined> {
    const { rows } = await this.pool.query<RequestRow>(
      'SELECT data, version FROM expert_requests WHERE tenant = $1 AND accepted_by = $2 ORDER BY accepted_at DESC LIMIT 1',
      [tenant, expert],
    );
    return rows[0]?.data;
  }

  async replaceExpertRequest(request: ExpertRequestRecord, version: number): Promise<'replaced' | 'stale' | 'ring-taken'> {
    try {
      return await this.transaction(async (client) => {
        const [, , , state, ringing, acceptedBy, acceptedAt] = requestColumns(request);
        const updated = await client.query(
          `UPDATE expert_requests SET state = $1, ringing_expert = $2, accepted_by = $3, accepted_at = $4, version = version + 1, data = $5
           WHERE id = $6 AND version = $7`,
          [state, ringing, acceptedBy, acceptedAt, JSON.stringify(request), request.id, version],
        );
        if (updated.rowCount !== 1) return 'stale' as const;
        await this.indexOffers(client, request);
        return 'replaced' as const;
      });
    } catch (error) {
      if (uniqueViolation(error)) return 'ring-taken';
      throw error;
    }
  }

  async closedUnpurged(before: number, limit: number): Promise<Versioned<EscalationRecord>[]> {
    const { rows } = await this.pool.query<EscalationRow>(
      "SELECT data, version FROM escalations WHERE status = 'closed' AND purged_at IS NULL AND closed_at < $1 LIMIT $2",
      [before, limit],
    );
    return rows.map(versioned);
  }

  async purge(record: EscalationRecord, version: number, at: number): Promise<boolean> {
    return this.transaction(async (client) => {
      const updated = await client.query(
        'UPDATE escalations SET version = version + 1, data = $1, purged_at = $2 WHERE id = $3 AND version = $4',
        [JSON.stringify(record), at, record.id, version],
      );
      if (updated.rowCount !== 1) return false;
      await client.query('DELETE FROM escalation_events WHERE escalation_id = $1', [record.id]);
      await client.query('DELETE FROM snapshots WHERE escalation_id = $1', [record.id]);
      await client.query('DELETE FROM recording_files WHERE escalation_id = $1', [record.id]);
      await client.query('DELETE FROM expert_requests WHERE escalation_id = $1', [record.id]);
      await client.query('UPDATE ratings SET comment = NULL WHERE escalation_id = $1', [record.id]);
      return true;
    });
  }

  async forgetExpired(now: number, ttlMs: number): Promise<void> {
    await this.transaction(async (client) => {
      await client.query('DELETE FROM idempotency WHERE at < $1', [now - ttlMs]);
      await client.query('DELETE FROM cancelled_creates WHERE at < $1', [now - ttlMs]);
      await client.query('DELETE FROM grants WHERE expires_at < $1', [now]);
      // An expert desk's rings matter for seconds; a reconnecting desk never needs a day's.
      await client.query('DELETE FROM escalation_events WHERE starts_with(escalation_id, $1) AND at < $2', [
        POOL_CHANNEL_PREFIX,
        now - ttlMs,
      ]);
      // The throttles' counters past their window (rate-limiter-flexible's `expire`, in milliseconds).
      await client.query('DELETE FROM rate_limits WHERE expire < $1', [now]);
    });
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  /** Indexes an escalation's codes and links (old ones stay: they still get the right words). */
  private async index(client: pg.PoolClient, record: EscalationRecord): Promise<void> {
    await client.query(
      'INSERT INTO credentials (credential, escalation_id) SELECT unnest($1::text[]), $2 ON CONFLICT (credential) DO NOTHING',
      [credentialsOf(record), record.id],
    );
  }

  /** Indexes a request's offers (each ring's), so an expert's accept finds its request. */
  private async indexOffers(client: pg.PoolClient, request: ExpertRequestRecord): Promise<void> {
    if (request.rings.length === 0) return;
    await client.query(
      'INSERT INTO expert_offers (offer_id, request_id) SELECT unnest($1::text[]), $2 ON CONFLICT (offer_id) DO NOTHING',
      [request.rings.map((ring) => ring.offer), request.id],
    );
  }

  private async transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  private async migrate(): Promise<void> {
    await this.transaction(async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      await client.query(MIGRATIONS_TABLE);
      const applied = new Set(
        (await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((row) => row.version),
      );
      for (const migration of MIGRATIONS) {
        if (applied.has(migration.version)) continue;
        await client.query(migration.sql.postgres);
        await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
          migration.version,
          migration.name,
          Date.now(),
        ]);
      }
    });
  }
}

function versioned(row: EscalationRow): Versioned<EscalationRecord> {
  return { value: row.data, version: row.version };
}

function snapshotOf(row: SnapshotRow): KeptSnapshot {
  return {
    id: row.id,
    escalationId: row.escalation_id,
    ask: row.ask,
    type: row.type,
    width: row.width,
    height: row.height,
    takenAt: Number(row.taken_at),
    saved: row.saved,
    marks: row.marks,
    note: row.note,
  };
}

function recordingFileOf(row: RecordingFileRow): KeptRecordingFile {
  return {
    id: row.id,
    escalationId: row.escalation_id,
    participant: row.participant,
    kind: row.kind,
    type: row.type,
    bytes: Number(row.bytes),
    startedAt: Number(row.started_at),
  };
}

function presenceOf(row: PresenceRow): PresenceRecord {
  return {
    tenant: row.tenant,
    expert: row.expert,
    name: row.name,
    skills: row.skills,
    available: row.available,
    availableSince: row.available_since === null ? null : Number(row.available_since),
    updatedAt: Number(row.updated_at),
  };
}

/** 23505: a unique index refused the write. */
function uniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === '23505';
}

/** A database URL without its password, for messages. */
function redacted(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'the configured URL';
  }
}
