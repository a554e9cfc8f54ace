// Where and as whom one participant joins the call: the one shape of "where to join".

/** Who a participant is in the call. The service decides it, never the participant's own words. */
export type ParticipantRole = 'host' | 'guest' | 'expert';

/** A TURN (or STUN) server for the peer connections, with this participant's own short-lived credential. */
export interface IceServer {
  urls: string[];
  username?: string;
  credential?: string;
}

export interface RoomCredentials {
  /** Media server URL (the Janus WebSocket). */
  server: string;
  room: string;
  /**
   * This participant's own signed, expiring media-server token. It opens only this room (and
   * only until the service revokes it); never a server admin secret.
   */
  token: string;
  /** The id this participant joins as, chosen by the service. */
  participantId?: string;
  /** The agent's id in the room: only the participant with this id is shown as the agent. */
  agentId?: string;
  /** The name this participant is shown by, when the service knows it (the agent's, from their sign-in). */
  displayName?: string;
  /**
   * TURN servers to reach the media server through (a customer behind a strict NAT or a corporate
   * firewall), with credentials that expire with the room token. None when the service has none.
   */
  iceServers?: IceServer[];
}
