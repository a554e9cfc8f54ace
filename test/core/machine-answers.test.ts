import { expect } from '@open-wc/testing';
import { fromPromise } from 'xstate';
import { selectCallTools, type AskGuestInput, type SetRecordingInput } from '../../src/core/machine/index.js';
import type { AskSent, RecordingStatus } from '../../src/protocol/index.js';
import { settle, startHarness, toJoined } from '../support/machine-harness.js';

describe('escalation machine: answers that overtake the service’s own', () => {
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

  it('keeps the customer’s answer to an ask when it arrives before the service’s answer to the ask', async () => {
    let sent: (answer: AskSent) => void = () => undefined;
    const h = startHarness(
      {},
      {},
      {
        askGuest: fromPromise<AskSent, AskGuestInput>(() => new Promise<AskSent>((resolve) => (sent = resolve))),
      },
    );
    await toJoined(h);
    h.send({ type: 'ASK_GUEST', ask: { kind: 'snapshot' } });
    await settle();
    // The customer's camera is off: their page says no before the service's answer is back.
    h.send({ type: 'ASK_ANSWERED', answer: { id: 'ask-1', kind: 'snapshot', outcome: 'refused' } });
    sent({ id: 'ask-1' } as AskSent);
    await settle();
    const tools = selectCallTools(h.actor.getSnapshot());
    expect(tools.asks.snapshot).to.deep.include({ id: 'ask-1', status: 'refused' });
    expect(tools.sending).to.equal(false);
  });
});
