// Where and as whom one participant joins the call: the one shape of "where to join".

/** Who a participant is in the call. The service decides it, never the participant's own words. */
export type ParticipantRole = 'host' | 'guest' | 'expert';

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
}
