// The words of the call's own statechart: what it is told (events), what it holds (context) and
// what it announces (emitted events, which elements turn into DOM events).
import type { UplinkWatch } from './weak-network.js';
import type { DeviceCheckResult } from '../diagnostics/result.js';
import type { FacingMode, LocalMedia } from '../devices/local-media.js';
import type { ConnectionState, MediaAdapter, MediaRole, MediaSession, QualityLevel, RemoteParticipant } from '../media/types.js';
import type { GuestReport } from '../../protocol/guest.js';
import type { RoomCredentials } from '../../protocol/room.js';

/** What a person sees of the call; `<video-room>` reflects it as its `state`. */
export type RoomPhase = 'idle' | 'checking' | 'connecting' | 'waiting' | 'in-call' | 'reconnecting' | 'left' | 'error';

/** Why this participant left: hung up, the call ended (the escalation, the page), or it failed for good. */
export type LeaveReason = 'hangup' | 'ended' | 'failed';

/** Where to join, as the service gave it (the token optional for adapters without a server). */
export interface RoomTarget extends Omit<RoomCredentials, 'token' | 'iceServers'> {
  token?: string;
  iceServers?: RTCIceServer[];
}

/** How this participant joins: set by whoever shows the call (an element's properties). */
export interface RoomSettings {
  /** A registered adapter's name (`janus`, `loopback`, …) or an adapter object. */
  adapter: string | MediaAdapter;
  /** The name the others see; empty: the service's name for this guest, else the role's name. */
  display: string;
  /** Each role's name, in the person's language (whoever shows the call words them). */
  roleNames: Record<MediaRole, string>;
  /** Ask for the camera (false: sound only from the start). */
  video: boolean;
  /** TURN servers to use when the service gave none with the room. */
  iceServers: RTCIceServer[];
  /** Run a device check (shown by the element) before joining. */
  checkDevices: boolean;
}

/** What JOIN carries: a room the service already named, or a guest code to redeem first. */
export type JoinRequest =
  | {
      room: RoomTarget;
      role: MediaRole;
      startMuted?: boolean;
      /**
       * A voice escalation: the sound stays on the phone call, so this page neither sends its
       * microphone (it starts muted) nor plays the others' sound, until the person switches.
       */
      phoneAudio?: boolean;
      /** A consult's room: no customer comes; the agent waits for an expert. */
      consult?: boolean;
    }
  | { code: string };

/** What redeeming a code gives. */
export interface RedeemedJoin {
  room: RoomTarget;
  role: MediaRole;
  /** The name the service knows this guest by, used when the page set none. */
  display?: string;
  /** This guest's token for the pre-call network test. */
  networkTestToken?: string;
  /** A voice escalation: the sound stays on the phone call (see JoinRequest). */
  phoneAudio?: boolean;
  /** A consult: the customer is not in this video. */
  consult?: boolean;
}

export type RoomEvent =
  /** Join (again): without a request, the last one is used. */
  | { type: 'JOIN'; request?: JoinRequest }
  | { type: 'CONFIGURE'; settings: Partial<RoomSettings> }
  /** The shown device check's result, with the tracks it opened (the room takes them over). */
  | { type: 'DEVICES_CHECKED'; result: DeviceCheckResult; media: LocalMedia }
  | { type: 'TOGGLE_MIC' }
  /** The phone call dropped (or was never there): use this device's microphone and speaker. */
  | { type: 'USE_DEVICE_AUDIO' }
  | { type: 'TOGGLE_CAMERA' }
  /** Start (with the track the person picked) or stop sharing the screen. */
  | { type: 'SHARE_SCREEN'; track: MediaStreamTrack }
  | { type: 'STOP_SCREEN' }
  | { type: 'SWITCH_CAMERA' }
  /** The room was made again on another media server: reconnect there with the same tracks. */
  | { type: 'MOVE'; server: string }
  | { type: 'LEAVE'; reason?: LeaveReason }
  // From the session, while in it:
  | { type: 'SESSION.CONNECTION'; state: ConnectionState; because?: 'ended' | 'removed' }
  | { type: 'SESSION.PARTICIPANTS'; participants: readonly RemoteParticipant[] }
  | { type: 'SESSION.PARTICIPANT_JOINED'; participant: RemoteParticipant }
  | { type: 'SESSION.PARTICIPANT_LEFT'; id: string }
  | { type: 'SESSION.QUALITY'; quality: QualityLevel; uplink: QualityLevel; downlink: QualityLevel }
  /** The shared screen's track ended (the browser's own "Stop sharing"). */
  | { type: 'SESSION.SCREEN_ENDED' };

