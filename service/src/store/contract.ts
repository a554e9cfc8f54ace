// What the service keeps, and the promises every store makes: escalations (one live per tenant
// and interaction, changed only by compare-and-swap on a version, so two requests or two
// instances never overwrite each other), the index of codes and links, guest grants,
// idempotent answers, cancelled creates, ratings, the news of the event streams, the stills
// from customers' cameras, recordings (who turns one into files, and the files made), and the
// expert pool (presence, and requests for an expert with their rings).
import type { SnapshotMark } from '../../../src/protocol/index.js';
import type {
  EscalationRecord,
  ExpertRecord,
  GuestGrant,
  KeptRecordingFile,
  KeptSnapshot,
  KeptSnapshotImage,
  RatingRecord,
} from '../escalations/records.js';
import type { StoredNewsName } from '../news.js';
import { liveRing, type ExpertRequestRecord, type PresenceRecord } from '../pool/records.js';

export interface StoredAnswer {
  status: number;
  body: unknown;
}

export interface IdempotentEntry {
  /** SHA-256 of the request it answered: the same key with another request is refused. */
  requestHash: string;
  /** Null while the write is under way (on this instance or another). */
  answer: StoredAnswer | null;
  at: number;
}

/** One piece of news for the agent's progress stream or a guest's stream, numbered in the order it happened. */
export interface StoredEvent {
  id: number;
  escalationId: string;
  event: StoredNewsName;
  data: string;
}

/** A record as read, with the version a write must name. */
export interface Versioned<T> {
  value: T;
  version: number;
}

/** Where a code or link token leads. */
export interface CredentialMatch {
  record: EscalationRecord;
  /** Set when it is an expert's invitation. */
  expert: ExpertRecord | undefined;
  /** A code or link the escalation had before a renewal. */
  retired: boolean;
}

export interface EscalationStore {
  /**
   * Adds an escalation. `live`: another escalation of the same tenant and interaction is being
   * made or is on (it is answered instead); only one can be.
   */
  insert(record: EscalationRecord): Promise<{ inserted: true } | { inserted: false; live: Versioned<EscalationRecord> }>;
  get(id: string): Promise<Versioned<EscalationRecord> | undefined>;
  /** Writes `record` if the stored one is still at `version`; false when someone else wrote first. */
  replace(record: EscalationRecord, version: number): Promise<boolean>;
  /** Forgets an escalation whose making failed (no room was left behind). */
  remove(id: string): Promise<void>;
  byCreateScope(scope: string): Promise<Versioned<EscalationRecord> | undefined>;
  byCredential(credential: string): Promise<CredentialMatch | undefined>;
  /** Escalations being made or on. */
  live(): Promise<EscalationRecord[]>;
  /** The escalation being made or on for this tenant's interaction, if any (there is at most one). */
  liveFor(tenant: string, interactionId: string): Promise<Versioned<EscalationRecord> | undefined>;

  grant(tokenHash: string): Promise<GuestGrant | undefined>;
  putGrant(tokenHash: string, grant: GuestGrant): Promise<void>;
  /** Deletes a grant; true if this call deleted it (a single-use token used once, even at once). */
  takeGrant(tokenHash: string): Promise<boolean>;

  idempotent(scope: string): Promise<IdempotentEntry | undefined>;
  /** Claims a scope for a write about to run; false when a claim or an answer is there already. */
  claimIdempotent(scope: string, requestHash: string, at: number): Promise<boolean>;
  /** Keeps the answer of a claimed write. */
  settleIdempotent(scope: string, answer: StoredAnswer): Promise<void>;
  /** Forgets a scope's answer (past its time). */
  forgetIdempotent(scope: string): Promise<void>;
  /** Gives up one's own claim (made at `claimedAt`; its write failed): a retry may run. */
  releaseIdempotent(scope: string, claimedAt: number): Promise<void>;
  /** Takes over a claim abandoned since `seenAt` (its instance died); false when someone else did. */
  takeOverIdempotent(scope: string, seenAt: number, at: number): Promise<boolean>;

