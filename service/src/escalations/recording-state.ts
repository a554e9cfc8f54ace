// Where an escalation's recording stands, read and changed on the record itself (inside `mutate`),
// so every writer (the agent, the customer's answer, a close, a failover) decides on the latest.
import type { RecordingStatus } from '../../../src/protocol/index.js';
import { customerAudience, expertAudience, type GuestAudience } from '../news.js';
import type { EscalationRecord, RecordingRecord } from './records.js';

/**
 * After Janus was told to stop, its last packets may still be on their way into the file, and
 * the clocks of Janus's host and the service's may differ: this much either side of a period
 * still counts as within it.
 */
export const RECORDING_SLACK_MS = 10_000;

export function statusOf(record: EscalationRecord): RecordingStatus {
  return record.recording
    ? { state: record.recording.state, since: record.recording.since }
    : { state: 'off', since: record.createdAt };
}

/** The recording as it is written, made when first asked for. */
export function recordingOf(record: EscalationRecord, now: number): RecordingRecord {
  return (record.recording ??= { state: 'off', since: now, ask: null, periods: [], servers: [] });
}

/** Whether the customer agreed at some point and Janus recorded (so there are parts to turn into files). */
export function everRecorded(record: EscalationRecord): boolean {
  return (record.recording?.periods.length ?? 0) > 0;
}

/**
 * Whether Janus may be recording the room now: it is on, the customer has agreed (Janus is being
 * told), or it changed only just (Janus may be catching up with a stop or a withdrawal).
 */
export function janusMayRecord(record: EscalationRecord, now: number): boolean {
  const recording = record.recording;
  if (!recording) return false;
  if (recording.state === 'on' || now - recording.since < RECORDING_SLACK_MS) return true;
  const ask = recording.ask === null ? undefined : record.asks?.find((candidate) => candidate.id === recording.ask);
  return recording.state === 'asking' && ask?.outcome === 'done';
}

/**
 * The call ends (inside `markClosed`): what was recording stops with it, an open ask is withdrawn.
 * Answers whether anything changed (then everyone is told).
 */
export function stopAtClose(record: EscalationRecord, now: number): boolean {
  const recording = record.recording;
  if (!recording || (recording.state !== 'on' && recording.state !== 'asking')) return false;
  if (recording.state === 'on') closePeriod(recording, now);
  recording.state = recording.state === 'on' ? 'stopped' : 'off';
  recording.since = now;
  return true;
}

export function closePeriod(recording: RecordingRecord, now: number): void {
  const open = recording.periods.at(-1);
  if (open && open.to === null) open.to = now;
}

/** Whether a part of the recording that began at `startedAt` began while the customer agreed it be recorded. */
export function withinConsent(record: EscalationRecord, startedAt: number): boolean {
  const end = record.closedAt ?? Number.MAX_SAFE_INTEGER;
  return (record.recording?.periods ?? []).some(
    ({ from, to }) => startedAt >= from - RECORDING_SLACK_MS && startedAt <= (to ?? end) + RECORDING_SLACK_MS,
  );
}

/**
 * Everyone in the call who has an event stream: the customer (of the current code), and each
 * expert who came in (waiting in the lobby included: they are told before they are let in).
 */
export function everyGuest(record: EscalationRecord): GuestAudience[] {
  return [
    customerAudience(record.generation),
    ...record.experts
      .filter((expert) => expert.redeemedBy !== null && expert.removedAt === undefined && expert.lobby !== 'declined')
      .map((expert) => expertAudience(expert.id)),
  ];
}
