// The embedded store: SQLite through better-sqlite3, one file in the data folder, WAL mode, each
// change in a transaction of its own. The default; for several instances use PostgreSQL.
import Database from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
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
  data: string;
  version: number;
}

interface SnapshotRow {
  id: string;
  escalation_id: string;
  ask: string;
  type: SnapshotImageType;
  width: number;
  height: number;
  taken_at: number;
  saved: number;
  marks: string;
  note: string;
  image?: Buffer;
}

const SNAPSHOT_COLUMNS = 'id, escalation_id, ask, type, width, height, taken_at, saved, marks, note';

interface RecordingFileRow {
  id: string;
  escalation_id: string;
  participant: KeptRecordingFile['participant'];
  kind: KeptRecordingFile['kind'];
  type: KeptRecordingFile['type'];
  bytes: number;
  started_at: number;
}

const RECORDING_FILE_COLUMNS = 'id, escalation_id, participant, kind, type, bytes, started_at';

interface PresenceRow {
  tenant: string;
  expert: string;
  name: string;
  skills: string;
  available: number;
  available_since: number | null;
  updated_at: number;
}

const PRESENCE_COLUMNS = 'tenant, expert, name, skills, available, available_since, updated_at';

interface RequestRow {
  data: string;
  version: number;
}

export class SqliteStore implements EscalationStore {
  private readonly db: Database.Database;
  private readonly listeners = new Set<(event: StoredEvent) => void>();
  private readonly statements = new Map<string, Database.Statement>();

  /** Opens (or creates) `escalations.sqlite` in `dataDir`; a file that is not a database is a StoreError. */
  constructor(readonly dataDir: string) {
    mkdirSync(dataDir, { recursive: true });
    const file = join(dataDir, 'escalations.sqlite');
    const existed = existsSync(file);
    try {
      this.db = new Database(file);
      // Reading the header is what finds a file that is not a database.
      this.db.pragma('schema_version');
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = NORMAL');
      this.db.pragma('foreign_keys = ON');
      this.db.pragma('busy_timeout = 5000');
      this.migrate();
    } catch (error) {
      throw new StoreError(
        `the SQLite store ${file} ${existed ? 'cannot be used' : 'cannot be created'}: ${(error as Error).message}. Nothing was changed; restore it from a backup or move it away to start empty.`,
      );
    }
  }

  /** A prepared statement, prepared once: preparing on every call cost more than running it. */
  private statement<Params extends unknown[] = unknown[], Row = unknown>(sql: string): Database.Statement<Params, Row> {
    let prepared = this.statements.get(sql);
    if (!prepared) this.statements.set(sql, (prepared = this.db.prepare(sql)));
    return prepared as Database.Statement<Params, Row>;
  }

  get file(): string {
    return this.db.name;
  }

  async insert(record: EscalationRecord): Promise<{ inserted: true } | { inserted: false; live: Versioned<EscalationRecord> }> {
    const insert = this.db.transaction(() => {
      const live = this.statement<[string, string], EscalationRow>(
        "SELECT data, version FROM escalations WHERE tenant = ? AND interaction_id = ? AND status IN ('creating', 'active')",
      ).get(record.tenant, record.interaction.id);
      if (live) return { inserted: false as const, live: versioned(live) };
      this.statement(
        'INSERT INTO escalations (id, tenant, interaction_id, status, create_scope, version, created_at, closed_at, data) VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?)',
      ).run(
        record.id,
        record.tenant,
        record.interaction.id,
        record.status,
        record.createScope,
        record.createdAt,
        record.closedAt,
        JSON.stringify(record),
      );
      this.index(record);
      return { inserted: true as const };
    });
    return insert.immediate();
  }

  async get(id: string): Promise<Versioned<EscalationRecord> | undefined> {
    const row = this.statement<[string], EscalationRow>('SELECT data, version FROM escalations WHERE id = ?').get(id);
    return row ? versioned(row) : undefined;
  }

  async replace(record: EscalationRecord, version: number): Promise<boolean> {
    const replace = this.db.transaction(() => {
      const changed = this.statement(
        'UPDATE escalations SET status = ?, closed_at = ?, version = version + 1, data = ? WHERE id = ? AND version = ?',
      ).run(record.status, record.closedAt, JSON.stringify(record), record.id, version).changes;
      if (changed === 0) return false;
      this.index(record);
      return true;
    });
    return replace.immediate();
  }

  async remove(id: string): Promise<void> {
    this.statement('DELETE FROM escalations WHERE id = ?').run(id);
  }

