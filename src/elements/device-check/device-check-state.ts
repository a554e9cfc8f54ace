// What <device-check> has found so far, check by check, and the result it adds up to.
import type { SupportProblem } from '../../core/devices/browser-support.js';
import type { NetworkMeasurement, NetworkRating } from '../../core/diagnostics/network-rating.js';
import type { DeviceCheckReason, DeviceCheckResult } from '../../core/diagnostics/result.js';
import type { DeviceStatus } from '../../core/devices/local-media.js';
import type { UntestedBecause } from '../../core/media/types.js';

export type CheckId = 'browser' | 'permission' | 'camera' | 'microphone' | 'speaker' | 'network';
export type CheckState = 'pending' | 'running' | 'ok' | 'warn' | 'fail';

export const CHECK_ORDER: readonly CheckId[] = ['browser', 'permission', 'camera', 'microphone', 'speaker', 'network'];

/**
 * Why the network step measured nothing: the adapter's own reasons (the server has no test, or
 * refused this page), or the adapter offers no network test at all, or it could not be loaded
 * or its test broke.
 */
export type NetworkUntested = UntestedBecause | 'no-network-test' | 'test-failed';

export interface Findings {
  problems: SupportProblem[];
  camera: DeviceStatus | null;
  microphone: DeviceStatus | null;
  network: { rating: NetworkRating; measurement: NetworkMeasurement } | null;
  /**
   * Why the server was asked for a network test and none ran: it has none (Janus without the
   * EchoTest plugin), it refused this page (no token, or an expired one), the media adapter
   * offers no test, or the adapter failed to load or its test broke.
   */
  untested: NetworkUntested | null;
}

export const noFindings = (): Findings => ({ problems: [], camera: null, microphone: null, network: null, untested: null });

const deviceReasons: Record<'camera' | 'microphone', Partial<Record<DeviceStatus, DeviceCheckReason>>> = {
  camera: { denied: 'camera-denied', missing: 'no-camera', busy: 'camera-busy', unsupported: 'no-getusermedia' },
  microphone: { denied: 'microphone-denied', missing: 'no-microphone', busy: 'microphone-busy', unsupported: 'no-getusermedia' },
};

export function resultOf(findings: Findings): DeviceCheckResult {
  const reasons: DeviceCheckReason[] = [...findings.problems];
  for (const kind of ['camera', 'microphone'] as const) {
    const reason = deviceReasons[kind][findings[kind] ?? 'ok'];
    if (reason && !reasons.includes(reason)) reasons.push(reason);
  }
  const network = findings.network?.rating ?? 'untested';
  if (network === 'poor') reasons.push('network-poor');
  if (network === 'untested') reasons.push('network-untested');
  return {
    video: findings.camera === 'ok',
    audio: findings.microphone === 'ok',
    network,
    reasons,
    recommendAudioOnly: network === 'poor' && findings.microphone === 'ok',
  };
}
