// Who is calling: an agent (from their JWT), a contact-center flow (from its API key), or a guest
// (from the token their redeem gave them). Escalations belong to the agent or flow that made them.
import type { RouteName } from '../../../src/protocol/index.js';

export interface AgentPrincipal {
  kind: 'agent';
  /** The JWT's `sub`. */
  id: string;
  tenant: string;
  /** The JWT's `name` claim, cleaned: how the customer sees the agent (none: "Agent"). */
  name?: string;
}

/** A server-to-server caller (a contact-center flow), limited to the routes its key names. */
export interface ServicePrincipal {
  kind: 'service';
  /** The API key's id (never the key). */
  id: string;
  tenant: string;
  routes: ReadonlySet<RouteName>;
}

export type OwnerPrincipal = AgentPrincipal | ServicePrincipal;

/** How an owner is written down on what it owns and in logs. */
export function ownerId(principal: OwnerPrincipal): string {
  return `${principal.kind}:${principal.id}`;
}
