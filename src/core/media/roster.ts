// The remote participants of a session as one observable list of immutable entries, announcing
// joins and leaves; shared by every adapter so they all report participants the same way.
import type { Emitter } from './emitter.js';
import { createStore, type WritableStore } from './store.js';
import type { MediaRole, MediaSessionEvents, RemoteParticipant } from './types.js';

type Patch = Partial<Omit<RemoteParticipant, 'id'>>;

const blank = (id: string, display: string, role: MediaRole): RemoteParticipant => ({
  id,
  display,
  role,
  audio: null,
  video: null,
  screen: null,
  audioMuted: false,
  videoMuted: false,
});

export class Roster {
  readonly store: WritableStore<readonly RemoteParticipant[]> = createStore<readonly RemoteParticipant[]>([]);

  constructor(private readonly events: Emitter<MediaSessionEvents>) {}

  get(id: string): RemoteParticipant | undefined {
    return this.store.get().find((participant) => participant.id === id);
  }

  /** Adds the participant when new (announcing it), or applies the patch to the existing entry. */
  upsert(id: string, patch: Patch & { display?: string; role?: MediaRole }): void {
    const existing = this.get(id);
    if (!existing) {
      const added = { ...blank(id, patch.display ?? id, patch.role ?? 'guest'), ...patch };
      this.store.update((list) => [...list, added]);
      this.events.emit('participant-joined', added);
      return;
    }
    const changed = (Object.keys(patch) as (keyof Patch)[]).some((key) => existing[key] !== patch[key]);
    if (!changed) return;
    this.store.update((list) => list.map((participant) => (participant.id === id ? { ...participant, ...patch } : participant)));
  }

  remove(id: string): void {
    if (!this.get(id)) return;
    this.store.update((list) => list.filter((participant) => participant.id !== id));
    this.events.emit('participant-left', { id });
  }

  clear(): void {
    for (const participant of this.store.get()) this.remove(participant.id);
  }
}