  cancelCreate(scope: string, at: number): Promise<void>;
  createCancelled(scope: string): Promise<boolean>;

  addRating(rating: RatingRecord): Promise<void>;
  ratings(): Promise<RatingRecord[]>;

  /** Keeps a piece of news and tells every subscriber (on every instance); answers its id. */
  addEvent(escalationId: string, event: StoredNewsName, data: string, at: number): Promise<number>;
  /** The news of an escalation after `afterId`, oldest first (what a reconnecting stream missed). */
  eventsSince(escalationId: string, afterId: number): Promise<StoredEvent[]>;
  /**
   * Hears every piece of news as it is kept; answers the function that stops. `reconnected`: the
   * store's link to other instances dropped and is back (news may have been missed meanwhile).
   */
  subscribe(listener: (event: StoredEvent) => void, reconnected?: () => void): Promise<() => Promise<void>>;
  /**
   * Notes an open stream (on any instance), so others know someone is listening. `key`: where it
   * is counted (the escalation's id for the agent's streams, `<id>:guest` for its guests').
   */
  openStream(streamId: string, key: string, at: number): Promise<void>;
  /** Notes that these streams are still open. */
  touchStreams(streamIds: readonly string[], at: number): Promise<void>;
  closeStream(streamId: string): Promise<void>;
  /** How many streams are open under `key` (see `openStream`), counting those seen since `since`. */
  openStreams(key: string, since: number): Promise<number>;

  addSnapshot(snapshot: KeptSnapshotImage): Promise<void>;
  /** An escalation's stills, oldest first, without their images. */
  snapshots(escalationId: string): Promise<KeptSnapshot[]>;
  /** One still of an escalation, with its image. */
  snapshot(escalationId: string, id: string): Promise<KeptSnapshotImage | undefined>;
  /** Keeps a still for the case with the agent's marks and (already masked) note; false when there is no such still. */
  keepSnapshot(escalationId: string, id: string, marks: SnapshotMark[], note: string): Promise<boolean>;
  /** Deletes a still; false when there was no such still. */
  removeSnapshot(escalationId: string, id: string): Promise<boolean>;
  /**
   * Deletes the stills not kept for the case of a closed escalation (of every closed one, without
   * `escalationId`); a live escalation's are left alone. Answers how many went.
   */
  removeUnkeptSnapshots(escalationId?: string): Promise<number>;

  /**
   * Claims turning a closed escalation's recording into files, for the instance `by`: true when
   * nobody did, or their claim is older than `staleBefore` (their instance died or gave up), and it
   * is not done. Each claim counts an attempt.
   */
  claimRecordingJob(escalationId: string, by: string, at: number, staleBefore: number): Promise<boolean>;
  /** Gives up one's own claim (a step failed): the next sweep may claim it again at once. */
  releaseRecordingJob(escalationId: string, by: string): Promise<void>;
  /** Marks it done, if `by` still holds the claim. */
  finishRecordingJob(escalationId: string, by: string, at: number): Promise<void>;
  /** Where it stands: undefined until first claimed. */
  recordingJob(escalationId: string): Promise<{ attempts: number; done: boolean } | undefined>;
  /**
   * Closed escalations (not purged) whose recording is not done and not claimed since
   * `staleBefore` (never claimed included), closed first, first.
   */
  recordingJobsDue(staleBefore: number, limit: number): Promise<string[]>;
  /** Keeps a playable file of a recording (the same id again replaces it). */
  addRecordingFile(file: KeptRecordingFile): Promise<void>;
  /** An escalation's recording files, oldest first. */
  recordingFiles(escalationId: string): Promise<KeptRecordingFile[]>;
  recordingFile(escalationId: string, id: string): Promise<KeptRecordingFile | undefined>;

