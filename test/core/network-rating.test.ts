import { expect } from '@open-wc/testing';
import { measure, measureAfter } from '../../src/core/diagnostics/network-measure.js';
import { emptySample, type StatsSample } from '../../src/core/media/rtc-stats.js';
import { networkThresholds, rateNetwork } from '../../src/core/diagnostics/network-rating.js';

const reading = (at: number, overrides: Partial<StatsSample> = {}): StatsSample => ({
  ...emptySample(at),
  rttMs: 20,
  remoteLossPercent: 0,
  jitterMs: 5,
  ...overrides,
});

describe('network rating', () => {
  const good = { rttMs: 40, lossPercent: 0.5, jitterMs: 10, bitrateKbps: 1500 };

  it('is good only when every count is within the good limits', () => {
    expect(rateNetwork(good)).to.equal('good');
    expect(rateNetwork({ ...good, rttMs: networkThresholds.good.rttMs + 1 })).to.equal('fair');
    expect(rateNetwork({ ...good, bitrateKbps: networkThresholds.good.bitrateKbps - 1 })).to.equal('fair');
  });

  it('is poor when any one count is past the fair limits', () => {
    expect(rateNetwork({ ...good, lossPercent: 12 })).to.equal('poor');
    expect(rateNetwork({ ...good, jitterMs: 90 })).to.equal('poor');
    expect(rateNetwork({ ...good, bitrateKbps: 120 })).to.equal('poor');
    expect(rateNetwork({ rttMs: null, lossPercent: null, jitterMs: null, bitrateKbps: 0 })).to.equal('poor');
  });

  it('measures the window: what was sent, loss both ways, and nothing back as no bitrate at all', () => {
    const first = reading(0, { bytesSent: 0, packetsReceived: 100, packetsLost: 0 });
    const last = reading(1000, {
      bytesSent: 125_000,
      packetsReceived: 190,
      packetsLost: 10,
      remoteLossPercent: 4,
      availableKbps: 800,
    });
    expect(measure(first, last)).to.deep.equal({ rttMs: 20, lossPercent: 10, jitterMs: 5, bitrateKbps: 1000 });
    expect(measure(first, reading(1000, { bytesSent: 125_000, packetsReceived: 100 })).bitrateKbps).to.equal(0);
  });

  it('gives a clean line whose bandwidth estimate is still climbing up to two more windows, and nothing else any', async () => {
    const clean = (bitrateKbps: number) => ({ rttMs: 10, lossPercent: 0, jitterMs: 2, bitrateKbps });
    const windows = async (found: ReturnType<typeof clean>[]) => {
      let taken = 0;
      const measured = await measureAfter(
        1,
        async () => emptySample(0),
        () => found[taken++]!,
      );
      return { measured, taken };
    };
    // The estimate climbs past 600 kbps in the second window: good, not fair.
    expect(await windows([clean(420), clean(750), clean(900)])).to.deep.equal({ measured: clean(750), taken: 2 });
    // A line that stays narrow is fair after three windows at most.
    expect(await windows([clean(300), clean(350), clean(400), clean(450)])).to.deep.equal({ measured: clean(400), taken: 3 });
    // Loss is not the estimate's slow start: no waiting.
    const lossy = { ...clean(420), lossPercent: 5 };
    expect(await windows([lossy, clean(900)])).to.deep.equal({ measured: lossy, taken: 1 });
  });
});
