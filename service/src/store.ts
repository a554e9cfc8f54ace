// The service's state: escalations, guest grants, idempotent answers, ratings. Kept in memory
// with indexes and written to one JSON file in the data folder after each change (written to a
// temporary file, then renamed), so it survives a restart. (A database store is issue 11.)
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EscalationRecord, ExpertRecord, GuestGrant, RatingRecord } from './escalations/records.js';

export interface StoredAnswer {
  status: number;
  body: unknown;
}

export interface IdempotentEntry {
  /** SHA-256 of the request it answered: the same key with another request is refused. */
  requestHash: string;
  answer: StoredAnswer;
  at: number;
}

interface Snapshot {
  escalations: EscalationRecord[];
  grants: [string, GuestGrant][];
  idempotency: [string, IdempotentEntry][];
  cancelledCreates: [string, number][];
  ratings: RatingRecord[];
}

/** Where a code or link token leads. */
export interface CredentialMatch {
  record: EscalationRecord;
  /** Set when it is an expert's invitation. */
  expert: ExpertRecord | undefined;
  /** A code or link the escalation had before a renewal. */
  retired: boolean;
}

export class Store {
  private readonly escalations = new Map<string, EscalationRecord>();
  private readonly credentials = new Map<string, string>();
  private readonly grants = new Map<string, GuestGrant>();
  readonly idempotency = new Map<string, IdempotentEntry>();
  /** Create calls cancelled before they arrived (scoped key → when). */
  readonly cancelledCreates = new Map<string, number>();
  readonly ratings: RatingRecord[] = [];
  /** Where the state is written. */
  readonly file: string;

  constructor(dataDir: string) {
    this.file = join(dataDir, 'escalations.json');
    mkdirSync(dataDir, { recursive: true });
    if (existsSync(this.file)) this.load(JSON.parse(readFileSync(this.file, 'utf8')) as Snapshot);
  }

  escalation(id: string): EscalationRecord | undefined {
    return this.escalations.get(id);
  }

  all(): IterableIterator<EscalationRecord> {
    return this.escalations.values();
  }

  liveFor(tenant: string, interactionId: string): EscalationRecord | undefined {
    for (const record of this.escalations.values()) {
      if (record.status === 'active' && record.tenant === tenant && record.interaction.id === interactionId) return record;
    }
    return undefined;
  }

  byCreateScope(scope: string): EscalationRecord | undefined {
    for (const record of this.escalations.values()) if (record.createScope === scope) return record;
    return undefined;
  }

  byCredential(credential: string): CredentialMatch | undefined {
    const record = this.escalations.get(this.credentials.get(credential) ?? '');
    if (!record) return undefined;
    const expert = record.experts.find((candidate) => candidate.code === credential || candidate.linkToken === credential);
    const current = expert !== undefined || record.guest.code === credential || record.guest.linkToken === credential;
    return { record, expert, retired: !current };
  }

  grant(tokenHash: string): GuestGrant | undefined {
    return this.grants.get(tokenHash);
  }

  putGrant(tokenHash: string, grant: GuestGrant): void {
    this.grants.set(tokenHash, grant);
  }

  deleteGrant(tokenHash: string): void {
    this.grants.delete(tokenHash);
  }

  /** Records (or updates) an escalation and indexes its codes and links. */
  put(record: EscalationRecord): void {
    this.escalations.set(record.id, record);
    this.index(record);
    this.save();
  }

  /**
   * Forgets what has run its course: idempotent answers older than `idempotencyTtlMs`, guest
   * grants past their expiry, cancellations older than a day; keeps each escalation's progress
   * to its latest entries.
   */
  forgetExpired(now: number, idempotencyTtlMs: number): void {
    let changed = false;
    for (const [scope, entry] of this.idempotency) if (now - entry.at > idempotencyTtlMs && this.idempotency.delete(scope)) changed = true;
    for (const [hash, grant] of this.grants) if (now > grant.expiresAt && this.grants.delete(hash)) changed = true;
    for (const [scope, at] of this.cancelledCreates) if (now - at > idempotencyTtlMs && this.cancelledCreates.delete(scope)) changed = true;
    if (changed) this.save();
  }

  /** Writes the state to disk. */
  save(): void {
    const snapshot: Snapshot = {
      escalations: [...this.escalations.values()],
      grants: [...this.grants],
      idempotency: [...this.idempotency],
      cancelledCreates: [...this.cancelledCreates],
      ratings: this.ratings,
    };
    const temporary = `${this.file}.tmp`;
    writeFileSync(temporary, JSON.stringify(snapshot));
    renameSync(temporary, this.file);
  }

  private index(record: EscalationRecord): void {
    const credentials = [record.guest.code, record.guest.linkToken, ...record.retired, ...record.experts.flatMap((expert) => [expert.code, expert.linkToken])];
    for (const credential of credentials) this.credentials.set(credential, record.id);
  }

  private load(snapshot: Snapshot): void {
    for (const record of snapshot.escalations ?? []) {
      this.escalations.set(record.id, record);
      this.index(record);
    }
    for (const [hash, grant] of snapshot.grants ?? []) this.grants.set(hash, grant);
    for (const [key, entry] of snapshot.idempotency ?? []) this.idempotency.set(key, entry);
    for (const [key, at] of snapshot.cancelledCreates ?? []) this.cancelledCreates.set(key, at);
    this.ratings.push(...(snapshot.ratings ?? []));
  }
}
