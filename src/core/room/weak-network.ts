// What a call does about a weak connection: when what this side sends keeps getting lost (its
// uplink poor for a few seconds running), the camera pauses so the sound gets through, and comes
// back once the uplink has been sound for a while. A pure function of the readings, so the timing
// is tested without a network.
import type { QualityLevel } from '../media/types.js';

/** How long the uplink must stay poor before the camera pauses (two or three readings, not one burst). */
export const PAUSE_AFTER_MS = 4000;
/** How long it must stay fair or good before the camera comes back (longer: no flapping). */
export const RESUME_AFTER_MS = 6000;

export interface UplinkWatch {
  /** Since when the uplink has been poor without a break; null when it is not. */
  poorSince: number | null;
  /** Since when it has been fair or good without a break; null when it is not. */
  okSince: number | null;
}

export const freshUplinkWatch: UplinkWatch = { poorSince: null, okSince: null };

/** One reading of the uplink: the watch carried on, and whether to pause or bring back the camera now. */
export function watchUplink(
  watch: UplinkWatch,
  uplink: QualityLevel,
  now: number,
  paused: boolean,
): { watch: UplinkWatch; decision: 'pause' | 'resume' | null } {
  if (uplink === 'unknown') return { watch, decision: null };
  if (uplink === 'poor') {
    const poorSince = watch.poorSince ?? now;
    return { watch: { poorSince, okSince: null }, decision: !paused && now - poorSince >= PAUSE_AFTER_MS ? 'pause' : null };
  }
  const okSince = watch.okSince ?? now;
  return { watch: { poorSince: null, okSince }, decision: paused && now - okSince >= RESUME_AFTER_MS ? 'resume' : null };
}
