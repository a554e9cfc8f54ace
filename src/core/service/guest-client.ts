// The customer's (and expert's) client of the escalation service: redeem a code, then everything
// with the guest token that gave (rejoin, progress, rating, callback, a new link, the call's news,
// answers to the agent's asks). A guest page loads only this, not the agent's routes.
import {
  type AskOutcome,
  type CameraAbilities,
  type GuestAsk,
  type GuestReport,
  type LobbyOutcome,
  type Rating,
  type RecordingStatus,
  type SnapshotUpload,
} from '../../protocol/index.js';
import { randomId } from '../random-id.js';
import { routePath, safeJson, ServiceTransport } from './service-transport.js';
import type { GuestCallToolsApi, GuestNews, GuestServiceApi } from './types.js';

export class GuestServiceClient implements GuestServiceApi, GuestCallToolsApi {
  protected readonly transport: ServiceTransport;

  /** @param baseUrl Where the service answers, e.g. `https://escalations.example.com/api`. */
  constructor(baseUrl: string, transport?: ServiceTransport) {
    this.transport = transport ?? new ServiceTransport(baseUrl, 10_000);
  }

  redeem(code: string) {
    return this.transport.call({ route: 'redeem', body: { code }, idempotencyKey: randomId() });
  }

  rejoin(guestToken: string) {
    return this.transport.call({ route: 'rejoin', body: {}, guestToken, idempotencyKey: randomId() });
  }

  async report(guestToken: string, report: GuestReport): Promise<void> {
    await this.transport.call({ route: 'guestProgress', body: { report }, guestToken, idempotencyKey: randomId() });
  }

  rate(guestToken: string, rating: Rating) {
    return this.transport.call({ route: 'guestRating', body: rating, guestToken, idempotencyKey: randomId() });
  }

  status(guestToken: string) {
    return this.transport.call({ route: 'guestStatus', guestToken });
  }

  async requestCallback(guestToken: string, phone: string): Promise<void> {
    await this.transport.call({ route: 'guestCallback', body: { phone }, guestToken, idempotencyKey: randomId() });
  }

  askForNewLink(token: string, reason: string) {
    return this.transport.call({
      route: 'guestNewLink',
      body: reason ? { reason } : {},
      guestToken: token,
      idempotencyKey: randomId(),
    });
  }

  async answerAsk(guestToken: string, askId: string, outcome: AskOutcome): Promise<void> {
    await this.transport.call({
      route: 'guestAnswer',
      params: { ask: askId },
      body: { outcome },
      guestToken,
      idempotencyKey: randomId(),
    });
  }

  uploadSnapshot(guestToken: string, upload: SnapshotUpload) {
    return this.transport.call({ route: 'guestSnapshot', body: upload, guestToken, idempotencyKey: `snapshot:${upload.ask}` });
  }

  async reportCamera(guestToken: string, camera: CameraAbilities): Promise<void> {
    await this.transport.call({ route: 'guestCamera', body: camera, guestToken, idempotencyKey: randomId() });
  }

  /** The customer's or expert's own news (the agent's asks, recording); returns the function that stops listening. */
  guestEvents(guestToken: string, listener: (news: GuestNews) => void): () => void {
    return this.transport.stream(
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
}
