// The browser's client of the escalation service: JSON over fetch to the protocol's routes, the
// agent's bearer token on agent routes (refreshed before expiry and once after a 401), the guest
// token on guest routes, an Idempotency-Key on every write, and the progress stream as
// Server-Sent Events over fetch (so it can carry the Authorization header).
import {
  GUEST_REPORTS,
  IDEMPOTENCY_HEADER,
  isServiceErrorCode,
  routePath,
  ROUTES,
  type AskOutcome,
  type CallAsk,
  type CameraAbilities,
  type ClaimedEscalation,
  type CreateEscalationRequest,
  type AskNews,
  type ExpertOffer,
  type ExpertRequest,
  type ExpertRequestStatus,
  type GuestAsk,
  type LobbyNews,
  type LobbyOutcome,
  type PresenceUpdate,
  type RecordingRequest,
  type RecordingStatus,
  type SnapshotNews,
  type SnapshotSave,
  type SnapshotUpload,
  type ErrorBody,
  type ExpertInvite,
  type GuestReport,
  type LinkDelivery,
  type NewLinkRequest,
  type ProgressNews,
  type Rating,
  type RouteName,
  type RouteTypes,
} from '../../protocol/index.js';
import { logger } from '../logger.js';
import { randomId } from '../random-id.js';
import { AgentToken } from './agent-token.js';
import { ServiceError } from './service-error.js';
import { readEventStream } from './sse.js';
import type { AgentTokenProvider, EscalationServiceApi, GuestNews, PoolNews, ProgressUpdate } from './types.js';
import { sleep } from '../sleep.js';

export interface EscalationServiceClientOptions {
  timeoutMs?: number;
  /** The agent's bearer token, for agent routes: a fixed one, or a function the client asks. */
  token?: string | AgentTokenProvider;
}

interface Call<Name extends RouteName> {
  route: Name;
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: RouteTypes[Name]['body'];
  idempotencyKey?: string;
  /** For guest routes: the guest token (or a refused redeem's new-link token). */
  guestToken?: string;
}

const STREAM_RETRY_MS = [1000, 2000, 5000, 10_000, 15_000];

export class EscalationServiceClient implements EscalationServiceApi {
  private readonly agentToken: AgentToken;

  /** @param baseUrl Where the service answers, e.g. `https://escalations.example.com/api`. */
  constructor(
    private readonly baseUrl: string,
    private readonly options: EscalationServiceClientOptions = {},
  ) {
    const { token } = options;
    this.agentToken = new AgentToken(typeof token === 'string' ? () => token : token);
  }

  create(request: CreateEscalationRequest, idempotencyKey: string) {
    return this.call({ route: 'createEscalation', body: request, idempotencyKey });
  }

  deliver(escalationId: string, delivery: LinkDelivery, idempotencyKey: string) {
    return this.call({ route: 'deliverLink', params: { id: escalationId }, body: delivery, idempotencyKey });
  }

  renewLink(escalationId: string, idempotencyKey: string) {
    return this.call({ route: 'renewLink', params: { id: escalationId }, body: {}, idempotencyKey });
  }

  inviteExpert(escalationId: string, expert: ExpertInvite, idempotencyKey: string) {
    return this.call({ route: 'inviteExpert', params: { id: escalationId }, body: expert, idempotencyKey });
  }

  /** The escalation a contact-center flow started for this interaction, now this agent's; null when there is none. */
  async claim(interactionId: string): Promise<ClaimedEscalation | null> {
    try {
      return await this.call({ route: 'claimEscalation', body: { interactionId }, idempotencyKey: randomId() });
    } catch (error) {
      if (error instanceof ServiceError && error.code === 'not-found') return null;
      throw error;
    }
  }

  async removeExpert(escalationId: string, expertId: string): Promise<void> {
    await this.call({
      route: 'removeExpert',
      params: { id: escalationId, expert: expertId },
      idempotencyKey: `remove-expert:${expertId}`,
    });
  }

  async close(escalationId: string | null, createKey: string, reason: string): Promise<void> {
    const query = { reason };
    const idempotencyKey = `close:${createKey}`;
    if (escalationId) await this.call({ route: 'closeEscalation', params: { id: escalationId }, query, idempotencyKey });
    else await this.call({ route: 'closeByKey', params: { key: createKey }, query, idempotencyKey });
  }