  async byCreateScope(scope: string): Promise<Versioned<EscalationRecord> | undefined> {
    const row = this.statement<[string], EscalationRow>('SELECT data, version FROM escalations WHERE create_scope = ?').get(
      scope,
    );
    return row ? versioned(row) : undefined;
  }

  async byCredential(credential: string): Promise<CredentialMatch | undefined> {
    const row = this.statement<[string], EscalationRow>(
      'SELECT e.data, e.version FROM credentials c JOIN escalations e ON e.id = c.escalation_id WHERE c.credential = ?',
    ).get(credential);
    return row ? matchCredential(versioned(row).value, credential) : undefined;
  }

  async liveFor(tenant: string, interactionId: string): Promise<Versioned<EscalationRecord> | undefined> {
    const row = this.statement<[string, string], EscalationRow>(
      "SELECT data, version FROM escalations WHERE tenant = ? AND interaction_id = ? AND status IN ('creating', 'active')",
    ).get(tenant, interactionId);
    return row ? versioned(row) : undefined;
  }

  async live(): Promise<EscalationRecord[]> {
    return this.statement<[], EscalationRow>("SELECT data, version FROM escalations WHERE status IN ('creating', 'active')")
      .all()
      .map((row) => versioned(row).value);
  }

  async grant(tokenHash: string): Promise<GuestGrant | undefined> {
    const row = this.statement<[string], { data: string }>('SELECT data FROM grants WHERE token_hash = ?').get(tokenHash);
    return row ? (JSON.parse(row.data) as GuestGrant) : undefined;
  }

  async putGrant(tokenHash: string, grant: GuestGrant): Promise<void> {
    this.statement(
      'INSERT INTO grants (token_hash, escalation_id, expires_at, data) VALUES (?, ?, ?, ?) ON CONFLICT (token_hash) DO UPDATE SET expires_at = excluded.expires_at, data = excluded.data',
    ).run(tokenHash, grant.escalationId, grant.expiresAt, JSON.stringify(grant));
  }

  async takeGrant(tokenHash: string): Promise<boolean> {
    return this.statement('DELETE FROM grants WHERE token_hash = ?').run(tokenHash).changes === 1;
  }

  async idempotent(scope: string): Promise<IdempotentEntry | undefined> {
    const row = this.statement<[string], { request_hash: string; answer: string | null; at: number }>(
      'SELECT request_hash, answer, at FROM idempotency WHERE scope = ?',
    ).get(scope);
    return row
      ? {
          requestHash: row.request_hash,
          answer: row.answer === null ? null : (JSON.parse(row.answer) as StoredAnswer),
          at: row.at,
        }
      : undefined;
  }

  async claimIdempotent(scope: string, requestHash: string, at: number): Promise<boolean> {
    return (
      this.statement(
        'INSERT INTO idempotency (scope, request_hash, answer, at) VALUES (?, ?, NULL, ?) ON CONFLICT (scope) DO NOTHING',
      ).run(scope, requestHash, at).changes === 1
    );
  }

  async settleIdempotent(scope: string, answer: StoredAnswer): Promise<void> {
    this.statement('UPDATE idempotency SET answer = ? WHERE scope = ?').run(JSON.stringify(answer), scope);
  }

  async releaseIdempotent(scope: string, claimedAt: number): Promise<void> {
    this.statement('DELETE FROM idempotency WHERE scope = ? AND answer IS NULL AND at = ?').run(scope, claimedAt);
  }

  async takeOverIdempotent(scope: string, seenAt: number, at: number): Promise<boolean> {
    return (
      this.statement('UPDATE idempotency SET at = ? WHERE scope = ? AND answer IS NULL AND at = ?').run(at, scope, seenAt)
        .changes === 1
    );
  }

  async forgetIdempotent(scope: string): Promise<void> {
    this.statement('DELETE FROM idempotency WHERE scope = ?').run(scope);
  }

  async cancelCreate(scope: string, at: number): Promise<void> {
    this.statement('INSERT INTO cancelled_creates (scope, at) VALUES (?, ?) ON CONFLICT (scope) DO NOTHING').run(scope, at);
  }

  async createCancelled(scope: string): Promise<boolean> {
    return this.statement('SELECT 1 FROM cancelled_creates WHERE scope = ?').get(scope) !== undefined;
  }

