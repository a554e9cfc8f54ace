// A guest's dealings with the escalation service around the call: redeeming the code or link
// (and rejoining, as the same guest, after a drop or reload), reporting progress to the agent,
// and after the call the rating and, when video ended early in a chat, the offer of a phone call.
// It holds the guest token redeeming gave, and the token a refused redeem gives for asking the
// agent for a new link; no credential leaves it.
import type { ReactiveControllerHost } from 'lit';
import { errorMessage } from '../../core/errors.js';
import { logger } from '../../core/logger.js';
import { guestServiceFor } from '../../core/service/guest-service-for.js';
import { ServiceError } from '../../core/service/service-error.js';
import type { GuestCallToolsApi, GuestNews, GuestReport, GuestServiceApi, JoinDetails } from '../../core/service/types.js';
import type { AskOutcome, CameraAbilities, MaskedKind, SnapshotUpload } from '../../protocol/index.js';
import { EscalationRoomErrorEvent } from '../../events/escalation-room-error.js';
import type { ExpertInvitationView } from './expert-case.js';
import { guestErrorWords } from './guest-error-words.js';
import type { StringTable } from '../../i18n/strings.js';
import { sleep } from '../../core/sleep.js';

/** How often a waiting expert asks whether they were let in (their stream usually says it first). */
const LOBBY_POLL_MS = 3000;

export interface GuestFlowHost extends ReactiveControllerHost, EventTarget {
  /** False once the element left the page (an expert went back to their desk from the lobby). */
  readonly isConnected: boolean;
  readonly code: string;
  readonly serviceUrl: string;
  service: GuestServiceApi | undefined;
}

export class GuestFlow {
  /** The interaction's mode, learnt when redeeming (chat: a callback can be offered). */
  private mode: 'voice' | 'chat' | undefined;
  private guestToken = '';
  /** From a refused redeem (a spent or old link): lets the customer ask for a new one. */
  private newLinkToken = '';
  /** For an expert: who invited them, and the case when shared (null for a customer). */
  invitation: ExpertInvitationView | null = null;
  ratingSent = false;
  /** What the service hid in the rating's comment before keeping it. */
  ratingMasked: readonly MaskedKind[] = [];
  callbackOffered = false;
  /** An expert waiting for the agent to let them in. */
  inLobby = false;
  callbackSentTo = '';
  /** Why the callback could not be asked for (put in words when drawn); null when nothing failed. */
  callbackError: unknown = null;
  private reports: Promise<void> = Promise.resolve();

  constructor(
    private readonly host: GuestFlowHost,
    /** The host's words, in its language now. */
    readonly words: () => StringTable,
  ) {}

  /** The code or link token the guest came with (for words that tell a link from a typed code). */
  get credential(): string {
    return this.host.code;
  }

  /** The service, from the host's object or its `service-url`; none for a room joined by details. */
  service(): GuestServiceApi | undefined {
    this.host.service ??= this.host.serviceUrl ? guestServiceFor(this.host.serviceUrl) : undefined;
    return this.host.service;
  }

  /**
   * Tells the agent's side how the guest is getting on, one report after the other so the agent
   * sees them in order; a lost report never stops the call.
   */
  report(report: GuestReport): void {
    const service = this.guestToken ? this.service() : undefined;
    if (!service) return;
    const token = this.guestToken;
    this.reports = this.reports
      .then(() => service.report(token, report))
      .catch((error: unknown) => logger.warn(`video-room: could not report "${report}": ${errorMessage(error)}`));
  }

  /**
   * Redeems the code, or, for the guest who already did (a reload, a rejoin), comes back with the
   * guest token from then. Rejects with a ServiceError for the customer's words.
   */
  async redeem(service: GuestServiceApi): Promise<JoinDetails> {
    const key = `escalate-video:guest:${this.host.code}`;
    const kept = this.guestToken || sessionStorage.getItem(key);
    let details: JoinDetails | undefined;
    if (kept) {
      details = await service.rejoin(kept).catch((error: unknown) => {
        // A token the service no longer knows: redeem afresh. Anything else (a newer link was sent,
        // the call ended) is the customer's answer.
        if (error instanceof ServiceError && error.code === 'unauthorized') return undefined;
        throw error;
      });
    }
    try {
      details ??= await service.redeem(this.host.code);
    } catch (error) {
      if (error instanceof ServiceError && error.detail.newLinkToken) this.newLinkToken = error.detail.newLinkToken;
      throw error;
    }
    this.guestToken = details.guestToken;
    sessionStorage.setItem(key, details.guestToken);
    if (details.role === 'expert' && details.admitted === false) details = await this.waitInLobby(service);
    this.mode = details.mode;
    this.invitation = details.role === 'expert' ? { invitedBy: details.invitedBy, sharedCase: details.sharedCase } : null;
    return details;
  }

