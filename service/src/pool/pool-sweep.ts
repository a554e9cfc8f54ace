// Moves every open request for an expert on, now and then, on every instance: rings that ran out
// give way to the next expert, desks that closed stop ringing, requests past their overflow end.
// Nothing is held in this instance's memory: whichever instance looks first moves a request on
// (the store's compare-and-swap lets one), so an instance that dies loses no ring.
import type { Logger } from '../logger.js';
import type { EscalationStore } from '../store/contract.js';
import type { Ringing } from './ringing.js';

export class PoolSweep {
  private timer: ReturnType<typeof setInterval> | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly store: EscalationStore,
    private readonly ringing: Ringing,
    private readonly log: Logger,
  ) {}

  start(everyMs: number): void {
    this.timer = setInterval(() => void this.round(), everyMs);
    this.timer.unref();
  }

  /** One look at every open request (a round still under way is not doubled). */
  round(): Promise<void> {
    this.running ??= this.sweep().finally(() => (this.running = undefined));
    return this.running;
  }

  /** Stops the rounds; resolves once the one under way (if any) has ended. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private async sweep(): Promise<void> {
    let open;
    try {
      open = await this.store.openExpertRequests();
    } catch (error) {
      this.log.warn({ err: error }, 'the pool sweep could not read the open requests; the next round tries again');
      return;
    }
    for (const request of open)
      await this.ringing
        .advance(request.id)
        .catch((error: unknown) =>
          this.log.warn({ err: error, request: request.id }, 'a request for an expert could not move on now'),
        );
  }
}
