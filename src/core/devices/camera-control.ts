// What the customer's camera can do and the agent's "show me the device" asks carried out on it:
// the torch, the zoom, and a still at the camera's own resolution. Each works on the track the call
// sends, through the browser's own constraint and image-capture calls; what the camera does not
// offer is reported as such, never faked.
import type { CameraAbilities, CameraFacing, SnapshotImageType } from '../../protocol/index.js';

/** The parts of a camera track this module uses (a stand-in in unit tests). */
export type CameraTrack = Pick<MediaStreamTrack, 'getCapabilities' | 'getSettings' | 'applyConstraints' | 'readyState'>;

/** Capabilities and settings as Chromium and Safari report them beyond the DOM typings. */
interface ImageTrackCapabilities extends MediaTrackCapabilities {
  torch?: boolean;
  zoom?: { min?: number; max?: number; step?: number };
}
interface ImageTrackSettings extends MediaTrackSettings {
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

/** Why an ask could not be carried out: the camera does not offer it, or it tried and failed. */
export class CameraRefusal extends Error {
  constructor(
    readonly outcome: 'unsupported' | 'failed',
    message: string,
  ) {
    super(message);
    this.name = 'CameraRefusal';
  }
}

/** An OverconstrainedError (or a TypeError for an unknown constraint) means the camera has no such control. */
function refusalOf(error: unknown, what: string): CameraRefusal {
  const name = (error as { name?: string } | undefined)?.name;
  return name === 'OverconstrainedError' || name === 'TypeError' || name === 'NotSupportedError'
    ? new CameraRefusal('unsupported', `the camera has no ${what}`)
    : new CameraRefusal('failed', `the ${what} did not change: ${(error as Error)?.message ?? String(error)}`);
}

/** Turns the torch on or off; rejects with a CameraRefusal. */
export async function setTorch(track: CameraTrack, on: boolean): Promise<void> {
  if (track.readyState !== 'live') throw new CameraRefusal('failed', 'the camera is off');
  try {
    await track.applyConstraints({ advanced: [{ torch: on } as MediaTrackConstraintSet] });
  } catch (error) {
    throw refusalOf(error, 'torch');
  }
  if ((track.getSettings() as ImageTrackSettings).torch !== on) throw new CameraRefusal('failed', 'the torch did not change');
}

/** Zooms to `level`, kept within what the camera offers; rejects with a CameraRefusal. */
export async function setZoom(track: CameraTrack, level: number): Promise<number> {
  if (track.readyState !== 'live') throw new CameraRefusal('failed', 'the camera is off');
  const range = (track.getCapabilities?.() as ImageTrackCapabilities | undefined)?.zoom;
  const within = range?.min !== undefined && range.max !== undefined ? Math.min(range.max, Math.max(range.min, level)) : level;
  try {
    await track.applyConstraints({ advanced: [{ zoom: within } as MediaTrackConstraintSet] });
  } catch (error) {
    throw refusalOf(error, 'zoom');
  }
  return (track.getSettings() as ImageTrackSettings).zoom ?? within;
}

export interface Still {
  image: Blob;
  type: SnapshotImageType;
  width: number;
  height: number;
}

interface PhotoCapture {
  getPhotoCapabilities(): Promise<{ imageWidth?: { max?: number }; imageHeight?: { max?: number } }>;
  takePhoto(settings?: { imageWidth?: number; imageHeight?: number }): Promise<Blob>;
}
type ImageCaptureClass = new (track: MediaStreamTrack) => PhotoCapture;

/**
 * A still from the camera itself at its full photo resolution (ImageCapture's `takePhoto`), or,
 * where the browser has no ImageCapture (Safari, Firefox), the track's current frame at the
 * track's own size. Never the picture as it reached the agent.
 */
export async function takeStill(track: MediaStreamTrack): Promise<Still> {
  if (track.readyState !== 'live' || !track.enabled) throw new CameraRefusal('failed', 'the camera is off');
  const Capture = (globalThis as { ImageCapture?: ImageCaptureClass }).ImageCapture;
  let image: Blob | undefined;
  if (Capture) {
    try {
      const capture = new Capture(track);
      const photo = await capture.getPhotoCapabilities().catch(() => undefined);
      const width = photo?.imageWidth?.max;
      const height = photo?.imageHeight?.max;
      image = await capture.takePhoto(width && height ? { imageWidth: width, imageHeight: height } : undefined);
    } catch {
      image = undefined;
    }
  }
  image ??= await frameOf(track);
  const bitmap = await createImageBitmap(image);
  const size = { width: bitmap.width, height: bitmap.height };
  bitmap.close();
  const type: SnapshotImageType = image.type === 'image/png' ? 'image/png' : 'image/jpeg';
  // Anything else a camera hands out (WebP, HEIC) is redrawn as JPEG, which the service takes.
  if (image.type !== type) image = await reencode(image, size.width, size.height);
  return { image, type, ...size };
}

/** The track's current frame, through a video element, at the track's own size, as JPEG. */
async function frameOf(track: MediaStreamTrack): Promise<Blob> {
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.srcObject = new MediaStream([track]);
  try {
    await video.play();
    if (!video.videoWidth) await new Promise((resolve) => video.addEventListener('resize', resolve, { once: true }));
    const canvas = new OffscreenCanvas(video.videoWidth, video.videoHeight);
    canvas.getContext('2d')!.drawImage(video, 0, 0);
    return await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.92 });
  } finally {
    video.srcObject = null;
  }
}

async function reencode(image: Blob, width: number, height: number): Promise<Blob> {
  const bitmap = await createImageBitmap(image);
  const canvas = new OffscreenCanvas(width, height);
  canvas.getContext('2d')!.drawImage(bitmap, 0, 0);
  bitmap.close();
  return canvas.convertToBlob({ type: 'image/jpeg', quality: 0.92 });
}
