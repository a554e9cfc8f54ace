// The @lit/context keys by which <escalation-context> shares its one escalation actor.
import { createContext } from '@lit/context';
import type { EscalationActor } from './core/machine/persistence.js';
import type { Interaction } from './core/machine/types.js';
import type { RoomActor } from './core/room/bridge.js';

/** The escalation actor owned by the nearest <escalation-context>. */
export const escalationActorContext = createContext<EscalationActor | undefined>(Symbol.for('escalate-video/escalation-actor'));

/** The interaction (call or chat) the nearest <escalation-context> is about, or null. */
export const interactionContext = createContext<Interaction | null>(Symbol.for('escalate-video/interaction'));

/** The agent's call (a room actor) that the nearest <escalation-context>'s escalation joins and leaves. */
export const roomActorContext = createContext<RoomActor | undefined>(Symbol.for('escalate-video/room-actor'));
