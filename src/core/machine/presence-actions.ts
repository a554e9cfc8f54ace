// The summary's bookkeeping: who was in the video when, and the time at each connection quality.
import { assign } from 'xstate';
import { actorNow } from './clock.js';
import { qualityUntil } from './summary.js';
import { toolsSetup } from './tool-actions.js';

export const escalationSetup = toolsSetup.extend({
  actions: {
    /** Someone came into the video (for the summary's who-was-there-when). */
    arrive: assign(({ context, self }, params: { role: 'customer' | 'expert' }) => ({
      presence: [
        ...context.presence,
        {
          role: params.role,
          name: params.role === 'customer' ? (context.interaction?.customerName ?? null) : (context.expert?.name ?? null),
          joinedAt: actorNow(self),
          leftAt: null,
        },
      ],
    })),
    depart: assign(({ context, self }, params: { role: 'customer' | 'expert' }) => {
      const now = actorNow(self);
      return {
        presence: context.presence.map((stay) =>
          stay.role === params.role && stay.leftAt === null ? { ...stay, leftAt: now } : stay,
        ),
      };
    }),
    /** Counts the time at the level so far, and starts counting the new one. */
    measureQuality: assign(({ context, event, self }) => {
      if (event.type !== 'MEDIA_QUALITY') return {};
      const level = event.quality === 'unknown' ? null : event.quality;
      if (level === context.quality.level) return {};
      const now = actorNow(self);
      return { quality: { ms: qualityUntil(context.quality, now), level, since: level ? now : null } };
    }),
    /** Video ended: the time at the last level is counted, and nothing more. */
    stopQuality: assign(({ context, self }) => ({
      quality: { ms: qualityUntil(context.quality, actorNow(self)), level: null, since: null },
    })),
  },
});
