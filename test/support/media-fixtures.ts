// Media for tests: Chromium's fake camera and microphone, a drawn canvas as a "screen", and a
// check that a remote video track really decodes frames (not just that a track exists).
import { until } from './test-env.js';

export async function fakeCamera(): Promise<{ audio: MediaStreamTrack; video: MediaStreamTrack }> {
  const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: { width: 320, height: 240 } });
  return { audio: stream.getAudioTracks()[0]!, video: stream.getVideoTracks()[0]! };
}

/** A moving picture from a canvas, standing in for a shared screen (headless has no picker). */
export function fakeScreen(width = 640, height = 360): { track: MediaStreamTrack; stop(): void } {
  const canvas = Object.assign(document.createElement('canvas'), { width, height });
  const context = canvas.getContext('2d')!;
  let frame = 0;
  const timer = setInterval(() => {
    frame += 1;
    context.fillStyle = `hsl(${(frame * 7) % 360} 70% 50%)`;
    context.fillRect(0, 0, width, height);
    context.fillStyle = '#fff';
    context.fillText(`screen ${frame}`, 20, 40);
  }, 40);
  const track = canvas.captureStream(25).getVideoTracks()[0]!;
  return {
    track,
    stop() {
      clearInterval(timer);
      track.stop();
    },
  };
}

/** Plays `track` in a hidden video element until it has rendered frames; resolves with its size. */
export async function rendersFrames(track: MediaStreamTrack, what: string): Promise<{ width: number; height: number }> {
  const video = Object.assign(document.createElement('video'), { muted: true, autoplay: true, playsInline: true });
  video.srcObject = new MediaStream([track]);
  document.body.append(video);
  try {
    await until(`${what} to render frames`, () =>
      video.videoWidth > 0 && video.getVideoPlaybackQuality().totalVideoFrames > 2 ? true : undefined,
    );
    return { width: video.videoWidth, height: video.videoHeight };
  } finally {
    video.srcObject = null;
    video.remove();
  }
}
