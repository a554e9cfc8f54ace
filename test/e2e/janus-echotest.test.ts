// The media path end to end: Chromium's fake camera → real Janus (EchoTest) → back, decoded and rendered.
import { expect } from '@open-wc/testing';
import {
  attachPlugin,
  connectJanus,
  createOffer,
  destroyJanus,
  type JanusHandle,
  type JanusSession,
} from '../../src/core/media/janus/janus-library.js';
import { janusToken, testEnv, until } from '../support/test-env.js';

async function inboundVideo(pc: RTCPeerConnection): Promise<RTCInboundRtpStreamStats | undefined> {
  const stats = await pc.getStats();
  for (const report of stats.values()) {
    if (report.type === 'inbound-rtp' && report.kind === 'video') return report as RTCInboundRtpStreamStats;
  }
  return undefined;
}

async function selectedRemoteAddress(pc: RTCPeerConnection): Promise<string | undefined> {
  const stats = await pc.getStats();
  for (const report of stats.values()) {
    if (report.type === 'transport' && report.selectedCandidatePairId) {
      const pair = stats.get(report.selectedCandidatePairId);
      return stats.get(pair.remoteCandidateId)?.address;
    }
  }
  return undefined;
}

describe('Janus media path (EchoTest)', () => {
  let session: JanusSession | undefined;
  let video: HTMLVideoElement | undefined;

  afterEach(async () => {
    if (session) await destroyJanus(session);
    video?.remove();
  });

  it('sends fake camera video through a real Janus and renders the echoed frames', async () => {
    const env = await testEnv();
    session = await connectJanus({ server: env.janusWsUrl, iceServers: [], token: await janusToken('echotest') });
    video = Object.assign(document.createElement('video'), { muted: true, autoplay: true, playsInline: true });
    document.body.append(video);
    const remote = new MediaStream();
    const handle: JanusHandle = await attachPlugin(session, 'janus.plugin.echotest', {
      onmessage: (_message, jsep) => {
        if (jsep) handle.handleRemoteJsep({ jsep });
      },
      onremotetrack: (track: MediaStreamTrack, _mid: string, added: boolean) => {
        if (added && track.kind === 'video') {
          remote.addTrack(track);
          video!.srcObject = remote;
        }
      },
    });
    const jsep = await createOffer(handle, [
      { type: 'video', capture: true, recv: true },
      { type: 'audio', capture: true, recv: true },
    ]);
    // EchoTest takes a bare configure body; janus.js's typings insist on a `request` field.
    handle.send({ message: { audio: true, video: true } as unknown as { request: string }, jsep });
    const pc = handle.webrtcStuff.pc as RTCPeerConnection;

    const inbound = await until('echoed video frames to be decoded', async () => {
      const stats = await inboundVideo(pc);
      return stats && (stats.framesDecoded ?? 0) >= 10 ? stats : undefined;
    });
    expect(inbound.framesDecoded).to.be.at.least(10);
    expect(inbound.frameWidth).to.be.greaterThan(0);
    // The frames reach the page: the element has a picture and has presented frames.
    await until('the video element to present frames', () =>
      video!.getVideoPlaybackQuality().totalVideoFrames > 0 ? true : undefined,
    );
    expect(video.videoWidth).to.equal(inbound.frameWidth);
    // In the test's own namespace, media flows to the one address Janus may use there.
    const address = await selectedRemoteAddress(pc);
    if (env.mediaAddress) expect(address, 'selected remote candidate').to.equal(env.mediaAddress);
    else expect(address, 'selected remote candidate').to.be.a('string');
  });
});
