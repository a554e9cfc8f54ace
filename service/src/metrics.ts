// What an operator watches, in Prometheus's text format: escalations on, creates, redeems,
// refusals by code, open streams, and how long Janus takes to answer. One registry per service,
// so two services in one process (tests) do not mix their counts.
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

export class ServiceMetrics {
  readonly registry = new Registry();
  readonly creates = new Counter({ name: 'escalate_creates_total', help: 'Escalations created', registers: [this.registry] });
  readonly redeems = new Counter({
    name: 'escalate_redeems_total',
    help: 'Redeem attempts, by outcome (ok or the error code)',
    labelNames: ['outcome'],
    registers: [this.registry],
  });
  readonly refusals = new Counter({
    name: 'escalate_refusals_total',
    help: 'Requests answered with an error, by error code',
    labelNames: ['code'],
    registers: [this.registry],
  });
  readonly janusSeconds = new Histogram({
    name: 'escalate_janus_request_seconds',
    help: "Time Janus's HTTP API took to answer one request",
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  /**
   * Asked at each scrape: the escalations being made or on (the store's count, all instances
   * included), and the progress streams open on this instance.
   */
  constructor(liveEscalations: () => Promise<number>, openStreams: () => number) {
    new Gauge({
      name: 'escalate_open_streams',
      help: 'Progress streams open on this instance',
      registers: [this.registry],
      collect() {
        this.set(openStreams());
      },
    });
    new Gauge({
      name: 'escalate_active_escalations',
      help: 'Escalations being made or on',
      registers: [this.registry],
      async collect() {
        this.set(await liveEscalations());
      },
    });
  }
}
