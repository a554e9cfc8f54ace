// When the camera pauses for a weak connection, and when it comes back: sustained readings, not one.
import { expect } from '@open-wc/testing';
import type { QualityLevel } from '../../src/core/media/types.js';
import {
  freshUplinkWatch,
  PAUSE_AFTER_MS,
  RESUME_AFTER_MS,
  watchUplink,
  type UplinkWatch,
} from '../../src/core/room/weak-network.js';

/** Feeds readings two seconds apart (as the call reads its stats); the decisions, and whether paused at the end. */
function play(readings: QualityLevel[]): { decisions: (string | null)[]; paused: boolean } {
  let watch: UplinkWatch = freshUplinkWatch;
  let paused = false;
  const decisions = readings.map((uplink, index) => {
    const step = watchUplink(watch, uplink, index * 2000, paused);
    watch = step.watch;
    if (step.decision === 'pause') paused = true;
    if (step.decision === 'resume') paused = false;
    return step.decision;
  });
  return { decisions, paused };
}

describe('the camera and a weak uplink', () => {
  it('pauses only after the uplink stayed poor for a while', () => {
    expect(PAUSE_AFTER_MS).to.equal(4000);
    expect(play(['poor', 'poor']).decisions).to.deep.equal([null, null]);
    expect(play(['poor', 'poor', 'poor']).decisions).to.deep.equal([null, null, 'pause']);
    expect(play(['poor', 'good', 'poor', 'poor']).paused, 'a break starts the count again').to.equal(false);
  });

  it('comes back only after the uplink stayed sound for longer, and never while unknown decides it', () => {
    expect(RESUME_AFTER_MS).to.be.greaterThan(PAUSE_AFTER_MS);
    const recovered = play(['poor', 'poor', 'poor', 'good', 'fair', 'good', 'good']);
    expect(recovered.decisions).to.deep.equal([null, null, 'pause', null, null, null, 'resume']);
    expect(play(['poor', 'poor', 'poor', 'good', 'poor', 'good']).paused, 'a relapse keeps it paused').to.equal(true);
    expect(play(['poor', 'poor', 'poor', 'unknown', 'unknown', 'unknown', 'unknown']).paused).to.equal(true);
  });
});
