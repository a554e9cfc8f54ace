// One real RTCPeerConnection between two loopback participants, with three fixed transceivers
// (microphone, camera, screen) so tracks come and go by replaceTrack, without renegotiation.
import type { SentTracks } from '../base-session.js';
import type { TrackKind } from '../types.js';
import type { Signal } from './loopback-messages.js';

export const TRACK_KINDS: readonly TrackKind[] = ['audio', 'video', 'screen'];

export class LoopbackPeer {
  readonly pc: RTCPeerConnection;
  private readonly pendingCandidates: RTCIceCandidateInit[] = [];
  private readonly received = new Map<TrackKind, MediaStreamTrack>();

  constructor(
    readonly remoteId: string,
    offerer: boolean,
    private readonly send: (signal: Signal) => void,
    private readonly sent: () => SentTracks,
    configuration: RTCConfiguration,
    changed: () => void,
  ) {
    this.pc = new RTCPeerConnection(configuration);
    this.pc.onicecandidate = (event) => send({ candidate: event.candidate ? event.candidate.toJSON() : null });
    this.pc.ontrack = (event) => {
      const kind = this.kindOf(event.transceiver);
      if (!kind) return;
      this.received.set(kind, event.track);
      changed();
    };
    this.pc.onconnectionstatechange = () => changed();
    if (offerer) {
      for (const kind of TRACK_KINDS) this.pc.addTransceiver(kind === 'audio' ? 'audio' : 'video', { direction: 'sendrecv' });
      void this.attachSent().then(() => this.offer());
    }
  }

  /** The track received for `kind`, once negotiated. */
  track(kind: TrackKind): MediaStreamTrack | null {
    return this.received.get(kind) ?? null;
  }

  async handle(signal: Signal): Promise<void> {
    if (this.pc.signalingState === 'closed') return;
    if (signal.description) {
      await this.pc.setRemoteDescription(signal.description);
      for (const candidate of this.pendingCandidates.splice(0)) await this.pc.addIceCandidate(candidate);
      if (signal.description.type === 'offer') {
        for (const transceiver of this.pc.getTransceivers()) transceiver.direction = 'sendrecv';
        await this.attachSent();
        await this.pc.setLocalDescription(await this.pc.createAnswer());
        this.send({ description: this.pc.localDescription!.toJSON() });
      }
    } else if (signal.candidate) {
      if (this.pc.remoteDescription) await this.pc.addIceCandidate(signal.candidate);
      else this.pendingCandidates.push(signal.candidate);
    }
  }

  /** Sends `track` as `kind`; before negotiation it is picked up when the transceivers exist. */
  async setTrack(kind: TrackKind, track: MediaStreamTrack | null): Promise<void> {
    const transceiver = this.pc.getTransceivers()[TRACK_KINDS.indexOf(kind)];
    if (transceiver && this.pc.signalingState !== 'closed') await transceiver.sender.replaceTrack(track);
  }

  close(): void {
    this.pc.onicecandidate = null;
    this.pc.ontrack = null;
    this.pc.onconnectionstatechange = null;
    this.pc.close();
    this.received.clear();
  }

  private kindOf(transceiver: RTCRtpTransceiver): TrackKind | undefined {
    return TRACK_KINDS[this.pc.getTransceivers().indexOf(transceiver)];
  }

  private async attachSent(): Promise<void> {
    const sent = this.sent();
    await Promise.all(TRACK_KINDS.map((kind) => this.setTrack(kind, sent[kind])));
  }

  private async offer(): Promise<void> {
    if (this.pc.signalingState === 'closed') return;
    await this.pc.setLocalDescription(await this.pc.createOffer());
    this.send({ description: this.pc.localDescription!.toJSON() });
  }
}
