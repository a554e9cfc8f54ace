// Under 30 % UDP loss (inside the test's own network namespace) both sides are told in words
// whose connection is weak; after a few seconds of it each weak sender pauses its camera to keep
// its voice and says so, the other side's tile says why the picture stopped; when the loss goes,
// the cameras come back by themselves.
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { VideoRoomElement } from '../../src/elements/video-room/video-room.js';
import { agentDesktop, closeFrames, escalateInChat, guestPage, linkToken, tileVideoFrames } from '../support/desk.js';
import { until } from '../support/test-env.js';

const words = (room: VideoRoomElement) => room.shadowRoot!.querySelector('[part=network]')?.textContent ?? '';
const tileNote = (room: VideoRoomElement) => room.shadowRoot!.querySelector('[part=tile] .tile-note')?.textContent ?? '';

describe('a weak connection in the call (real Janus, loss in the test namespace)', function () {
  this.timeout(150_000);
  afterEach(async () => {
    await executeServerCommand('network-impaired', {});
    closeFrames();
  });

  it('says whose connection is weak, pauses the weak sender’s camera to keep the sound, and brings it back', async () => {
    const agent = await agentDesktop(180, { agentName: 'Dana Agent' });
    const customer = await guestPage(linkToken((await escalateInChat(agent.context)).url));
    await until('the agent to see the customer', () => tileVideoFrames(agent.room), 30_000);
    await until('the customer to see the agent', () => tileVideoFrames(customer), 30_000);
    expect(words(customer)).to.equal('');

    await executeServerCommand('network-impaired', { loss: 0.3 });
    const lossAt = performance.now();
    for (const [who, room] of [
      ['customer', customer],
      ['agent', agent.room],
    ] as const) {
      await until(
        `the ${who} told their camera is paused`,
        () => (words(room).includes('your camera is paused') ? true : undefined),
        40_000,
      );
      console.log(
        `30 % loss: the ${who}'s camera paused, and said so, after ${((performance.now() - lossAt) / 1000).toFixed(1)} s`,
      );
    }
    // Each side also reads why the other's picture stopped, on the tile and in words.
    await until('the customer told the agent’s camera is paused', () =>
      words(customer).includes("Dana Agent's connection is weak: their camera is paused") ? true : undefined,
    );
    expect(tileNote(customer)).to.equal('Camera paused: weak connection');
    await until('the agent told the customer’s camera is paused', () =>
      words(agent.room).includes("Ada Customer's connection is weak: their camera is paused") ? true : undefined,
    );
    expect(agent.room.shadowRoot!.querySelector('[part=tile] video'), 'the paused picture gives way to initials').to.equal(null);
    // The sound goes on: the call is still up on both sides.
    expect([customer.state, agent.room.state]).to.deep.equal(['in-call', 'in-call']);

    await executeServerCommand('network-impaired', {});
    const cleanAt = performance.now();
    await until('the customer’s camera back', () => (words(customer) === '' ? true : undefined), 60_000);
    await until('the agent sees the customer again', () => tileVideoFrames(agent.room), 30_000);
    await until('the agent’s words gone', () => (words(agent.room) === '' ? true : undefined), 30_000);
    console.log(`loss gone: both cameras back after ${((performance.now() - cleanAt) / 1000).toFixed(1)} s`);
    agent.context.send({ type: 'HANGUP' });
  });
});
