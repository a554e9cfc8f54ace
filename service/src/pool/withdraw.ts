// When a call closes, its open request for an expert is withdrawn: the ringing desk stops, and the
// agent's stream hears `cancelled`. (Any instance's sweep also ends a request whose call is over.)
import type { Deps } from '../escalations/deps.js';
import type { EscalationRecord } from '../escalations/records.js';
import { endRequest, mutateRequest } from './mutate-request.js';
import { announceChange } from './ring-news.js';

export async function withdrawRequestsOf(deps: Deps, escalation: EscalationRecord): Promise<void> {
  for (const open of await deps.store.expertRequestsOf(escalation.id)) {
    if (open.state !== 'ringing') continue;
    const { before, after } = await mutateRequest(deps.store, open.id, (request) => {
      if (request.state === 'ringing') endRequest(request, 'cancelled', deps.now());
    });
    await announceChange(deps, before, after, escalation);
  }
}
