// One MediaStream per track, reused across renders so <video> elements are not reset each time.
import { live } from 'lit/directives/live.js';

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

/**
 * The track for a `.srcObject` binding. Lit sets an object-valued property on every render, and
 * setting `srcObject`, even to the stream it already has, reloads the element (a blink, about ten
 * a second under a level meter): set only when the element's own stream differs.
 */
export function sourceOf(track: MediaStreamTrack | null | undefined) {
  return live(streamOf(track));
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
