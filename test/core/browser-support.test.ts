// Which browser problems <device-check> names, and which browser's recovery steps it shows.
import { expect } from '@open-wc/testing';
import { browserFamily, browserSupportProblems, type BrowserEnvironment } from '../../src/core/devices/browser-support.js';

const capable: BrowserEnvironment = {
  isSecureContext: true,
  hasPeerConnection: true,
  hasGetUserMedia: true,
  allowsFeature: () => true,
};

describe('browser support', () => {
  it('finds nothing wrong with this Chromium on this page', () => {
    expect(browserSupportProblems()).to.deep.equal([]);
  });

  it('names every problem of an old in-app browser on plain http, in a frame that may not use the camera', () => {
    const problems = browserSupportProblems({
      isSecureContext: false,
      hasPeerConnection: false,
      hasGetUserMedia: false,
      allowsFeature: (feature) => feature !== 'camera',
    });
    expect(problems).to.deep.equal(['insecure-context', 'no-webrtc', 'no-getusermedia', 'frame-blocks-camera']);
    expect(browserSupportProblems({ ...capable, allowsFeature: () => false })).to.deep.equal([
      'frame-blocks-camera',
      'frame-blocks-microphone',
    ]);
  });

  it('tells the browsers apart whose permission settings differ', () => {
    const agents: Record<string, string> = {
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36': 'chrome',
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36 Edg/120.0':
        'edge',
      'Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0': 'firefox',
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1':
        'safari',
      'Mozilla/5.0 (Linux; Android 13) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/23.0 Chrome/115.0 Mobile Safari/537.36':
        'samsung',
      'SomeEmbeddedView/1.0': 'other',
    };
    for (const [agent, family] of Object.entries(agents)) expect(browserFamily(agent), agent).to.equal(family);
  });
});
