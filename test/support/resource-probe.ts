// Watches what code under test creates (peer connections, sockets, channels, timers, media
// tracks it is handed) so a test can prove that leaving freed all of it.
// Browser timer ids are numbers (Node's typings, pulled in by tooling, say otherwise).
type TimerId = number;

export interface ResourceProbe {
  /** What is still alive; each list should be empty after a clean leave. */
  alive(): { peerConnections: RTCPeerConnection[]; sockets: WebSocket[]; channels: BroadcastChannel[]; timers: string[] };
  stop(): void;
}

export function startResourceProbe(): ResourceProbe {
  const peerConnections: RTCPeerConnection[] = [];
  const sockets: WebSocket[] = [];
  const channels = new Set<BroadcastChannel>();
  const timers = new Map<TimerId, string>();
  const original = {
    RTCPeerConnection: window.RTCPeerConnection,
    WebSocket: window.WebSocket,
    BroadcastChannel: window.BroadcastChannel,
    setTimeout: window.setTimeout,
    setInterval: window.setInterval,
    clearTimeout: window.clearTimeout,
    clearInterval: window.clearInterval,
  };

  // Timer functions must be called on window.
  const call = {
    setTimeout: original.setTimeout.bind(window) as unknown as (
      handler: TimerHandler,
      delay?: number,
      ...args: unknown[]
    ) => TimerId,
    setInterval: original.setInterval.bind(window) as unknown as (
      handler: TimerHandler,
      delay?: number,
      ...args: unknown[]
    ) => TimerId,
    clearTimeout: original.clearTimeout.bind(window) as unknown as (id?: TimerId) => void,
    clearInterval: original.clearInterval.bind(window) as unknown as (id?: TimerId) => void,
  };

  window.RTCPeerConnection = class extends original.RTCPeerConnection {
    constructor(configuration?: RTCConfiguration) {
      super(configuration);
      peerConnections.push(this);
    }
  } as typeof RTCPeerConnection;
  window.WebSocket = class extends original.WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      sockets.push(this);
    }
  } as typeof WebSocket;
  window.BroadcastChannel = class extends original.BroadcastChannel {
    constructor(name: string) {
      super(name);
      channels.add(this);
    }
    override close() {
      channels.delete(this);
      super.close();
    }
  } as typeof BroadcastChannel;
  // Timers of the test runner and of the test itself are not the adapter's: keep only those set
  // from the project's sources or from janus.js.
  const label = (kind: string, delay: unknown) => `${kind}(${String(delay ?? 0)})\n${new Error().stack ?? ''}`;
  const ours = (stack: string) => /\/src\/|\/janus-gateway\//.test(stack);
  window.setTimeout = ((handler: TimerHandler, delay?: number, ...args: unknown[]) => {
    const id: TimerId = call.setTimeout(
      (...inner: unknown[]) => {
        timers.delete(id);
        if (typeof handler === 'function') (handler as (...a: unknown[]) => void)(...inner);
      },
      delay,
      ...args,
    );
    timers.set(id, label('setTimeout', delay));
    return id;
  }) as unknown as typeof setTimeout;
  window.setInterval = ((handler: TimerHandler, delay?: number, ...args: unknown[]) => {
    const id = call.setInterval(handler, delay, ...args);
    timers.set(id, label('setInterval', delay));
    return id;
  }) as unknown as typeof setInterval;
  window.clearTimeout = ((id?: TimerId) => {
    if (id !== undefined) timers.delete(id);
    call.clearTimeout(id);
  }) as unknown as typeof clearTimeout;
  window.clearInterval = ((id?: TimerId) => {
    if (id !== undefined) timers.delete(id);
    call.clearInterval(id);
  }) as unknown as typeof clearInterval;

  return {
    alive: () => ({
      peerConnections: peerConnections.filter((pc) => pc.connectionState !== 'closed' || pc.signalingState !== 'closed'),
      sockets: sockets.filter((socket) => socket.readyState === WebSocket.OPEN || socket.readyState === WebSocket.CONNECTING),
      channels: [...channels],
      timers: [...timers.values()].filter(ours),
    }),
    stop: () => Object.assign(window, original),
  };
}
