// How far each caller may go: lifetimes, per-escalation allowances and throttles. Every value
// has a default an operator can override in the configuration.
import type { ThrottleRule } from './throttle.js';

export interface Limits {
  /** How long a guest or expert code and link let someone in. */
  codeTtlSeconds: number;
  /** How long a participant's media token opens the room (the longest call). */
  roomTokenTtlSeconds: number;
  /** How long the device check's network-test token works. */
  networkTestTokenTtlSeconds: number;
  /** How long after the call the customer may still rate it or ask for a callback. */
  afterCallSeconds: number;
  /** The longest an escalation may last; one that outlives it is closed. */
  maxLifetimeSeconds: number;
  /** How long a closed escalation's personal data is kept. */
  retentionDays: number;
  /** SMS and e-mail sends per escalation. */
  deliveriesPerEscalation: number;
  expertInvitesPerEscalation: number;
  newLinkRequestsPerEscalation: number;
  /** The agent's asks of the customer's page (stills, camera, torch, zoom) per escalation. */
  asksPerEscalation: number;
  /** Stills from the customer's camera per escalation (each one is up to SNAPSHOT_MAX_BYTES). */
  snapshotsPerEscalation: number;
  /** How long one expert's desk rings for a request before the next expert is rung. */
  expertRingSeconds: number;
  /** How long a request for an expert may go unanswered before the agent is told that none is free. */
  expertOverflowSeconds: number;
  /**
   * How long a waiting expert's page may be without its event stream (a reload, a connection
   * coming back) before they count as having left the lobby.
   */
  lobbyGoneSeconds: number;
  /** Requests for an expert from the pool, per escalation (each rings desks). */
  expertRequestsPerEscalation: number;
  /** What the customer's camera can do, reported on each change: per escalation. */
  cameraReportsPerEscalation: ThrottleRule;
  /** SMS, e-mail and expert invites per agent (or flow), and per tenant. */
  sendsPerAgent: ThrottleRule;
  sendsPerTenant: ThrottleRule;
  /** Wrong codes per client before it must wait. */
  redeemFailuresPerClient: ThrottleRule;
  redeemsPerClient: ThrottleRule;
  /** Attempts on one code, from anywhere. */
  redeemsPerCode: ThrottleRule;
  /** Every guest request, per client. */
  guestRequestsPerClient: ThrottleRule;
  /** Country calling codes SMS may go to (`1`, `44`, ...); `*` for any. */
  smsCallingCodes: readonly string[];
}

export const DEFAULT_LIMITS: Limits = {
  codeTtlSeconds: 15 * 60,
  roomTokenTtlSeconds: 4 * 60 * 60,
  networkTestTokenTtlSeconds: 10 * 60,
  afterCallSeconds: 60 * 60,
  maxLifetimeSeconds: 2 * 60 * 60,
  retentionDays: 30,
  deliveriesPerEscalation: 3,
  expertInvitesPerEscalation: 3,
  newLinkRequestsPerEscalation: 5,
  asksPerEscalation: 200,
  snapshotsPerEscalation: 50,
  expertRingSeconds: 15,
  expertOverflowSeconds: 60,
  lobbyGoneSeconds: 8,
  expertRequestsPerEscalation: 10,
  cameraReportsPerEscalation: { points: 30, windowSeconds: 60 },
  sendsPerAgent: { points: 30, windowSeconds: 60 * 60 },
  sendsPerTenant: { points: 1000, windowSeconds: 60 * 60 },
  redeemFailuresPerClient: { points: 5, windowSeconds: 60 },
  redeemsPerClient: { points: 30, windowSeconds: 60 },
  redeemsPerCode: { points: 10, windowSeconds: 15 * 60 },
  guestRequestsPerClient: { points: 300, windowSeconds: 60 },
  smsCallingCodes: [],
};

/** Whether an E.164 number is in a country this service may send SMS to. */
export function callingCodeAllowed(phone: string, codes: readonly string[]): boolean {
  return codes.includes('*') || codes.some((code) => phone.startsWith(`+${code}`));
}
