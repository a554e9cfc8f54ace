// Janus's admin API, for what only it can tell: which token each handle attached with, which
// participant id that handle joined a VideoRoom as, and whether Janus records it. Private, like
// the HTTP API.
import { JanusError } from './janus-api.js';

export interface JanusAdminAccess {
  /** e.g. `http://127.0.0.1:7088/admin` */
  url: string;
  /** Janus's `admin_secret`. */
  secret: string;
}

/** A VideoRoom publisher as Janus knows it. */
export interface RoomPublisher {
  room: number;
  id: number;
  /** The token its handle attached with. */
  token: string;
  /** Janus records one of its streams (into a file). */
  recording: boolean;
}

interface AdminAnswer {
  janus: string;
  error?: { reason: string };
  sessions?: number[];
  handles?: number[];
  info?: {
    token?: string;
    plugin?: string;
    plugin_specific?: { type?: string; room?: number; id?: number; streams?: { recording?: string }[] };
  };
}

let transactions = 0;

export class JanusAdmin {
  constructor(
    private readonly access: JanusAdminAccess,
    private readonly timeoutMs = 5000,
  ) {}

  /** Every VideoRoom publisher on this Janus, with the token it came in with. */
  async publishers(): Promise<RoomPublisher[]> {
    const found: RoomPublisher[] = [];
    for (const session of (await this.call(this.access.url, 'list_sessions')).sessions ?? []) {
      const handles =
        (await this.call(`${this.access.url}/${session}`, 'list_handles').catch(() => ({ handles: [] as number[] }))).handles ??
        [];
      for (const handle of handles) {
        // A session or handle may go while it is read: that is no publisher.
        const info = (await this.call(`${this.access.url}/${session}/${handle}`, 'handle_info').catch(() => ({}) as AdminAnswer))
          .info;
        const plugin = info?.plugin_specific;
        if (
          info?.plugin !== 'janus.plugin.videoroom' ||
          plugin?.type !== 'publisher' ||
          plugin.room === undefined ||
          plugin.id === undefined
        )
          continue;
        const recording = (plugin.streams ?? []).some((stream) => typeof stream.recording === 'string');
        found.push({ room: plugin.room, id: plugin.id, token: info.token ?? '', recording });
      }
    }
    return found;
  }

  private async call(url: string, request: string): Promise<AdminAnswer> {
    const response = await fetch(url, {
      method: 'POST',
      body: JSON.stringify({ janus: request, transaction: `admin-${(transactions += 1)}`, admin_secret: this.access.secret }),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const answer = (await response.json()) as AdminAnswer;
    if (answer.janus === 'error') throw new JanusError(`janus admin: ${answer.error?.reason ?? JSON.stringify(answer)}`);
    return answer;
  }
}
