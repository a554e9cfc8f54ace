// The closing summary: who joined, why it ended, and how long each part took.
import type { EscalationContext, EscalationSummary, QualitySeen, SummaryParticipant } from './types.js';

function span(from: number | undefined, to: number | undefined): number | null {
  return from === undefined || to === undefined ? null : Math.max(0, to - from);
}

const iso = (at: number | undefined | null) => (at === undefined || at === null ? null : new Date(at).toISOString());

/** The time at the current level counted up to `until`. */
export function qualityUntil(quality: QualitySeen, until: number): QualitySeen['ms'] {
  const ms = { ...quality.ms };
  if (quality.level && quality.since !== null) ms[quality.level] += Math.max(0, until - quality.since);
  return ms;
}

function participants(context: EscalationContext, videoEnd: number | undefined): SummaryParticipant[] {
  const { timeline } = context;
  const agent: SummaryParticipant[] =
    timeline.linkSentAt !== undefined
      ? [
          {
            role: 'agent',
            // The name of the agent's sign-in, as the service gave it with the room.
            name: context.escalation?.host.displayName ?? null,
            joinedAt: iso(timeline.linkSentAt)!,
            leftAt: iso(videoEnd),
          },
        ]
      : [];
  return [
    ...agent,
    ...context.presence.map((stay) => ({
      role: stay.role,
      name: stay.name,
      joinedAt: iso(stay.joinedAt)!,
      leftAt: iso(stay.leftAt ?? videoEnd),
    })),
  ];
}

function recordingOf(context: EscalationContext, videoEnd: number | undefined): EscalationSummary['recording'] {
  const { recording, recordedMs } = context.tools;
  const running = recording?.state === 'on' && videoEnd !== undefined ? Math.max(0, videoEnd - recording.since) : 0;
  const consent =
    recording === null || recording.state === 'asking' || recording.state === 'off'
      ? recordedMs > 0
        ? 'given'
        : null
      : recording.state === 'declined'
        ? 'declined'
        : 'given';
  return { asked: recording !== null, consent, recordedMs: recordedMs + running };
}

export function summarize(context: EscalationContext): EscalationSummary {
  const { timeline } = context;
  const videoEnd = timeline.videoEndedAt ?? timeline.endedAt;
  return {
    version: 1,
    interactionId: context.interaction?.id ?? null,
    escalationId: context.escalation?.id ?? null,
    reason: context.endReason ?? 'closed',
    fallbackReason: context.fallbackReason,
    joined: { ...context.everJoined },
    durations: {
      total: span(timeline.requestedAt, timeline.endedAt),
      untilGuestJoined: span(timeline.requestedAt, timeline.guestJoinedAt),
      onVideo: context.everJoined.guest ? span(timeline.guestJoinedAt, videoEnd) : null,
    },
    startedAt: iso(timeline.requestedAt),
    endedAt: iso(timeline.endedAt),
    participants: participants(context, videoEnd),
    snapshots: context.tools.kept.map((still) => ({
      id: still.id,
      takenAt: iso(still.takenAt)!,
      width: still.width,
      height: still.height,
      marks: still.marks,
      note: still.note,
    })),
    recording: recordingOf(context, videoEnd),
    consults: context.consults.map((span) => ({
      escalationId: span.escalationId,
      startedAt: iso(span.startedAt)!,
      endedAt: iso(span.endedAt ?? timeline.endedAt),
    })),
    network: {
      ...qualityUntil(context.quality, videoEnd ?? context.quality.since ?? 0),
      customerSoundOnly: context.guestStep === 'audio-only',
    },
  };
}
