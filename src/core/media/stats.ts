// Turns WebRTC stats of one or more peer connections into the few figures a person can act on:
// round trip, loss, jitter, bitrates, and a quality level.
import type { MediaStats, QualityLevel } from './types.js';

interface Totals {
  at: number;
  bytesSent: number;
  bytesReceived: number;
  packetsReceived: number;
  packetsLost: number;
}

export function qualityOf(rttMs: number | null, packetLoss: number | null): QualityLevel {
  if (rttMs === null && packetLoss === null) return 'unknown';
  if ((packetLoss ?? 0) > 0.1 || (rttMs ?? 0) > 600) return 'poor';
  if ((packetLoss ?? 0) > 0.03 || (rttMs ?? 0) > 300) return 'fair';
  return 'good';
}

/** Keeps the previous reading so each call reports rates since the last one. */
export class StatsReader {
  private previous: Totals | null = null;

  async read(connections: readonly RTCPeerConnection[]): Promise<MediaStats> {
    const totals: Totals = { at: performance.now(), bytesSent: 0, bytesReceived: 0, packetsReceived: 0, packetsLost: 0 };
    const rtts: number[] = [];
    const jitters: number[] = [];
    for (const pc of connections) {
      if (pc.connectionState === 'closed') continue;
      const report = await pc.getStats();
      report.forEach((stat: RTCStats & Record<string, unknown>) => {
        if (stat.type === 'candidate-pair' && stat.nominated && typeof stat.currentRoundTripTime === 'number') {
          rtts.push(stat.currentRoundTripTime * 1000);
        } else if (stat.type === 'outbound-rtp') {
          totals.bytesSent += Number(stat.bytesSent ?? 0);
        } else if (stat.type === 'inbound-rtp') {
          totals.bytesReceived += Number(stat.bytesReceived ?? 0);
          totals.packetsReceived += Number(stat.packetsReceived ?? 0);
          totals.packetsLost += Math.max(0, Number(stat.packetsLost ?? 0));
          if (typeof stat.jitter === 'number') jitters.push(stat.jitter * 1000);
        }
      });
    }
    const previous = this.previous;
    this.previous = totals;
    const seconds = previous ? (totals.at - previous.at) / 1000 : 0;
    const rate = (now: number, before: number | undefined) =>
      previous && seconds > 0 ? Math.max(0, ((now - (before ?? 0)) * 8) / seconds) : null;
    const received = totals.packetsReceived - (previous?.packetsReceived ?? 0);
    const lost = totals.packetsLost - (previous?.packetsLost ?? 0);
    const packetLoss = received + lost > 0 ? lost / (received + lost) : null;
    const rttMs = rtts.length ? Math.max(...rtts) : null;
    return {
      rttMs,
      packetLoss,
      jitterMs: jitters.length ? Math.max(...jitters) : null,
      sendBitrate: rate(totals.bytesSent, previous?.bytesSent),
      receiveBitrate: rate(totals.bytesReceived, previous?.bytesReceived),
      quality: qualityOf(rttMs, packetLoss),
    };
  }
}
