// The one reader of WebRTC statistics. A sample adds up one or more peer connections at one
// moment; what the figures mean comes from comparing two samples, and each user of them reduces
// them its own way: the live call (`stats.ts`) and the pre-call network test
// (`diagnostics/network-measure.ts`).

export interface StatsSample {
  /** When it was taken (performance.now(), ms). */
  at: number;
  bytesSent: number;
  bytesReceived: number;
  /** What came in: packets received and lost (loss on the way back). */
  packetsReceived: number;
  packetsLost: number;
  /** The worst round trip over the connections' chosen candidate pairs, ms. */
  rttMs: number | null;
  /** The worst inter-arrival jitter of what comes in, ms. */
  jitterMs: number | null;
  /** Chromium's estimate of what it may send, kbps. */
  availableKbps: number | null;
  /** Loss on the way out, from the far end's receiver reports, percent. */
  remoteLossPercent: number | null;
}

type Stat = Record<string, unknown> & { type: string };

const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);
const worst = (values: number[]): number | null => (values.length ? Math.max(...values) : null);

export function emptySample(at: number): StatsSample {
  return {
    at,
    bytesSent: 0,
    bytesReceived: 0,
    packetsReceived: 0,
    packetsLost: 0,
    rttMs: null,
    jitterMs: null,
    availableKbps: null,
    remoteLossPercent: null,
  };
}

/** Reads every open connection once and adds them up. */
export async function sampleStats(connections: readonly RTCPeerConnection[]): Promise<StatsSample> {
  const sample = emptySample(performance.now());
  const rtts: number[] = [];
  const jitters: number[] = [];
  const available: number[] = [];
  const losses: number[] = [];
  for (const pc of connections) {
    if (pc.connectionState === 'closed') continue;
    const report = await pc.getStats();
    let pairRtt: number | null = null;
    let reportedRtt: number | null = null;
    for (const stat of report.values() as Iterable<Stat>) {
      if (stat.type === 'candidate-pair' && stat.nominated === true && stat.state === 'succeeded') {
        const rtt = num(stat.currentRoundTripTime);
        if (rtt !== null) pairRtt = rtt * 1000;
        const kbps = num(stat.availableOutgoingBitrate);
        if (kbps !== null) available.push(kbps / 1000);
      } else if (stat.type === 'outbound-rtp') {
        sample.bytesSent += num(stat.bytesSent) ?? 0;
      } else if (stat.type === 'inbound-rtp') {
        sample.bytesReceived += num(stat.bytesReceived) ?? 0;
        sample.packetsReceived += num(stat.packetsReceived) ?? 0;
        sample.packetsLost += Math.max(0, num(stat.packetsLost) ?? 0);
        const jitter = num(stat.jitter);
        if (jitter !== null) jitters.push(jitter * 1000);
      } else if (stat.type === 'remote-inbound-rtp') {
        const fraction = num(stat.fractionLost);
        if (fraction !== null) losses.push(fraction * 100);
        const rtt = num(stat.roundTripTime);
        if (rtt !== null && rtt > 0) reportedRtt = rtt * 1000;
      }
    }
    // The candidate pair's figure when ICE has one yet, else the receiver reports' own.
    const rtt = pairRtt ?? reportedRtt;
    if (rtt !== null) rtts.push(rtt);
  }
  sample.rttMs = worst(rtts);
  sample.jitterMs = worst(jitters);
  sample.availableKbps = worst(available);
  sample.remoteLossPercent = worst(losses);
  return sample;
}

/** Of what arrived between two samples, the share lost (0–1); null when nothing was due. */
export function receivedLossBetween(first: StatsSample, last: StatsSample): number | null {
  const received = last.packetsReceived - first.packetsReceived;
  const lost = last.packetsLost - first.packetsLost;
  return received + lost > 0 ? lost / (received + lost) : null;
}

/** Bits per second of a byte counter between two samples; null without a span of time. */
export function bitrateBetween(before: number, after: number, seconds: number): number | null {
  return seconds > 0 ? Math.max(0, ((after - before) * 8) / seconds) : null;
}
