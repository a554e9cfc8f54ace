// The Janus servers a service places rooms on: each new room goes to a live, least-loaded one,
// and the join details name it. A server that stops answering gets no new rooms (its calls are
// moved, see escalations/failover.ts). All share one token secret, so a participant's token opens
// their room wherever it moves.
import { HttpError } from '../http/http-error.js';
import { JanusAdmin } from './janus-admin.js';
import type { JanusServer } from './janus-api.js';
import { JanusRooms } from './janus-rooms.js';

export interface JanusMember {
  id: string;
  server: JanusServer;
  rooms: JanusRooms;
  admin: JanusAdmin | undefined;
  /** Answering, as the last checks found. */
  up: boolean;
}

export class JanusPool {
  private readonly members = new Map<string, JanusMember>();
  readonly tokenSecret: string;

  constructor(servers: readonly JanusServer[], observe?: (seconds: number) => void) {
    if (servers.length === 0) throw new Error('at least one Janus server is needed');
    this.tokenSecret = servers[0]!.tokenSecret;
    if (servers.some((server) => server.tokenSecret !== this.tokenSecret))
      throw new Error('every Janus server must share one token_auth_secret (rooms move between them)');
    servers.forEach((server, index) => {
      const id = server.id ?? `janus-${index + 1}`;
      const admin =
        server.adminUrl && server.adminSecret ? new JanusAdmin({ url: server.adminUrl, secret: server.adminSecret }) : undefined;
      this.members.set(id, { id, server, rooms: new JanusRooms(server, observe), admin, up: true });
    });
  }

  all(): JanusMember[] {
    return [...this.members.values()];
  }

  /** The server a room is on; a room from before several servers is on the first. */
  member(id: string | undefined): JanusMember {
    return (id && this.members.get(id)) || this.all()[0]!;
  }

  /** Where a new room goes: the live server with the fewest live rooms (`load`: rooms per server id). */
  pick(load: ReadonlyMap<string, number>, except?: string): JanusMember {
    const live = this.all().filter((member) => member.up && member.id !== except);
    if (live.length === 0) throw new HttpError('unavailable', 'no video server is answering; try again in a moment');
    return live.reduce((best, member) => ((load.get(member.id) ?? 0) < (load.get(best.id) ?? 0) ? member : best));
  }

  close(): void {
    for (const member of this.members.values()) member.rooms.close();
  }
}
