// What loopback participants tell each other over a BroadcastChannel.
import type { MediaRole } from '../types.js';

/** What a participant sends and whether it is muted, so others know which tracks to show. */
export interface PublishState {
  audio: boolean;
  video: boolean;
  screen: boolean;
  audioMuted: boolean;
  videoMuted: boolean;
}

export interface Signal {
  description?: RTCSessionDescriptionInit;
  /** null marks the end of candidates. */
  candidate?: RTCIceCandidateInit | null;
}

export type LoopbackMessage =
  | { type: 'hello'; from: string; display: string; role: MediaRole; state: PublishState }
  | { type: 'here'; from: string; to: string; display: string; role: MediaRole; state: PublishState }
  | { type: 'state'; from: string; state: PublishState }
  | { type: 'ping'; from: string }
  | { type: 'bye'; from: string }
  | ({ type: 'signal'; from: string; to: string } & Signal);
