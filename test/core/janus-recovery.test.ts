import { expect } from '@open-wc/testing';
import {
  ICE_RESTART_AFTER_MS,
  keepTrying,
  mediaPath,
  RetryDelays,
  RetryPause,
} from '../../src/core/media/janus/janus-recovery.js';

// When the Janus adapter tries to get media back, and when it gives up: what a person sees as
// "reconnecting" turning back into the call, or into "failed".

describe('Janus recovery policy', () => {
  it('restarts ICE at once when a connection failed, and gives a disconnected one a few seconds', () => {
    expect(mediaPath({ publisher: 'failed', subscriber: 'connected' })).to.deep.equal({ state: 'down', restartIceInMs: 0 });
    expect(mediaPath({ publisher: 'connected', subscriber: 'disconnected' })).to.deep.equal({
      state: 'down',
      restartIceInMs: ICE_RESTART_AFTER_MS,
    });
    expect(mediaPath({ publisher: 'disconnected', subscriber: 'failed' })).to.deep.equal({ state: 'down', restartIceInMs: 0 });
  });

  it('counts media as back only when no connection is still checking', () => {
    expect(mediaPath({ publisher: 'connected', subscriber: 'completed' })).to.deep.equal({ state: 'up' });
    expect(mediaPath({ publisher: 'connected', subscriber: 'new' })).to.deep.equal({ state: 'up' });
    expect(mediaPath({ publisher: 'connected', subscriber: 'checking' })).to.deep.equal({ state: 'checking' });
  });

  it('waits longer between attempts, up to two seconds, and gives up when the next wait would run past the time given', () => {
    const delays = new RetryDelays(5000, 0);
    expect([0, 300, 900, 2000, 4100].map((now) => delays.next(now))).to.deep.equal([250, 500, 1000, 2000, undefined]);
  });

  it('rejoins until the server is back', async () => {
    const waits: number[] = [];
    let attempts = 0;
    const outcome = await keepTrying(
      async () => {
        attempts += 1;
        if (attempts < 3) throw new Error('Janus is down');
      },
      { tryForMs: 60_000, stopped: () => false, pause: { wait: async (ms) => void waits.push(ms) }, now: () => 0 },
    );
    expect(outcome).to.equal('back');
    expect(attempts).to.equal(3);
    expect(waits).to.deep.equal([250, 500]);
  });

  it('gives up when the server stays away for the time given, and stops when the session is left', async () => {
    let now = 0;
    const down = async () => {
      throw new Error('Janus is down');
    };
    const pause = { wait: async (ms: number) => void (now += ms) };
    expect(await keepTrying(down, { tryForMs: 3000, stopped: () => false, pause, now: () => now })).to.equal('gave-up');
    expect(now).to.be.at.most(3000);
    let left = false;
    const leaving = { wait: async () => void (left = true) };
    expect(await keepTrying(down, { tryForMs: 60_000, stopped: () => left, pause: leaving })).to.equal('stopped');
  });

  it('gives up on an attempt the server never answers, and the next one goes on (to where the room is now)', async () => {
    const servers: string[] = [];
    let server = 'ws://dying.example.test';
    let abandoned = 0;
    const outcome = await keepTrying(
      async () => {
        servers.push(server);
        // The first server took the socket and then said nothing (janus.js waits on for ever).
        if (servers.length === 1) return new Promise<void>(() => undefined);
      },
      {
        tryForMs: 60_000,
        stopped: () => false,
        pause: { wait: async () => void (server = 'ws://other.example.test') },
        attemptMs: 50,
        abandoned: () => void (abandoned += 1),
      },
    );
    expect(outcome).to.equal('back');
    expect(servers).to.deep.equal(['ws://dying.example.test', 'ws://other.example.test']);
    expect(abandoned).to.equal(1);
  });

  it('tries at once when the wait is cut short (the room moved to another server)', async () => {
    const pause = new RetryPause();
    const started = performance.now();
    const waiting = pause.wait(10_000);
    pause.cutShort();
    await waiting;
    expect(performance.now() - started).to.be.below(1000);
  });
});
