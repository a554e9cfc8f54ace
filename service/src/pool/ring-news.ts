// Who hears what when a request changes, worked out from the request before and after: a desk
// whose ring stopped hears `offer-gone`, a desk newly rung hears the `offer`, and the agent hears
// the request's new status (`expert-request`) whenever it changed.
import type { Deps } from '../escalations/deps.js';
import type { EscalationRecord } from '../escalations/records.js';
import { poolChannel } from '../news.js';
import { offerOf, requestStatus } from './offer-view.js';
import type { ExpertRequestRecord } from './records.js';

export async function announceChange(
  deps: Deps,
  before: ExpertRequestRecord,
  after: ExpertRequestRecord,
  escalation: EscalationRecord | undefined,
): Promise<void> {
  const wasRinging = new Set(before.rings.filter((ring) => ring.outcome === 'ringing').map((ring) => ring.offer));
  for (const ring of after.rings) {
    const desk = poolChannel(after.tenant, ring.expert);
    if (wasRinging.has(ring.offer) && ring.outcome !== 'ringing')
      await deps.hub.sendToPool(desk, 'offer-gone', JSON.stringify({ id: ring.offer }));
    if (!wasRinging.has(ring.offer) && ring.outcome === 'ringing' && escalation)
      await deps.hub.sendToPool(desk, 'offer', JSON.stringify(offerOf(after, ring, escalation, deps.redaction)));
  }
  const status = JSON.stringify(requestStatus(after));
  if (status !== JSON.stringify(requestStatus(before))) await deps.hub.send(after.escalationId, 'expert-request', status);
}
