// The camera tools' starting point: nothing asked, no still, no recording.
import type { CallTools } from './types.js';

export const NO_TOOLS: CallTools = {
  camera: null,
  asks: {},
  lastAsk: null,
  askKey: null,
  still: null,
  kept: [],
  recording: null,
  recordingError: null,
  recordedMs: 0,
};
