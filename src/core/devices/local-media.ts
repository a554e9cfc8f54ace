// Getting the camera and microphone, and saying plainly what is missing when they cannot be had:
// a denied or missing camera still joins with audio, a missing everything still joins to watch.

export type DeviceStatus = 'ok' | 'denied' | 'missing' | 'busy' | 'unsupported' | 'off';

export interface LocalMedia {
  audio: MediaStreamTrack | null;
  video: MediaStreamTrack | null;
  camera: DeviceStatus;
  microphone: DeviceStatus;
}

export type FacingMode = 'user' | 'environment';

export interface LocalMediaRequest {
  audio: boolean;
  video: boolean;
  facingMode?: FacingMode;
  /** The devices the person chose (a device that is gone falls back to the default). */
  cameraId?: string;
  microphoneId?: string;
}

function statusOf(error: unknown): DeviceStatus {
  const name = (error as { name?: string } | null)?.name;
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'denied';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'missing';
  if (name === 'NotReadableError' || name === 'AbortError') return 'busy';
  return 'missing';
}

function videoConstraints(facingMode?: FacingMode, cameraId?: string): MediaTrackConstraints {
  return {
    width: { ideal: 1280 },
    height: { ideal: 720 },
    ...(facingMode ? { facingMode: { ideal: facingMode } } : {}),
    ...(cameraId && !facingMode ? { deviceId: { exact: cameraId } } : {}),
  };
}

function audioConstraints(microphoneId?: string): MediaTrackConstraints | true {
  return microphoneId ? { deviceId: { exact: microphoneId } } : true;
}

async function single(
  kind: 'audio' | 'video',
  request: Pick<LocalMediaRequest, 'facingMode' | 'cameraId' | 'microphoneId'> = {},
): Promise<MediaStreamTrack> {
  const stream = await navigator.mediaDevices.getUserMedia(
    kind === 'audio'
      ? { audio: audioConstraints(request.microphoneId) }
      : { video: videoConstraints(request.facingMode, request.cameraId) },
  );
  return kind === 'audio' ? stream.getAudioTracks()[0]! : stream.getVideoTracks()[0]!;
}

/**
 * Asks for what is wanted at once (one prompt), then for each alone to learn which one failed.
 * Chosen devices are asked for exactly (Chromium takes an `ideal` device id as a hint it may
 * ignore); when one is gone, the browser's defaults are asked for instead.
 */
export async function acquireLocalMedia(request: LocalMediaRequest): Promise<LocalMedia> {
  const media = await acquire(request);
  const cameraGone = Boolean(request.cameraId) && media.camera === 'missing';
  const microphoneGone = Boolean(request.microphoneId) && media.microphone === 'missing';
  if (!cameraGone && !microphoneGone) return media;
  media.audio?.stop();
  media.video?.stop();
  // Only the device that is gone gives way to the default; the other choice still stands.
  const { cameraId, microphoneId, ...rest } = request;
  return acquire({
    ...rest,
    ...(cameraId && !cameraGone ? { cameraId } : {}),
    ...(microphoneId && !microphoneGone ? { microphoneId } : {}),
  });
}

async function acquire(request: LocalMediaRequest): Promise<LocalMedia> {
  const result: LocalMedia = {
    audio: null,
    video: null,
    camera: request.video ? 'ok' : 'off',
    microphone: request.audio ? 'ok' : 'off',
  };
  if (!request.audio && !request.video) return result;
  if (!navigator.mediaDevices?.getUserMedia) {
    return { ...result, camera: request.video ? 'unsupported' : 'off', microphone: request.audio ? 'unsupported' : 'off' };
  }
  try {
    const stream = await navigator.mediaDevices.getUserMedia({
      audio: request.audio ? audioConstraints(request.microphoneId) : false,
      video: request.video ? videoConstraints(request.facingMode, request.cameraId) : false,
    });
    return { ...result, audio: stream.getAudioTracks()[0] ?? null, video: stream.getVideoTracks()[0] ?? null };
  } catch {
    // Fall through: find out which device is the problem.
  }
  for (const kind of ['audio', 'video'] as const) {
    if (!request[kind]) continue;
    try {
      result[kind] = await single(kind, request);
    } catch (error) {
      result[kind === 'audio' ? 'microphone' : 'camera'] = statusOf(error);
    }
  }
  return result;
}

/** A camera facing the other way (phones), or null when there is none. */
export async function otherCamera(current: FacingMode): Promise<{ track: MediaStreamTrack; facingMode: FacingMode } | null> {
  const facingMode: FacingMode = current === 'user' ? 'environment' : 'user';
  try {
    return { track: await single('video', { facingMode }), facingMode };
  } catch {
    return null;
  }
}

export async function countCameras(): Promise<number> {
  try {
    return (await navigator.mediaDevices.enumerateDevices()).filter((device) => device.kind === 'videoinput').length;
  } catch {
    return 0;
  }
}

/** Screen sharing needs getDisplayMedia, which phones' browsers do not offer. */
export function canShareScreen(): boolean {
  return (
    typeof navigator.mediaDevices?.getDisplayMedia === 'function' && !/Android|iPhone|iPad|Mobile/i.test(navigator.userAgent)
  );
}