  askGuest(escalationId: string, ask: CallAsk, idempotencyKey: string) {
    return this.call({ route: 'askGuest', params: { id: escalationId }, body: ask, idempotencyKey });
  }

  snapshot(escalationId: string, snapshotId: string) {
    return this.call({ route: 'getSnapshot', params: { id: escalationId, snapshot: snapshotId } });
  }

  async snapshots(escalationId: string) {
    return (await this.call({ route: 'listSnapshots', params: { id: escalationId } })).snapshots;
  }

  saveSnapshot(escalationId: string, snapshotId: string, save: SnapshotSave) {
    return this.call({
      route: 'saveSnapshot',
      params: { id: escalationId, snapshot: snapshotId },
      body: save,
      idempotencyKey: randomId(),
    });
  }

  async discardSnapshot(escalationId: string, snapshotId: string): Promise<void> {
    await this.call({
      route: 'discardSnapshot',
      params: { id: escalationId, snapshot: snapshotId },
      idempotencyKey: `discard-snapshot:${snapshotId}`,
    });
  }

  requestExpert(escalationId: string, request: ExpertRequest, idempotencyKey: string) {
    return this.call({ route: 'requestExpert', params: { id: escalationId }, body: request, idempotencyKey });
  }

  async cancelExpertRequest(escalationId: string, requestId: string): Promise<void> {
    await this.call({
      route: 'cancelExpertRequest',
      params: { id: escalationId, request: requestId },
      idempotencyKey: `cancel-expert-request:${requestId}`,
    });
  }

  async admitExpert(escalationId: string, expertId: string): Promise<void> {
    await this.call({
      route: 'admitExpert',
      params: { id: escalationId, expert: expertId },
      body: {},
      idempotencyKey: `admit:${expertId}`,
    });
  }

  async declineExpert(escalationId: string, expertId: string, reason: string): Promise<void> {
    await this.call({
      route: 'declineExpert',
      params: { id: escalationId, expert: expertId },
      body: { reason },
      idempotencyKey: `decline:${expertId}`,
    });
  }

  /** An expert's desk: available or not, with their skills. */
  setPresence(update: PresenceUpdate) {
    return this.call({ route: 'setPresence', body: update, idempotencyKey: randomId() });
  }

  /** An expert's desk hears its rings; returns the function that stops (and, with it, the rings). */
  poolEvents(listener: (news: PoolNews) => void): () => void {
    return this.stream(
      routePath('poolEvents'),
      () => this.agentToken.current(),
      (event, data) => {
        const value = safeJson(data) as Partial<ExpertOffer> | undefined;
        if (event === 'offer' && typeof value?.id === 'string') listener({ offer: value as ExpertOffer });
        if (event === 'offer-gone' && typeof value?.id === 'string') listener({ offerGone: value.id });
      },
      () => undefined,
      () => this.agentToken.refreshed(),
    );
  }

  acceptOffer(offerId: string) {
    return this.call({ route: 'acceptOffer', params: { offer: offerId }, body: {}, idempotencyKey: `accept:${offerId}` });
  }

  async declineOffer(offerId: string): Promise<void> {
    await this.call({ route: 'declineOffer', params: { offer: offerId }, body: {}, idempotencyKey: `pass:${offerId}` });
  }

  redeem(code: string) {
    return this.call({ route: 'redeem', body: { code }, idempotencyKey: randomId() });
  }

  rejoin(guestToken: string) {
    return this.call({ route: 'rejoin', body: {}, guestToken, idempotencyKey: randomId() });
  }

  async report(guestToken: string, report: GuestReport): Promise<void> {
    await this.call({ route: 'guestProgress', body: { report }, guestToken, idempotencyKey: randomId() });
  }

  rate(guestToken: string, rating: Rating) {
    return this.call({ route: 'guestRating', body: rating, guestToken, idempotencyKey: randomId() });
  }

  status(guestToken: string) {
    return this.call({ route: 'guestStatus', guestToken });
  }

  async requestCallback(guestToken: string, phone: string): Promise<void> {
    await this.call({ route: 'guestCallback', body: { phone }, guestToken, idempotencyKey: randomId() });
  }

