// Every string a person reads, in English: the table every translation (locales/) follows, and
// the words for any key a translation lacks.
import type { CameraAskStrings } from './camera-asks-strings.js';
import type { CameraToolsStrings, ExpertPoolStrings } from './camera-tools-strings.js';
import type { ExpertDeskStrings } from './expert-desk-strings.js';
import type { DeviceCheckStrings } from './device-check-strings.js';
import { agentErrorsEn, type AgentErrorStrings, type GuestErrorStrings } from './error-strings.js';
import type { VisiblePhase } from '../core/machine/selectors.js';
import type { FallbackReason } from '../core/machine/types.js';
import type { MaskedKind } from '../protocol/index.js';

export interface RoomStrings {
  /** Label of the whole room region. */
  room: string;
  joining: string;
  /** Before a call (inside an escalation: until the agent escalates). */
  notInCall: string;
  /** The agent's room after the escalation ended the video (End video, Cancel, a fallback). */
  videoEnded: string;
  waitingForCustomer: string;
  /** The agent's consult room (after a fallback): only an expert is expected; the customer is not in it. */
  waitingForExpert: string;
  /** In a consult: the expert was in the call and is not now. */
  expertLeftCall: string;
  /** To an expert in a consult: the customer is not in this video. */
  consultWithAgent: string;
  /** Voice escalations: the sound stays on the phone call. */
  soundOnPhone: string;
  /** Switches to this device's microphone and speaker (the phone call dropped). */
  useDeviceSound: string;
  customerSwitchedSound: string;
  agentSwitchedSound: string;
  /** The customer was in the call and is not now (closed the page, lost the connection). */
  customerLeftCall: string;
  /** The agent was in the call and is not now. */
  agentLeftCall: string;
  waitingForAgent: string;
  reconnecting: string;
  left: string;
  /** The other side ended the call. */
  ended: string;
  /** What this side sends keeps getting lost. */
  yourConnectionWeak: string;
  /** And for a few seconds running: the camera is paused so the sound gets through. */
  cameraPausedWeak: string;
  /** To an expert in the lobby: the agent has to let them in. */
  lobbyWaiting: string;
  /** To the customer: `{name}` (an expert) came into the call. */
  expertJoinedCall: string;
  /** To the customer: `{name}` left the call. */
  someoneLeftCall: string;
  /** What comes from `{name}` (a participant, or `theOthers`) freezes or breaks up. */
  theirConnectionWeak: string;
  theOthers: string;
  /** `{name}`'s page paused their camera for their weak connection. */
  theirCameraPausedWeak: string;
  /** On that participant's tile (the line above says it to screen readers). */
  cameraPausedTile: string;
  /** Under the rating's comment box: what not to type, and that it is hidden if typed. */
  rateCommentHint: string;
  /** `{what}`: the kinds hidden, as a list of `maskedKinds`. */
  rateMasked: string;
  maskedKinds: Record<MaskedKind, string>;
  /** An expert the agent took out of the call (it goes on without them). */
  removedFromCall: string;
  /** An expert's card: `{agent}` invited them, for case `{case}`. */
  invitedForCase: string;
  /** Without a case number. */
  invitedBy: string;
  /** Without the agent's name. */
  invitedForCaseByAgent: string;
  /** The agent's notes, in the expert's case card. */
  notes: string;
  rejoin: string;
  retry: string;
  joinFailed: string;
  you: string;
  /** What others see for a participant who gave no name. */
  roleNames: Record<'host' | 'guest' | 'expert', string>;
  controls: string;
  muteMicrophone: string;
  unmuteMicrophone: string;
  cameraOff: string;
  cameraOn: string;
  shareScreen: string;
  stopSharing: string;
  switchCamera: string;
  hangUp: string;
  microphoneMuted: string;
  cameraIsOff: string;
  /** `{name}` is replaced with the sharer's name. */
  isSharing: string;
  quality: Record<'good' | 'fair' | 'poor' | 'unknown', string>;
  cameraUnavailable: string;
  microphoneUnavailable: string;
  receiveOnly: string;
  /** The guest joined with sound only because the device check found the network poor. */
  audioOnlyNetwork: string;
  /** In the call's first seconds, while its connection is measured (with `check-devices`). */
  checkingConnection: string;
  /** Above the device check before the guest joins. */
  checkingDevices: string;
  /** The device check found neither camera nor microphone usable: the agent carries on without video. */
  devicesUnusable: string;
  screenShareFailed: string;
  cannotRedeem: string;
  rateQuestion: string;
  rateScore: Record<1 | 2 | 3 | 4 | 5, string>;
  rateComment: string;
  rateSend: string;
  rateThanks: string;
  callbackOffer: string;
  callbackPhone: string;
  callbackSend: string;
  /** `{phone}` is the number the customer gave. */
  callbackSent: string;
}

