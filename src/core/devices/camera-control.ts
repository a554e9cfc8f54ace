// The agent's "show me the device" asks carried out on the customer's camera: the torch, the zoom,
// and a still at the camera's own resolution. Each works on the track the call sends, through the
// browser's own constraint and image-capture calls; what the camera does not offer is reported as
// such, never faked. Loaded when the first ask arrives.
import type { SnapshotImageType } from '../../protocol/index.js';
import type { CameraTrack, ImageTrackCapabilities, ImageTrackSettings } from './camera-abilities.js';

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
