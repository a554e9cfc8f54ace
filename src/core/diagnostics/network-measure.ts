// The network test's reduction of WebRTC statistics: what went out and came back over the test
// window, as the four counts `network-rating.ts` rates (with limits of its own, stricter than the
// live call's, for the reasons given there). Measured before the call on an echo (`measure`), or
// on the call's own connections in its first seconds (`measureCall`).
import { bitrateBetween, receivedLossBetween, type StatsSample } from '../media/rtc-stats.js';
import { shortOnlyOfBitrate, type NetworkMeasurement } from './network-rating.js';
import { sleep } from '../sleep.js';

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

/**
 * The measurement of a call's own connections over the window from `first` to `last`. Unlike the
 * echo, nothing need come back (the others may send nothing yet): the far end's receiver reports
 * and the browser's bandwidth estimate tell the path. Null when there are none of either yet.
 */
export function measureCall(first: StatsSample, last: StatsSample): NetworkMeasurement | null {
  if (last.rttMs === null && last.remoteLossPercent === null) return null;
  const seconds = (last.at - first.at) / 1000;
  const sentKbps = (bitrateBetween(first.bytesSent, last.bytesSent, seconds) ?? 0) / 1000;
  const backLoss = receivedLossBetween(first, last);
  const lossPercent = Math.max((backLoss ?? 0) * 100, last.remoteLossPercent ?? 0);
  return { rttMs: last.rttMs, lossPercent, jitterMs: last.jitterMs, bitrateKbps: Math.max(last.availableKbps ?? 0, sentKbps) };
}

/** How many more windows a measurement may take while only the bitrate holds it back from good. */
export const RAMP_WINDOWS = 2;

/**
 * Waits a window, then measures (`from` the stats `sample` gives then). On a line where only the
 * bitrate falls short of good (nothing lost, little delay), it waits up to RAMP_WINDOWS more: the
 * browser's bandwidth estimate starts near 300 kbps and climbs while it sends, and a clean line
 * measured in its first second and a half would otherwise be called fair.
 */
export async function measureAfter<T extends NetworkMeasurement | null>(
  windowMs: number,
  sample: () => Promise<StatsSample>,
  from: (last: StatsSample) => T,
): Promise<T> {
  for (let extra = 0; ; extra += 1) {
    await sleep(windowMs);
    const measured = from(await sample());
    if (extra === RAMP_WINDOWS || !measured || !shortOnlyOfBitrate(measured)) return measured;
  }
}