export interface ButtonStrings {
  escalate: string;
  creating: string;
  sending: string;
  /** `{to}` is the masked number or address. */
  sentBySms: string;
  sentByEmail: string;
  sentInChat: string;
  handedToHost: string;
  deliveryFailed: string;
  /** `{why}` is the service's refusal in the agent's words (`agentErrors`). */
  deliveryFailedBecause: string;
  opened: string;
  checkingDevices: string;
  devicesReady: string;
  guestAudioOnly: string;
  onVideo: string;
  /** The customer left the call (closed the page, lost the connection); they may come back. */
  guestLeft: string;
  /** `{seconds}`: what remains of the rejoin grace, with its unit (“30 s”). */
  guestAwayCountdown: string;
  /** On video, while the customer has sound only (their network is poor). */
  onVideoGuestAudioOnly: string;
  /** `{reason}` is one of the fallback reasons. */
  backToVoice: string;
  ending: string;
  ended: string;
  resend: string;
  cancel: string;
  retryVideo: string;
  continueWithoutVideo: string;
  hangUp: string;
  /** Under End video: whom it ends the video for. */
  endVideoForAll: string;
  /** `{name}`: the expert in the call. */
  endVideoForAllWithExpert: string;
  /** After `endVideoForAll`: what goes on without video. */
  phoneCallGoesOn: string;
  chatGoesOn: string;
  close: string;
  /** After a fallback: the agent brings an expert onto video; the customer stays on the phone or in the chat. */
  consult: string;
  consultOpening: string;
  /** The consult room is open: who is in it, and that the customer is not. */
  consultOpen: string;
  endConsult: string;
  /** Under End consult: `{name}` the expert in it. */
  endConsultWithExpert: string;
  endConsultAlone: string;
  consultEnding: string;
  /** After `backToVoice`, how the last consult went. */
  consultEnded: string;
  /** `{why}`: the service's refusal in the agent's words, or that it does not answer. */
  consultFailed: string;
  consultMediaFailed: string;
  consultLost: string;
  escalateAgain: string;
  noInteraction: string;
  /** After a reload, while the escalation that was going on comes back. */
  resuming: string;
  /** The escalation's code could not be loaded (offline, blocked). */
  unavailable: string;
  noPhone: string;
  otherSessionLive: string;
  /** The customer's link failed and they asked, through the service, for a new one. */
  newLinkAsked: string;
  /** `{reason}` as in `backToVoice`. */
  backToVoiceNewLinkAsked: string;
  sendNewLink: string;
  inviteExpert: string;
  expertName: string;
  expertAddress: string;
  /** Shown when the address is neither an E.164 number nor an e-mail address. */
  expertAddressInvalid: string;
  sendInvite: string;
  cancelInvite: string;
  /** `{name}` is the expert's name, or their address. */
  expertInviting: string;
  expertJoined: string;
  expertLeft: string;
  expertFailed: string;
  /** The service refused the invite: `{name}`, and `{why}` in the agent's words (`agentErrors`). */
  expertRefused: string;
  /** In the invite form: the case goes to the expert, masked. */
  shareCase: string;
  /** `{name}`: the expert in the call. */
  removeExpert: string;
  expertRemoved: string;
  /** Removing the expert failed: they are still in the call. */
  expertRemoveFailed: string;
}

export interface CasePanelStrings {
  label: string;
  customer: string;
  caseNumber: string;
  channel: string;
  issue: string;
  channels: Record<'voice' | 'chat', string>;
}

export interface JoinCardStrings {
  invitation: string;
  permission: string;
  join: string;
  askNewLink: string;
  newLinkAsked: string;
  /** No agent was listening: the customer asks where they talk to the agent. */
  newLinkAskYourself: string;
  /** Without a code: the legend of where the customer types it. */
  enterCode: string;
  codeHint: string;
  /** Each group's label: `{from}`, `{to}` are character positions. */
  codeGroup: string;
  /** `{count}`: how many characters were typed. */
  codeTooShort: string;
  /** `{characters}`: what was typed that no code has (O, 0, I, 1, …). */
  codeUnusedCharacters: string;
  /** After a typed code did not work: back to typing it. */
  enterAgain: string;
}

export interface StringTable {
  /** Spoken by screen readers when the escalation moves on. */
  phase: Record<VisiblePhase, string>;
  fallbackReason: Record<FallbackReason, string>;
  room: RoomStrings;
  button: ButtonStrings;
  casePanel: CasePanelStrings;
  joinCard: JoinCardStrings;
  deviceCheck: DeviceCheckStrings;
  /** The escalation service's refusals, in the agent's words. */
  agentErrors: AgentErrorStrings;
  /** The escalation service's refusals, in the customer's (or expert's) words. */
  guestErrors: GuestErrorStrings;
  /** The agent's asks of the customer's camera, and the still editor (loaded once on video). */
  cameraTools: CameraToolsStrings;
  /** The agent's asks, as the customer sees them on their page. */
  cameraAsks: CameraAskStrings;
  /** Experts from the pool, and the lobby, on the agent's side (loaded once on video). */
  expertPool: ExpertPoolStrings;
  /** <expert-desk>: what an expert reads on their own desk. */
  expertDesk: ExpertDeskStrings;
}

