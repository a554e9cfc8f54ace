// Reads what a network test needs from a peer connection's statistics: round trip, loss,
// jitter and what the sender managed, over the window between two readings.
import type { NetworkMeasurement } from './network-rating.js';

export interface EchoReading {
  at: number;
  bytesSent: number;
  rttMs: number | null;
  /** Chromium's bandwidth estimate for what it may send, kbps. */
  availableKbps: number | null;
  /** From the server's receiver reports (loss on the way there), percent. */
  remoteLossPercent: number | null;
  /** What came back: packets received and lost (loss on the way back), and jitter. */
  packetsReceived: number;
  packetsLost: number;
  jitterMs: number | null;
}

type Stat = Record<string, unknown> & { type: string; id: string };

const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

export async function readEcho(pc: RTCPeerConnection): Promise<EchoReading> {
  const reading: EchoReading = {
    at: performance.now(),
    bytesSent: 0,
    rttMs: null,
    availableKbps: null,
    remoteLossPercent: null,
    packetsReceived: 0,
    packetsLost: 0,
    jitterMs: null,
  };
  const stats = await pc.getStats();
  const all = [...(stats.values() as Iterable<Stat>)];
  const pair = all.find((stat) => stat.type === 'candidate-pair' && stat.nominated === true && stat.state === 'succeeded');
  if (pair) {
    const rtt = num(pair.currentRoundTripTime);
    reading.rttMs = rtt === null ? null : rtt * 1000;
    const available = num(pair.availableOutgoingBitrate);
    reading.availableKbps = available === null ? null : available / 1000;
  }
  const losses: number[] = [];
  const jitters: number[] = [];
  for (const stat of all) {
    if (stat.type === 'outbound-rtp') reading.bytesSent += num(stat.bytesSent) ?? 0;
    if (stat.type === 'remote-inbound-rtp') {
      const fraction = num(stat.fractionLost);
      if (fraction !== null) losses.push(fraction * 100);
      reading.rttMs ??= (num(stat.roundTripTime) ?? NaN) * 1000 || null;
    }
    if (stat.type === 'inbound-rtp') {
      reading.packetsReceived += num(stat.packetsReceived) ?? 0;
      reading.packetsLost += Math.max(0, num(stat.packetsLost) ?? 0);
      const jitter = num(stat.jitter);
      if (jitter !== null) jitters.push(jitter * 1000);
    }
  }
  reading.remoteLossPercent = losses.length ? Math.max(...losses) : null;
  reading.jitterMs = jitters.length ? Math.max(...jitters) : null;
  return reading;
}

/** The measurement over the window from `first` to `last`. */
export function measure(first: EchoReading, last: EchoReading): NetworkMeasurement {
  const seconds = (last.at - first.at) / 1000;
  const sentKbps = seconds > 0 ? ((last.bytesSent - first.bytesSent) * 8) / 1000 / seconds : null;
  const received = last.packetsReceived - first.packetsReceived;
  const lost = last.packetsLost - first.packetsLost;
  const backLoss = received + lost > 0 ? (lost / (received + lost)) * 100 : null;
  const lossPercent =
    backLoss === null && last.remoteLossPercent === null ? null : Math.max(backLoss ?? 0, last.remoteLossPercent ?? 0);
  // Nothing came back at all: the path does not carry media, whatever was sent.
  const bitrateKbps = received <= 0 ? 0 : Math.max(last.availableKbps ?? 0, sentKbps ?? 0);
  return { rttMs: last.rttMs, lossPercent, jitterMs: last.jitterMs, bitrateKbps };
}
