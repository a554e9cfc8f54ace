// Bench helpers: when does a video element show its first remote frame, and what is still alive.
export function firstFrame(video: HTMLVideoElement): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (video.videoWidth > 0 && video.getVideoPlaybackQuality().totalVideoFrames > 0) resolve();
      else requestAnimationFrame(check);
    };
    check();
  });
}

export function playTrack(track: MediaStreamTrack): HTMLVideoElement {
  const video = Object.assign(document.createElement('video'), { muted: true, autoplay: true, playsInline: true });
  video.srcObject = new MediaStream([track]);
  document.body.append(video);
  return video;
}

// Weak references: the watch itself must not keep what it counts alive (that would be the leak).
const connections = new Set<WeakRef<RTCPeerConnection>>();
const tracks = new Set<WeakRef<MediaStreamTrack>>();

/** Takes a reference out of its set once its object is collected: the watch's own weight stays flat over the cycles it counts. */
const forget = new FinalizationRegistry<{ set: Set<WeakRef<object>>; ref: WeakRef<object> }>(({ set, ref }) => set.delete(ref));

function remember<T extends object>(set: Set<WeakRef<T>>, value: T): void {
  const ref = new WeakRef(value);
  set.add(ref);
  forget.register(value, { set: set as Set<WeakRef<object>>, ref });
}

/** Counts every peer connection and captured track the page makes, to report leaks after cycles. */
export function watchResources(): void {
  const Original = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends Original {
    constructor(configuration?: RTCConfiguration) {
      super(configuration);
      remember(connections, this);
    }
  } as typeof RTCPeerConnection;
  const getUserMedia = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
  navigator.mediaDevices.getUserMedia = async (constraints) => {
    const stream = await getUserMedia(constraints);
    for (const track of stream.getTracks()) remember(tracks, track);
    return stream;
  };
}

export function liveResources(): { peerConnections: number; tracks: number } {
  const alive = <T extends object>(set: Set<WeakRef<T>>) =>
    [...set].map((ref) => ref.deref()).filter((value): value is T => value !== undefined);
  return {
    peerConnections: alive(connections).filter((pc) => pc.connectionState !== 'closed' && pc.signalingState !== 'closed').length,
    tracks: alive(tracks).filter((track) => track.readyState === 'live').length,
  };
}
