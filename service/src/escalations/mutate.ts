// Changing an escalation safely when other requests (or other instances) may change it too:
// read it, apply the change to a copy, write it only if nobody wrote in between (the version
// still matches), and otherwise apply the change again to what they wrote.
import { HttpError } from '../http/http-error.js';
import type { EscalationStore } from '../store/contract.js';
import type { EscalationRecord } from './records.js';

const ATTEMPTS = 20;

/**
 * `change` runs on a copy of the latest record and may refuse by throwing; what it returns is
 * handed back with the record as written.
 */
export async function mutate<T>(
  store: EscalationStore,
  id: string,
  change: (record: EscalationRecord) => T,
): Promise<{ record: EscalationRecord; result: T }> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    const current = await store.get(id);
    if (!current) throw new HttpError('not-found', 'no such escalation');
    const record = structuredClone(current.value);
    const result = change(record);
    if (await store.replace(record, current.version)) return { record, result };
  }
  throw new HttpError('unavailable', 'the escalation is changing too often to change it now; try again');
}
