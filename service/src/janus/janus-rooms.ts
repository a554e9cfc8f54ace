// VideoRoom rooms for escalations, locked down: private (not listed), subscribers need a
// publisher's private id, a cap on publishers, and only the participants whose own tokens are
// on the room's allow-list may join. Revoking a token and kicking its holder puts them out.
// Recording is locked too: only the service (with the room's secret) turns it on or off, and
// each room records into a folder of its own.
import { createHmac, randomInt } from 'node:crypto';
import { join } from 'node:path';
import { JanusApi, JanusError, type JanusServer } from './janus-api.js';

/** Agent, customer, one expert, and a spare for a rejoin that overlaps its own leaving. */
const MAX_PUBLISHERS = 4;

export interface JanusRoom {
  room: number;
  /** The room's own secret: needed to change its allow-list, kick, or destroy it. */
  secret: string;
}

export class JanusRooms {
  private readonly api: JanusApi;

  constructor(
    readonly server: JanusServer,
    observe?: (seconds: number) => void,
  ) {
    this.api = new JanusApi(server, observe);
  }

  /** Lets the service's Janus session go. */
  close(): void {
    this.api.close();
  }

  /** `record`: recording from the start (a room made again elsewhere while it was recorded). */
  async create(room: JanusRoom, allowed: readonly string[], { record = false }: { record?: boolean } = {}): Promise<void> {
    const folder = this.recordingDir(room.room);
    const data = await this.api.videoroom({
      request: 'create',
      room: room.room,
      secret: room.secret,
      admin_key: this.server.roomAdminKey,
      is_private: true,
      require_pvtid: true,
      publishers: MAX_PUBLISHERS,
      notify_joining: true,
      allowed: [...allowed],
      // Saved by Janus, so a restarted Janus still has the room (the call recovers).
      permanent: true,
      // A participant may not start (or stop) recording with `configure`: only with the room's
      // secret, which only the service has (Janus 1.1.2 does not check it on `joinandconfigure`:
      // the room guard puts out a publisher recorded while the room is not).
      lock_record: true,
      record: record && folder !== undefined,
      ...(folder ? { rec_dir: folder } : {}),
    });
    if (data['videoroom'] !== 'created') throw new JanusError(`janus: room not created: ${JSON.stringify(data)}`);
  }

  /** Where Janus records a room, as this service sees it (the same path Janus is given); none when recording is not set up. */
  recordingDir(room: number): string | undefined {
    return this.server.recordingsDir === undefined ? undefined : join(this.server.recordingsDir, String(room));
  }

  /**
   * Starts or stops recording every publisher of the room (and those who publish later). Janus
   * closes the recordings it stops at once, before it answers.
   */
  async enableRecording(room: JanusRoom, record: boolean): Promise<void> {
    const data = await this.api.videoroom({ request: 'enable_recording', room: room.room, secret: room.secret, record });
    if (data['videoroom'] !== 'success' || data['record'] !== record)
      throw new JanusError(`janus: recording not turned ${record ? 'on' : 'off'}: ${JSON.stringify(data)}`);
  }

  /** Destroys a room (its participants are sent away); a room already gone counts as destroyed. */
  async destroy(room: JanusRoom): Promise<void> {
    const data = await this.api.videoroom({ request: 'destroy', room: room.room, secret: room.secret, permanent: true });
    if (data['videoroom'] === 'destroyed' || data['error_code'] === 426) return;
    throw new JanusError(`janus: room ${room.room} not destroyed: ${JSON.stringify(data)}`);
  }

  /** Every room on this Janus, private ones included (the admin key sees them). */
  async list(): Promise<number[]> {
    const data = await this.api.videoroom({ request: 'list', admin_key: this.server.roomAdminKey });
    const rooms = data['list'];
    if (!Array.isArray(rooms)) throw new JanusError(`janus: rooms not listed: ${JSON.stringify(data)}`);
    return rooms.map((entry: { room: number }) => entry.room);
  }

  async exists(room: number): Promise<boolean> {
    const data = await this.api.videoroom({ request: 'exists', room });
    return data['exists'] === true;
  }

  /** A room nobody joins, not saved: its absence tells that Janus restarted. */
  async createMarker(room: JanusRoom): Promise<void> {
    const data = await this.api.videoroom({
      request: 'create',
      room: room.room,
      secret: room.secret,
      admin_key: this.server.roomAdminKey,
      is_private: true,
      publishers: 1,
      allowed: [],
    });
    if (data['videoroom'] !== 'created') throw new JanusError(`janus: marker room not created: ${JSON.stringify(data)}`);
  }

  /** Turns the allow-list check back on and sets who is on it (after Janus forgot it). */
  async restoreAllowList(room: JanusRoom, tokens: readonly string[]): Promise<void> {
    const data = await this.api.videoroom({ request: 'allowed', room: room.room, secret: room.secret, action: 'enable' });
    if (data['videoroom'] !== 'success') throw new JanusError(`janus: allow-list not enabled: ${JSON.stringify(data)}`);
    await this.changeAllowed(room, 'add', tokens);
  }

  async allow(room: JanusRoom, tokens: readonly string[]): Promise<void> {
    await this.changeAllowed(room, 'add', tokens);
  }

  /** Takes tokens off the allow-list and puts out whoever is in under the given ids. */
  async revoke(room: JanusRoom, tokens: readonly string[], participantIds: readonly number[]): Promise<void> {
    await this.changeAllowed(room, 'remove', tokens);
    for (const id of participantIds) {
      const data = await this.api.videoroom({ request: 'kick', room: room.room, secret: room.secret, id });
      // 428: nobody in under that id (they had left already).
      if (data['videoroom'] !== 'success' && data['error_code'] !== 428)
        throw new JanusError(`janus: kick failed: ${JSON.stringify(data)}`);
    }
  }

  private async changeAllowed(room: JanusRoom, action: 'add' | 'remove', tokens: readonly string[]): Promise<void> {
    if (tokens.length === 0) return;
    const data = await this.api.videoroom({
      request: 'allowed',
      room: room.room,
      secret: room.secret,
      action,
      allowed: [...tokens],
    });
    if (data['videoroom'] !== 'success') throw new JanusError(`janus: allow-list not changed: ${JSON.stringify(data)}`);
  }
}

/**
 * A room's secret, derived from the deployment's Janus token secret: the service can always put
 * its own rooms away, even one whose escalation it lost track of, and no one else can.
 */
export function roomSecret(tokenSecret: string, room: number): string {
  return createHmac('sha256', tokenSecret).update(`room-secret:${room}`).digest('hex');
}

/** A room number and participant ids: random, within what JavaScript and Janus both hold exactly. */
export function randomJanusId(): number {
  return randomInt(1, 2 ** 47);
}
