// Janus keeps a permanent room across a restart but not its allow-list: after a restart, any
// holder of a valid token who knew the room number (a customer whose link was renewed) could walk
// back in. The guard notices a restart (a marker room that is not permanent disappears) and puts
// every live escalation's allow-list back, with only the participants still admitted.
import { randomBytes } from 'node:crypto';
import type { Logger } from '../logger.js';
import type { JanusRoom, JanusRooms } from './janus-rooms.js';
import { randomJanusId } from './janus-rooms.js';

export interface GuardedRoom {
  room: JanusRoom;
  /** Every token that may still join: the agent's, the current guest's, admitted experts'. */
  allowed: readonly string[];
}

export class AllowListGuard {
  private marker: JanusRoom = { room: randomJanusId(), secret: randomBytes(16).toString('hex') };
  private timer: ReturnType<typeof setInterval> | undefined;
  private checking = false;

  constructor(
    private readonly rooms: JanusRooms,
    private readonly liveRooms: () => GuardedRoom[],
    private readonly log: Logger,
  ) {}

  async start(everyMs: number): Promise<void> {
    await this.rooms.createMarker(this.marker).catch((error: unknown) => this.log.warn({ err: error }, 'Janus is not answering yet; the allow-list guard will retry'));
    this.timer = setInterval(() => void this.check(), everyMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Checks once; after a restart, restores every live room's allow-list. */
  async check(): Promise<void> {
    if (this.checking) return;
    this.checking = true;
    try {
      if (await this.rooms.exists(this.marker.room)) return;
      this.marker = { room: randomJanusId(), secret: randomBytes(16).toString('hex') };
      await this.rooms.createMarker(this.marker);
      const live = this.liveRooms();
      for (const { room, allowed } of live) await this.rooms.restoreAllowList(room, allowed);
      this.log.warn({ rooms: live.length }, 'Janus restarted: allow-lists restored');
    } catch (error) {
      // Janus down: the next check tries again.
      this.log.debug({ err: error }, 'allow-list guard: Janus not answering');
    } finally {
      this.checking = false;
    }
  }
}
