import { expect } from '@open-wc/testing';
import { fromPromise } from 'xstate';
import { selectCallTools, type SetRecordingInput } from '../../src/core/machine/index.js';
import type { RecordingStatus } from '../../src/protocol/index.js';
import { settle, startHarness, toJoined } from '../support/machine-harness.js';

describe('escalation machine: recording news', () => {
  it('keeps the customer’s no when it arrives before the service’s answer to the start (the answer is older)', async () => {
    let answer: (status: RecordingStatus) => void = () => undefined;
    const h = startHarness(
      {},
      {},
      {
        setRecording: fromPromise<RecordingStatus, SetRecordingInput>(
          () => new Promise<RecordingStatus>((resolve) => (answer = resolve)),
        ),
      },
    );
    await toJoined(h);
    h.send({ type: 'RECORD', action: 'start' });
    await settle();
    // The customer said no at once: the news of it overtakes the answer to the agent's start.
    h.send({ type: 'RECORDING_CHANGED', status: { state: 'asking', since: 1_000 } });
    h.send({ type: 'RECORDING_CHANGED', status: { state: 'declined', since: 1_100 } });
    answer({ state: 'asking', since: 1_000 });
    await settle();
    const tools = selectCallTools(h.actor.getSnapshot());
    expect(tools.recording).to.deep.equal({ state: 'declined', since: 1_100 });
    expect(tools.recordingBusy).to.equal(false);
  });
});