  /**
   * Keeps what an expert's desk says (a new entry, or over the last one). `availableSince` is kept
   * while they stay available, set to `record.availableSince` when they become so, cleared when
   * they go away. Answers the entry as kept.
   */
  putPresence(record: PresenceRecord): Promise<PresenceRecord>;
  presence(tenant: string, expert: string): Promise<PresenceRecord | undefined>;
  /** Every expert of a tenant who has set their presence. */
  poolOf(tenant: string): Promise<PresenceRecord[]>;

  /** Adds a request for an expert; false when its escalation has an open one already (one at a time). */
  addExpertRequest(request: ExpertRequestRecord): Promise<boolean>;
  expertRequest(id: string): Promise<Versioned<ExpertRequestRecord> | undefined>;
  /** The request one of whose rings had this offer id (live or not). */
  expertRequestByOffer(offerId: string): Promise<Versioned<ExpertRequestRecord> | undefined>;
  /** An escalation's requests, oldest first. */
  expertRequestsOf(escalationId: string): Promise<ExpertRequestRecord[]>;
  /** Every open (`ringing`) request, of every tenant. */
  openExpertRequests(): Promise<ExpertRequestRecord[]>;
  /** The open request whose live ring is this expert's, if any (there is at most one). */
  ringingFor(tenant: string, expert: string): Promise<ExpertRequestRecord | undefined>;
  /** The request this expert accepted last, if any. */
  lastAcceptance(tenant: string, expert: string): Promise<ExpertRequestRecord | undefined>;
  /**
   * Writes a request if the stored one is still at `version` (`stale` otherwise). `ring-taken`:
   * its live ring names an expert another open request rings now; nothing was written (an expert
   * is rung for one request at a time, whichever instance rings).
   */
  replaceExpertRequest(request: ExpertRequestRecord, version: number): Promise<'replaced' | 'stale' | 'ring-taken'>;

  /** Closed escalations whose personal data is still kept, closed before `before`. */
  closedUnpurged(before: number, limit: number): Promise<Versioned<EscalationRecord>[]>;
  /**
   * Writes a closed escalation without its personal data (compare-and-swap, as `replace`), and
   * forgets its news, its stills, its recording files, its requests for experts and its rating's
   * comment; the score stays.
   * (The files' bytes are the service's to delete first.)
   */
  purge(record: EscalationRecord, version: number, at: number): Promise<boolean>;

  /**
   * Forgets idempotent answers, cancellations and expert desks' news older than `ttlMs`, and
   * expired grants.
   */
  forgetExpired(now: number, ttlMs: number): Promise<void>;
  close(): Promise<void>;
}

/** The codes and link tokens an escalation answers to (its index entries). */
export function credentialsOf(record: EscalationRecord): string[] {
  return [
    record.guest.code,
    record.guest.linkToken,
    ...record.retired,
    ...record.experts.flatMap((expert) => [expert.code, expert.linkToken]),
    // A consult's customer has none (empty): nothing to index.
  ].filter((credential) => credential !== '');
}

export function matchCredential(record: EscalationRecord, credential: string): CredentialMatch {
  const expert = record.experts.find((candidate) => candidate.code === credential || candidate.linkToken === credential);
  const current = expert !== undefined || record.guest.code === credential || record.guest.linkToken === credential;
  return { record, expert, retired: !current };
}

/** Statuses that hold the interaction: one at a time per tenant and interaction. */
export const LIVE_STATUSES = ['creating', 'active'] as const;

/** A request's indexed columns: id, escalation, tenant, state, the expert ringing now, who accepted and when. */
export function requestColumns(
  request: ExpertRequestRecord,
): [string, string, string, string, string | null, string | null, number | null] {
  return [
    request.id,
    request.escalationId,
    request.tenant,
    request.state,
    liveRing(request)?.expert ?? null,
    request.accepted?.expert ?? null,
    request.accepted?.at ?? null,
  ];
}