  async addRating(rating: RatingRecord): Promise<void> {
    this.statement(
      'INSERT INTO ratings (tenant, interaction_id, escalation_id, score, comment, at) VALUES (?, ?, ?, ?, ?, ?)',
    ).run(rating.tenant, rating.interactionId, rating.escalationId, rating.score, rating.comment, rating.at);
  }

  async ratings(): Promise<RatingRecord[]> {
    return this.statement<
      [],
      { tenant: string; interaction_id: string; escalation_id: string; score: number; comment: string | null; at: number }
    >('SELECT tenant, interaction_id, escalation_id, score, comment, at FROM ratings ORDER BY id')
      .all()
      .map((row) => ({
        tenant: row.tenant,
        interactionId: row.interaction_id,
        escalationId: row.escalation_id,
        score: row.score,
        comment: row.comment,
        at: row.at,
      }));
  }

  async addEvent(escalationId: string, event: StoredNewsName, data: string, at: number): Promise<number> {
    const id = Number(
      this.statement('INSERT INTO escalation_events (escalation_id, event, data, at) VALUES (?, ?, ?, ?)').run(
        escalationId,
        event,
        data,
        at,
      ).lastInsertRowid,
    );
    // One process holds an SQLite store: its subscribers are all here.
    for (const listener of this.listeners) listener({ id, escalationId, event, data });
    return id;
  }

  async eventsSince(escalationId: string, afterId: number): Promise<StoredEvent[]> {
    return this.statement<[string, number], { id: number; event: StoredNewsName; data: string }>(
      'SELECT id, event, data FROM escalation_events WHERE escalation_id = ? AND id > ? ORDER BY id',
    )
      .all(escalationId, afterId)
      .map((row) => ({ ...row, escalationId }));
  }

  async subscribe(listener: (event: StoredEvent) => void): Promise<() => Promise<void>> {
    this.listeners.add(listener);
    return async () => {
      this.listeners.delete(listener);
    };
  }

  async openStream(streamId: string, key: string, at: number): Promise<void> {
    this.statement(
      'INSERT INTO progress_streams (stream_id, escalation_id, seen_at) VALUES (?, ?, ?) ON CONFLICT (stream_id) DO UPDATE SET seen_at = excluded.seen_at',
    ).run(streamId, key, at);
  }

  async touchStreams(streamIds: readonly string[], at: number): Promise<void> {
    const touch = this.statement('UPDATE progress_streams SET seen_at = ? WHERE stream_id = ?');
    this.db.transaction(() => streamIds.forEach((id) => touch.run(at, id)))();
  }

  async closeStream(streamId: string): Promise<void> {
    this.statement('DELETE FROM progress_streams WHERE stream_id = ?').run(streamId);
  }

  async openStreams(key: string, since: number): Promise<number> {
    return this.statement<[string, number], { count: number }>(
      'SELECT count(*) AS count FROM progress_streams WHERE escalation_id = ? AND seen_at >= ?',
    ).get(key, since)!.count;
  }

  async addSnapshot(snapshot: KeptSnapshotImage): Promise<void> {
    this.statement(
      'INSERT INTO snapshots (id, escalation_id, ask, type, width, height, taken_at, image, saved, marks, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(
      snapshot.id,
      snapshot.escalationId,
      snapshot.ask,
      snapshot.type,
      snapshot.width,
      snapshot.height,
      snapshot.takenAt,
      snapshot.image,
      snapshot.saved ? 1 : 0,
      JSON.stringify(snapshot.marks),
      snapshot.note,
    );
  }

  async snapshots(escalationId: string): Promise<KeptSnapshot[]> {
    return this.statement<[string], SnapshotRow>(
      `SELECT ${SNAPSHOT_COLUMNS} FROM snapshots WHERE escalation_id = ? ORDER BY taken_at, id`,
    )
      .all(escalationId)
      .map(snapshotOf);
  }

  async snapshot(escalationId: string, id: string): Promise<KeptSnapshotImage | undefined> {
    const row = this.statement<[string, string], SnapshotRow & { image: Buffer }>(
      `SELECT ${SNAPSHOT_COLUMNS}, image FROM snapshots WHERE escalation_id = ? AND id = ?`,
    ).get(escalationId, id);
    return row ? { ...snapshotOf(row), image: row.image } : undefined;
  }

  async keepSnapshot(escalationId: string, id: string, marks: SnapshotMark[], note: string): Promise<boolean> {
    return (
      this.statement('UPDATE snapshots SET saved = 1, marks = ?, note = ? WHERE escalation_id = ? AND id = ?').run(
        JSON.stringify(marks),
        note,
        escalationId,
        id,
      ).changes === 1
    );
  }

