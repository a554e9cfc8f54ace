// Same-browser media: participants find each other over a BroadcastChannel and connect with real
// RTCPeerConnections, one per pair. For the demo and for tests that need no media server.
import { BaseMediaSession } from '../base-session.js';
import type { JoinOptions, MediaAdapter, MediaSession, TrackKind } from '../types.js';
import type { LoopbackMessage, PublishState, Signal } from './loopback-messages.js';
import { LoopbackPeer } from './loopback-peer.js';

export interface LoopbackOptions {
  /** How often each participant says it is still there. */
  heartbeatMs?: number;
  /** After how long without a word a participant is dropped (its page closed or crashed). */
  dropAfterMs?: number;
}

class LoopbackSession extends BaseMediaSession {
  readonly participantId = crypto.randomUUID();
  private readonly channel: BroadcastChannel;
  private readonly peers = new Map<string, LoopbackPeer>();
  private readonly lastHeard = new Map<string, number>();
  private readonly states = new Map<string, PublishState>();
  private readonly heartbeat: ReturnType<typeof setInterval>;
  private readonly onPageHide = () => void this.leave();

  constructor(
    private readonly options: JoinOptions,
    private readonly timing: Required<LoopbackOptions>,
  ) {
    super();
    this.channel = new BroadcastChannel(`escalate-video-loopback:${options.room}`);
    this.channel.onmessage = (event: MessageEvent<LoopbackMessage>) => this.receive(event.data);
    this.heartbeat = setInterval(() => this.beat(), timing.heartbeatMs);
    window.addEventListener('pagehide', this.onPageHide);
    this.post({
      type: 'hello',
      from: this.participantId,
      display: options.display,
      role: options.role,
      state: this.publishState(),
    });
    this.setConnectionState('connected');
  }

  protected async sendTracks(kinds: TrackKind[]): Promise<void> {
    const peers = [...this.peers.values()];
    await Promise.all(kinds.flatMap((kind) => peers.map((peer) => peer.setTrack(kind, this.sent[kind]))));
  }

  protected announceState(): void {
    this.post({ type: 'state', from: this.participantId, state: this.publishState() });
  }

  protected peerConnections(): RTCPeerConnection[] {
    return [...this.peers.values()].map((peer) => peer.pc);
  }

  protected async close(): Promise<void> {
    this.post({ type: 'bye', from: this.participantId });
    clearInterval(this.heartbeat);
    window.removeEventListener('pagehide', this.onPageHide);
    this.channel.onmessage = null;
    this.channel.close();
    for (const peer of this.peers.values()) peer.close();
    this.peers.clear();
  }

  private post(message: LoopbackMessage): void {
    if (this.left && message.type !== 'bye') return;
    this.channel.postMessage(message);
  }

  private beat(): void {
    this.post({ type: 'ping', from: this.participantId });
    const now = performance.now();
    for (const [id, heard] of this.lastHeard) {
      if (now - heard > this.timing.dropAfterMs) this.drop(id);
    }
  }

  private receive(message: LoopbackMessage): void {
    if (this.left || message.from === this.participantId) return;
    if ('to' in message && message.to !== this.participantId) return;
    this.lastHeard.set(message.from, performance.now());
    switch (message.type) {
      case 'hello':
      case 'here':
        this.states.set(message.from, message.state);
        this.roster.upsert(message.from, { display: message.display, role: message.role });
        this.peer(message.from);
        this.refresh(message.from);
        if (message.type === 'hello') {
          this.post({
            type: 'here',
            from: this.participantId,
            to: message.from,
            display: this.options.display,
            role: this.options.role,
            state: this.publishState(),
          });
        }
        break;
      case 'state':
        this.states.set(message.from, message.state);
        this.refresh(message.from);
        break;
      case 'signal':
        void this.peer(message.from).handle(message);
        break;
      case 'bye':
        this.drop(message.from);
        break;
      case 'ping':
        break;
    }
  }

  private peer(id: string): LoopbackPeer {
    let peer = this.peers.get(id);
    if (!peer) {
      const configuration: RTCConfiguration = { iceServers: this.options.iceServers ?? [] };
      if (this.options.iceTransportPolicy) configuration.iceTransportPolicy = this.options.iceTransportPolicy;
      peer = new LoopbackPeer(
        id,
        this.participantId < id,
        (signal: Signal) => this.post({ type: 'signal', from: this.participantId, to: id, ...signal }),
        () => ({ ...this.sent }),
        configuration,
        () => this.refresh(id),
      );
      this.peers.set(id, peer);
    }
    return peer;
  }

  /** Recomputes what others see of participant `id`: only the tracks it says it sends. */
  private refresh(id: string): void {
    const state = this.states.get(id);
    const peer = this.peers.get(id);
    if (!state || !peer || !this.roster.get(id)) return;
    const shown = (kind: TrackKind) => (state[kind] ? peer.track(kind) : null);
    this.roster.upsert(id, {
      audio: shown('audio'),
      video: shown('video'),
      screen: shown('screen'),
      audioMuted: state.audioMuted,
      videoMuted: state.videoMuted,
    });
  }

  private drop(id: string): void {
    this.peers.get(id)?.close();
    this.peers.delete(id);
    this.lastHeard.delete(id);
    this.states.delete(id);
    this.roster.remove(id);
  }
}

export class LoopbackAdapter implements MediaAdapter {
  readonly name = 'loopback';
  private readonly timing: Required<LoopbackOptions>;

  constructor(options: LoopbackOptions = {}) {
    this.timing = { heartbeatMs: options.heartbeatMs ?? 1000, dropAfterMs: options.dropAfterMs ?? 3500 };
  }

  async join(options: JoinOptions): Promise<MediaSession> {
    if (!options.room) throw new TypeError('loopback: a room name is required');
    return new LoopbackSession(options, this.timing);
  }
}
