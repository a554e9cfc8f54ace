// The routes of an expert's own desk. They act on the caller's own presence and rings, so only a
// person's sign-in (an agent JWT) may use them, never a contact-center flow's API key.
import type { RouteName } from '../../../src/protocol/index.js';

export const POOL_ROUTES: ReadonlySet<RouteName> = new Set<RouteName>([
  'setPresence',
  'poolEvents',
  'acceptOffer',
  'declineOffer',
]);
