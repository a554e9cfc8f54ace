// The @lit/context keys by which <escalation-context> shares its one escalation actor.
import { createContext } from '@lit/context';
import type { EscalationActor } from './core/machine/persistence.js';
import type { EscalationEvent, Interaction } from './core/machine/types.js';
import type { RoomActor } from './core/room/bridge.js';

/** The escalation actor owned by the nearest <escalation-context>. */
export const escalationActorContext = createContext<EscalationActor | undefined>(Symbol.for('escalate-video/escalation-actor'));

/** The interaction (call or chat) the nearest <escalation-context> is about, or null. */
export const interactionContext = createContext<Interaction | null>(Symbol.for('escalate-video/interaction'));

/** The agent's call (a room actor) that the nearest <escalation-context>'s escalation joins and leaves. */
export const roomActorContext = createContext<RoomActor | undefined>(Symbol.for('escalate-video/room-actor'));

/**
 * While the nearest <escalation-context>'s statechart is still loading (the escalation actor is
 * not there yet): what an element shows meanwhile, and where a press goes.
 */
export interface PendingEscalation {
  /**
   * `starting`: nothing was saved, so the escalation starts idle; a press is kept and handed to
   * the statechart when it runs. `resuming`: an escalation saved before a reload comes back.
   * `unavailable`: the statechart's code could not be loaded.
   */
  status: 'starting' | 'resuming' | 'unavailable';
  send(event: EscalationEvent): void;
}

/** Set while the nearest <escalation-context>'s actor is not there yet; null once it is. */
export const pendingEscalationContext = createContext<PendingEscalation | null>(Symbol.for('escalate-video/pending-escalation'));