  askForNewLink(token: string, reason: string) {
    return this.call({ route: 'guestNewLink', body: reason ? { reason } : {}, guestToken: token, idempotencyKey: randomId() });
  }

  async answerAsk(guestToken: string, askId: string, outcome: AskOutcome): Promise<void> {
    await this.call({ route: 'guestAnswer', params: { ask: askId }, body: { outcome }, guestToken, idempotencyKey: randomId() });
  }

  uploadSnapshot(guestToken: string, upload: SnapshotUpload) {
    return this.call({ route: 'guestSnapshot', body: upload, guestToken, idempotencyKey: `snapshot:${upload.ask}` });
  }

  async reportCamera(guestToken: string, camera: CameraAbilities): Promise<void> {
    await this.call({ route: 'guestCamera', body: camera, guestToken, idempotencyKey: randomId() });
  }

  /** The customer's or expert's own news (the agent's asks, recording); returns the function that stops listening. */
  guestEvents(guestToken: string, listener: (news: GuestNews) => void): () => void {
    return this.stream(
      routePath('guestEvents'),
      async () => guestToken,
      (event, data) => {
        const value = safeJson(data) as Partial<GuestAsk & RecordingStatus> | undefined;
        if (event === 'ask' && typeof value?.id === 'string' && typeof value.ask?.kind === 'string')
          listener({ ask: value as GuestAsk });
        if (event === 'recording' && typeof value?.state === 'string') listener({ recording: value as RecordingStatus });
        const lobby = value as Partial<LobbyOutcome> | undefined;
        if (event === 'lobby' && (lobby?.state === 'admitted' || lobby?.state === 'declined'))
          listener({ lobby: lobby as LobbyOutcome });
      },
      () => undefined,
    );
  }

  recording(escalationId: string, action: RecordingRequest['action'], idempotencyKey: string) {
    return this.call({ route: 'recording', params: { id: escalationId }, body: { action }, idempotencyKey });
  }

  recordings(escalationId: string) {
    return this.call({ route: 'listRecordings', params: { id: escalationId } });
  }

  progress(escalationId: string, listener: (news: ProgressUpdate) => void): () => void {
    return this.stream(
      routePath('progressStream', { id: escalationId }),
      () => this.agentToken.current(),
      (event, data) => {
        const news = toNews(event, data);
        if (news !== undefined) listener(news);
      },
      (code) => {
        if (code === 'not-found') listener({ lost: 'not-found' });
      },
      () => this.agentToken.refreshed(),
    );
  }

  /**
   * Listens to a Server-Sent Events route over fetch (so it carries the Authorization header),
   * again after each drop, from the last event heard. Stops for good when refused as another's
   * or unknown (`refused` hears which), as listening again would not help.
   */
  private stream(
    path: string,
    token: () => Promise<string | undefined>,
    onEvent: (event: string, data: string) => void,
    refused: (code: 'forbidden' | 'not-found' | 'unauthorized' | 'code-expired') => void,
    refresh?: () => Promise<string | undefined>,
  ): () => void {
    const controller = new AbortController();
    const url = `${this.baseUrl}${path}`;
    const run = async () => {
      let failures = 0;
      let refreshed = false;
      // After a drop, the service sends what came after the last news heard.
      let lastEventId: string | undefined;
      while (!controller.signal.aborted) {
        try {
          const current = await token();
          const headers: Record<string, string> = { accept: 'text/event-stream' };
          if (current) headers['authorization'] = `Bearer ${current}`;
          if (lastEventId) headers['last-event-id'] = lastEventId;
          const response = await fetch(url, { headers, signal: controller.signal });
          if (response.status === 401 && refresh && !refreshed && (await refresh())) {
            refreshed = true;
            continue;
          }
          if (!response.ok || !response.body) throw await this.failure(response);
          failures = 0;
          refreshed = false;
          await readEventStream(response.body, ({ event, data, id }) => {
            if (id) lastEventId = id;
            onEvent(event, data);
          });
        } catch (error) {
          if (controller.signal.aborted) return;
          // Another's escalation, one the service no longer has, a guest token that stopped
          // working: listening again will not help.
          if (
            error instanceof ServiceError &&
            (error.code === 'forbidden' ||
              error.code === 'not-found' ||
              (!refresh && (error.code === 'unauthorized' || error.code === 'code-expired')))
          ) {
            logger.error(`escalation service: the event stream ${path} was refused: ${error.message}`);
            refused(error.code);
            return;
          }
          logger.warn(`escalation service: the event stream ${path} dropped, listening again: ${(error as Error).message}`);
        }
        await sleep(STREAM_RETRY_MS[Math.min(failures, STREAM_RETRY_MS.length - 1)]!);
        failures += 1;
      }
    };
    void run();
    return () => controller.abort();
  }

