// Recording a call, only with consent: the agent asks, every participant is told, the customer
// agrees (or not) on their own screen, and only then does the media server record. After the call
// the service turns the recording into playable files (Janus's own post-processing tool), lists
// them with the escalation, and deletes them with its retention.
import type { ParticipantRole } from './room.js';

/**
 * Where recording stands. `asking`: the customer is being asked. `on`: the media server records.
 * `declined`: the customer said no (nothing was recorded; the call goes on). `stopped`: the agent
 * stopped it (what was recorded is kept).
 */
export type RecordingState = 'off' | 'asking' | 'on' | 'declined' | 'stopped';

/** The agent asks the customer's consent to record (recording starts when they agree), or stops it. */
export interface RecordingRequest {
  action: 'start' | 'stop';
}

export interface RecordingStatus {
  state: RecordingState;
  /** Epoch milliseconds since when it is in this state. */
  since: number;
}

/** One playable file of a recording: one participant's sound, or their picture. */
export interface RecordingFile {
  id: string;
  participant: ParticipantRole;
  kind: 'audio' | 'video';
  /** `video/webm` (VP8 or VP9) or `audio/ogg` (Opus). */
  type: string;
  bytes: number;
  /** Epoch milliseconds when this part of the recording began. */
  startedAt: number;
}

export interface RecordingList {
  /** Recorded parts still being turned into files (after the call ends). */
  processing: boolean;
  files: RecordingFile[];
}
