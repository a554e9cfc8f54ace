// The camera and microphone tracks a <device-check> holds between checks: it stops them when let
// go, meters the microphone so the person sees it hears them, and says when one ends (a device
// unplugged), because that changes the result even after the check finished.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { createLevelMeter, type LevelMeter } from '../../core/devices/level-meter.js';

/** The device a held track comes from, named as the check's rows name it. */
export type HeldDevice = 'camera' | 'microphone';

/** The tracks the last check opened, the host's until released or handed over; a Lit controller. */
export class HeldTracks implements ReactiveController {
  audio: MediaStreamTrack | null = null;
  video: MediaStreamTrack | null = null;
  /** The microphone's level, 0 to 1, refreshed ten times a second while a microphone is held. */
  level = 0;
  private meter: LevelMeter | undefined;
  private meterTimer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly onEnded: (device: HeldDevice) => void,
  ) {
    host.addController(this);
  }

  /** Leaving the page lets the devices go; put back, the host checks again from the start. */
  hostDisconnected(): void {
    this.release();
  }

  /** Holds the tracks a check opened (after releasing the previous ones), watching and metering them. */
  hold(audio: MediaStreamTrack | null, video: MediaStreamTrack | null): void {
    this.audio = audio;
    this.video = video;
    for (const [device, track] of [
      ['camera', video],
      ['microphone', audio],
    ] as const) {
      track?.addEventListener('ended', () => {
        // A track released or handed on since is no longer the check's business.
        if (this.audio === track || this.video === track) this.onEnded(device);
      });
    }
    if (audio) {
      this.meter = createLevelMeter(audio);
      this.meterTimer = setInterval(() => this.showLevel(this.meter?.level() ?? 0), 100);
    }
  }

  /** Gives the tracks to the caller, live: metering stops and releasing no longer stops them. */
  handOver(): { audio: MediaStreamTrack | null; video: MediaStreamTrack | null } {
    const tracks = { audio: this.audio, video: this.video };
    this.audio = null;
    this.video = null;
    this.release();
    return tracks;
  }

  /** Stops metering and the tracks held. */
  release(): void {
    clearInterval(this.meterTimer);
    this.meter?.stop();
    this.meter = undefined;
    this.audio?.stop();
    this.video?.stop();
    this.audio = null;
    this.video = null;
  }

  private showLevel(level: number): void {
    // Ten readings a second: re-render only for a change, as a Lit state property would.
    if (level === this.level) return;
    this.level = level;
    this.host.requestUpdate();
  }
}