  private async call<Name extends RouteName>(call: Call<Name>): Promise<RouteTypes[Name]['answer']> {
    const spec = ROUTES[call.route];
    const headers: Record<string, string> = { accept: 'application/json' };
    if (call.body !== undefined) headers['content-type'] = 'application/json';
    if (call.idempotencyKey) headers[IDEMPOTENCY_HEADER] = call.idempotencyKey;
    if (call.guestToken) headers['authorization'] = `Bearer ${call.guestToken}`;
    const query = call.query ? `?${new URLSearchParams(call.query)}` : '';
    const url = `${this.baseUrl}${routePath(call.route, call.params)}${query}`;
    const send = async (token: string | undefined) => {
      if (token) headers['authorization'] = `Bearer ${token}`;
      try {
        return await fetch(url, {
          method: spec.method,
          headers,
          ...(call.body !== undefined ? { body: JSON.stringify(call.body) } : {}),
          signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
        });
      } catch (error) {
        throw new ServiceError('unavailable', `The escalation service did not answer: ${(error as Error).message}`, 0);
      }
    };
    const agent = spec.caller === 'agent';
    let response = await send(agent ? await this.agentToken.current() : undefined);
    if (agent && response.status === 401) {
      const fresh = await this.agentToken.refreshed();
      if (fresh) response = await send(fresh);
    }
    if (!response.ok) throw await this.failure(response);
    const text = await response.text();
    return (text ? safeJson(text) : undefined) as RouteTypes[Name]['answer'];
  }

  private async failure(response: Response): Promise<ServiceError> {
    const body = safeJson(await response.text().catch(() => '')) as Partial<ErrorBody> | undefined;
    const error = body?.error;
    const fallback =
      response.status >= 500
        ? 'unavailable'
        : response.status === 401
          ? 'unauthorized'
          : response.status === 403
            ? 'forbidden'
            : 'bad-request';
    const code = isServiceErrorCode(error?.code) ? error.code : fallback;
    const { code: _code, message, ...detail } = error ?? {};
    return new ServiceError(code, message ?? `HTTP ${response.status}`, response.status, detail);
  }
}

function toNews(event: string, data: string): ProgressNews | undefined {
  if (event === 'progress') return (GUEST_REPORTS as readonly string[]).includes(data) ? (data as GuestReport) : undefined;
  if (event === 'callback') return { callback: data };
  if (event === 'expert') return data === 'joined' || data === 'left' ? { expert: data } : undefined;
  if (event === 'closed') return data === 'expired' || data === 'room-lost' ? { closed: data } : undefined;
  if (event === 'moved') {
    const value = safeJson(data) as { server?: unknown } | undefined;
    return typeof value?.server === 'string' ? { moved: { server: value.server } } : undefined;
  }
  if (['ask', 'snapshot', 'camera', 'recording', 'lobby', 'expert-request'].includes(event)) {
    const value = safeJson(data);
    if (typeof value !== 'object' || value === null) return undefined;
    if (event === 'ask') return { ask: value as AskNews };
    if (event === 'lobby') return { lobby: value as LobbyNews };
    if (event === 'expert-request') return { expertRequest: value as ExpertRequestStatus };
    if (event === 'recording') return { recording: value as RecordingStatus };
    return event === 'snapshot' ? { snapshot: value as SnapshotNews } : { camera: value as CameraAbilities };
  }
  if (event === 'new-link') {
    const value = safeJson(data) as Partial<NewLinkRequest> | undefined;
    if (typeof value?.code !== 'string' || (value.role !== 'guest' && value.role !== 'expert')) return undefined;
    return { newLink: { code: value.code, role: value.role, reason: typeof value.reason === 'string' ? value.reason : '' } };
  }
  return undefined;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
