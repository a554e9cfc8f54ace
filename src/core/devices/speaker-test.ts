// A short test tone on a chosen speaker, where the browser lets a page pick one.

import { sleep } from '../sleep.js';

interface SinkAudio extends HTMLAudioElement {
  setSinkId(id: string): Promise<void>;
}

export function canChooseSpeaker(): boolean {
  return typeof HTMLMediaElement !== 'undefined' && 'setSinkId' in HTMLMediaElement.prototype;
}

/** Plays a 440 Hz tone for `ms` on the speaker `sinkId` ('' for the default). */
export async function playTestTone(sinkId: string, ms = 600): Promise<void> {
  const context = new AudioContext();
  try {
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    gain.gain.value = 0.2;
    const destination = context.createMediaStreamDestination();
    oscillator.connect(gain).connect(destination);
    const audio = new Audio() as SinkAudio;
    audio.srcObject = destination.stream;
    if (sinkId && canChooseSpeaker()) await audio.setSinkId(sinkId);
    oscillator.start();
    await audio.play();
    await sleep(ms);
    oscillator.stop();
    audio.pause();
    audio.srcObject = null;
  } finally {
    await context.close();
  }
}
