import { expect } from '@open-wc/testing';
import { createActor } from 'xstate';
import { escalationMachine, resolveConfig, retryDelay, selectMicStartsMuted } from '../../src/core/machine/index.js';

describe('escalation config', () => {
  it('starts the browser microphone muted in voice mode only', () => {
    const voice = createActor(escalationMachine, { input: {} }).start();
    const chat = createActor(escalationMachine, { input: { config: { mode: 'chat' } } }).start();
    expect(selectMicStartsMuted(voice.getSnapshot())).to.equal(true);
    expect(selectMicStartsMuted(chat.getSnapshot())).to.equal(false);
  });

  it('merges overrides over the defaults', () => {
    const config = resolveConfig({ joinTimeoutMs: 5000, retry: { maxAttempts: 2 } });
    expect(config.joinTimeoutMs).to.equal(5000);
    expect(config.retry).to.deep.equal({ maxAttempts: 2, initialDelayMs: 500, maxDelayMs: 8000, factor: 2 });
  });

  it('rejects nonsense with a message naming the setting', () => {
    expect(() => resolveConfig({ mode: 'video' as 'chat' })).to.throw(/mode must be "voice" or "chat"/);
    expect(() => resolveConfig({ joinTimeoutMs: -1 })).to.throw(/joinTimeoutMs/);
    expect(() => resolveConfig({ joinTimeoutMs: Number.NaN })).to.throw(/joinTimeoutMs/);
    expect(() => resolveConfig({ retry: { maxAttempts: 0 } })).to.throw(/retry.maxAttempts/);
    expect(() => resolveConfig({ retry: { factor: 0.5 } })).to.throw(/retry.factor/);
  });

  it('backs off exponentially up to the cap', () => {
    const policy = resolveConfig().retry;
    expect([1, 2, 3, 4, 5, 6, 7].map((attempt) => retryDelay(policy, attempt))).to.deep.equal([
      500, 1000, 2000, 4000, 8000, 8000, 8000,
    ]);
  });
});
