// Saving and restoring an escalation across a page reload. A saved snapshot that cannot be read
// is reported and ignored: the agent starts fresh instead of facing a broken page.
import { createActor, type Actor, type ActorOptions } from 'xstate';
import { NO_TOOLS } from './tools.js';
import { escalationMachine, type EscalationMachine } from './escalation-machine.js';
import type { EscalationContext, EscalationInput } from './types.js';
import { errorMessage } from '../errors.js';
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

interface SavedShape {
  status: 'active';
  value: unknown;
  context: EscalationContext;
  children: Record<string, unknown>;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Why a parsed value cannot be restored into `machine`, or null when it can. */
function whyNotRestorable(machine: EscalationMachine, saved: unknown): string | null {
  if (!isObject(saved) || saved.status !== 'active') return 'not an active escalation';
  if (!isObject(saved.context) || !isObject(saved.children)) return 'not an escalation snapshot';
  const { context } = saved as unknown as SavedShape;
  if (!isObject(context.config) || !isObject(context.timeline)) return 'not an escalation snapshot';
  // Saved by an earlier version, before the camera tools and the summary's presence and quality: they start empty.
  context.tools = { ...NO_TOOLS, ...(isObject(context.tools) ? context.tools : {}) };
  if (!Array.isArray(context.presence)) context.presence = [];
  if (!isObject(context.quality)) context.quality = { ms: { good: 0, fair: 0, poor: 0 }, level: null, since: null };
  // And before the consult: none open, none held.
  if (!isObject(context.consult)) context.consult = null;
  if (!Array.isArray(context.consults)) context.consults = [];
  try {
    machine.resolveState({ value: saved.value as Parameters<EscalationMachine['resolveState']>[0]['value'], context });
  } catch (error) {
    return errorMessage(error);
  }
  return null;
}

/** Reads a persisted snapshot written by `saveEscalation`, or null when there is none usable. */
export function loadEscalation(storage: SnapshotStorage, key: string, machine: EscalationMachine = escalationMachine): unknown {
  const raw = storage.getItem(key);
  if (raw === null) return null;
  let why: string | null;
  let parsed: unknown = null;
  try {
    parsed = JSON.parse(raw);
    why = whyNotRestorable(machine, parsed);
  } catch (error) {
    why = errorMessage(error);
  }
  if (why === null) return parsed;
  logger.warn(`escalation: ignoring saved state under "${key}": ${why}`);
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
 * Creates and starts the escalation actor, resuming a saved escalation when storage holds one
 * (its timers re-armed), and keeps the saved copy current.
 */
export function createEscalationActor(options: CreateEscalationActorOptions = {}): EscalationActor {
  const machine = options.machine ?? escalationMachine;
  const { storage, storageKey } = options;
  const saved = storage && storageKey ? loadEscalation(storage, storageKey, machine) : null;
  const actorOptions: ActorOptions<EscalationMachine> & { input: EscalationInput } = { input: options.input ?? {} };
  if (options.clock) actorOptions.clock = options.clock;
  if (saved) actorOptions.snapshot = saved as ActorOptions<EscalationMachine>['snapshot'];
  const actor = createActor(machine, actorOptions);
  if (storage && storageKey) {
    // Stopping (page unload, element removed) keeps the saved copy; finishing removes it.
    actor.subscribe({
      next: () => saveEscalation(storage, storageKey, actor),
      complete: () => {
        if (actor.getSnapshot().status === 'done') storage.removeItem(storageKey);
      },
      error: () => storage.removeItem(storageKey),
    });
  }
  actor.start();
  if (saved) actor.send({ type: 'RESUME' });
  return actor;
}
