// A voice call escalated to video: the sound stays on the phone. Neither page sends its
// microphone or plays the other's sound (the agent would hear the customer twice), both say so,
// and when the customer's phone line drops, one press moves them to the device's sound and the
// agent is told, and can follow with one press.
import { expect } from '@open-wc/testing';
import type { VideoRoomElement } from '../../src/elements/video-room/video-room.js';
import { agentDesktop, closeFrames, guestPage, tileVideoFrames, escalateBySms } from '../support/desk.js';
import { until } from '../support/test-env.js';

const micMuted = (room: VideoRoomElement) =>
  room.shadowRoot!.querySelector('button.mic')?.getAttribute('aria-pressed') === 'true';
const playsNothing = (room: VideoRoomElement) =>
  [...room.shadowRoot!.querySelectorAll<HTMLAudioElement>('audio')].every((audio) => audio.muted);
const phoneLine = (room: VideoRoomElement) => room.shadowRoot!.querySelector('[part=phone-audio] span')?.textContent ?? '';
const useDeviceSound = (room: VideoRoomElement) =>
  [...room.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part=phone-audio] button')][0]!.click();

describe('a voice escalation: the sound stays on the phone', function () {
  this.timeout(90_000);
  afterEach(() => closeFrames());

  it('sends and plays no browser sound on either side, says so, and switches in one press when the phone drops', async () => {
    const agent = await agentDesktop(180, { mode: 'voice' });
    const customer = await guestPage((await escalateBySms(agent.context)).code);
    await until('the agent to see the customer', () => tileVideoFrames(agent.room), 30_000);
    await until('the customer to see the agent', () => tileVideoFrames(customer), 30_000);

    for (const [who, room] of [
      ['agent', agent.room],
      ['customer', customer],
    ] as const) {
      expect(micMuted(room), `the ${who}'s microphone is not sent`).to.equal(true);
      expect(playsNothing(room), `the ${who}'s page plays no sound`).to.equal(true);
      expect(phoneLine(room), `the ${who} is told`).to.equal('The sound stays on your phone call.');
    }

    // The customer's phone line dropped: one press, and the agent is told.
    useDeviceSound(customer);
    await until('the customer on the device’s sound', () => (!micMuted(customer) && !phoneLine(customer) ? true : undefined));
    expect([...customer.shadowRoot!.querySelectorAll<HTMLAudioElement>('audio')].every((audio) => !audio.muted)).to.equal(true);
    await until(
      'the agent told',
      () => (phoneLine(agent.room).startsWith('The customer now uses their device’s sound') ? true : undefined),
      15_000,
    );
    useDeviceSound(agent.room);
    await until('the agent on the device’s sound', () => (!micMuted(agent.room) && !phoneLine(agent.room) ? true : undefined));
    await until('the agent to play the customer’s sound', () =>
      [...agent.room.shadowRoot!.querySelectorAll<HTMLAudioElement>('audio')].some((audio) => !audio.muted && audio.srcObject)
        ? true
        : undefined,
    );
  });
});
