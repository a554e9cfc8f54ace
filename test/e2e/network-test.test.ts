// The network test against a real Janus (EchoTest): a clean path rates good; inside the test's
// own namespace, random loss and a bandwidth cap rate poor; <device-check> says so in words.
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { runEchoNetworkTest } from '../../src/core/media/janus/janus-network-test.js';
import { rateNetwork } from '../../src/core/diagnostics/network-rating.js';
import { janusToken, testEnv, until } from '../support/test-env.js';
import type { NetworkMeasurement } from '../../src/core/diagnostics/network-rating.js';
import '../../src/define/device-check.js';
import type { DeviceCheckElement } from '../../src/elements/device-check/device-check.js';
import type { DeviceCheckResultEvent } from '../../src/events/device-check-result.js';
import { checkLine } from '../support/device-check-view.js';

describe('network test (real Janus EchoTest)', function () {
  this.timeout(30_000);
  let stream: MediaStream;
  before(async () => {
    stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: { width: 1280, height: 720 } });
  });
  after(() => stream.getTracks().forEach((track) => track.stop()));

  async function measureOnce() {
    const env = await testEnv();
    const started = performance.now();
    const token = await janusToken('echotest');
    const measurement = (await runEchoNetworkTest({
      server: env.janusWsUrl,
      token,
      audio: stream.getAudioTracks()[0],
      video: stream.getVideoTracks()[0],
    })) as NetworkMeasurement;
    console.log(`network test: ${JSON.stringify(measurement)} in ${Math.round(performance.now() - started)} ms`);
    return measurement;
  }

  it('rates a clean path to the media server good, and leaves the caller its tracks', async () => {
    const measurement = await measureOnce();
    expect(rateNetwork(measurement)).to.equal('good');
    expect(measurement.rttMs).to.be.a('number');
    expect(stream.getTracks().every((track) => track.readyState === 'live')).to.equal(true);
  });

  it('rates a lossy, narrow path poor', async () => {
    await executeServerCommand('network-impaired', { loss: 0.15, rateKbit: 250 });
    try {
      const measurement = await measureOnce();
      expect(rateNetwork(measurement)).to.equal('poor');
    } finally {
      await executeServerCommand('network-impaired', {});
    }
  });

  it('rates a path that carries no media at all poor', async () => {
    await executeServerCommand('media-blocked', { blocked: true });
    try {
      const env = await testEnv();
      const token = await janusToken('echotest');
      const measurement = (await runEchoNetworkTest({
        server: env.janusWsUrl,
        token,
        video: stream.getVideoTracks()[0],
        connectTimeoutMs: 2000,
      })) as NetworkMeasurement;
      expect(measurement.bitrateKbps).to.equal(0);
      expect(rateNetwork(measurement)).to.equal('poor');
    } finally {
      await executeServerCommand('media-blocked', { blocked: false });
    }
  });
});

describe('<device-check> with the network test (real Janus)', function () {
  this.timeout(30_000);
  afterEach(() => executeServerCommand('network-impaired', {}));

  async function checkAgainst(server: string): Promise<DeviceCheckElement> {
    const token = await janusToken('echotest');
    const el = await fixture<DeviceCheckElement>(html`<device-check .server=${server} .token=${token}></device-check>`);
    // While the connection is measured, the check is as usable as after.
    await until(
      'the network test running',
      () => el.shadowRoot!.querySelector('[part=check][data-state=running]') ?? undefined,
      10_000,
    );
    await expect(el).to.be.accessible();
    return el;
  }

  it('rates a clean path good, with the figures, and says video is ready', async () => {
    const env = await testEnv();
    const el = await checkAgainst(env.janusWsUrl);
    const { detail } = (await oneEvent(el, 'device-check-result')) as DeviceCheckResultEvent;
    expect(detail).to.deep.include({ video: true, audio: true, network: 'good', recommendAudioOnly: false });
    await el.updateComplete;
    const row = checkLine(el, 'Connection');
    expect(row.dataset.state).to.equal('ok');
    expect(row.textContent).to.match(/\d+ ms round trip, [\d.]+% lost, [\d,]+ kb\/s/);
    expect(el.shadowRoot!.querySelector('[part=summary]')!.textContent).to.equal('Ready for video.');
    await expect(el).to.be.accessible();
  });

  it('rates a lossy, narrow path poor and recommends audio only', async () => {
    const env = await testEnv();
    await executeServerCommand('network-impaired', { loss: 0.15, rateKbit: 250 });
    const el = await checkAgainst(env.janusWsUrl);
    const { detail } = (await oneEvent(el, 'device-check-result')) as DeviceCheckResultEvent;
    expect(detail).to.deep.include({ video: true, audio: true, network: 'poor', recommendAudioOnly: true });
    expect(detail.reasons).to.include('network-poor');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part=summary]')!.textContent).to.equal('We recommend joining with audio only.');
    await expect(el).to.be.accessible();
  });

  it('says "not tested", and recommends nothing, when the media server has no EchoTest plugin', async () => {
    const { server, token } = await executeServerCommand<{ server: string; token: string }, { running: boolean }>(
      'janus-without-echotest',
      { running: true },
    );
    try {
      const el = await fixture<DeviceCheckElement>(html`<device-check .server=${server} .token=${token}></device-check>`);
      const { detail } = (await oneEvent(el, 'device-check-result')) as DeviceCheckResultEvent;
      expect(detail).to.deep.include({ video: true, audio: true, network: 'untested', recommendAudioOnly: false });
      await el.updateComplete;
      const row = checkLine(el, 'Connection');
      expect(row.dataset.state).to.equal('warn');
      expect(row.textContent).to.contain('the video server offers no test');
      expect(el.shadowRoot!.querySelector('[part=summary]')!.textContent).to.equal('Ready for video.');
    } finally {
      await executeServerCommand('janus-without-echotest', { running: false });
    }
  });
});

describe('the network test on a locked Janus', function () {
  this.timeout(30_000);

  for (const [what, token] of [
    ['no token', async () => ''],
    ['an expired token', () => janusToken('echotest', -60)],
    ['a token for the video room only', () => janusToken('videoroom')],
  ] as const) {
    it(`is refused with ${what}, and <device-check> says the test was not allowed rather than rating the connection`, async () => {
      const env = await testEnv();
      const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: true });
      try {
        expect(
          await runEchoNetworkTest({ server: env.janusWsUrl, token: await token(), audio: stream.getAudioTracks()[0] }),
        ).to.equal('refused');
      } finally {
        stream.getTracks().forEach((track) => track.stop());
      }
      const el = await fixture<DeviceCheckElement>(
        html`<device-check .server=${env.janusWsUrl} .token=${await token()}></device-check>`,
      );
      const { detail } = (await oneEvent(el, 'device-check-result')) as DeviceCheckResultEvent;
      expect(detail).to.deep.include({ network: 'untested', recommendAudioOnly: false });
      await el.updateComplete;
      expect(checkLine(el, 'Connection').textContent).to.contain('the video server did not allow the test');
    });
  }
});
