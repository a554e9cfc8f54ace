// The parts of <video-room> that only draw: the stage of remote participants (with a shared
// screen large), the mirrored self-view, and the controls toolbar.
import { html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { LocalMedia } from '../../core/devices/local-media.js';
import type { RoomContext, RoomPhase } from '../../core/room/types.js';
import type { MediaRole, QualityLevel, RemoteParticipant } from '../../core/media/types.js';
import type { RoomStrings } from '../../i18n/strings.js';
import { icons } from './video-room-icons.js';
import { initials, sourceOf } from '../media-streams.js';

/**
 * Whom this participant waits for: the customer (for the agent; in a consult, the expert) or the
 * agent; having left, or yet to come.
 */
function waitingWords(role: MediaRole, othersLeft: boolean, consult: boolean, t: RoomStrings): string {
  if (role !== 'host') return othersLeft ? t.agentLeftCall : t.waitingForAgent;
  if (consult) return othersLeft ? t.expertLeftCall : t.waitingForExpert;
  return othersLeft ? t.customerLeftCall : t.waitingForCustomer;
}

export function renderStage(view: {
  participants: readonly RemoteParticipant[];
  role: MediaRole;
  othersLeft: boolean;
  /** A consult: no customer comes. */
  consult: boolean;
  /** The sound stays on the phone call: the others' sound is not played here. */
  phoneAudio: boolean;
  strings: RoomStrings;
}) {
  const t = view.strings;
  const remote = view.participants.slice(0, 4);
  const sharer = view.participants.find((participant) => participant.screen);
  if (remote.length === 0) {
    return html`<div part="stage" class="stage"><div class="message" role="status"><p>${waitingWords(view.role, view.othersLeft, view.consult, t)}</p></div></div>`;
  }
  return html`<div part="stage" class="stage ${sharer ? 'sharing' : ''}">
    ${
      sharer
        ? html`<figure part="screen" class="screen">
          <video autoplay playsinline muted .srcObject=${sourceOf(sharer.screen)}></video>
          <figcaption class="caption">${t.isSharing.replace('{name}', sharer.display)}</figcaption>
        </figure>`
        : nothing
    }
    <div class="tiles count-${remote.length}">${repeat(
      remote,
      (participant) => participant.id,
      (participant) => renderTile(participant, t),
    )}</div>
    ${repeat(
      view.participants.filter((participant) => participant.audio),
      (participant) => participant.id,
      (participant) => html`<audio autoplay .muted=${view.phoneAudio} .srcObject=${sourceOf(participant.audio)}></audio>`,
    )}
  </div>`;
}

function renderTile(participant: RemoteParticipant, t: RoomStrings) {
  const showVideo = participant.video && !participant.videoMuted;
  return html`<figure part="tile" class="tile" data-participant=${participant.id} data-role=${participant.role}>
    ${
      showVideo
        ? html`<video autoplay playsinline muted .srcObject=${sourceOf(participant.video)}></video>`
        : html`<span class="initials" aria-hidden="true">${initials(participant.display)}</span>`
    }
    ${participant.weakNetwork ? html`<span class="tile-note" aria-hidden="true">${t.cameraPausedTile}</span>` : nothing}
    <figcaption class="caption" title=${participant.display}>
      <span class="name">${participant.display}</span>
      ${participant.audioMuted ? html`<span class="muted" role="img" aria-label=${t.microphoneMuted}>${icons.mutedSmall()}</span>` : nothing}
      ${participant.videoMuted || !participant.video ? html`<span class="visually-hidden-text">${t.cameraIsOff}</span>` : nothing}
    </figcaption>
  </figure>`;
}

export function renderSelf(view: { track: MediaStreamTrack | null; cameraOff: boolean; name: string; strings: RoomStrings }) {
  return html`<figure part="self" class="self">
    ${
      view.track && !view.cameraOff
        ? html`<video autoplay playsinline muted .srcObject=${sourceOf(view.track)}></video>`
        : html`<span class="initials" aria-hidden="true">${initials(view.name || view.strings.you)}</span>`
    }
    <figcaption class="caption">${view.strings.you}</figcaption>
  </figure>`;
}

export interface ControlsView {
  strings: RoomStrings;
  micMuted: boolean;
  hasMic: boolean;
  cameraOff: boolean;
  hasCamera: boolean;
  sharing: boolean;
  canShare: boolean;
  canSwitch: boolean;
  /** False for the agent's call in an escalation: ending it is the escalation's one End video. */
  canLeave: boolean;
  quality: QualityLevel;
  onMic(): void;
  onCamera(): void;
  onShare(): void;
  onSwitch(): void;
  onHangUp(): void;
}

/**
 * Arrow keys move along the toolbar, as in any toolbar (mirrored right to left), Home and End to
 * its ends; Tab still stops at each control.
 */
function moveAlongToolbar(event: KeyboardEvent): void {
  const toolbar = event.currentTarget as HTMLElement;
  const buttons = [...toolbar.querySelectorAll<HTMLButtonElement>('button')];
  const at = buttons.indexOf((toolbar.getRootNode() as ShadowRoot).activeElement as HTMLButtonElement);
  if (at < 0) return;
  const forward = getComputedStyle(toolbar).direction === 'rtl' ? 'ArrowLeft' : 'ArrowRight';
  const backward = forward === 'ArrowRight' ? 'ArrowLeft' : 'ArrowRight';
  const last = buttons.length - 1;
  const next = { [forward]: at === last ? 0 : at + 1, [backward]: at === 0 ? last : at - 1, Home: 0, End: last }[event.key];
  if (next === undefined) return;
  event.preventDefault();
  buttons[next]!.focus();
}

export function renderControls(view: ControlsView) {
  const t = view.strings;
  return html`<div part="controls" class="controls" role="toolbar" aria-label=${t.controls} @keydown=${moveAlongToolbar}>
    ${
      view.hasMic
        ? html`<button part="control" class="mic" aria-pressed=${String(view.micMuted)} @click=${view.onMic}>
          ${icons.mic(view.micMuted)}<span class="label">${view.micMuted ? t.unmuteMicrophone : t.muteMicrophone}</span>
        </button>`
        : nothing
    }
    ${
      view.hasCamera
        ? html`<button part="control" class="camera" aria-pressed=${String(view.cameraOff)} @click=${view.onCamera}>
          ${icons.camera(view.cameraOff)}<span class="label">${view.cameraOff ? t.cameraOn : t.cameraOff}</span>
        </button>`
        : nothing
    }
    ${
      view.canShare
        ? html`<button part="control" class="share" aria-pressed=${String(view.sharing)} @click=${view.onShare}>
          ${icons.screen(view.sharing)}<span class="label">${view.sharing ? t.stopSharing : t.shareScreen}</span>
        </button>`
        : nothing
    }
    ${
      view.canSwitch
        ? html`<button part="control" class="switch" @click=${view.onSwitch}>${icons.switchCamera()}<span class="label">${t.switchCamera}</span></button>`
        : nothing
    }
    ${
      view.canLeave
        ? html`<button part="control hang-up" class="hang-up" @click=${view.onHangUp}>${icons.hangUp()}<span class="label">${t.hangUp}</span></button>`
        : nothing
    }
    <span part="quality" class="quality ${view.quality}" role="img" aria-label=${t.quality[view.quality]}><span></span><span></span><span></span></span>
  </div>`;
}

/** What to tell the person about devices they could not get (or gave up for the network's sake). */
export function deviceNotice(media: LocalMedia | null, audioOnly: boolean, t: RoomStrings): string {
  if (!media) return '';
  if (audioOnly) return t.audioOnlyNetwork;
  const noMic = media.microphone !== 'ok' && media.microphone !== 'off';
  const noCamera = media.camera !== 'ok' && media.camera !== 'off';
  if (noMic && (noCamera || media.camera === 'off')) return t.receiveOnly;
  if (noCamera) return t.cameraUnavailable;
  if (noMic) return t.microphoneUnavailable;
  return '';
}

export interface InCallView {
  strings: RoomStrings;
  context: RoomContext;
  phase: RoomPhase;
  /** The name under the self-view. */
  selfName: string;
  canShare: boolean;
  canLeave: boolean;
  onMic(): void;
  onCamera(): void;
  onShare(): void;
  onSwitch(): void;
  onHangUp(): void;
  onUseDeviceAudio(): void;
}

/**
 * In a voice escalation the sound stays on the phone call: say so, offer this device's sound in
 * one press (the phone line dropped), and say when the other side has switched.
 */
function renderPhoneAudio(view: InCallView) {
  const { strings: t, context } = view;
  if (!context.phoneAudio) return nothing;
  const other = context.role === 'host' ? 'guest' : 'host';
  const switched = context.participants.some(
    (participant) => participant.role === other && participant.audio && !participant.audioMuted,
  );
  const words = switched ? (context.role === 'host' ? t.customerSwitchedSound : t.agentSwitchedSound) : t.soundOnPhone;
  return html`<div part="phone-audio" class="phone-audio" role="status">
    <span>${words}</span>
    <button class="secondary" part="control" @click=${view.onUseDeviceAudio}>${t.useDeviceSound}</button>
  </div>`;
}

/**
 * Whose connection is weak, in words: this side's (what it sends keeps getting lost; its camera
 * paused to keep the sound), or the path from the others (what comes from them freezes).
 */
export function networkWords(context: RoomContext, t: RoomStrings): string {
  const lines: string[] = [];
  if (context.cameraPausedForNetwork) lines.push(t.cameraPausedWeak);
  else if (context.uplink === 'poor') lines.push(t.yourConnectionWeak);
  const named = (names: string[]) => (names.length === 1 ? names[0]! : t.theOthers);
  // What the others' pages said of themselves comes first: it says whose connection it is.
  const paused = context.participants.filter((participant) => participant.weakNetwork).map((participant) => participant.display);
  const others = context.participants.map((participant) => participant.display);
  if (paused.length) lines.push(t.theirCameraPausedWeak.replace('{name}', named(paused)));
  else if (context.downlink === 'poor' && others.length) lines.push(t.theirConnectionWeak.replace('{name}', named(others)));
  return lines.join(' ');
}

/** The call itself: who is there, the self-view, what is missing, and the controls. */
export function renderInCall(view: InCallView) {
  const { strings: t, context } = view;
  const media = context.media;
  const notice = deviceNotice(media, context.audioOnly, t) || (context.networkCheck === 'measuring' ? t.checkingConnection : '');
  const network = networkWords(context, t);
  // The self-view sits beside the others' pictures, never over them.
  return html`<div class="call">
      ${renderStage({
        participants: context.participants,
        role: context.role,
        othersLeft: context.othersLeft,
        consult: context.consult,
        phoneAudio: context.phoneAudio,
        strings: t,
      })}
      ${renderSelf({
        track: media?.video ?? null,
        cameraOff: context.cameraOff || context.cameraPausedForNetwork,
        name: view.selfName,
        strings: t,
      })}
    </div>
    ${renderPhoneAudio(view)}
    ${context.consult && context.role === 'expert' ? html`<p part="consult" class="notice" role="note">${t.consultWithAgent}</p>` : nothing}
    ${notice ? html`<p part="notice" class="notice" role="status">${notice}</p>` : nothing}
    <p part="network" class="notice network" role="status" ?hidden=${!network}>${network}</p>
    ${view.phase === 'reconnecting' ? html`<div class="overlay" role="status">${t.reconnecting}</div>` : nothing}
    ${renderControls({
      strings: t,
      micMuted: context.micMuted,
      hasMic: Boolean(media?.audio),
      cameraOff: context.cameraOff || context.cameraPausedForNetwork,
      hasCamera: Boolean(media?.video),
      sharing: context.sharing,
      canShare: view.canShare,
      canSwitch: context.cameras > 1,
      canLeave: view.canLeave,
      quality: context.quality,
      onMic: view.onMic,
      onCamera: view.onCamera,
      onShare: view.onShare,
      onSwitch: view.onSwitch,
      onHangUp: view.onHangUp,
    })}`;
}
