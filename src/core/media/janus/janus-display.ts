// Janus VideoRoom gives each participant one free-text `display`, tells everyone when it changes,
// and lists it for newcomers. The adapter carries name, role and publish state in it as JSON.
import type { MediaRole } from '../types.js';

export interface ParticipantState {
  name: string;
  role: MediaRole;
  audio: boolean;
  video: boolean;
  screen: boolean;
  audioMuted: boolean;
  videoMuted: boolean;
  /** The camera is paused because this participant's connection is weak. */
  weakNetwork: boolean;
}

const roles = new Set<MediaRole>(['host', 'guest', 'expert']);

export function encodeDisplay(state: ParticipantState): string {
  return JSON.stringify({
    n: state.name,
    r: state.role,
    a: state.audio,
    v: state.video,
    s: state.screen,
    am: state.audioMuted,
    vm: state.videoMuted,
    ...(state.weakNetwork ? { w: true } : {}),
  });
}

/** Reads a display written by `encodeDisplay`; a plain name (another Janus client) becomes a guest with unknown state. */
export function decodeDisplay(display: string | undefined): ParticipantState {
  try {
    const raw = JSON.parse(display ?? '') as Record<string, unknown>;
    if (typeof raw.n === 'string') {
      return {
        name: raw.n,
        role: roles.has(raw.r as MediaRole) ? (raw.r as MediaRole) : 'guest',
        audio: raw.a === true,
        video: raw.v === true,
        screen: raw.s === true,
        audioMuted: raw.am === true,
        videoMuted: raw.vm === true,
        weakNetwork: raw.w === true,
      };
    }
  } catch {
    // Not ours: fall through.
  }
  return plainParticipant(display ?? '');
}

/** Someone known only by name (another Janus client): a guest sending sound and camera, nothing muted. */
export function plainParticipant(name: string): ParticipantState {
  return {
    name,
    role: 'guest',
    audio: true,
    video: true,
    screen: false,
    audioMuted: false,
    videoMuted: false,
    weakNetwork: false,
  };
}
