// What happens to escalations over time, without anyone asking: one that outlives the longest an
// escalation may last is closed (room destroyed, codes revoked, recording stopped); a closed one's
// stills not kept for the case are deleted, what it recorded is turned into files (if the instance
// that closed it could not), and its personal data (kept stills and recordings included) removed
// after the retention (its rating's score stays); and the service reconciles with Janus:
// rooms of this deployment that no escalation owns are destroyed, and an escalation whose room
// vanished is closed (`room-lost`). Every instance runs it; each step is safe to run twice, and a
// failing step (or escalation) does not hold up the others.
import { HttpError } from '../http/http-error.js';
import type { JanusMember } from '../janus/janus-pool.js';
import { roomSecret } from '../janus/janus-rooms.js';
import { markClosed } from './agent-operations.js';
import type { Deps } from './deps.js';
import { mutate } from './mutate.js';
import type { EscalationRecord } from './records.js';
import { afterClose, stopBeforeDestroy } from './recording-news.js';
import { withdrawRequestsOf } from '../pool/withdraw.js';

export interface LifecycleOptions {
  maxLifetimeMs: number;
  retentionMs: number;
  /** Rooms Janus has that are not escalations' and must stay (the room guards' markers). */
  keepRooms: () => number[];
}

/** A room still being made by a create that died with its instance is taken back after this. */
const ABANDONED_CREATE_MS = 5 * 60_000;
const PURGE_BATCH = 100;

export class Lifecycle {
  /**
   * What one round found amiss, for the next to confirm: a create or a move may put a room on
   * Janus just before its escalation is written, and a close destroys a room just before it is
   * written closed. Only what two rounds in a row find is acted on.
   */
  private suspects = new Set<string>();

  constructor(
    private readonly deps: Deps,
    private readonly options: LifecycleOptions,
  ) {}

  /** One round of them all, as of `now`. */
  async round(now = this.deps.now()): Promise<void> {
    for (const step of [
      () => this.reap(now),
      () => this.removeUnkeptStills(),
      () => this.deps.recordings.sweep(),
      () => this.purge(now),
      () => this.reconcile(now),
    ]) {
      await step().catch((error: unknown) =>
        this.deps.log.warn({ err: error }, 'a lifecycle step failed; the next round tries again'),
      );
    }
  }

  private async reap(now: number): Promise<void> {
    for (const record of await this.deps.store.live()) {
      try {
        if (record.status === 'creating' && now - record.createdAt > ABANDONED_CREATE_MS) {
          await this.deps.janus
            .member(record.room.server)
            .rooms.destroy(record.room)
            .catch(() => undefined);
          await this.deps.store.remove(record.id);
        } else if (record.status === 'active' && now - record.createdAt > this.options.maxLifetimeMs) {
          if (await this.close(record, 'expired', now))
            this.deps.log.info({ escalation: record.id }, 'escalation closed: it outlived the longest an escalation may last');
        }
      } catch (error) {
        this.deps.log.warn({ escalation: record.id, err: error }, 'an escalation past its time could not be closed now');
      }
    }
  }

  /**
   * Closing deletes the stills not kept; this catches any a close left (a still written as its
   * call closed, a close by an instance that died before deleting).
   */
  private async removeUnkeptStills(): Promise<void> {
    const removed = await this.deps.store.removeUnkeptSnapshots();
    if (removed > 0) this.deps.log.info({ removed }, 'stills not kept for the case removed after their calls ended');
  }

  private async purge(now: number): Promise<void> {
    const due = await this.deps.store.closedUnpurged(now - this.options.retentionMs, PURGE_BATCH);
    for (const { value, version } of due) {
      // The files first: a purge that then fails leaves no recording behind, and runs again.
      await this.deps.recordings.remove(value);
      if (await this.deps.store.purge(withoutPersonalData(value), version, now))
        this.deps.log.info({ escalation: value.id }, 'personal data removed after the retention');
    }
  }