  async removeSnapshot(escalationId: string, id: string): Promise<boolean> {
    return this.statement('DELETE FROM snapshots WHERE escalation_id = ? AND id = ?').run(escalationId, id).changes === 1;
  }

  async removeUnkeptSnapshots(escalationId?: string): Promise<number> {
    return this.statement(
      "DELETE FROM snapshots WHERE saved = 0 AND (? IS NULL OR escalation_id = ?) AND escalation_id IN (SELECT id FROM escalations WHERE status = 'closed')",
    ).run(escalationId ?? null, escalationId ?? null).changes;
  }

  async claimRecordingJob(escalationId: string, by: string, at: number, staleBefore: number): Promise<boolean> {
    return (
      this.statement(
        `INSERT INTO recording_jobs (escalation_id, claimed_by, claimed_at, attempts, done_at) VALUES (?, ?, ?, 1, NULL)
         ON CONFLICT (escalation_id) DO UPDATE SET claimed_by = excluded.claimed_by, claimed_at = excluded.claimed_at,
           attempts = recording_jobs.attempts + 1
         WHERE recording_jobs.done_at IS NULL AND recording_jobs.claimed_at < ?`,
      ).run(escalationId, by, at, staleBefore).changes === 1
    );
  }

  async releaseRecordingJob(escalationId: string, by: string): Promise<void> {
    this.statement('UPDATE recording_jobs SET claimed_at = 0 WHERE escalation_id = ? AND claimed_by = ? AND done_at IS NULL').run(
      escalationId,
      by,
    );
  }

  async finishRecordingJob(escalationId: string, by: string, at: number): Promise<void> {
    this.statement('UPDATE recording_jobs SET done_at = ? WHERE escalation_id = ? AND claimed_by = ? AND done_at IS NULL').run(
      at,
      escalationId,
      by,
    );
  }

  async recordingJob(escalationId: string): Promise<{ attempts: number; done: boolean } | undefined> {
    const row = this.statement<[string], { attempts: number; done_at: number | null }>(
      'SELECT attempts, done_at FROM recording_jobs WHERE escalation_id = ?',
    ).get(escalationId);
    return row ? { attempts: row.attempts, done: row.done_at !== null } : undefined;
  }

  async recordingJobsDue(staleBefore: number, limit: number): Promise<string[]> {
    return this.statement<[number, number], { id: string }>(
      `SELECT e.id FROM escalations e LEFT JOIN recording_jobs j ON j.escalation_id = e.id
       WHERE e.status = 'closed' AND e.purged_at IS NULL
         AND (j.escalation_id IS NULL OR (j.done_at IS NULL AND j.claimed_at < ?))
       ORDER BY e.closed_at LIMIT ?`,
    )
      .all(staleBefore, limit)
      .map((row) => row.id);
  }

  async addRecordingFile(file: KeptRecordingFile): Promise<void> {
    this.statement(
      `INSERT INTO recording_files (${RECORDING_FILE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (escalation_id, id) DO UPDATE SET participant = excluded.participant, kind = excluded.kind,
         type = excluded.type, bytes = excluded.bytes, started_at = excluded.started_at`,
    ).run(file.id, file.escalationId, file.participant, file.kind, file.type, file.bytes, file.startedAt);
  }

  async recordingFiles(escalationId: string): Promise<KeptRecordingFile[]> {
    return this.statement<[string], RecordingFileRow>(
      `SELECT ${RECORDING_FILE_COLUMNS} FROM recording_files WHERE escalation_id = ? ORDER BY started_at, id`,
    )
      .all(escalationId)
      .map(recordingFileOf);
  }

  async recordingFile(escalationId: string, id: string): Promise<KeptRecordingFile | undefined> {
    const row = this.statement<[string, string], RecordingFileRow>(
      `SELECT ${RECORDING_FILE_COLUMNS} FROM recording_files WHERE escalation_id = ? AND id = ?`,
    ).get(escalationId, id);
    return row ? recordingFileOf(row) : undefined;
  }

  async putPresence(record: PresenceRecord): Promise<PresenceRecord> {
    this.statement(
      `INSERT INTO pool_presence (${PRESENCE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (tenant, expert) DO UPDATE SET name = excluded.name, skills = excluded.skills,
         available = excluded.available, updated_at = excluded.updated_at,
         available_since = CASE WHEN excluded.available = 0 THEN NULL
           WHEN pool_presence.available = 1 THEN pool_presence.available_since
           ELSE excluded.available_since END`,
    ).run(
      record.tenant,
      record.expert,
      record.name,
      JSON.stringify(record.skills),
      record.available ? 1 : 0,
      record.available ? record.availableSince : null,
      record.updatedAt,
    );
    return (await this.presence(record.tenant, record.expert))!;
  }

