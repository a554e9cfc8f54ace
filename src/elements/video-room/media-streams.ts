// One MediaStream per track, reused across renders so <video> elements are not reset each time.
const streams = new WeakMap<MediaStreamTrack, MediaStream>();

export function streamOf(track: MediaStreamTrack | null | undefined): MediaStream | null {
  if (!track) return null;
  let stream = streams.get(track);
  if (!stream) {
    stream = new MediaStream([track]);
    streams.set(track, stream);
  }
  return stream;
}

/** Initials for a tile without video. */
export function initials(name: string): string {
  return (
    name
      .split(/\s+/)
      .filter(Boolean)
      .slice(0, 2)
      .map((word) => word[0]!.toUpperCase())
      .join('') || '?'
  );
}
