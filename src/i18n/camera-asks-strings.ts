// The English words a customer (or expert) reads about the agent's asks of their camera and about
// recording: with the guest's words (guest-strings.ts), never on a desk.

/** What the customer (on their own page) is asked and told about the agent's asks. */
export interface CameraAskStrings {
  /** The region's label. */
  label: string;
  facing: Record<'user' | 'environment', string>;
  torchOn: string;
  torchOff: string;
  zoomIn: string;
  zoomOut: string;
  allow: string;
  decline: string;
  pictureTaken: string;
  pictureNotTaken: string;
  /** After an allowed ask the camera could not do. */
  cannot: Record<'camera' | 'torch' | 'zoom', string>;
  failed: string;
  /** The customer is asked to agree to recording. */
  recordingAsk: string;
  agree: string;
  disagree: string;
  /** The indicator everyone in the call sees while recording runs. */
  recordingOn: string;
  /** What others (an expert) are told while the customer is asked. */
  recordingAsked: string;
  recordingDeclined: string;
  recordingStopped: string;
}

export const cameraAsksEn: CameraAskStrings = {
  label: 'The agent’s request',
  facing: {
    environment: 'The agent asks you to switch to your rear camera, to show them the device.',
    user: 'The agent asks you to switch back to your front camera.',
  },
  torchOn: 'The agent asks to turn on your phone’s light, to see better.',
  torchOff: 'The agent asks to turn off your phone’s light.',
  zoomIn: 'The agent asks to zoom your camera in, to see closer.',
  zoomOut: 'The agent asks to zoom your camera out.',
  allow: 'Allow',
  decline: 'No, thanks',
  pictureTaken: 'The agent took a picture of what your camera shows.',
  pictureNotTaken: 'The agent asked for a picture. None was taken: your camera is off.',
  cannot: {
    camera: 'This device has no other camera to switch to.',
    torch: 'This camera has no light this page can turn on.',
    zoom: 'This camera cannot zoom from this page.',
  },
  failed: 'That did not work on this device.',
  recordingAsk:
    'The agent would like to record this video call and keep the recording with your case. Everyone in the call is told. It starts only if you agree.',
  agree: 'I agree',
  disagree: 'Don’t record',
  recordingOn: 'Recording',
  recordingAsked: 'The agent is asking the customer whether this call may be recorded.',
  recordingDeclined: 'The customer said no to recording. Nothing is recorded.',
  recordingStopped: 'Recording stopped.',
};
