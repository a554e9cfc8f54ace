// The network test of <device-check>: the camera and microphone go to Janus's EchoTest and come
// straight back, so one short call measures the real path to the media server: round trip, loss
// both ways, jitter and what the browser manages to send.
import { measure, measureAfter } from '../../diagnostics/network-measure.js';
import { sampleStats, type StatsSample } from '../rtc-stats.js';
import type { NetworkMeasurement } from '../../diagnostics/network-rating.js';
import type { NetworkTestOptions, UntestedBecause } from '../types.js';
import { attachPlugin, connectJanus, createOffer, destroyJanus, type JanusHandle, type JanusSession } from './janus-library.js';
import { sleep } from '../../sleep.js';

// <device-check> still imports it from here until it takes it from the adapter contract.
export type { UntestedBecause } from '../types.js';

/** What the browser could not even start (no server, no media path) measures as nothing sent. */
const UNUSABLE: NetworkMeasurement = { rttMs: null, lossPercent: null, jitterMs: null, bitrateKbps: 0 };

function peerConnectionOf(handle: JanusHandle): RTCPeerConnection | undefined {
  return handle.webrtcStuff?.pc as RTCPeerConnection | undefined;
}

/** Resolves when media comes back from the server, or false after `timeoutMs`. */
async function firstEcho(pc: RTCPeerConnection, timeoutMs: number): Promise<StatsSample | false> {
  const started = performance.now();
  while (performance.now() - started < timeoutMs) {
    const reading = await sampleStats([pc]);
    if (reading.packetsReceived > 0) return reading;
    await sleep(50);
  }
  return false;
}

/** Janus refusing the session or the plugin: no token, an expired or forged one, or one for other plugins. */
const REFUSED = /\b40[35]\b|unauthori[sz]ed|can't access plugin/i;

/**
 * Measures the path to the media server; says why not when the server has no EchoTest plugin or
 * refuses the test (a server that works for calls says nothing about the network by refusing one).
 */
export async function runEchoNetworkTest(options: NetworkTestOptions): Promise<NetworkMeasurement | UntestedBecause> {
  const sent = [options.audio?.clone(), options.video?.clone()].filter((track): track is MediaStreamTrack => Boolean(track));
  if (sent.length === 0) return UNUSABLE;
  let session: JanusSession | undefined;
  try {
    try {
      session = await connectJanus({
        server: options.server,
        iceServers: options.iceServers ?? [],
        ...(options.token ? { token: options.token } : {}),
      });
    } catch (error) {
      // No session at all: the server's answer (or its silence) says nothing about this network.
      return REFUSED.test(String(error)) ? 'refused' : 'unreachable';
    }
    let handle: JanusHandle | undefined;
    try {
      handle = await attachPlugin(session, 'janus.plugin.echotest', {
        onmessage: (_message, jsep) => {
          if (jsep) handle!.handleRemoteJsep({ jsep });
        },
      });
    } catch (error) {
      // Janus's 460: the plugin is not loaded. Anything else (a timeout on a bad line) is the network.
      if (/\b460\b|no such plugin/i.test(String(error))) return 'no-echotest';
      if (REFUSED.test(String(error))) return 'refused';
      throw error;
    }
    const jsep = await createOffer(
      handle,
      sent.map((track) => ({ type: track.kind as 'audio' | 'video', capture: track, recv: true })),
    );
    // EchoTest takes its settings without a `request` field, which janus.js's types demand.
    handle.send({ message: { audio: true, video: true } as unknown as { request: string }, jsep });
    const pc = peerConnectionOf(handle);
    const first = pc && (await firstEcho(pc, options.connectTimeoutMs ?? 4000));
    if (!pc || !first) return UNUSABLE;
    return await measureAfter(
      options.windowMs ?? 1500,
      () => sampleStats([pc]),
      (last) => measure(first, last),
    );
  } catch {
    return UNUSABLE;
  } finally {
    if (session) await destroyJanus(session);
    for (const track of sent) track.stop();
  }
}
