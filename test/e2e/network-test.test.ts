// The network test against a real Janus (EchoTest): a clean path rates good; inside the test's
// own namespace, random loss and a bandwidth cap rate poor.
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { runEchoNetworkTest } from '../../src/core/media/janus/janus-network-test.js';
import { rateNetwork } from '../../src/core/diagnostics/network-rating.js';
import { testEnv } from '../support/test-env.js';

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
    const measurement = await runEchoNetworkTest({ server: env.janusWsUrl, audio: stream.getAudioTracks()[0], video: stream.getVideoTracks()[0] });
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
      const measurement = await runEchoNetworkTest({ server: env.janusWsUrl, video: stream.getVideoTracks()[0], connectTimeoutMs: 2000 });
      expect(measurement.bitrateKbps).to.equal(0);
      expect(rateNetwork(measurement)).to.equal('poor');
    } finally {
      await executeServerCommand('media-blocked', { blocked: false });
    }
  });
});
