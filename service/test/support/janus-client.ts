// A Janus client for the service's tests, over Janus's HTTP API: what a browser would send (a
// session with a token, a plugin handle, a VideoRoom request) and what it would hear back.
import { randomUUID } from 'node:crypto';

interface JanusReply {
  janus: string;
  data?: { id: number };
  error?: { code: number; reason: string };
  plugindata?: { data: Record<string, unknown> };
}

export class JanusTestClient {
  private session = 0;
  private handle = 0;

  constructor(
    private readonly httpUrl: string,
    private readonly token: string,
  ) {}

  /** Opens a session and attaches `plugin`; answers Janus's error code, or 0 when it worked. */
  async open(plugin = 'janus.plugin.videoroom'): Promise<number> {
    const created = await this.post(this.httpUrl, { janus: 'create' });
    if (created.janus === 'error') return created.error!.code;
    this.session = created.data!.id;
    const attached = await this.post(`${this.httpUrl}/${this.session}`, { janus: 'attach', plugin });
    if (attached.janus === 'error') return attached.error!.code;
    this.handle = attached.data!.id;
    return 0;
  }

  /** A synchronous VideoRoom request (list, listparticipants, exists). */
  async request(body: Record<string, unknown>): Promise<Record<string, unknown>> {
    const answer = await this.post(`${this.httpUrl}/${this.session}/${this.handle}`, { janus: 'message', body });
    return answer.plugindata?.data ?? {};
  }

  /** An asynchronous VideoRoom request (join): its answer comes as an event. */
  async ask(body: Record<string, unknown>): Promise<Record<string, unknown>> {
    await this.post(`${this.httpUrl}/${this.session}/${this.handle}`, { janus: 'message', body });
    return this.next();
  }

  /** The next plugin event for this session (long poll). */
  async next(): Promise<Record<string, unknown>> {
    for (let attempt = 0; attempt < 20; attempt += 1) {
      const response = await fetch(`${this.httpUrl}/${this.session}?maxev=1&token=${encodeURIComponent(this.token)}`);
      const events = (await response.json()) as JanusReply | JanusReply[];
      for (const event of Array.isArray(events) ? events : [events]) if (event.plugindata) return event.plugindata.data;
    }
    throw new Error('no event from Janus');
  }

  async close(): Promise<void> {
    if (this.session) await this.post(`${this.httpUrl}/${this.session}`, { janus: 'destroy' }).catch(() => undefined);
  }

  private async post(url: string, body: Record<string, unknown>): Promise<JanusReply> {
    const response = await fetch(url, {
      method: 'POST',
      body: JSON.stringify({ ...body, transaction: randomUUID(), ...(this.token ? { token: this.token } : {}) }),
    });
    return (await response.json()) as JanusReply;
  }
}
