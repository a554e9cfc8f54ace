// <video-room>'s properties as the room statechart's words: how this participant joins (the
// settings, sent on every change) and, standalone, what to join (a room, or a code to redeem).
import type { AdapterName } from '../../core/media/registry.js';
import type { MediaAdapter, MediaRole } from '../../core/media/types.js';
import type { JoinRequest, RoomSettings } from '../../core/room/types.js';
import type { RoomStrings } from '../../i18n/strings.js';

export interface RoomInputs {
  server: string;
  room: string;
  token: string;
  code: string;
  participantRole: MediaRole;
  startMuted: boolean;
  adapter: AdapterName;
  mediaAdapter: MediaAdapter | undefined;
  displayName: string;
  noVideo: boolean;
  iceServers: RTCIceServer[];
  checkDevices: boolean;
}

/** The properties that say how this participant joins. */
export const SETTING_INPUTS = ['adapter', 'mediaAdapter', 'displayName', 'noVideo', 'iceServers', 'checkDevices'] as const;

export function settingsOf(inputs: RoomInputs, roleNames: RoomStrings['roleNames']): Partial<RoomSettings> {
  return {
    adapter: inputs.mediaAdapter ?? inputs.adapter,
    display: inputs.displayName,
    roleNames,
    video: !inputs.noVideo,
    iceServers: inputs.iceServers,
    checkDevices: inputs.checkDevices,
  };
}

/** A standalone room's request: the room its attributes name, or a code to redeem; none without either. */
export function requestOf(inputs: RoomInputs): JoinRequest | undefined {
  if (inputs.room) {
    const room = { server: inputs.server, room: inputs.room, ...(inputs.token ? { token: inputs.token } : {}) };
    return { room, role: inputs.participantRole, startMuted: inputs.startMuted };
  }
  return inputs.code ? { code: inputs.code } : undefined;
}
