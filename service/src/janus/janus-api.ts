// Janus's HTTP API, as the service uses it: one session with a VideoRoom handle, kept alive and
// made again when Janus lost it, and one plugin message a request. Every call carries a fresh
// service token of a minute; the HTTP API listens only where the service reaches it, never
// where browsers do.
import { mintJanusToken, VIDEOROOM } from './janus-token.js';

export interface JanusServer {
  /** A name for this server (`janus-1` and on by default); join details and logs name it. */
  id?: string | undefined;
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
  /**
   * Where this Janus writes recordings, as this service sees it: each room records into a folder
   * of its own here (its `rec_dir`, the same path given to Janus), so Janus and the service must
   * share it (one host, or one mounted volume). Without it, calls on this server are not recorded.
   */
  recordingsDir?: string | undefined;
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

/** Janus's codes for a session or handle it no longer has (a restart, a timeout). */
const GONE = new Set([458, 459]);
const KEEPALIVE_MS = 25_000;

export class JanusApi {
  /** One session and VideoRoom handle for all of this service's requests, made when first needed. */
  private handle: Promise<{ session: number; handle: number }> | undefined;
  private keepalive: ReturnType<typeof setInterval> | undefined;
  private closed = false;

  constructor(
    private readonly server: JanusServer,
    /** Hears how long each request took, in seconds (for the metrics). */
    private readonly observe: (seconds: number) => void = () => undefined,
    private readonly timeoutMs = 5000,
  ) {}

  /** Runs one VideoRoom request; answers the plugin's data (which may carry `error_code`). */
  async videoroom(body: Record<string, unknown>): Promise<Record<string, unknown>> {
    for (let attempt = 0; ; attempt += 1) {
      const { session, handle } = await this.ensureHandle();
      try {
        const answer = await this.call(`${this.server.httpUrl}/${session}/${handle}`, { janus: 'message', body });
        return answer.plugindata?.data ?? {};
      } catch (error) {
        // Janus restarted (or dropped the session): a new one, once.
        this.forgetHandle();
        if (attempt > 0 || !(error instanceof JanusError) || (error.janusCode !== undefined && !GONE.has(error.janusCode)))
          throw error;
      }
    }
  }

  /** Lets the session go (the service is stopping); no new one is made. */
  close(): void {
    this.closed = true;
    this.forgetHandle();
  }

  private ensureHandle(): Promise<{ session: number; handle: number }> {
    if (this.closed) return Promise.reject(new JanusError('the service is stopping'));
    this.handle ??= (async () => {
      const { httpUrl } = this.server;
      const session = (await this.call(httpUrl, { janus: 'create' })).data!.id;
      const handle = (await this.call(`${httpUrl}/${session}`, { janus: 'attach', plugin: VIDEOROOM })).data!.id;
      // Janus ends a session it has not heard from in a minute.
      clearInterval(this.keepalive);
      this.keepalive = setInterval(
        () => void this.call(`${httpUrl}/${session}`, { janus: 'keepalive' }).catch(() => this.forgetHandle()),
        KEEPALIVE_MS,
      );
      this.keepalive.unref();
      return { session, handle };
    })();
    this.handle.catch(() => this.forgetHandle());
    return this.handle;
  }

  private forgetHandle(): void {
    clearInterval(this.keepalive);
    this.handle = undefined;
  }

  private async call(url: string, body: Record<string, unknown>): Promise<JanusAnswer> {
    // Every request carries a fresh service token of a minute: Janus checks each one.
    const token = mintJanusToken({ secret: this.server.tokenSecret, plugins: [VIDEOROOM], ttlSeconds: 60 });
    let response: Response;
    const started = performance.now();
    try {
      response = await fetch(url, {
        method: 'POST',
        body: JSON.stringify({ transaction: `service-${(transactions += 1)}`, ...body, token }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new JanusError(`janus did not answer at ${url}: ${(error as Error).message}`);
    }
    const answer = (await response.json()) as JanusAnswer;
    this.observe((performance.now() - started) / 1000);
    if (answer.janus === 'error')
      throw new JanusError(`janus: ${answer.error?.reason ?? JSON.stringify(answer)}`, answer.error?.code);
    return answer;
  }
}
