// The closing summary: who joined, why it ended, and how long each part took.
import type { EscalationContext, EscalationSummary } from './types.js';

function span(from: number | undefined, to: number | undefined): number | null {
  return from === undefined || to === undefined ? null : Math.max(0, to - from);
}

export function summarize(context: EscalationContext): EscalationSummary {
  const { timeline } = context;
  return {
    interactionId: context.interaction?.id ?? null,
    escalationId: context.escalation?.id ?? null,
    reason: context.endReason ?? 'closed',
    fallbackReason: context.fallbackReason,
    joined: { ...context.everJoined },
    durations: {
      total: span(timeline.requestedAt, timeline.endedAt),
      untilGuestJoined: span(timeline.requestedAt, timeline.guestJoinedAt),
      onVideo: context.everJoined.guest ? span(timeline.guestJoinedAt, timeline.videoEndedAt ?? timeline.endedAt) : null,
    },
  };
}
