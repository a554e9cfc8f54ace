// Recording's part in what everyone hears, and in what other operations do: every change of
// state reaches the agent's stream and every guest stream of the call; a room that may be
// recording is told to stop before it is destroyed (Janus then closes its files at once), and
// after the close what was recorded is turned into files; a new customer (a renewed code) has
// not agreed to anything, so what their predecessor agreed to stops.
import type { Deps } from './deps.js';
import { mutate } from './mutate.js';
import type { EscalationRecord } from './records.js';
import { closePeriod, everyGuest, janusMayRecord, statusOf } from './recording-state.js';

/** Everyone hears where recording stands: the agent's stream, and every guest stream of the call. */
export async function announce(deps: Deps, record: EscalationRecord): Promise<void> {
  const data = JSON.stringify(statusOf(record));
  await deps.hub.send(record.id, 'recording', data);
  for (const audience of everyGuest(record)) await deps.hub.sendToGuest(record.id, audience, 'recording', data);
}

/** Before a room is destroyed: Janus stops recording it first, which closes its files at once. */
export async function stopBeforeDestroy(deps: Deps, record: EscalationRecord): Promise<void> {
  if (!janusMayRecord(record, deps.now())) return;
  await deps.janus
    .member(record.room.server)
    .rooms.enableRecording(record.room, false)
    .catch(() => undefined);
}

/** A call was closed (its room destroyed): everyone hears recording stopped, and what was recorded becomes files. */
export async function afterClose(deps: Deps, before: EscalationRecord, closed: EscalationRecord): Promise<void> {
  if (before.recording?.state !== closed.recording?.state) await announce(deps, closed).catch(() => undefined);
  deps.recordings.afterClose(closed.id);
}

/**
 * Inside the renewal's write: an open consent ask was the previous customer's, and is withdrawn.
 * (What records is stopped after the write, Janus first: `stopForNewCustomer`.)
 */
export function withdrawForNewCustomer(record: EscalationRecord, now: number): void {
  if (record.recording?.state === 'asking') Object.assign(record.recording, { state: 'off', since: now });
}

/** After a renewal: the previous customer's consent does not cover the next one, so recording stops. */
export async function stopForNewCustomer(deps: Deps, before: EscalationRecord, renewed: EscalationRecord): Promise<void> {
  let latest = renewed;
  if (renewed.recording?.state === 'on') {
    try {
      await deps.janus.member(renewed.room.server).rooms.enableRecording(renewed.room, false);
    } catch (error) {
      // Still on (and said so): the room guard and the agent's stop are the ways out.
      deps.log.warn({ escalation: renewed.id, err: error }, 'Janus did not stop recording for a new customer');
      return;
    }
    ({ record: latest } = await mutate(deps.store, renewed.id, (record) => {
      if (record.recording?.state !== 'on') return;
      closePeriod(record.recording, deps.now());
      Object.assign(record.recording, { state: 'stopped', since: deps.now() });
    }));
  }
  if (before.recording?.state !== latest.recording?.state) await announce(deps, latest);
}
