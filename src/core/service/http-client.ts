// The agent's client of the escalation service (and an expert desk's): every route of the guest's
// client, and the agent's own with the agent's bearer token (refreshed before expiry and once
// after a 401): create, deliver, experts, the camera tools, recording, the progress stream, the
// pool. Guest pages load only guest-client.ts.
import {
  GUEST_REPORTS,
  routePath,
  type AskNews,
  type CallAsk,
  type CameraAbilities,
  type ClaimedEscalation,
  type CreateEscalationRequest,
  type ExpertInvite,
  type ExpertRequest,
  type ExpertRequestStatus,
  type GuestReport,
  type LinkDelivery,
  type LobbyNews,
  type NewLinkRequest,
  type ProgressNews,
  type RecordingRequest,
  type RecordingStatus,
  type SnapshotNews,
  type SnapshotSave,
} from '../../protocol/index.js';
import { randomId } from '../random-id.js';
import { AgentToken } from './agent-token.js';
import { GuestServiceClient } from './guest-client.js';
import { ServiceError } from './service-error.js';
import { safeJson, ServiceTransport } from './service-transport.js';
import type { AgentTokenProvider, EscalationServiceApi, ProgressUpdate } from './types.js';

export interface EscalationServiceClientOptions {
  timeoutMs?: number;
  /** The agent's bearer token, for agent routes: a fixed one, or a function the client asks. */
  token?: string | AgentTokenProvider;
}

export class EscalationServiceClient extends GuestServiceClient implements EscalationServiceApi {
  private readonly agentToken: AgentToken;

  /** @param baseUrl Where the service answers, e.g. `https://escalations.example.com/api`. */
  constructor(baseUrl: string, options: EscalationServiceClientOptions = {}) {
    const { token } = options;
    const agentToken = new AgentToken(typeof token === 'string' ? () => token : token);
    super(baseUrl, new ServiceTransport(baseUrl, options.timeoutMs ?? 10_000, agentToken));
    this.agentToken = agentToken;
  }

  create(request: CreateEscalationRequest, idempotencyKey: string) {
    return this.transport.call({ route: 'createEscalation', body: request, idempotencyKey });
  }

  deliver(escalationId: string, delivery: LinkDelivery, idempotencyKey: string) {
    return this.transport.call({ route: 'deliverLink', params: { id: escalationId }, body: delivery, idempotencyKey });
  }

  renewLink(escalationId: string, idempotencyKey: string) {
    return this.transport.call({ route: 'renewLink', params: { id: escalationId }, body: {}, idempotencyKey });
  }

  inviteExpert(escalationId: string, expert: ExpertInvite, idempotencyKey: string) {
    return this.transport.call({ route: 'inviteExpert', params: { id: escalationId }, body: expert, idempotencyKey });
  }

  /** The escalation a contact-center flow started for this interaction, now this agent's; null when there is none. */
  async claim(interactionId: string): Promise<ClaimedEscalation | null> {
    try {
      return await this.transport.call({ route: 'claimEscalation', body: { interactionId }, idempotencyKey: randomId() });
    } catch (error) {
      if (error instanceof ServiceError && error.code === 'not-found') return null;
      throw error;
    }
  }

  async removeExpert(escalationId: string, expertId: string): Promise<void> {
    await this.transport.call({
      route: 'removeExpert',
      params: { id: escalationId, expert: expertId },
      idempotencyKey: `remove-expert:${expertId}`,
    });
  }

  async close(escalationId: string | null, createKey: string, reason: string): Promise<void> {
    const query = { reason };
    const idempotencyKey = `close:${createKey}`;
    if (escalationId)
      await this.transport.call({ route: 'closeEscalation', params: { id: escalationId }, query, idempotencyKey });
    else await this.transport.call({ route: 'closeByKey', params: { key: createKey }, query, idempotencyKey });
  }

  askGuest(escalationId: string, ask: CallAsk, idempotencyKey: string) {
    return this.transport.call({ route: 'askGuest', params: { id: escalationId }, body: ask, idempotencyKey });
  }

  snapshot(escalationId: string, snapshotId: string) {
    return this.transport.call({ route: 'getSnapshot', params: { id: escalationId, snapshot: snapshotId } });
  }

  async snapshots(escalationId: string) {
    return (await this.transport.call({ route: 'listSnapshots', params: { id: escalationId } })).snapshots;
  }

  saveSnapshot(escalationId: string, snapshotId: string, save: SnapshotSave) {
    return this.transport.call({
      route: 'saveSnapshot',
      params: { id: escalationId, snapshot: snapshotId },
      body: save,
      idempotencyKey: randomId(),
    });
  }

  async discardSnapshot(escalationId: string, snapshotId: string): Promise<void> {
    await this.transport.call({
      route: 'discardSnapshot',
      params: { id: escalationId, snapshot: snapshotId },
      idempotencyKey: `discard-snapshot:${snapshotId}`,
    });
  }

  requestExpert(escalationId: string, request: ExpertRequest, idempotencyKey: string) {
    return this.transport.call({ route: 'requestExpert', params: { id: escalationId }, body: request, idempotencyKey });
  }

  async cancelExpertRequest(escalationId: string, requestId: string): Promise<void> {
    await this.transport.call({
      route: 'cancelExpertRequest',
      params: { id: escalationId, request: requestId },
      idempotencyKey: `cancel-expert-request:${requestId}`,
    });
  }

  async admitExpert(escalationId: string, expertId: string): Promise<void> {
    await this.transport.call({
      route: 'admitExpert',
      params: { id: escalationId, expert: expertId },
      body: {},
      idempotencyKey: `admit:${expertId}`,
    });
  }

  async declineExpert(escalationId: string, expertId: string, reason: string): Promise<void> {
    await this.transport.call({
      route: 'declineExpert',
      params: { id: escalationId, expert: expertId },
      body: { reason },
      idempotencyKey: `decline:${expertId}`,
    });
  }

  recording(escalationId: string, action: RecordingRequest['action'], idempotencyKey: string) {
    return this.transport.call({ route: 'recording', params: { id: escalationId }, body: { action }, idempotencyKey });
  }

  recordings(escalationId: string) {
    return this.transport.call({ route: 'listRecordings', params: { id: escalationId } });
  }

  progress(escalationId: string, listener: (news: ProgressUpdate) => void): () => void {
    return this.transport.stream(
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
