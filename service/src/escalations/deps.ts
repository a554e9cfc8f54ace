// What the escalation operations work with, handed in by the service so tests can build them.
import type { Logger } from '../logger.js';
import type { JanusPool } from '../janus/janus-pool.js';
import type { Limits } from '../limits.js';
import type { TurnConfig } from '../turn.js';
import type { ProgressHub } from '../progress-hub.js';
import type { RecordingFiles } from '../recordings/recording-files.js';
import type { Sender } from '../senders.js';
import type { RedactionRules } from '../redaction/redact.js';
import type { EscalationStore } from '../store/contract.js';
import { Throttle, type CountsKeptIn } from '../throttle.js';

export interface Throttles {
  sendsPerAgent: Throttle;
  sendsPerTenant: Throttle;
  redeemFailuresPerClient: Throttle;
  redeemsPerClient: Throttle;
  redeemsPerCode: Throttle;
  guestRequestsPerClient: Throttle;
  cameraReportsPerEscalation: Throttle;
}

export interface Deps {
  store: EscalationStore;
  /** The Janus servers rooms are placed on. */
  janus: JanusPool;
  limits: Limits;
  send: Sender;
  hub: ProgressHub;
  throttles: Throttles;
  log: Logger;
  /** The guest page; the link's token goes after `#code=`. */
  guestBaseUrl: string;
  /** TURN servers handed to every participant, if any. */
  turn: TurnConfig | undefined;
  /** How case fields and customers' free text are masked for anyone but the agent, and for keeping. */
  redaction: RedactionRules;
  /** Recordings after their calls: turned into files, listed, served, deleted with the retention. */
  recordings: RecordingFiles;
  now: () => number;
}

export interface Answer {
  status: number;
  body: unknown;
}

/** A fresh set of throttles for these limits (their counts start at nothing). */
export function throttlesFor(limits: Limits, log: Logger, counts: CountsKeptIn = { kind: 'memory' }): Throttles {
  const guessing = (client: string) => log.warn({ client }, 'failed code attempts from one client: throttling');
  return {
    sendsPerAgent: new Throttle('sends-agent', limits.sendsPerAgent, undefined, counts),
    sendsPerTenant: new Throttle('sends-tenant', limits.sendsPerTenant, undefined, counts),
    redeemFailuresPerClient: new Throttle('redeem-failures', limits.redeemFailuresPerClient, guessing, counts),
    redeemsPerClient: new Throttle('redeems-client', limits.redeemsPerClient, undefined, counts),
    redeemsPerCode: new Throttle('redeems-code', limits.redeemsPerCode, undefined, counts),
    guestRequestsPerClient: new Throttle('guest-requests', limits.guestRequestsPerClient, undefined, counts),
    cameraReportsPerEscalation: new Throttle('camera-reports', limits.cameraReportsPerEscalation, undefined, counts),
  };
}