/** What the room announces, for elements to dispatch as DOM events and for guest reports. */
export type RoomEmitted =
  | { type: 'joined'; participantId: string; room: string }
  | { type: 'left'; reason: LeaveReason }
  | { type: 'participantJoined'; id: string; display: string; role: MediaRole }
  | { type: 'participantLeft'; id: string }
  | {
      type: 'mediaChange';
      microphone: 'on' | 'muted' | 'unavailable';
      camera: 'on' | 'off' | 'unavailable';
      screenShare: boolean;
      connection: ConnectionState;
    }
  /** Something went wrong that the person should hear of; the element words it. */
  | { type: 'error'; during: 'join' | 'screen-share'; error: unknown }
  /** How the guest is getting on, for the agent (reported through the service by the guest's page). */
  | { type: 'progress'; step: GuestReport }
  /** The other side ended the call (the room is gone). */
  | { type: 'endedRemotely' };

export interface RoomContext {
  settings: RoomSettings;
  request: JoinRequest | null;
  /** Where and as whom, once known (given, or redeemed). */
  room: RoomTarget | null;
  role: MediaRole;
  startMuted: boolean;
  /** The sound stays on the phone call: the microphone is not sent and the others are not played. */
  phoneAudio: boolean;
  /** A consult (agent and experts only): the customer is not in this video. */
  consult: boolean;
  /** The name the service knows this guest by (used when the settings give none). */
  redeemedDisplay: string;
  networkTestToken: string;
  session: MediaSession | null;
  /** The camera and microphone this participant holds (and sends, once in the room). */
  media: LocalMedia | null;
  /** The network was found poor (by the device check, or on the call itself): sound only, no video received. */
  audioOnly: boolean;
  /**
   * With `checkDevices`, the connection is measured on the call itself in its first seconds
   * (`measuring`), once per attempt; `done` also when the device check measured it before.
   */
  networkCheck: 'none' | 'measuring' | 'done';
  /** The device check found neither camera nor microphone usable (reported once). */
  devicesUnusable: boolean;
  connection: ConnectionState;
  participants: readonly RemoteParticipant[];
  /** Someone was in the call with this participant and nobody is now (they left, or dropped). */
  othersLeft: boolean;
  micMuted: boolean;
  cameraOff: boolean;
  /** The camera is paused because what this side sends keeps getting lost (see weak-network.ts). */
  cameraPausedForNetwork: boolean;
  /** What this side sends and receives, as the last reading found them. */
  uplink: QualityLevel;
  downlink: QualityLevel;
  uplinkWatch: UplinkWatch;
  sharing: boolean;
  /** The shared screen's track while sharing (stopped when sharing ends). */
  screenTrack: MediaStreamTrack | null;
  /** This attempt got into the room (a session existed): leaving it is announced. */
  wasInSession: boolean;
  leaveReason: LeaveReason;
  facingMode: FacingMode;
  cameras: number;
  quality: QualityLevel;
  /** What stopped the last attempt (the element words it). */
  error: unknown;
  /** The call was ended by the other side, not by this participant. */
  endedRemotely: boolean;
  /**
   * The server put this participant out, the call going on without them: an expert the agent
   * removed, or a customer whose link was replaced by a newer one.
   */
  removed: boolean;
}

export interface RoomInput {
  settings?: Partial<RoomSettings>;
}

export const defaultRoomSettings: RoomSettings = {
  adapter: 'janus',
  display: '',
  roleNames: { host: 'Agent', guest: 'Customer', expert: 'Expert' },
  video: true,
  iceServers: [],
  checkDevices: false,
};
