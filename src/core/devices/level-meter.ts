// How loud the microphone is, 0 to 1, so a person sees that it hears them.

export interface LevelMeter {
  /** The current level, 0 (silence) to 1 (full scale). */
  level(): number;
  stop(): void;
}

export function createLevelMeter(track: MediaStreamTrack): LevelMeter {
  const context = new AudioContext();
  const source = context.createMediaStreamSource(new MediaStream([track]));
  const analyser = context.createAnalyser();
  analyser.fftSize = 512;
  source.connect(analyser);
  const samples = new Float32Array(analyser.fftSize);
  return {
    level() {
      analyser.getFloatTimeDomainData(samples);
      let sum = 0;
      for (const sample of samples) sum += sample * sample;
      // RMS, scaled so ordinary speech (about -30 dBFS) shows around the middle.
      return Math.min(1, Math.sqrt(sum / samples.length) * 4);
    },
    stop() {
      source.disconnect();
      void context.close();
    },
  };
}
