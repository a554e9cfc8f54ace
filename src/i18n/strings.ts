// Every string a person reads, English first. Hosts translate by passing their own table.
import type { VisiblePhase } from '../core/machine/selectors.js';
import type { FallbackReason } from '../core/machine/types.js';

export interface StringTable {
  /** Spoken by screen readers when the escalation moves on. */
  phase: Record<VisiblePhase, string>;
  fallbackReason: Record<FallbackReason, string>;
}

export const en: StringTable = {
  phase: {
    idle: 'Video not started',
    requested: 'Creating the video room',
    linkSent: 'Link sent, waiting for the customer',
    joined: 'On video',
    fallbackToVoice: 'Back to voice',
    closing: 'Ending the video session',
    closed: 'Video session ended',
  },
  fallbackReason: {
    'service-unavailable': 'the video service is not answering',
    'no-show': 'the customer did not join in time',
    'guest-device': 'the customer’s device cannot do video',
    media: 'the video connection failed',
    'guest-left': 'the customer left the video',
  },
};

let current: StringTable = en;

/** The table in use. */
export function strings(): StringTable {
  return current;
}

/** Replaces some or all strings; what is not given stays as it was. */
export function setStrings(overrides: { [K in keyof StringTable]?: Partial<StringTable[K]> }): void {
  current = {
    phase: { ...current.phase, ...overrides.phase },
    fallbackReason: { ...current.fallbackReason, ...overrides.fallbackReason },
  };
}
