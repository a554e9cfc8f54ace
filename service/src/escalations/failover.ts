// When a Janus server stops answering, its calls move: each room is made again, under the same
// number and secret, on a live server, with the same participants allowed (their tokens still
// open it: all servers share one token secret). The escalation then names the new server; the
// agent's stream hears `moved`, and a guest's rejoin answers the new place; a recorded call is
// recorded there too (or stopped, and everyone told, when that server cannot). Safe on several
// instances at once: the escalation's version decides which move stands.
import { HttpError } from '../http/http-error.js';
import type { JanusMember } from '../janus/janus-pool.js';
import type { Deps } from './deps.js';
import { mayBeInRoom } from './lobby.js';
import { mutate } from './mutate.js';
import type { EscalationRecord } from './records.js';
import { announce } from './recording-news.js';
import { closePeriod } from './recording-state.js';

class MovedAlready extends Error {}

/**
 * The media tokens that may be in an escalation's room: the agent's, the current guest's, and the
 * experts let in (not those waiting in the lobby, turned away or put out).
 */
function admitted(record: EscalationRecord): string[] {
  return [
    record.room.hostToken,
    record.guest.janusToken,
    ...record.experts.filter(mayBeInRoom).map((expert) => expert.janusToken),
  ].filter((token): token is string => Boolean(token));
}

export class Failover {
  constructor(private readonly deps: Deps) {}

  /** Moves every live call off `from`; what cannot move now is tried again at the next call. */
  async moveOff(from: JanusMember): Promise<void> {
    const live = await this.deps.store.live();
    const load = new Map<string, number>();
    for (const record of live) {
      const server = this.deps.janus.member(record.room.server).id;
      load.set(server, (load.get(server) ?? 0) + 1);
    }
    for (const record of live) {
      if (record.status !== 'active' || this.deps.janus.member(record.room.server).id !== from.id) continue;
      try {
        const target = this.deps.janus.pick(load, from.id);
        await this.move(record, from, target);
        load.set(target.id, (load.get(target.id) ?? 0) + 1);
      } catch (error) {
        this.deps.log.warn(
          { escalation: record.id, err: error },
          'a call could not move off a Janus that stopped answering; trying again',
        );
      }
    }
  }

  private async move(record: EscalationRecord, from: JanusMember, target: JanusMember): Promise<void> {
    const { deps } = this;
    const tokens = admitted(record);
    // A call being recorded goes on being recorded there (what the first server wrote stays in its folder).
    const recorded = record.recording?.state === 'on';
    await target.rooms.create({ room: record.room.room, secret: record.room.secret }, tokens, { record: recorded });
    let moved: EscalationRecord;
    try {
      ({ record: moved } = await mutate(deps.store, record.id, (latest) => {
        if (deps.janus.member(latest.room.server).id !== from.id || latest.status !== 'active') throw new MovedAlready();
        latest.room.server = target.id;
        const recording = latest.recording;
        if (recording?.state !== 'on') return;
        if (recorded && target.rooms.recordingDir(latest.room.room) !== undefined) {
          if (!recording.servers.includes(target.id)) recording.servers.push(target.id);
          return;
        }
        // The new server cannot record it (or it was not recorded when the room was made): stopped, and said so.
        closePeriod(recording, deps.now());
        Object.assign(recording, { state: 'stopped', since: deps.now() });
      }));
    } catch (error) {
      // Another instance moved it first, or the call ended: this copy of the room is not needed.
      await target.rooms.destroy({ room: record.room.room, secret: record.room.secret }).catch(() => undefined);
      if (error instanceof MovedAlready || (error instanceof HttpError && error.code === 'not-found')) return;
      throw error;
    }
    // Who is admitted may have changed since the room was made again (a renewal, a redeem): as written.
    const now = admitted(moved);
    await target.rooms.allow(
      moved.room,
      now.filter((token) => !tokens.includes(token)),
    );
    const gone = tokens.filter((token) => !now.includes(token));
    if (gone.length) await target.rooms.revoke(moved.room, gone, []);
    await deps.hub.send(record.id, 'moved', JSON.stringify({ server: target.server.wsUrl }));
    if (record.recording?.state !== moved.recording?.state) await announce(deps, moved);
    // Stopped while the room was being made again: so it is there too.
    if (recorded && moved.recording?.state !== 'on') await target.rooms.enableRecording(moved.room, false).catch(() => undefined);
    deps.log.warn({ escalation: record.id, from: from.id, to: target.id }, 'a call moved off a Janus that stopped answering');
  }
}
