// janus.js is told which browser it runs in without webrtc-adapter: the names it compares with.
import { expect } from '@open-wc/testing';
import { browserDetailsOf } from '../../src/core/media/janus/browser-details.js';

describe('browserDetailsOf', () => {
  it('names Chromium, Chrome and Edge chrome, with their major version', () => {
    expect(browserDetailsOf(navigator.userAgent).browser).to.equal('chrome');
    expect(
      browserDetailsOf('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36'),
    ).to.deep.equal({ browser: 'chrome', version: 131 });
    expect(
      browserDetailsOf(
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 Edg/130.0.0.0',
      ),
    ).to.deep.equal({ browser: 'chrome', version: 130 });
  });

  it('names Firefox firefox and Safari safari, with the WebKit build janus.js compares with 605', () => {
    expect(browserDetailsOf('Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0')).to.deep.equal({
      browser: 'firefox',
      version: 133,
    });
    expect(
      browserDetailsOf(
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
      ),
    ).to.deep.equal({ browser: 'safari', version: 605 });
  });

  it('says unknown for anything else', () => {
    expect(browserDetailsOf('curl/8.5.0')).to.deep.equal({ browser: 'unknown', version: null });
  });
});
