// What <device-check> concludes, for the person, the escalation and the host page.
import type { GuestStep } from '../machine/types.js';
import type { NetworkRating } from './network-rating.js';

export type DeviceCheckReason =
  | 'insecure-context'
  | 'no-webrtc'
  | 'no-getusermedia'
  | 'frame-blocks-camera'
  | 'frame-blocks-microphone'
  | 'camera-denied'
  | 'microphone-denied'
  | 'no-camera'
  | 'no-microphone'
  | 'camera-busy'
  | 'microphone-busy'
  | 'network-poor'
  | 'network-untested';

export interface DeviceCheckResult {
  /** A camera works: the person can be seen. */
  video: boolean;
  /** A microphone works: the person can be heard. */
  audio: boolean;
  network: NetworkRating | 'untested';
  /** Everything that stands in the way of video, most important first. */
  reasons: DeviceCheckReason[];
  /** Poor network: join with audio only. */
  recommendAudioOnly: boolean;
}

/** Neither seen nor heard: the escalation should fall back (reason `guest-device`). */
export function cannotDoVideo(result: DeviceCheckResult): boolean {
  return !result.video && !result.audio;
}

/** What the agent's side is told about a guest's check: fall back, sound only, or ready. */
export function guestStepOf(result: DeviceCheckResult): Extract<GuestStep, 'device-failed' | 'audio-only' | 'devices-ready'> {
  if (cannotDoVideo(result)) return 'device-failed';
  return result.recommendAudioOnly ? 'audio-only' : 'devices-ready';
}
