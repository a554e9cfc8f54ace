// Can this browser, in this page, do video at all? Each problem is named so the person (or the
// integrator who embedded the page) is told exactly what to change.

export type SupportProblem =
  /** Camera and microphone need https (or localhost). */
  | 'insecure-context'
  | 'no-webrtc'
  | 'no-getusermedia'
  /** The page is in an iframe without `allow="camera; microphone"`: the integrator must add it. */
  | 'frame-blocks-camera'
  | 'frame-blocks-microphone';

/** What the checks read from the browser; tests pass their own. */
export interface BrowserEnvironment {
  isSecureContext: boolean;
  hasPeerConnection: boolean;
  hasGetUserMedia: boolean;
  /** Whether the page's permissions policy lets it use the feature (true when it cannot tell). */
  allowsFeature(feature: 'camera' | 'microphone'): boolean;
}

interface PolicyDocument {
  featurePolicy?: { allowsFeature(feature: string): boolean };
  permissionsPolicy?: { allowsFeature(feature: string): boolean };
}

export function currentEnvironment(win: Window & typeof globalThis = window): BrowserEnvironment {
  const policy =
    (win.document as unknown as PolicyDocument).permissionsPolicy ?? (win.document as unknown as PolicyDocument).featurePolicy;
  return {
    isSecureContext: win.isSecureContext,
    hasPeerConnection: typeof win.RTCPeerConnection === 'function',
    hasGetUserMedia: typeof win.navigator.mediaDevices?.getUserMedia === 'function',
    allowsFeature: (feature) => policy?.allowsFeature(feature) ?? true,
  };
}

export function browserSupportProblems(environment: BrowserEnvironment = currentEnvironment()): SupportProblem[] {
  const problems: SupportProblem[] = [];
  if (!environment.isSecureContext) problems.push('insecure-context');
  if (!environment.hasPeerConnection) problems.push('no-webrtc');
  if (!environment.hasGetUserMedia) problems.push('no-getusermedia');
  if (!environment.allowsFeature('camera')) problems.push('frame-blocks-camera');
  if (!environment.allowsFeature('microphone')) problems.push('frame-blocks-microphone');
  return problems;
}

export type BrowserFamily = 'chrome' | 'edge' | 'firefox' | 'safari' | 'samsung' | 'other';

/** Which browser's settings the recovery steps should describe. */
export function browserFamily(userAgent: string): BrowserFamily {
  if (/SamsungBrowser/i.test(userAgent)) return 'samsung';
  if (/Edg\//.test(userAgent)) return 'edge';
  if (/Firefox\//.test(userAgent)) return 'firefox';
  if (/Chrom(e|ium)\//.test(userAgent)) return 'chrome';
  if (/Safari\//.test(userAgent)) return 'safari';
  return 'other';
}
