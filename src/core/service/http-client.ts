// The browser's client of the escalation service: JSON over fetch, one Idempotency-Key per write,
// Server-Sent Events for guest progress.
import { ServiceError } from './service-error.js';
import type {
  CreateEscalationRequest,
  DeliveryResult,
  EscalationServiceApi,
  GuestReport,
  NewLinkRequest,
  ProgressNews,
  Rating,
  RedeemedCode,
  ServiceErrorCode,
} from './types.js';
import type { Escalation, ExpertInvite, LinkDelivery } from '../machine/types.js';

const reports = new Set<GuestReport>(['opened', 'checking-devices', 'devices-ready', 'audio-only', 'device-failed', 'joined', 'left']);

export class EscalationServiceClient implements EscalationServiceApi {
  /** @param baseUrl Where the service answers, e.g. `https://escalations.example.com/api`. */
  constructor(
    private readonly baseUrl: string,
    private readonly options: { timeoutMs?: number; headers?: Record<string, string> } = {},
  ) {}

  create(request: CreateEscalationRequest, idempotencyKey: string): Promise<Escalation> {
    return this.call<Escalation>('POST', '/escalations', request, idempotencyKey);
  }

  deliver(escalationId: string, delivery: LinkDelivery, idempotencyKey: string): Promise<DeliveryResult> {
    return this.call<DeliveryResult>('POST', `/escalations/${encodeURIComponent(escalationId)}/deliveries`, delivery, idempotencyKey);
  }

  renewLink(escalationId: string, idempotencyKey: string): Promise<Escalation> {
    return this.call<Escalation>('POST', `/escalations/${encodeURIComponent(escalationId)}/code`, {}, idempotencyKey);
  }

  async inviteExpert(escalationId: string, expert: ExpertInvite, idempotencyKey: string): Promise<void> {
    await this.call('POST', `/escalations/${encodeURIComponent(escalationId)}/experts`, expert, idempotencyKey);
  }

  async close(escalationId: string | null, createKey: string, reason: string): Promise<void> {
    const target = escalationId ? `/escalations/${encodeURIComponent(escalationId)}` : `/escalations/by-key/${encodeURIComponent(createKey)}`;
    await this.call('DELETE', `${target}?reason=${encodeURIComponent(reason)}`, undefined, `close:${createKey}`);
  }

  redeem(code: string, guestToken?: string): Promise<RedeemedCode> {
    return this.call<RedeemedCode>('POST', `/codes/${encodeURIComponent(code)}/redeem`, {}, undefined, guestToken ? { 'x-guest-token': guestToken } : {});
  }

  async report(code: string, report: GuestReport): Promise<void> {
    await this.call('POST', `/codes/${encodeURIComponent(code)}/progress`, { report });
  }

  async rate(code: string, rating: Rating): Promise<void> {
    await this.call('POST', `/codes/${encodeURIComponent(code)}/rating`, rating);
  }

  status(code: string): Promise<{ active: boolean; callbackOffered: boolean }> {
    return this.call('GET', `/codes/${encodeURIComponent(code)}/status`);
  }

  async requestCallback(code: string, phone: string): Promise<void> {
    await this.call('POST', `/codes/${encodeURIComponent(code)}/callback`, { phone });
  }

  askForNewLink(code: string, reason: string): Promise<{ relayed: boolean }> {
    return this.call('POST', `/codes/${encodeURIComponent(code)}/new-link`, { reason });
  }

  progress(escalationId: string, listener: (news: ProgressNews) => void): () => void {
    const source = new EventSource(`${this.baseUrl}/escalations/${encodeURIComponent(escalationId)}/events`);
    source.addEventListener('progress', (event) => {
      const report = (event as MessageEvent<string>).data as GuestReport;
      if (reports.has(report)) listener(report);
    });
    source.addEventListener('callback', (event) => listener({ callback: (event as MessageEvent<string>).data }));
    source.addEventListener('expert', (event) => {
      const news = (event as MessageEvent<string>).data;
      if (news === 'joined' || news === 'left') listener({ expert: news });
    });
    source.addEventListener('new-link', (event) => {
      const request = parseNewLinkRequest((event as MessageEvent<string>).data);
      if (request) listener({ newLink: request });
    });
    return () => source.close();
  }

  private async call<T>(method: string, path: string, body?: unknown, idempotencyKey?: string, extra: Record<string, string> = {}): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json', ...this.options.headers, ...extra };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers,
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
    } catch (error) {
      throw new ServiceError('unavailable', `The escalation service did not answer: ${(error as Error).message}`, 0);
    }
    const text = await response.text();
    const parsed: unknown = text ? safeJson(text) : undefined;
    if (!response.ok) {
      const failure = (parsed as { error?: { code?: ServiceErrorCode; message?: string } } | undefined)?.error;
      throw new ServiceError(failure?.code ?? (response.status >= 500 ? 'unavailable' : 'bad-request'), failure?.message ?? `HTTP ${response.status}`, response.status);
    }
    return parsed as T;
  }
}

function parseNewLinkRequest(data: string): NewLinkRequest | undefined {
  const value = safeJson(data) as Partial<NewLinkRequest> | undefined;
  if (typeof value?.code !== 'string' || (value.role !== 'guest' && value.role !== 'expert')) return undefined;
  return { code: value.code, role: value.role, reason: typeof value.reason === 'string' ? value.reason : '' };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
