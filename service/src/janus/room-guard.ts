// Watches the escalations' rooms on Janus for what Janus itself does not enforce.
// - A restart: Janus keeps a permanent room but not its allow-list, so any holder of a valid token
//   who knew the room number (a customer whose link was renewed) could walk back in. A marker room
//   that is not permanent disappears with a restart; the guard then puts every live room's
//   allow-list back, with only the participants still admitted.
// - Identity: Janus lets any admitted participant join under any id, the agent's included (while
//   the agent is away). The admin API tells which token each publisher came in with; one whose
//   token is not the one the service gave for that id is put out, and its token revoked.
// - Recording: Janus 1.1.2 lets a participant start recording themselves when joining
//   (`joinandconfigure` with `record`, unchecked by `lock_record`). A publisher Janus records while
//   the customer has not agreed is put out the same way. And a restarted Janus has forgotten that
//   a room was recorded: it is told again.
import { randomBytes } from 'node:crypto';
import type { Logger } from '../logger.js';
import type { RoomPublisher } from './janus-admin.js';
import type { JanusMember } from './janus-pool.js';
import type { JanusRoom } from './janus-rooms.js';
import { randomJanusId } from './janus-rooms.js';

export interface GuardedRoom {
  room: JanusRoom;
  /** Participant id → the token the service gave whoever joins as it (agent, guest, experts). */
  identities: ReadonlyMap<number, string>;
  /** The customer agreed and the room is to be recorded now. */
  record: boolean;
  /** Janus may be recording it now (agreed, or only just stopped): a recorded publisher is no intruder. */
  mayRecord: boolean;
}

export class RoomGuard {
  private marker: JanusRoom = { room: randomJanusId(), secret: randomBytes(16).toString('hex') };
  private timer: ReturnType<typeof setInterval> | undefined;
  private checking = false;
  private current: Promise<void> | undefined;

  /** Checks in a row that Janus did not answer. */
  private missed = 0;

  /**
   * `onDown`: called each round while Janus does not answer (from the second missed check on), to
   * move its calls; `liveRooms`: the live rooms on this server.
   */
  constructor(
    private readonly member: JanusMember,
    private readonly liveRooms: () => Promise<GuardedRoom[]>,
    private readonly log: Logger,
    private readonly onDown: () => Promise<void> = async () => undefined,
  ) {}

  /** The room this guard watches for restarts: not an escalation's, and not to be put away. */
  get markerRoom(): number {
    return this.marker.room;
  }

  async start(everyMs: number): Promise<void> {
    await this.member.rooms
      .createMarker(this.marker)
      .catch((error: unknown) =>
        this.log.warn({ janus: this.member.id, err: error }, 'Janus is not answering yet; the room guard will retry'),
      );
    if (!this.member.admin)
      this.log.warn(
        { janus: this.member.id },
        "no Janus admin API configured: a participant joining under another's id (the agent's) is not put out",
      );
    this.timer = setInterval(() => void this.check(), everyMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** One round: allow-lists after a restart, then identities. */
  async check(): Promise<void> {
    this.current = this.round();
    await this.current;
  }

  /** Stops the rounds; resolves once the one under way (if any) has ended. */
  async stopped(): Promise<void> {
    this.stop();
    await this.current;
  }

  private async round(): Promise<void> {
    if (this.checking) return;
    this.checking = true;
    let live: GuardedRoom[];
    try {
      live = await this.liveRooms();
    } catch (error) {
      // The store, not Janus, did not answer: nothing to conclude about Janus.
      this.log.debug({ err: error }, 'room guard: the store did not answer');
      this.checking = false;
      return;
    }
    try {
      await this.restoreAfterRestart(live);
      this.missed = 0;
      if (!this.member.up) this.log.warn({ janus: this.member.id }, 'Janus answers again: it takes new rooms');
      this.member.up = true;
      await this.putOutImpostors(live);
    } catch (error) {
      this.missed += 1;
      this.log.debug({ janus: this.member.id, err: error }, 'room guard: Janus not answering');
      // Twice in a row is not a blip: no new rooms here, and its calls move.
      if (this.missed >= 2) {
        if (this.member.up)
          this.log.warn({ janus: this.member.id }, 'Janus stopped answering: no new rooms go there, its calls move');
        this.member.up = false;
        await this.onDown().catch((failure: unknown) => this.log.warn({ err: failure }, 'moving calls failed; trying again'));
      }
    } finally {
      this.checking = false;
    }
  }

  private async restoreAfterRestart(live: GuardedRoom[]): Promise<void> {
    const { rooms } = this.member;
    if (await rooms.exists(this.marker.room)) return;
    this.marker = { room: randomJanusId(), secret: randomBytes(16).toString('hex') };
    await rooms.createMarker(this.marker);
    for (const { room, identities, record } of live) {
      await rooms.restoreAllowList(room, [...identities.values()]).catch(() => undefined);
      if (record)
        await rooms
          .enableRecording(room, true)
          .catch((error: unknown) =>
            this.log.warn({ janus: this.member.id, room: room.room, err: error }, 'recording could not be turned on again'),
          );
    }
    this.log.warn({ janus: this.member.id, rooms: live.length }, 'Janus (re)started: allow-lists restored');
  }

  private async putOutImpostors(live: GuardedRoom[]): Promise<void> {
    if (!this.member.admin || live.length === 0) return;
    const byRoom = new Map(live.map((guarded) => [guarded.room.room, guarded]));
    const publishers = await this.member.admin.publishers();
    for (const publisher of publishers) {
      const guarded = byRoom.get(publisher.room);
      if (!guarded || guarded.identities.get(publisher.id) === publisher.token) continue;
      // Whoever this token was given to used it under another id: out, and not back in.
      const ownId = [...guarded.identities].find(([, token]) => token === publisher.token)?.[0];
      await this.member.rooms.revoke(guarded.room, ownId === undefined ? [] : [publisher.token], [publisher.id]);
      this.log.warn({ room: publisher.room, id: publisher.id }, 'a participant joined under an id that is not theirs: put out');
    }
    await this.putOutSelfRecorders(
      publishers.filter((publisher) => publisher.recording && !byRoom.get(publisher.room)?.mayRecord),
    );
  }

  /**
   * Publishers Janus records in rooms that may not be: out, and not back in. What the rooms may is
   * read again first: the customer may have agreed since this round began.
   */
  private async putOutSelfRecorders(suspects: RoomPublisher[]): Promise<void> {
    if (suspects.length === 0) return;
    const now = new Map((await this.liveRooms()).map((guarded) => [guarded.room.room, guarded]));
    for (const publisher of suspects) {
      const guarded = now.get(publisher.room);
      if (!guarded || guarded.mayRecord) continue;
      await this.member.rooms.revoke(guarded.room, [publisher.token], [publisher.id]);
      this.log.warn(
        { room: publisher.room, id: publisher.id },
        'a participant had Janus record them without the customer agreeing: put out',
      );
    }
  }
}
