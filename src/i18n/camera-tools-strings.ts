// The English words of the agent's camera tools (asks of the customer's camera, and the still
// editor): a module of its own, loaded with the tools once the customer is on video, so a desk
// that never reaches video does not load them.
import type { AskStatus } from '../core/machine/types.js';
import type { CallAskKind, MaskedKind, RecordingState } from '../protocol/index.js';

/** The asks of the camera itself (consent to record has words of its own). */
export type CameraAskKind = Exclude<CallAskKind, 'recording'>;

export interface CameraToolsStrings {
  /** The toolbar's label. */
  toolbar: string;
  takePicture: string;
  rearCamera: string;
  frontCamera: string;
  lightOn: string;
  lightOff: string;
  zoomIn: string;
  zoomOut: string;
  /** How the latest ask of each kind stands, by status. `{why}`: the service's refusal in words. */
  status: Record<Exclude<AskStatus, 'not-sent'>, Record<CameraAskKind, string>>;
  notSent: string;
  recording: {
    start: string;
    stop: string;
    /** What is said of the recording, by its state. */
    state: Record<Exclude<RecordingState, 'off'>, string>;
    /** `{why}`: the service's refusal in words. */
    notStarted: string;
  };
  still: {
    heading: string;
    /** `{time}`: when the customer's camera took it. */
    takenAt: string;
    loading: string;
    arrow: string;
    circle: string;
    undo: string;
    /** The picture's label for screen readers: `{count}` marks on it. */
    picture: string;
    help: string;
    note: string;
    noteHint: string;
    keep: string;
    keeping: string;
    discard: string;
    /** `{count}`: stills kept so far. */
    kept: string;
    /** `{what}`: what the service hid in the note. */
    keptMasked: string;
    keepFailed: string;
  };
  maskedKinds: Record<MaskedKind, string>;
}

export const cameraToolsEn: CameraToolsStrings = {
  toolbar: 'Customer’s camera',
  takePicture: 'Take a picture',
  rearCamera: 'Rear camera',
  frontCamera: 'Front camera',
  lightOn: 'Light on',
  lightOff: 'Light off',
  zoomIn: 'Zoom in',
  zoomOut: 'Zoom out',
  status: {
    sending: {
      snapshot: 'Asking for a picture…',
      camera: 'Asking the customer to switch cameras…',
      torch: 'Asking the customer about the light…',
      zoom: 'Asking the customer to zoom…',
    },
    asked: {
      snapshot: 'Taking a picture on the customer’s device…',
      camera: 'Waiting for the customer to switch cameras',
      torch: 'Waiting for the customer to allow the light',
      zoom: 'Waiting for the customer to allow the zoom',
    },
    done: {
      snapshot: 'Picture received',
      camera: 'The customer switched cameras',
      torch: 'The customer’s light changed',
      zoom: 'The customer’s camera zoomed',
    },
    refused: {
      snapshot: 'No picture: the customer’s camera is off',
      camera: 'The customer said no to switching cameras',
      torch: 'The customer said no to the light',
      zoom: 'The customer said no to zooming',
    },
    unsupported: {
      snapshot: 'The customer’s device cannot take a picture',
      camera: 'The customer’s device has no other camera',
      torch: 'The customer’s camera has no light the page can use',
      zoom: 'The customer’s camera cannot zoom from the page',
    },
    failed: {
      snapshot: 'The picture did not work on the customer’s device',
      camera: 'Switching cameras did not work on the customer’s device',
      torch: 'The light did not work on the customer’s device',
      zoom: 'The zoom did not work on the customer’s device',
    },
  },
  notSent: 'Could not ask the customer: {why}',
  recording: {
    start: 'Record the call',
    stop: 'Stop recording',
    state: {
      asking: 'Asking the customer to agree to recording…',
      on: 'Recording: the customer agreed, and everyone in the call sees it is on',
      declined: 'The customer said no to recording. Nothing is recorded; the call goes on.',
      stopped: 'Recording stopped. What was recorded is kept with the case.',
    },
    notStarted: 'Recording did not start: {why}',
  },
  still: {
    heading: 'Picture from the customer’s camera',
    takenAt: 'Taken at {time}',
    loading: 'Loading the picture…',
    arrow: 'Arrow',
    circle: 'Circle',
    undo: 'Undo last mark',
    picture: 'The customer’s picture, {count} marks',
    help: 'Drag on the picture to draw the chosen mark. With the keyboard: press Arrow or Circle to add one in the middle, then move it with the arrow keys and resize it with Shift and the arrow keys.',
    note: 'Note for the case',
    noteHint: 'Card numbers and contact details are hidden before the note is kept.',
    keep: 'Keep for the case',
    keeping: 'Keeping…',
    discard: 'Discard',
    kept: 'Picture kept for the case ({count} so far)',
    keptMasked: 'Picture kept for the case; in the note we hid {what}',
    keepFailed: 'The picture was not kept: {why}',
  },
  maskedKinds: {
    card: 'a card number',
    iban: 'a bank account number',
    'national-id': 'an identity number',
    email: 'an e-mail address',
    phone: 'a phone number',
  },
};

/** The agent's words for experts from the pool and the lobby (loaded with the tools, once on video). */
export interface ExpertPoolStrings {
  ask: string;
  skill: string;
  skillInvalid: string;
  ring: string;
  cancel: string;
  stopRinging: string;
  /** `{skill}`. */
  looking: string;
  /** `{name}`, `{skill}`. */
  ringing: string;
  /** `{skill}`. */
  noneFree: string;
  /** `{name}`. */
  waiting: string;
  admit: string;
  turnAway: string;
  reason: string;
  reasonDefault: string;
  sendTurnAway: string;
  admitting: string;
  declined: string;
  /** `{name}` closed their page while waiting in the lobby. */
  leftLobby: string;
  failed: string;
}

export const expertPoolEn: ExpertPoolStrings = {
  ask: 'Ask for an expert',
  skill: 'Skill (such as routers)',
  skillInvalid: 'Type one skill: lower-case letters, digits and dashes, such as fiber-install.',
  ring: 'Ring an expert',
  cancel: 'Cancel',
  stopRinging: 'Stop ringing',
  looking: 'Looking for a free expert in {skill}…',
  ringing: 'Ringing {name} ({skill})…',
  noneFree: 'No expert in {skill} is free right now. Invite one by address instead.',
  waiting: '{name} is waiting to join the call',
  admit: 'Let {name} in',
  turnAway: 'Turn {name} away',
  reason: 'Reason {name} will read',
  reasonDefault: 'The customer no longer needs an expert. Thank you!',
  sendTurnAway: 'Turn away',
  admitting: 'Letting {name} in…',
  declined: 'You turned {name} away',
  leftLobby: '{name} stopped waiting and left. Ask for an expert again, or invite one by address.',
  failed: 'That did not work: {why}',
};
