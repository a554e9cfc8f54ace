// Janus's HTTP API, as the service uses it: a short-lived session per request, a VideoRoom
// handle, one plugin message. Every call carries a fresh service token of a minute; the HTTP API
// itself listens only where the service reaches it, never where browsers do.
import { mintJanusToken, VIDEOROOM } from './janus-token.js';

export interface JanusServer {
  /** The HTTP API, e.g. `http://127.0.0.1:8088/janus` (private). */
  httpUrl: string;
  /** What browsers connect to: the WebSocket, e.g. `wss://janus.example.com/ws`. */
  wsUrl: string;
  /** VideoRoom's `admin_key`: only the service may create rooms. */
  roomAdminKey: string;
  /** Janus's `token_auth_secret`. */
  tokenSecret: string;
  /** The admin API (private) and its `admin_secret`: for telling who joined a room as whom. */
  adminUrl?: string | undefined;
  adminSecret?: string | undefined;
}

export class JanusError extends Error {
  constructor(
    message: string,
    readonly janusCode?: number,
  ) {
    super(message);
  }
}

interface JanusAnswer {
  janus: string;
  data?: { id: number };
  error?: { code: number; reason: string };
  plugindata?: { data: Record<string, unknown> };
}

let transactions = 0;

export class JanusApi {
  constructor(
    private readonly server: JanusServer,
    /** Hears how long each request took, in seconds (for the metrics). */
    private readonly observe: (seconds: number) => void = () => undefined,
    private readonly timeoutMs = 5000,
  ) {}

  /** Runs one VideoRoom request; answers the plugin's data (which may carry `error_code`). */
  async videoroom(body: Record<string, unknown>): Promise<Record<string, unknown>> {
    const token = mintJanusToken({ secret: this.server.tokenSecret, plugins: [VIDEOROOM], ttlSeconds: 60 });
    const { httpUrl } = this.server;
    const session = (await this.call(httpUrl, { janus: 'create', token })).data!.id;
    try {
      const handle = (await this.call(`${httpUrl}/${session}`, { janus: 'attach', plugin: VIDEOROOM, token })).data!.id;
      const answer = await this.call(`${httpUrl}/${session}/${handle}`, { janus: 'message', body, token });
      return answer.plugindata?.data ?? {};
    } finally {
      await this.call(`${httpUrl}/${session}`, { janus: 'destroy', token }).catch(() => undefined);
    }
  }

  private async call(url: string, body: Record<string, unknown>): Promise<JanusAnswer> {
    let response: Response;
    const started = performance.now();
    try {
      response = await fetch(url, {
        method: 'POST',
        body: JSON.stringify({ transaction: `service-${(transactions += 1)}`, ...body }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new JanusError(`janus did not answer at ${url}: ${(error as Error).message}`);
    }
    const answer = (await response.json()) as JanusAnswer;
    this.observe((performance.now() - started) / 1000);
    if (answer.janus === 'error') throw new JanusError(`janus: ${answer.error?.reason ?? JSON.stringify(answer)}`, answer.error?.code);
    return answer;
  }
}
