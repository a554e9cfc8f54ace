// The pre-call network test's reduction of WebRTC statistics: what went out and came back over
// the test window, as the four counts `network-rating.ts` rates (with limits of its own, stricter
// than the live call's, for the reasons given there).
import { bitrateBetween, receivedLossBetween, type StatsSample } from '../media/rtc-stats.js';
import type { NetworkMeasurement } from './network-rating.js';

/** The measurement over the window from `first` to `last`. */
export function measure(first: StatsSample, last: StatsSample): NetworkMeasurement {
  const seconds = (last.at - first.at) / 1000;
  const sentBps = bitrateBetween(first.bytesSent, last.bytesSent, seconds);
  const backLoss = receivedLossBetween(first, last);
  const lossPercent =
    backLoss === null && last.remoteLossPercent === null ? null : Math.max((backLoss ?? 0) * 100, last.remoteLossPercent ?? 0);
  // Nothing came back at all: the path does not carry media, whatever was sent.
  const bitrateKbps =
    last.packetsReceived - first.packetsReceived <= 0 ? 0 : Math.max(last.availableKbps ?? 0, (sentBps ?? 0) / 1000);
  return { rttMs: last.rttMs, lossPercent, jitterMs: last.jitterMs, bitrateKbps };
}
