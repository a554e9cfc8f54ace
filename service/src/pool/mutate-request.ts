// Changing a request for an expert safely when other requests (or instances) change it too, as
// `mutate` does for escalations: the change runs on a copy of the latest, which is written only
// over the version it was read at, else the change runs again on what was written meanwhile.
import { HttpError } from '../http/http-error.js';
import type { EscalationStore } from '../store/contract.js';
import type { ExpertRequestRecord } from './records.js';

const ATTEMPTS = 20;

export const noSuchRequest = () => new HttpError('not-found', 'there is no such request for an expert');

/** `change` may refuse by throwing; a change that changes nothing writes nothing. */
export async function mutateRequest<T>(
  store: EscalationStore,
  id: string,
  change: (request: ExpertRequestRecord) => T,
): Promise<{ before: ExpertRequestRecord; after: ExpertRequestRecord; result: T }> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    const current = await store.expertRequest(id);
    if (!current) throw noSuchRequest();
    const after = structuredClone(current.value);
    const result = change(after);
    if (JSON.stringify(after) === JSON.stringify(current.value)) return { before: current.value, after, result };
    // A change made here never starts a ring (only ringing.ts does), so it cannot take another's.
    if ((await store.replaceExpertRequest(after, current.version)) === 'replaced')
      return { before: current.value, after, result };
  }
  throw new HttpError('unavailable', 'the request for an expert is changing too often to change it now; try again');
}

/** Stops the live ring (if any) and closes the request in `state`. */
export function endRequest(request: ExpertRequestRecord, state: 'no-expert' | 'cancelled', now: number): void {
  for (const ring of request.rings) if (ring.outcome === 'ringing') Object.assign(ring, { outcome: 'withdrawn', endedAt: now });
  request.state = state;
  request.lookAgainAt = null;
  request.endedAt = now;
}