  /**
   * An expert waits in the lobby until the agent lets them in: the stream says so at once; asking
   * again now and then covers a word said before the stream was open. Turned away: rejects with
   * the service's `code-expired` (reason `declined`, the agent's words).
   */
  private async waitInLobby(service: GuestServiceApi): Promise<JoinDetails> {
    this.inLobby = true;
    this.host.requestUpdate();
    const token = this.guestToken;
    let stop = () => {};
    // Leaving the lobby's element (back to the desk) is leaving the lobby: the agent hears it with
    // the next check. A page that closes is noticed by the service (its stream is gone); a reload,
    // back in time, is not taken for leaving.
    const leave = () =>
      service
        .report(token, 'left')
        .catch((error: unknown) => logger.warn(`video-room: could not say the expert left the lobby: ${errorMessage(error)}`));
    try {
      return await new Promise<JoinDetails>((resolve, reject) => {
        const check = () => {
          if (!this.host.isConnected) {
            void leave();
            reject(new Error('the expert left the lobby'));
            return;
          }
          service.rejoin(token).then((details) => {
            if (details.admitted !== false) resolve(details);
          }, reject);
        };
        stop = this.listen((news) => {
          if (!('lobby' in news)) return;
          if (news.lobby.state === 'admitted') void check();
          else
            reject(
              new ServiceError('code-expired', 'The agent turned you away.', 410, {
                reason: 'declined',
                declinedBecause: news.lobby.reason ?? '',
              }),
            );
        });
        const poll = setInterval(() => void check(), LOBBY_POLL_MS);
        const done = stop;
        stop = () => {
          clearInterval(poll);
          done();
        };
      });
    } finally {
      stop();
      this.inLobby = false;
      this.host.requestUpdate();
    }
  }

  /** Where this guest's room is now (it may have moved to another media server); undefined when unknown. */
  async whereNow(): Promise<JoinDetails | undefined> {
    const service = this.guestToken ? this.service() : undefined;
    return service?.rejoin(this.guestToken).catch(() => undefined);
  }

  /**
   * In chat mode, when video ended early (not a plain hang-up), the customer may ask for a call.
   * `waitMs`: the escalation may still be closing (the guest's devices just failed), so ask again
   * each second until it has closed or the wait is over.
   */
  async checkCallbackOffer(waitMs = 0): Promise<void> {
    const service = this.guestToken && this.mode === 'chat' ? this.service() : undefined;
    if (!service) return;
    const giveUpAt = Date.now() + waitMs;
    for (;;) {
      const status = await service.status(this.guestToken).catch(() => null);
      this.callbackOffered = status?.callbackOffered ?? false;
      if (!status?.active || Date.now() >= giveUpAt) break;
      await sleep(1000);
    }
    this.host.requestUpdate();
  }

  async requestCallback(phone: string): Promise<void> {
    try {
      await this.service()!.requestCallback(this.guestToken, phone);
      this.callbackSentTo = phone;
      this.callbackError = null;
    } catch (error) {
      this.callbackError = error;
    }
    this.host.requestUpdate();
  }

  /** Whether this guest can rate: they redeemed, through a service. */
  get canRate(): boolean {
    return Boolean(this.guestToken && this.service());
  }

  /** Sends the rating; when the service refuses it, the page hears why (`escalation-room-error`). */
  async rate(score: 1 | 2 | 3 | 4 | 5, comment: string): Promise<void> {
    try {
      const answer = await this.service()!.rate(this.guestToken, {
        score,
        ...(comment.trim() ? { comment: comment.trim() } : {}),
      });
      this.ratingMasked = answer?.masked ?? [];
      this.ratingSent = true;
      this.host.requestUpdate();
    } catch (error) {
      this.host.dispatchEvent(
        new EscalationRoomErrorEvent({ message: guestErrorWords(error, this.host.code, this.words().guestErrors) }),
      );
    }
  }

  /** The service's side of the agent's asks and the recording news, for a customer or expert who redeemed. */
  private tools(): GuestCallToolsApi | undefined {
    const service = this.guestToken ? this.service() : undefined;
    return service && 'guestEvents' in service ? (service as GuestServiceApi & GuestCallToolsApi) : undefined;
  }

  /** Whether this page hears the call's news (the agent's asks, recording): it redeemed through a service that relays them. */
  get hearsNews(): boolean {
    return this.tools() !== undefined;
  }

  /** Hears the agent's asks (a customer's page only) and how recording stands; returns the function that stops. */
  listen(listener: (news: GuestNews) => void): () => void {
    return this.tools()?.guestEvents(this.guestToken, listener) ?? (() => undefined);
  }

  async answerAsk(askId: string, outcome: AskOutcome): Promise<void> {
    await this.tools()?.answerAsk(this.guestToken, askId, outcome);
  }

  async sendStill(upload: SnapshotUpload): Promise<void> {
    await this.tools()?.uploadSnapshot(this.guestToken, upload);
  }

  async reportCamera(camera: CameraAbilities): Promise<void> {
    await this.tools()?.reportCamera(this.guestToken, camera);
  }

  /**
   * The link did not work: asks the agent for a new one, with whichever token this guest holds.
   * `relayed` is false when no agent heard it (or there was nobody to ask).
   */
  async askForNewLink(reason: string): Promise<{ relayed: boolean }> {
    const service = this.service();
    const token = this.guestToken || this.newLinkToken;
    if (!service || !token) return { relayed: false };
    return service.askForNewLink(token, reason);
  }
}