/** The sections of the table the agent's elements read, and those the guest's elements read. */
export type DeskSection = 'phase' | 'fallbackReason' | 'button' | 'casePanel' | 'agentErrors';
export type GuestSection = 'room' | 'joinCard' | 'deviceCheck' | 'guestErrors' | 'cameraAsks';

/** What the agent's elements read (<escalation-context>, <escalate-button>): all a desk loads. */
export const enDesk: Pick<StringTable, DeskSection> = {
  phase: {
    idle: 'Video not started',
    requested: 'Creating the video room',
    linkSent: 'Link sent, waiting for the customer',
    joined: 'On video',
    fallbackToVoice: 'Back to voice',
    consulting: 'Consulting an expert on video',
    closing: 'Ending the video session',
    closed: 'Video session ended',
  },
  fallbackReason: {
    'service-unavailable': 'the video service is not answering',
    'no-show': 'the customer did not join in time',
    'guest-device': 'the customer’s device cannot do video',
    media: 'the video connection failed',
    'guest-left': 'the customer left the video',
    'agent-choice': 'you chose to continue without video',
    'escalation-lost': 'the video service no longer knows this video session',
  },
  button: {
    escalate: 'Escalate to video',
    creating: 'Creating room…',
    sending: 'Sending the link…',
    sentBySms: 'Link sent by SMS to {to}',
    sentByEmail: 'Link sent by e-mail to {to}',
    sentInChat: 'Link posted in the chat',
    handedToHost: 'Link ready to share',
    deliveryFailed: 'The link could not be sent',
    deliveryFailedBecause: 'The link could not be sent: {why}',
    opened: 'Customer opened the link',
    checkingDevices: 'Customer is checking their camera and microphone',
    devicesReady: 'Customer’s camera and microphone work; they are joining',
    guestAudioOnly: 'Customer’s connection is weak: they are joining with sound only',
    onVideo: 'On video',
    guestLeft: 'The customer left the call',
    guestAwayCountdown: 'Video ends in {seconds} unless they come back',
    onVideoGuestAudioOnly: 'On video (the customer has sound only: weak connection)',
    backToVoice: 'Back to voice: {reason}',
    ending: 'Ending…',
    ended: 'Video ended',
    resend: 'Resend link',
    cancel: 'Cancel',
    retryVideo: 'Retry video',
    continueWithoutVideo: 'Continue without video',
    hangUp: 'End video',
    endVideoForAll: 'Ends the video for you and the customer.',
    endVideoForAllWithExpert: 'Ends the video for you, the customer and {name}.',
    phoneCallGoesOn: 'The phone call goes on.',
    chatGoesOn: 'The chat goes on.',
    close: 'Close',
    consult: 'Consult an expert on video',
    consultOpening: 'Opening a video room for you and an expert…',
    consultOpen: 'Video consult: you and the expert only. The customer is not in it.',
    endConsult: 'End consult',
    endConsultWithExpert: 'Ends the video for you and {name}.',
    endConsultAlone: 'Ends the consult’s video.',
    consultEnding: 'Ending the consult…',
    consultEnded: 'The consult with the expert ended.',
    consultFailed: 'The consult could not start: {why}.',
    consultMediaFailed: 'The consult’s video connection failed.',
    consultLost: 'The video service no longer knows the consult.',
    escalateAgain: 'Escalate again',
    noInteraction: 'No customer interaction to escalate',
    resuming: 'Resuming the video session…',
    unavailable: 'Video could not be loaded. Check the connection and reload the page.',
    noPhone: 'No phone number to send the link to',
    otherSessionLive: 'Another video session is live in another tab',
    newLinkAsked: 'The customer says the link did not work and asks for a new one',
    backToVoiceNewLinkAsked: 'Back to voice: {reason}. The customer asks for a new link',
    sendNewLink: 'Send a new link',
    inviteExpert: 'Invite an expert',
    expertName: "Expert's name",
    expertAddress: 'Mobile number (+15551234567) or e-mail',
    expertAddressInvalid: 'Enter a mobile number with its country code, such as +15551234567, or an e-mail address.',
    sendInvite: 'Send invite',
    cancelInvite: 'Cancel invite',
    expertInviting: 'Inviting {name}…',
    expertJoined: '{name} joined the call',
    expertLeft: '{name} left the call',
    expertFailed: '{name} did not join',
    expertRefused: 'The invite to {name} was not sent: {why}',
    shareCase: 'Show the expert the case (customer, case number, issue, notes; card numbers and contact details masked)',
    removeExpert: 'Remove {name} from the call',
    expertRemoved: 'You removed {name} from the call',
    expertRemoveFailed: '{name} is still in the call: removing them did not work. Try again.',
  },
  casePanel: {
    label: 'Case',
    customer: 'Customer',
    caseNumber: 'Case',
    channel: 'Channel',
    issue: 'Issue',
    channels: { voice: 'Phone call', chat: 'Chat' },
  },
  agentErrors: agentErrorsEn,
};
