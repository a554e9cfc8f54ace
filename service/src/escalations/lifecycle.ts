// What happens to escalations over time, without anyone asking: one that outlives the longest an
// escalation may last is closed (room destroyed, codes revoked); a closed one's personal data is
// removed after the retention (its rating's score stays); and the service reconciles with Janus:
// rooms of this deployment that no escalation owns are destroyed, and an escalation whose room
// vanished is closed (`room-lost`). Every instance runs it; each step is safe to run twice.
import { HttpError } from '../http/http-error.js';
import { roomSecret } from '../janus/janus-rooms.js';
import { markClosed } from './agent-operations.js';
import type { Deps } from './deps.js';
import { mutate } from './mutate.js';
import type { EscalationRecord } from './records.js';

export interface LifecycleOptions {
  maxLifetimeMs: number;
  retentionMs: number;
  /** Rooms Janus has that are not escalations' and must stay (the room guard's marker). */
  keepRooms: () => number[];
}

/** A room still being made by a create that died with its instance is taken back after this. */
const ABANDONED_CREATE_MS = 5 * 60_000;
const PURGE_BATCH = 100;

export class Lifecycle {
  constructor(
    private readonly deps: Deps,
    private readonly options: LifecycleOptions,
  ) {}

  /** One round of all three, as of `now`. */
  async round(now = this.deps.now()): Promise<void> {
    await this.reap(now);
    await this.purge(now);
    await this.reconcile(now);
  }

  private async reap(now: number): Promise<void> {
    for (const record of await this.deps.store.live()) {
      if (record.status === 'creating' && now - record.createdAt > ABANDONED_CREATE_MS) {
        await this.deps.janus.member(record.room.server).rooms.destroy(record.room).catch(() => undefined);
        await this.deps.store.remove(record.id);
      } else if (record.status === 'active' && now - record.createdAt > this.options.maxLifetimeMs) {
        await this.close(record, 'expired', now);
        this.deps.log.info({ escalation: record.id }, 'escalation closed: it outlived the longest an escalation may last');
      }
    }
  }

  private async purge(now: number): Promise<void> {
    const due = await this.deps.store.closedUnpurged(now - this.options.retentionMs, PURGE_BATCH);
    for (const { value, version } of due) {
      if (await this.deps.store.purge(withoutPersonalData(value), version, now)) this.deps.log.info({ escalation: value.id }, 'personal data removed after the retention');
    }
  }

  private async reconcile(now: number): Promise<void> {
    const { store, janus } = this.deps;
    const live = await store.live();
    const keep = new Set(this.options.keepRooms());
    // A server that does not answer is failover's: its calls move, they are not lost.
    for (const member of janus.all().filter((candidate) => candidate.up)) {
      const here = live.filter((record) => janus.member(record.room.server).id === member.id);
      const owned = new Set(here.map((record) => record.room.room));
      for (const room of await member.rooms.list()) {
        if (owned.has(room) || keep.has(room)) continue;
        // Only this deployment's rooms open to its derived secret; anyone else's are left alone.
        await member.rooms.destroy({ room, secret: roomSecret(janus.tokenSecret, room) }).then(
          () => this.deps.log.warn({ janus: member.id, room }, 'a room no escalation owns was destroyed'),
          () => undefined,
        );
      }
      for (const record of here) {
        if (record.status !== 'active' || (await member.rooms.exists(record.room.room))) continue;
        await this.close(record, 'room-lost', now, false);
        this.deps.log.warn({ escalation: record.id }, 'escalation closed: its room is gone from Janus');
      }
    }
  }

  private async close(record: EscalationRecord, reason: 'expired' | 'room-lost', now: number, destroy = true): Promise<void> {
    if (destroy) await this.deps.janus.member(record.room.server).rooms.destroy(record.room);
    await mutate(this.deps.store, record.id, (latest) => {
      if (latest.status === 'active') markClosed(latest, reason, now);
    }).catch((error: unknown) => {
      if (!(error instanceof HttpError && error.code === 'not-found')) throw error;
    });
    await this.deps.hub.send(record.id, 'closed', reason).catch(() => undefined);
  }
}

/** A closed escalation as kept after the retention: what happened, not who it happened to. */
export function withoutPersonalData(record: EscalationRecord): EscalationRecord {
  return {
    ...record,
    interaction: { id: record.interaction.id, channel: record.interaction.channel },
    destination: { sms: null, email: null },
    destinationChanges: record.destinationChanges.map((change) => ({ ...change, from: null, to: '' })),
    deliveries: record.deliveries.map((delivery) => ({ ...delivery, to: null })),
    experts: record.experts.map((expert) => ({ ...expert, name: '', address: '' })),
    callback: record.callback ? { phone: '', at: record.callback.at } : null,
  };
}
