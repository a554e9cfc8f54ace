// The words of <device-check>: what each check found and what to do about it.
import type { BrowserFamily, SupportProblem } from '../core/devices/browser-support.js';
import type { NetworkRating } from '../core/diagnostics/network-rating.js';

export interface DeviceCheckStrings {
  title: string;
  checks: Record<'browser' | 'permission' | 'camera' | 'microphone' | 'speaker' | 'network', string>;
  pending: string;
  running: string;
  browserOk: string;
  problems: Record<SupportProblem, string>;
  permissionOk: string;
  /** Shown with the recovery steps for the browser in use. */
  permissionDenied: string;
  recovery: Record<BrowserFamily, string>;
  noCamera: string;
  /** A camera or microphone the browser or the page does not allow (the reason is shown above it). */
  deviceBlocked: string;
  noMicrophone: string;
  cameraBusy: string;
  microphoneBusy: string;
  cameraOk: string;
  microphoneOk: string;
  /** Label of the microphone level meter. */
  level: string;
  /** A passed check in the compact layout (its full words are read to screen readers). */
  works: string;
  cameraLabel: string;
  microphoneLabel: string;
  speakerLabel: string;
  speakerTest: string;
  speakerUnsupported: string;
  speakerOk: string;
  networkUntested: string;
  /** The media server has no test to measure with (its EchoTest plugin is off). */
  networkNoEchoTest: string;
  /** The video server did not let this page run the network test (no token, or an expired one). */
  networkRefused: string;
  /** The video server did not answer the test at all: nothing is known about the connection. */
  networkUnreachable: string;
  /** The media adapter in use has no network test (loopback, or a page's own adapter without one). */
  networkNoTest: string;
  /** The media adapter could not be loaded, or its network test broke. */
  networkTestFailed: string;
  network: Record<NetworkRating, string>;
  /** With their units: `{rtt}` (“80 ms”), `{loss}` (“1.5%”), `{kbps}` (“900 kb/s”). */
  networkFigures: string;
  recommendAudioOnly: string;
  ready: string;
  notReady: string;
  checkAgain: string;
}

export const deviceCheckEn: DeviceCheckStrings = {
  title: 'Camera, microphone and connection',
  checks: {
    browser: 'Browser',
    permission: 'Permission',
    camera: 'Camera',
    microphone: 'Microphone',
    speaker: 'Speaker',
    network: 'Connection',
  },
  pending: 'Waiting',
  running: 'Checking…',
  browserOk: 'This browser can do video calls.',
  problems: {
    'insecure-context': 'This page is not secure (https), so the browser will not share a camera or microphone.',
    'no-webrtc': 'This browser cannot make video calls. Open the link in Chrome, Edge, Firefox or Safari.',
    'no-getusermedia': 'This browser cannot use a camera or microphone. Open the link in Chrome, Edge, Firefox or Safari.',
    'frame-blocks-camera':
      'The page that shows this call does not let it use the camera. (For the site owner: add allow="camera; microphone" to the iframe.)',
    'frame-blocks-microphone':
      'The page that shows this call does not let it use the microphone. (For the site owner: add allow="camera; microphone" to the iframe.)',
  },
  permissionOk: 'The browser lets this page use your camera and microphone.',
  permissionDenied: 'The camera or microphone is blocked for this site.',
  recovery: {
    chrome:
      'Click the camera icon (or the padlock) at the left of the address bar, choose Allow for camera and microphone, then check again.',
    edge: 'Click the padlock at the left of the address bar, set Camera and Microphone to Allow, then check again.',
    firefox:
      'Click the crossed-out camera icon in the address bar, remove the block for camera and microphone, then check again.',
    safari:
      'Open Safari › Settings for This Website (on iPhone: aA in the address bar › Website Settings), set Camera and Microphone to Allow, then check again.',
    samsung: 'Tap the padlock in the address bar › Permissions, allow Camera and Microphone, then check again.',
    other: "Open this site's settings in your browser, allow the camera and microphone, then check again.",
  },
  noCamera: 'No camera was found.',
  deviceBlocked: 'Not allowed: see above for how to allow it.',
  noMicrophone: 'No microphone was found.',
  cameraBusy: 'The camera is in use by another app. Close it and check again.',
  microphoneBusy: 'The microphone is in use by another app. Close it and check again.',
  cameraOk: 'Your camera works: this is what the other side will see.',
  microphoneOk: 'Your microphone works: speak, and the bar moves.',
  level: 'Microphone level',
  works: 'Works',
  cameraLabel: 'Camera',
  microphoneLabel: 'Microphone',
  speakerLabel: 'Speaker',
  speakerTest: 'Play a test sound',
  speakerUnsupported: 'Sound plays on your device’s default speaker.',
  speakerOk: 'Press to hear a short sound on the chosen speaker.',
  networkUntested: 'The connection was not tested.',
  networkNoEchoTest: 'The connection was not tested: the video server offers no test. The call may still work.',
  networkRefused: 'The connection was not tested: the video server did not allow the test. The call may still work.',
  networkUnreachable: 'The connection could not be tested: the video server did not answer the test. The call may still work.',
  networkNoTest: 'The connection was not tested: this kind of video server has no connection test. The call may still work.',
  networkTestFailed: 'The connection was not tested: the test could not be run. The call may still work.',
  network: {
    good: 'Your connection is good for video.',
    fair: 'Your connection is fair: video may be less sharp.',
    poor: 'Your connection is poor for video. Join with audio only.',
  },
  networkFigures: '{rtt} round trip, {loss} lost, {kbps}',
  recommendAudioOnly: 'We recommend joining with audio only.',
  ready: 'Ready for video.',
  notReady: 'Video will not work yet.',
  checkAgain: 'Check again',
};