  private async reconcile(now: number): Promise<void> {
    const { store, janus } = this.deps;
    const seen = new Set<string>();
    // A server that does not answer is failover's: its calls move, they are not lost.
    for (const member of janus.all().filter((candidate) => candidate.up)) {
      // Janus first, the store after: a room made meanwhile has its escalation in the store by then.
      const onJanus = await member.rooms.list();
      const here = (await store.live()).filter((record) => janus.member(record.room.server).id === member.id);
      await this.putAwayOrphans(member, onJanus, new Set(here.map((record) => record.room.room)), seen);
      for (const record of here) {
        if (record.status !== 'active' || onJanus.includes(record.room.room)) continue;
        const suspect = `lost:${record.id}`;
        seen.add(suspect);
        if (!this.suspects.has(suspect)) continue;
        if (await this.close(record, 'room-lost', now, false))
          this.deps.log.warn({ escalation: record.id }, 'escalation closed: its room is gone from Janus');
      }
    }
    this.suspects = seen;
  }

  private async putAwayOrphans(member: JanusMember, onJanus: number[], owned: Set<number>, seen: Set<string>): Promise<void> {
    const keep = new Set(this.options.keepRooms());
    for (const room of onJanus) {
      if (owned.has(room) || keep.has(room)) continue;
      const suspect = `orphan:${member.id}:${room}`;
      seen.add(suspect);
      if (!this.suspects.has(suspect)) continue;
      // Only this deployment's rooms open to its derived secret; anyone else's are left alone.
      await member.rooms.destroy({ room, secret: roomSecret(this.deps.janus.tokenSecret, room) }).then(
        () => this.deps.log.warn({ janus: member.id, room }, 'a room no escalation owns was destroyed'),
        () => undefined,
      );
    }
  }

  /** Closes an escalation (and, when asked, its room); true if this call closed it. */
  private async close(record: EscalationRecord, reason: 'expired' | 'room-lost', now: number, destroy = true): Promise<boolean> {
    let closed: EscalationRecord | undefined;
    try {
      ({ record: closed } = await mutate(this.deps.store, record.id, (latest) => {
        if (latest.status !== 'active') throw new NotActive();
        markClosed(latest, reason, now, this.deps.redaction);
      }));
    } catch (error) {
      if (error instanceof NotActive || (error instanceof HttpError && error.code === 'not-found')) return false;
      throw error;
    }
    // Where the room is as written (a move may have taken it elsewhere since it was read).
    if (destroy) {
      await stopBeforeDestroy(this.deps, closed);
      await this.deps.janus.member(closed.room.server).rooms.destroy(closed.room);
    }
    await this.deps.hub.send(record.id, 'closed', reason).catch(() => undefined);
    await afterClose(this.deps, record, closed);
    await withdrawRequestsOf(this.deps, closed).catch(() => undefined);
    // Stills not kept for the case end with the call (or at the next round, if this fails).
    await this.deps.store.removeUnkeptSnapshots(record.id).catch(() => undefined);
    return true;
  }
}

class NotActive extends Error {}

/** A closed escalation as kept after the retention: what happened, not who it happened to. */
export function withoutPersonalData(record: EscalationRecord): EscalationRecord {
  return {
    ...record,
    interaction: { id: record.interaction.id, channel: record.interaction.channel },
    destination: { sms: null, email: null },
    destinationChanges: record.destinationChanges.map((change) => ({ ...change, from: null, to: '' })),
    deliveries: record.deliveries.map((delivery) => ({ ...delivery, to: null })),
    experts: record.experts.map(({ declinedBecause, pool, ...expert }) => ({
      ...expert,
      name: '',
      address: '',
      ...(declinedBecause === undefined ? {} : { declinedBecause: '' }),
      ...(pool ? { pool: { ...pool, expert: '' } } : {}),
    })),
    callback: record.callback ? { phone: '', at: record.callback.at } : null,
  };
}
