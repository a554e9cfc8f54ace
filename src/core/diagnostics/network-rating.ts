// How a measured network is rated for video, and why those limits. The limits are those at which
// a two-way call at the product's resolutions (up to 720p, usually 360–540p on phones) stops
// feeling live or stops looking like video:
// - round-trip time: under 150 ms conversation feels natural (ITU-T G.114's one-way 150 ms is
//   generous for a round trip); past 400 ms people talk over each other.
// - loss: video codecs conceal up to ~2 % without visible damage; past ~8 % frames freeze and
//   the sender's bandwidth estimate collapses, so video is not worth its cost.
// - jitter: up to 30 ms the jitter buffer absorbs it unnoticed; past 60 ms it adds visible delay.
// - bitrate: 600 kbps carries 540p video plus audio; under 200 kbps there is room for clear
//   audio (Opus needs ~32 kbps) but not for video a customer could show something with.

export type NetworkRating = 'good' | 'fair' | 'poor';

export interface NetworkMeasurement {
  /** Round-trip time to the media server, in ms. */
  rttMs: number | null;
  /** Packets lost on the way there and back, in percent. */
  lossPercent: number | null;
  /** Inter-arrival jitter of what came back, in ms. */
  jitterMs: number | null;
  /** What the browser found it could send, in kbps (its bandwidth estimate, or what it sent). */
  bitrateKbps: number | null;
}

export interface NetworkLimits {
  rttMs: number;
  lossPercent: number;
  jitterMs: number;
  /** The least bitrate, in kbps. */
  bitrateKbps: number;
}

/** At or better than `good` on every count is good; better than `fair` on every count is fair. */
export const networkThresholds: { good: NetworkLimits; fair: NetworkLimits } = {
  good: { rttMs: 150, lossPercent: 2, jitterMs: 30, bitrateKbps: 600 },
  fair: { rttMs: 400, lossPercent: 8, jitterMs: 60, bitrateKbps: 200 },
};

function within(measurement: NetworkMeasurement, limits: NetworkLimits): boolean {
  const { rttMs, lossPercent, jitterMs, bitrateKbps } = measurement;
  return (
    (rttMs ?? 0) <= limits.rttMs &&
    (lossPercent ?? 0) <= limits.lossPercent &&
    (jitterMs ?? 0) <= limits.jitterMs &&
    // Nothing measured means nothing went through: that is not a network for video.
    (bitrateKbps ?? 0) >= limits.bitrateKbps
  );
}

/** Good on every count but the bitrate: a line whose bandwidth estimate may still be climbing. */
export function shortOnlyOfBitrate(measurement: NetworkMeasurement): boolean {
  return (
    !within(measurement, networkThresholds.good) &&
    within({ ...measurement, bitrateKbps: Number.POSITIVE_INFINITY }, networkThresholds.good)
  );
}

/** The rating is the worst of the four counts. */
export function rateNetwork(measurement: NetworkMeasurement): NetworkRating {
  if (within(measurement, networkThresholds.good)) return 'good';
  if (within(measurement, networkThresholds.fair)) return 'fair';
  return 'poor';
}
