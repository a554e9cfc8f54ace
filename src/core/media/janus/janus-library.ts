// The only module that imports janus-gateway: initialises it once (without webrtc-adapter, see
// browser-details.ts) and turns its callback API into promises. Nothing outside
// src/core/media/janus/ sees its types.
import Janus, { type JanusJS } from 'janus-gateway';
import { janusAdapterStandIn } from './browser-details.js';

export type JanusSession = InstanceType<typeof Janus>;
export type JanusHandle = JanusJS.PluginHandle;
export type JanusPluginCallbacks = Omit<JanusJS.PluginOptions, 'plugin' | 'success' | 'error'>;
export type JanusJsep = JanusJS.JSEP;
export type JanusTrackOption = JanusJS.TrackOption;

let initialised: Promise<void> | undefined;
/** How long a session's destroy waits for the server's answer. */
const DESTROY_ANSWER_MS = 2000;

/** Initialises janus.js once per page, with the browser's name where it expects webrtc-adapter. */
export function initJanus(): Promise<void> {
  initialised ??= new Promise<void>((resolve) => {
    Janus.init({
      debug: false,
      dependencies: Janus.useDefaultDependencies({ adapter: janusAdapterStandIn() }),
      callback: () => resolve(),
    });
  });
  return initialised;
}

export interface ConnectOptions {
  /** WebSocket (`ws://`) or HTTP (`http://.../janus`) endpoint. */
  server: string;
  /** Always explicit: janus.js would otherwise use a public STUN server. */
  iceServers: RTCIceServer[];
  iceTransportPolicy?: RTCIceTransportPolicy;
  /** A signed token from the escalation service; Janus refuses sessions without one. */
  token?: string;
  /** Called when an established session loses its server (socket closed, server restarted). */
  onLost?: (reason: string) => void;
}

/** Opens a Janus session; rejects with Janus's own words when the server cannot be reached. */
export async function connectJanus(options: ConnectOptions): Promise<JanusSession> {
  await initJanus();
  return new Promise<JanusSession>((resolve, reject) => {
    let established = false;
    const session: JanusSession = new Janus({
      server: options.server,
      iceServers: options.iceServers,
      ...(options.iceTransportPolicy ? { iceTransportPolicy: options.iceTransportPolicy } : {}),
      ...(options.token ? { token: options.token } : {}),
      destroyOnUnload: true,
      success: () => {
        established = true;
        resolve(session);
      },
      // janus.js reports both a failed connect and a lost connection here.
      error: (error: unknown) => {
        if (established) options.onLost?.(String(error));
        else reject(new Error(`Janus at ${options.server}: ${String(error)}`));
      },
    });
  });
}

/** Attaches a plugin handle on the session. */
export function attachPlugin(session: JanusSession, plugin: string, callbacks: JanusPluginCallbacks = {}): Promise<JanusHandle> {
  return new Promise<JanusHandle>((resolve, reject) => {
    session.attach({
      ...callbacks,
      plugin,
      success: (handle: JanusHandle) => resolve(handle),
      error: (error: unknown) => reject(new Error(`attaching ${plugin}: ${String(error)}`)),
    });
  });
}

/** Creates an SDP offer for the given tracks (none and `iceRestart` to restart ICE only). */
export function createOffer(
  handle: JanusHandle,
  tracks: JanusTrackOption[],
  options: { iceRestart?: boolean } = {},
): Promise<JanusJsep> {
  return new Promise<JanusJsep>((resolve, reject) => {
    handle.createOffer({
      tracks,
      ...(options.iceRestart ? { iceRestart: true } : {}),
      success: resolve,
      error: (error: Error) => reject(error),
    });
  });
}

/** Destroys the session and every handle on it, quietly (no "WebSocket is already closing"). */
export function destroyJanus(session: JanusSession): Promise<void> {
  const id = session.getSessionId();
  return new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(gaveUp);
      forget(id);
      resolve();
    };
    // A server dying while it is asked may never answer (janus.js listens for no socket close
    // here): whoever is leaving or rejoining does not wait on it for long.
    const gaveUp = setTimeout(done, DESTROY_ANSWER_MS);
    if (!session.isConnected()) return done();
    session.destroy({ cleanupHandles: true, success: done, error: done });
  });
}

/**
 * janus.js keeps every session it opens in `Janus.sessions` for the page's life (1.4.2 never
 * removes one), with its handles and peer connections: a desk's hundredth call would still hold
 * the first. A destroyed session is taken out.
 */
function forget(id: number | undefined): void {
  if (id !== undefined) (Janus as unknown as { sessions?: Map<number, unknown> }).sessions?.delete(id);
}

/** How many sessions janus.js holds on this page (for tests of the above). */
export function sessionsHeld(): number {
  return (Janus as unknown as { sessions?: Map<number, unknown> }).sessions?.size ?? 0;
}