  async presence(tenant: string, expert: string): Promise<PresenceRecord | undefined> {
    const row = this.statement<[string, string], PresenceRow>(
      `SELECT ${PRESENCE_COLUMNS} FROM pool_presence WHERE tenant = ? AND expert = ?`,
    ).get(tenant, expert);
    return row ? presenceOf(row) : undefined;
  }

  async poolOf(tenant: string): Promise<PresenceRecord[]> {
    return this.statement<[string], PresenceRow>(`SELECT ${PRESENCE_COLUMNS} FROM pool_presence WHERE tenant = ? ORDER BY expert`)
      .all(tenant)
      .map(presenceOf);
  }

  async addExpertRequest(request: ExpertRequestRecord): Promise<boolean> {
    try {
      this.db
        .transaction(() => {
          this.statement(
            `INSERT INTO expert_requests (id, escalation_id, tenant, state, ringing_expert, accepted_by, accepted_at, version, created_at, data)
             VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
          ).run(...requestColumns(request), request.createdAt, JSON.stringify(request));
          this.indexOffers(request);
        })
        .immediate();
      return true;
    } catch (error) {
      if (uniqueViolation(error)) return false;
      throw error;
    }
  }

  async expertRequest(id: string): Promise<Versioned<ExpertRequestRecord> | undefined> {
    const row = this.statement<[string], RequestRow>('SELECT data, version FROM expert_requests WHERE id = ?').get(id);
    return row ? versionedRequest(row) : undefined;
  }

  async expertRequestByOffer(offerId: string): Promise<Versioned<ExpertRequestRecord> | undefined> {
    const row = this.statement<[string], RequestRow>(
      'SELECT r.data, r.version FROM expert_offers o JOIN expert_requests r ON r.id = o.request_id WHERE o.offer_id = ?',
    ).get(offerId);
    return row ? versionedRequest(row) : undefined;
  }

  async expertRequestsOf(escalationId: string): Promise<ExpertRequestRecord[]> {
    return this.statement<[string], RequestRow>(
      'SELECT data, version FROM expert_requests WHERE escalation_id = ? ORDER BY created_at, id',
    )
      .all(escalationId)
      .map((row) => versionedRequest(row).value);
  }

  async openExpertRequests(): Promise<ExpertRequestRecord[]> {
    return this.statement<[], RequestRow>("SELECT data, version FROM expert_requests WHERE state = 'ringing' ORDER BY created_at")
      .all()
      .map((row) => versionedRequest(row).value);
  }

  async ringingFor(tenant: string, expert: string): Promise<ExpertRequestRecord | undefined> {
    const row = this.statement<[string, string], RequestRow>(
      "SELECT data, version FROM expert_requests WHERE tenant = ? AND ringing_expert = ? AND state = 'ringing'",
    ).get(tenant, expert);
    return row ? versionedRequest(row).value : undefined;
  }

  async lastAcceptance(tenant: string, expert: string): Promise<ExpertRequestRecord | undefined> {
    const row = this.statement<[string, string], RequestRow>(
      'SELECT data, version FROM expert_requests WHERE tenant = ? AND accepted_by = ? ORDER BY accepted_at DESC LIMIT 1',
    ).get(tenant, expert);
    return row ? versionedRequest(row).value : undefined;
  }

  async replaceExpertRequest(request: ExpertRequestRecord, version: number): Promise<'replaced' | 'stale' | 'ring-taken'> {
    try {
      return this.db
        .transaction(() => {
          const [, , , state, ringing, acceptedBy, acceptedAt] = requestColumns(request);
          const changed = this.statement(
            `UPDATE expert_requests SET state = ?, ringing_expert = ?, accepted_by = ?, accepted_at = ?, version = version + 1, data = ?
             WHERE id = ? AND version = ?`,
          ).run(state, ringing, acceptedBy, acceptedAt, JSON.stringify(request), request.id, version).changes;
          if (changed === 0) return 'stale' as const;
          this.indexOffers(request);
          return 'replaced' as const;
        })
        .immediate();
    } catch (error) {
      if (uniqueViolation(error)) return 'ring-taken';
      throw error;
    }
  }

  async closedUnpurged(before: number, limit: number): Promise<Versioned<EscalationRecord>[]> {
    return this.statement<[number, number], EscalationRow>(
      "SELECT data, version FROM escalations WHERE status = 'closed' AND purged_at IS NULL AND closed_at < ? LIMIT ?",
    )
      .all(before, limit)
      .map(versioned);
  }

  async purge(record: EscalationRecord, version: number, at: number): Promise<boolean> {
    return this.db
      .transaction(() => {
        const changed = this.statement(
          'UPDATE escalations SET version = version + 1, data = ?, purged_at = ? WHERE id = ? AND version = ?',
        ).run(JSON.stringify(record), at, record.id, version).changes;
        if (changed === 0) return false;
        this.statement('DELETE FROM escalation_events WHERE escalation_id = ?').run(record.id);
        this.statement('DELETE FROM snapshots WHERE escalation_id = ?').run(record.id);
        this.statement('DELETE FROM recording_files WHERE escalation_id = ?').run(record.id);
        this.statement('DELETE FROM expert_requests WHERE escalation_id = ?').run(record.id);
        this.statement('UPDATE ratings SET comment = NULL WHERE escalation_id = ?').run(record.id);
        return true;
      })
      .immediate();
  }

  async forgetExpired(now: number, ttlMs: number): Promise<void> {
    this.db.transaction(() => {
      this.statement('DELETE FROM idempotency WHERE at < ?').run(now - ttlMs);
      this.statement('DELETE FROM cancelled_creates WHERE at < ?').run(now - ttlMs);
      this.statement('DELETE FROM grants WHERE expires_at < ?').run(now);
      // An expert desk's rings matter for seconds; a reconnecting desk never needs a day's.
      this.statement('DELETE FROM escalation_events WHERE substr(escalation_id, 1, ?) = ? AND at < ?').run(
        POOL_CHANNEL_PREFIX.length,
        POOL_CHANNEL_PREFIX,
        now - ttlMs,
      );
    })();
  }

  async close(): Promise<void> {
    this.db.close();
  }

  /** Indexes an escalation's codes and links (old ones stay: they still get the right words). */
  private index(record: EscalationRecord): void {
    const add = this.statement(
      'INSERT INTO credentials (credential, escalation_id) VALUES (?, ?) ON CONFLICT (credential) DO NOTHING',
    );
    for (const credential of credentialsOf(record)) add.run(credential, record.id);
  }

  /** Indexes a request's offers (each ring's), so an expert's accept finds its request. */
  private indexOffers(request: ExpertRequestRecord): void {
    const add = this.statement(
      'INSERT INTO expert_offers (offer_id, request_id) VALUES (?, ?) ON CONFLICT (offer_id) DO NOTHING',
    );
    for (const ring of request.rings) add.run(ring.offer, request.id);
  }

  private migrate(): void {
    this.db.exec(MIGRATIONS_TABLE);
    const applied = new Set(
      this.statement<[], { version: number }>('SELECT version FROM schema_migrations')
        .all()
        .map((row) => row.version),
    );
    for (const migration of MIGRATIONS) {
      if (applied.has(migration.version)) continue;
      this.db.transaction(() => {
        this.db.exec(migration.sql.sqlite);
        this.statement('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
          migration.version,
          migration.name,
          Date.now(),
        );
      })();
    }
  }
}

function versioned(row: EscalationRow): Versioned<EscalationRecord> {
  return { value: JSON.parse(row.data) as EscalationRecord, version: row.version };
}

function snapshotOf(row: SnapshotRow): KeptSnapshot {
  return {
    id: row.id,
    escalationId: row.escalation_id,
    ask: row.ask,
    type: row.type,
    width: row.width,
    height: row.height,
    takenAt: row.taken_at,
    saved: row.saved === 1,
    marks: JSON.parse(row.marks) as SnapshotMark[],
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
    bytes: row.bytes,
    startedAt: row.started_at,
  };
}

function presenceOf(row: PresenceRow): PresenceRecord {
  return {
    tenant: row.tenant,
    expert: row.expert,
    name: row.name,
    skills: JSON.parse(row.skills) as string[],
    available: row.available === 1,
    availableSince: row.available_since,
    updatedAt: row.updated_at,
  };
}

function versionedRequest(row: RequestRow): Versioned<ExpertRequestRecord> {
  return { value: JSON.parse(row.data) as ExpertRequestRecord, version: row.version };
}

function uniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'SQLITE_CONSTRAINT_UNIQUE';
}
