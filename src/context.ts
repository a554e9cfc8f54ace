// The @lit/context keys by which <escalation-context> shares its one escalation actor.
import { createContext } from '@lit/context';
import type { EscalationActor } from './core/machine/persistence.js';

/** The escalation actor owned by the nearest <escalation-context>. */
export const escalationActorContext = createContext<EscalationActor | undefined>(Symbol.for('escalate-video/escalation-actor'));
