// What the customer's camera can do, read from the track the call sends (`getCapabilities()`)
// and the device's cameras: what the agent's camera tools offer, and nothing else.
import type { CameraAbilities, CameraFacing } from '../../protocol/index.js';

/** The parts of a camera track this module uses (a stand-in in unit tests). */
export type CameraTrack = Pick<MediaStreamTrack, 'getCapabilities' | 'getSettings' | 'applyConstraints' | 'readyState'>;

/** Capabilities and settings as Chromium and Safari report them beyond the DOM typings. */
export interface ImageTrackCapabilities extends MediaTrackCapabilities {
  torch?: boolean;
  zoom?: { min?: number; max?: number; step?: number };
}
export interface ImageTrackSettings extends MediaTrackSettings {
  torch?: boolean;
  zoom?: number;
}

const FACINGS: readonly CameraFacing[] = ['user', 'environment'];

function asFacing(value: unknown): CameraFacing | null {
  return FACINGS.find((facing) => facing === value) ?? null;
}

/**
 * What the camera behind `track` can do, and which ways the device's cameras face (`facings` of
 * the other cameras come from their own capabilities, where the browser gives them).
 */
export async function cameraAbilities(track: CameraTrack, devices?: readonly MediaDeviceInfo[]): Promise<CameraAbilities> {
  const capabilities = (track.getCapabilities?.() ?? {}) as ImageTrackCapabilities;
  const settings = track.getSettings() as ImageTrackSettings;
  const facing = asFacing(settings.facingMode) ?? (capabilities.facingMode ?? []).map(asFacing).find(Boolean) ?? null;
  const facings = new Set<CameraFacing>(facing ? [facing] : []);
  for (const device of devices ?? (await cameras())) {
    const info = device as MediaDeviceInfo & { getCapabilities?: () => MediaTrackCapabilities };
    for (const mode of info.getCapabilities?.().facingMode ?? []) {
      const known = asFacing(mode);
      if (known) facings.add(known);
    }
  }
  const zoom = capabilities.zoom;
  const zooms = zoom && Number.isFinite(zoom.min) && Number.isFinite(zoom.max) && zoom.max! > zoom.min!;
  return {
    facings: FACINGS.filter((candidate) => facings.has(candidate)),
    facing,
    torch: capabilities.torch ? { on: Boolean(settings.torch) } : null,
    zoom: zooms
      ? {
          min: zoom.min!,
          max: zoom.max!,
          step: zoom.step && zoom.step > 0 ? zoom.step : (zoom.max! - zoom.min!) / 10,
          level: Number.isFinite(settings.zoom) ? settings.zoom! : zoom.min!,
        }
      : null,
  };
}

async function cameras(): Promise<MediaDeviceInfo[]> {
  try {
    return (await navigator.mediaDevices.enumerateDevices()).filter((device) => device.kind === 'videoinput');
  } catch {
    return [];
  }
}
