// What every adapter's session does the same way: owning the local tracks, muting, the
// participant list, connection state, events and stats. Adapters fill in how tracks are sent,
// how state reaches the others, and how to tear down.
import { measureAfter, measureCall } from '../diagnostics/network-measure.js';
import type { NetworkMeasurement } from '../diagnostics/network-rating.js';
import { Emitter } from './emitter.js';
import { sampleStats } from './rtc-stats.js';
import { Roster } from './roster.js';
import { StatsReader } from './stats.js';
import { createStore } from './store.js';
import type { ConnectionState, LocalTracks, MediaSession, MediaSessionEvents, MediaStats, TrackKind } from './types.js';

export type SentTracks = Record<TrackKind, MediaStreamTrack | null>;

export abstract class BaseMediaSession implements MediaSession {
  abstract readonly participantId: string;
  protected readonly events = new Emitter<MediaSessionEvents>();
  protected readonly roster = new Roster(this.events);
  protected readonly sent: SentTracks = { audio: null, video: null, screen: null };
  protected readonly muted = { audio: false, video: false };
  /** The camera is muted because this side's connection is weak (the others are told). */
  protected pausedForNetwork = false;
  protected left = false;
  /** Whether the others' video is received (a weak connection takes only their sound). */
  protected receivingVideo = true;
  private readonly stats = new StatsReader();
  readonly participants = this.roster.store;
  readonly connectionState = createStore<ConnectionState>('connecting');

  /** Puts what `sent` now holds for `kinds` on the wire (all at once, so one negotiation will do). */
  protected abstract sendTracks(kinds: TrackKind[]): Promise<void>;
  /** Tells the others what is sent and what is muted. */
  protected abstract announceState(): void;
  protected abstract peerConnections(): RTCPeerConnection[];
  /** Closes connections, sockets and timers of the adapter. */
  protected abstract close(): Promise<void>;

  on<K extends keyof MediaSessionEvents>(type: K, listener: (detail: MediaSessionEvents[K]) => void): () => void {
    return this.events.on(type, listener);
  }

  protected setConnectionState(state: ConnectionState): void {
    if (this.connectionState.get() === state) return;
    this.connectionState.set(state);
    this.events.emit('connection-state', state);
  }

  protected publishState() {
    return {
      audio: this.sent.audio !== null,
      video: this.sent.video !== null,
      screen: this.sent.screen !== null,
      audioMuted: this.muted.audio,
      videoMuted: this.muted.video,
      weakNetwork: this.pausedForNetwork,
    };
  }

  async publish(tracks: LocalTracks): Promise<void> {
    await this.take(
      (['audio', 'video'] as const).filter((kind) => tracks[kind]),
      tracks,
    );
    this.announceState();
  }

  async replaceTrack(kind: 'audio' | 'video', track: MediaStreamTrack | null): Promise<void> {
    await this.take([kind], { [kind]: track });
    this.announceState();
  }

  async unpublish(kind: 'audio' | 'video'): Promise<void> {
    await this.take([kind], { [kind]: null });
    this.announceState();
  }

  async setMuted(kind: 'audio' | 'video', muted: boolean, because?: 'network'): Promise<void> {
    this.muted[kind] = muted;
    if (kind === 'video') this.pausedForNetwork = muted && because === 'network';
    // A disabled track sends silence or black frames, so the connection stays warm for unmute.
    if (this.sent[kind]) this.sent[kind]!.enabled = !muted;
    this.announceState();
  }

  async startScreenShare(track: MediaStreamTrack): Promise<void> {
    // The browser's own "Stop sharing" button ends the track: stop sharing with the others too.
    track.addEventListener('ended', () => void this.stopScreenShare(), { once: true });
    await this.take(['screen'], { screen: track });
    this.announceState();
  }

  async stopScreenShare(): Promise<void> {
    if (!this.sent.screen) return;
    await this.take(['screen'], { screen: null });
    this.announceState();
  }

  getStats(): Promise<MediaStats> {
    return this.stats.read(this.peerConnections());
  }

  async measureConnection(windowMs: number): Promise<NetworkMeasurement | null> {
    const first = await sampleStats(this.peerConnections());
    return measureAfter(
      windowMs,
      () => sampleStats(this.peerConnections()),
      (last) => measureCall(first, last),
    );
  }

  async setReceiveVideo(on: boolean): Promise<void> {
    if (this.receivingVideo === on) return;
    this.receivingVideo = on;
    await this.receiveVideoChanged();
  }

  /** Follows `receivingVideo` (an adapter that always receives everything need not). */
  protected async receiveVideoChanged(): Promise<void> {}

  async leave(): Promise<void> {
    if (this.left) return;
    this.left = true;
    for (const kind of ['audio', 'video', 'screen'] as const) {
      this.sent[kind]?.stop();
      this.sent[kind] = null;
    }
    await this.close();
    this.roster.clear();
    this.setConnectionState('closed');
    this.events.clear();
  }

  /** Replaces what is sent for `kinds`; the session owns its tracks, so replaced ones are stopped. */
  private async take(kinds: TrackKind[], tracks: Partial<Record<TrackKind, MediaStreamTrack | null>>): Promise<void> {
    if (this.left) {
      for (const kind of kinds) tracks[kind]?.stop();
      throw new Error('This media session has been left');
    }
    const changed = kinds.filter((kind) => this.sent[kind] !== (tracks[kind] ?? null));
    if (changed.length === 0) return;
    const previous = changed.map((kind) => this.sent[kind]);
    for (const kind of changed) {
      const track = tracks[kind] ?? null;
      if (track && kind !== 'screen') track.enabled = !this.muted[kind];
      this.sent[kind] = track;
    }
    await this.sendTracks(changed);
    for (const track of previous) track?.stop();
  }
}
