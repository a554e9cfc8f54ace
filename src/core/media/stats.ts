// The live call's reduction of WebRTC statistics: the few figures a person can act on (round
// trip, loss, jitter, bitrates) and a quality level for the indicator.
import { bitrateBetween, receivedLossBetween, sampleStats, type StatsSample } from './rtc-stats.js';
import type { MediaStats, QualityLevel } from './types.js';

/**
 * Why these limits are looser than the pre-call test's (`diagnostics/network-rating.ts`): a call
 * under way already works, and its figures are read every two seconds, so a passing burst must
 * not light the indicator. It says "poor" only when the call is failing people now: past 10 %
 * loss video freezes and speech breaks up, past 600 ms round trip people talk over each other.
 * "Fair" (3 %, 300 ms) is where the picture softens but the conversation holds.
 */
export function qualityOf(rttMs: number | null, packetLoss: number | null): QualityLevel {
  if (rttMs === null && packetLoss === null) return 'unknown';
  if ((packetLoss ?? 0) > 0.1 || (rttMs ?? 0) > 600) return 'poor';
  if ((packetLoss ?? 0) > 0.03 || (rttMs ?? 0) > 300) return 'fair';
  return 'good';
}

/** Keeps the previous sample so each reading reports rates since the last one. */
export class StatsReader {
  private previous: StatsSample | null = null;

  async read(connections: readonly RTCPeerConnection[]): Promise<MediaStats> {
    const current = await sampleStats(connections);
    const previous = this.previous;
    this.previous = current;
    const seconds = previous ? (current.at - previous.at) / 1000 : 0;
    const packetLoss = receivedLossBetween(previous ?? { ...current, packetsReceived: 0, packetsLost: 0 }, current);
    return {
      rttMs: current.rttMs,
      packetLoss,
      jitterMs: current.jitterMs,
      sendBitrate: previous ? bitrateBetween(previous.bytesSent, current.bytesSent, seconds) : null,
      receiveBitrate: previous ? bitrateBetween(previous.bytesReceived, current.bytesReceived, seconds) : null,
      quality: qualityOf(current.rttMs, packetLoss),
      uplink: qualityOf(current.rttMs, current.remoteLossPercent === null ? null : current.remoteLossPercent / 100),
      downlink: qualityOf(current.rttMs, packetLoss),
    };
  }
}
