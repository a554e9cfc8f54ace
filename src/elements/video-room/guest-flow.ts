// A guest's dealings with the escalation service around the call: redeeming the code (and again,
// as the same guest, after a drop), reporting progress to the agent, and after the call the
// rating and, when video ended early in a chat, the offer of a phone call.
import type { ReactiveControllerHost } from 'lit';
import { errorMessage } from '../../core/errors.js';
import { logger } from '../../core/logger.js';
import { EscalationServiceClient } from '../../core/service/http-client.js';
import type { EscalationServiceApi, GuestReport, RedeemedCode } from '../../core/service/types.js';

export interface GuestFlowHost extends ReactiveControllerHost {
  readonly code: string;
  readonly serviceUrl: string;
  service: EscalationServiceApi | undefined;
}

export class GuestFlow {
  /** The interaction's mode, learnt when redeeming (chat: a callback can be offered). */
  private mode: 'voice' | 'chat' | undefined;
  ratingSent = false;
  callbackOffered = false;
  callbackSentTo = '';
  callbackProblem = '';
  private reports: Promise<void> = Promise.resolve();

  constructor(private readonly host: GuestFlowHost) {}

  /** The service, from the host's object or its `service-url`; none for a room joined by details. */
  service(): EscalationServiceApi | undefined {
    this.host.service ??= this.host.serviceUrl ? new EscalationServiceClient(this.host.serviceUrl) : undefined;
    return this.host.service;
  }

  /**
   * Tells the agent's side how the guest is getting on, one report after the other so the agent
   * sees them in order; a lost report never stops the call.
   */
  report(report: GuestReport): void {
    const service = this.host.code ? this.service() : undefined;
    if (!service) return;
    this.reports = this.reports
      .then(() => service.report(this.host.code, report))
      .catch((error: unknown) => logger.warn(`video-room: could not report "${report}": ${errorMessage(error)}`));
  }

  async redeem(service: EscalationServiceApi): Promise<RedeemedCode> {
    // The guest token from a first redeem lets this same guest back in after a drop or reload.
    const key = `escalate-video:guest:${this.host.code}`;
    const redeemed = await service.redeem(this.host.code, sessionStorage.getItem(key) ?? undefined);
    sessionStorage.setItem(key, redeemed.guestToken);
    this.mode = redeemed.mode;
    return redeemed;
  }

  /**
   * In chat mode, when video ended early (not a plain hang-up), the customer may ask for a call.
   * `waitMs`: the escalation may still be closing (the guest's devices just failed), so ask again
   * each second until it has closed or the wait is over.
   */
  async checkCallbackOffer(waitMs = 0): Promise<void> {
    const service = this.host.code && this.mode === 'chat' ? this.service() : undefined;
    if (!service) return;
    const giveUpAt = Date.now() + waitMs;
    for (;;) {
      const status = await service.status(this.host.code).catch(() => null);
      this.callbackOffered = status?.callbackOffered ?? false;
      if (!status?.active || Date.now() >= giveUpAt) break;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    this.host.requestUpdate();
  }

  async requestCallback(phone: string): Promise<void> {
    try {
      await this.service()!.requestCallback(this.host.code, phone);
      this.callbackSentTo = phone;
      this.callbackProblem = '';
    } catch (error) {
      this.callbackProblem = errorMessage(error);
    }
    this.host.requestUpdate();
  }

  /** Sends the rating; rejects with the service's words when it cannot. */
  async rate(score: 1 | 2 | 3 | 4 | 5, comment: string): Promise<void> {
    await this.service()!.rate(this.host.code, { score, ...(comment.trim() ? { comment: comment.trim() } : {}) });
    this.ratingSent = true;
    this.host.requestUpdate();
  }
}
