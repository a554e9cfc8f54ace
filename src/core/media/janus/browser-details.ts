// What janus.js asks of webrtc-adapter: only which browser this is, and its version. The adapter
// itself is not loaded: it patches the page's own RTCPeerConnection and getUserMedia when it loads,
// which would change a desk's softphone under it, and the browsers supported here (current
// Chromium, Firefox and Safari) need none of its shims.

export interface BrowserDetails {
  browser: 'chrome' | 'firefox' | 'safari' | 'unknown';
  /** Major version; for Safari, the WebKit build (janus.js compares it with 605). */
  version: number | null;
}

/** The browser as janus.js names it, from a user-agent string. */
export function browserDetailsOf(userAgent: string): BrowserDetails {
  const major = (pattern: RegExp) => {
    const found = pattern.exec(userAgent);
    return found ? Number(found[1]) : null;
  };
  if (/Firefox\/\d/.test(userAgent)) return { browser: 'firefox', version: major(/Firefox\/(\d+)/) };
  if (/Chrom(?:e|ium)\/\d/.test(userAgent)) return { browser: 'chrome', version: major(/Chrom(?:e|ium)\/(\d+)/) };
  if (/AppleWebKit\/\d/.test(userAgent) && /Safari\//.test(userAgent))
    return { browser: 'safari', version: major(/AppleWebKit\/(\d+)/) };
  return { browser: 'unknown', version: null };
}

/** The object janus.js keeps as `Janus.webRTCAdapter`. */
export function janusAdapterStandIn(): { browserDetails: BrowserDetails } {
  return { browserDetails: browserDetailsOf(navigator.userAgent) };
}
