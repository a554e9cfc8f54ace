// Saving and restoring an escalation across a page reload. A saved snapshot that cannot be read
// is reported and ignored: the agent starts fresh instead of facing a broken page.
import { createActor, type Actor, type ActorOptions } from 'xstate';
import { escalationMachine, type EscalationMachine } from './escalation-machine.js';
import type { EscalationInput } from './types.js';
import { logger } from '../logger.js';

/** The part of the Web Storage API persistence needs, so tests and hosts can pass their own. */
export interface SnapshotStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export type EscalationActor = Actor<EscalationMachine>;

/** Writes the actor's persisted snapshot; a finished escalation removes the entry instead. */
export function saveEscalation(storage: SnapshotStorage, key: string, actor: EscalationActor): void {
  const snapshot = actor.getSnapshot();
  if (snapshot.status !== 'active') {
    storage.removeItem(key);
    return;
  }
  storage.setItem(key, JSON.stringify(actor.getPersistedSnapshot()));
}

/** Reads a persisted snapshot written by `saveEscalation`, or null when there is none usable. */
export function loadEscalation(storage: SnapshotStorage, key: string): unknown {
  const raw = storage.getItem(key);
  if (raw === null) return null;
  try {
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed === 'object' && parsed !== null && (parsed as { status?: unknown }).status === 'active') {
      return parsed;
    }
    logger.warn(`escalation: ignoring saved state under "${key}": not an active escalation`);
  } catch (error) {
    logger.warn(`escalation: ignoring saved state under "${key}": ${(error as Error).message}`);
  }
  storage.removeItem(key);
  return null;
}

export interface CreateEscalationActorOptions {
  input?: EscalationInput;
  /** The machine with the host's actors provided; the unconfigured machine by default. */
  machine?: EscalationMachine;
  /** Where to keep the snapshot between page loads; no persistence without it. */
  storage?: SnapshotStorage;
  /** Storage key, one per agent and interaction. */
  storageKey?: string;
  clock?: ActorOptions<EscalationMachine>['clock'];
}

/**
 * Creates the escalation actor, resuming a saved escalation when storage holds one, and keeps
 * the saved copy current. The actor is returned unstarted so the caller can subscribe first.
 */
export function createEscalationActor(options: CreateEscalationActorOptions = {}): EscalationActor {
  const machine = options.machine ?? escalationMachine;
  const { storage, storageKey } = options;
  const saved = storage && storageKey ? loadEscalation(storage, storageKey) : null;
  const actorOptions: ActorOptions<EscalationMachine> & { input: EscalationInput } = { input: options.input ?? {} };
  if (options.clock) actorOptions.clock = options.clock;
  if (saved) actorOptions.snapshot = saved as ActorOptions<EscalationMachine>['snapshot'];
  let actor: EscalationActor;
  try {
    actor = createActor(machine, actorOptions);
  } catch (error) {
    if (!saved) throw error;
    logger.warn(`escalation: saved state could not be restored, starting fresh: ${(error as Error).message}`);
    storage!.removeItem(storageKey!);
    delete actorOptions.snapshot;
    actor = createActor(machine, actorOptions);
  }
  if (storage && storageKey) {
    actor.subscribe({
      next: () => saveEscalation(storage, storageKey, actor),
      complete: () => storage.removeItem(storageKey),
      error: () => storage.removeItem(storageKey),
    });
  }
  return actor;
}
