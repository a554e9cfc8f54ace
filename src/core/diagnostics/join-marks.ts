// The steps of joining a call, marked on the page's performance timeline (`escalate-video:<step>`,
// with who took it as the mark's detail): a host's developer tools show where a slow join spent
// its time, and `npm run bench` prints the same steps for plain janus.js beside ours.

export type JoinStep =
  /** The room started joining (its element was given a room). */
  | 'join-start'
  /** The media adapter's code is loaded and ready. */
  | 'adapter-loaded'
  /** Camera and microphone are open. */
  | 'media-ready'
  /** The media server's session is open (WebSocket and session). */
  | 'session-open'
  /** In the room as a publisher (handle attached, join answered). */
  | 'joined'
  /** Our offer is made and sent; then the server's answer is applied. */
  | 'offer-sent'
  | 'answer-applied'
  /** Our sending connection's ICE is connected. */
  | 'send-ice-connected'
  /** The first remote track arrived on the receiving connection. */
  | 'remote-track'
  /** The first remote video frame is on screen (marked by whoever watches for it: the bench). */
  | 'first-frame';

export const JOIN_MARK_PREFIX = 'escalate-video:';

export function markJoinStep(step: JoinStep, who: string): void {
  performance.mark(`${JOIN_MARK_PREFIX}${step}`, { detail: who });
}
