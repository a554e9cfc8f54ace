// What the agent asks of the customer's page during a call, and what comes back: a still from the
// customer's own camera (kept with the escalation, marked up by the agent), and "show me the
// device" (the rear camera, the torch, the zoom). Every ask goes through the service, which
// checks who asks and relays it to the customer's event stream; the customer's page carries it out
// or refuses it, and the agent hears the outcome on their progress stream.
import type { MaskedKind } from './guest.js';

export type CameraFacing = 'user' | 'environment';

/** One thing the agent asks the customer's page to do. */
export type CallAsk =
  /** A still at the camera's full resolution, taken by the customer's page from its own camera. */
  | { kind: 'snapshot' }
  /** The front (`user`) or the rear (`environment`) camera. */
  | { kind: 'camera'; facing: CameraFacing }
  | { kind: 'torch'; on: boolean }
  /** A zoom level within what the customer's camera reported (`CameraAbilities.zoom`). */
  | { kind: 'zoom'; level: number }
  /**
   * Consent to record the call: asked through the recording route only (never `askGuest`); the
   * customer's `done` is their yes, `refused` their no.
   */
  | { kind: 'recording' };

export type CallAskKind = CallAsk['kind'];

/** What `askGuest` takes (consent to record goes through the recording route). */
export const CALL_ASK_KINDS: readonly CallAskKind[] = ['snapshot', 'camera', 'torch', 'zoom'];

/** The service's answer to an ask: its id, which the outcome on the progress stream names. */
export interface AskSent {
  id: string;
}

/** An ask as the customer's event stream carries it (event `ask`). */
export interface GuestAsk {
  id: string;
  ask: CallAsk;
  /** Epoch milliseconds when the agent asked. */
  at: number;
}

/**
 * How an ask ended on the customer's page. `refused`: the customer said no. `unsupported`: their
 * camera cannot do it. `failed`: it was tried and did not work (the camera gave no picture).
 */
export type AskOutcome = 'done' | 'refused' | 'unsupported' | 'failed';

export const ASK_OUTCOMES: readonly AskOutcome[] = ['done', 'refused', 'unsupported', 'failed'];

/** The customer's page answers an ask (a snapshot's `done` comes with the upload instead). */
export interface AskAnswer {
  outcome: Exclude<AskOutcome, 'done'> | 'done';
}

/** What the customer's camera can do now (from `getCapabilities()`), so the agent's controls show only that. */
export interface CameraAbilities {
  /** The ways the customer's cameras face (empty when the browser cannot tell). */
  facings: CameraFacing[];
  /** The way the camera in use faces, when it says. */
  facing: CameraFacing | null;
  /** Null: the camera has no torch. */
  torch: { on: boolean } | null;
  /** Null: the camera cannot zoom. */
  zoom: { min: number; max: number; step: number; level: number } | null;
}

/** The customer's page sends a still it took for a snapshot ask. */
export interface SnapshotUpload {
  /** The snapshot ask it answers. */
  ask: string;
  /** `image/jpeg` or `image/png`. */
  type: SnapshotImageType;
  /** The image, base64 (no `data:` prefix). */
  image: string;
  width: number;
  height: number;
}

export type SnapshotImageType = 'image/jpeg' | 'image/png';

export const SNAPSHOT_IMAGE_TYPES: readonly SnapshotImageType[] = ['image/jpeg', 'image/png'];

/** The largest still the service takes, in bytes once decoded. */
export const SNAPSHOT_MAX_BYTES = 6 * 1024 * 1024;

/** What the agent hears (progress event `snapshot`) when a still arrived. */
export interface SnapshotNews {
  id: string;
  ask: string;
  width: number;
  height: number;
  takenAt: number;
}

/** A mark the agent draws on a still, in the still's own pixels. */
export type SnapshotMark =
  | { shape: 'arrow'; from: [number, number]; to: [number, number] }
  | { shape: 'circle'; center: [number, number]; radius: number };

/** The agent keeps a still for the case, with their marks and a short note. */
export interface SnapshotSave {
  marks: SnapshotMark[];
  note: string;
}

/** A still as the service keeps it. `image` is there only when one still is fetched. */
export interface SnapshotRecord extends SnapshotNews {
  type: SnapshotImageType;
  /** Kept for the case by the agent (a still not kept is deleted when the call ends). */
  saved: boolean;
  marks: SnapshotMark[];
  /** The note as kept: masked by the service's rules. */
  note: string;
  image?: string;
}

/** The answer to saving: the note as kept, and what was masked in it. */
export interface SnapshotSaved {
  note: string;
  masked: MaskedKind[];
}

/** What the agent hears (progress event `ask`) when the customer's page answered an ask. */
export interface AskNews {
  id: string;
  kind: CallAskKind;
  outcome: AskOutcome;
}

/**
 * The event names of a customer's or expert's own event stream (Server-Sent Events). `ask`: a
 * `GuestAsk` (customers only). `recording`: a `RecordingStatus`, to everyone in the call; a stream
 * that opens while recording is asked for or on hears it first. `lobby`: a `LobbyOutcome`, to an
 * expert waiting in the lobby.
 */
export type GuestEventName = 'ask' | 'recording' | 'lobby';
