// What <video-room> shows when it is not in the call: joining, checking devices, left or ended
// (with the guest's rating and, in chat mode, the offer of a phone call), or why joining failed.
import { html, nothing } from 'lit';
import { html as staticHtml, type StaticValue } from 'lit/static-html.js';
import type { AdapterName } from '../../core/media/registry.js';
import type { MediaAdapter } from '../../core/media/types.js';
import type { RoomContext, RoomPhase } from '../../core/room/types.js';
import type { DeviceCheckResultEvent } from '../../events/device-check-result.js';
import type { RoomStrings } from '../../i18n/strings.js';
import type { GuestErrorStrings } from '../../i18n/error-strings.js';
import type { Language } from '../../i18n/languages.js';
import { guestErrorWords, worthRetrying } from './guest-error-words.js';
import type { GuestFlow } from './guest-flow.js';
import { renderCallbackOffer, renderRating } from './video-room-rating.js';

export interface MessageView {
  strings: RoomStrings;
  /** The service's refusals, in the guest's words. */
  errors: GuestErrorStrings;
  language: Language;
  phase: RoomPhase;
  context: RoomContext;
  guest: GuestFlow;
  /** The registered tag of the device check; undefined while it loads. */
  deviceCheckTag: StaticValue | undefined;
  /** The host's settings the device check's network test needs. */
  deviceCheck: { iceServers: RTCIceServer[]; adapter: AdapterName; mediaAdapter: MediaAdapter | undefined };
  onDevicesChecked: (event: DeviceCheckResultEvent) => void;
  onRate: (score: 1 | 2 | 3 | 4 | 5, comment: string) => void;
  onRejoin: () => void;
}

function callbackOffer({ strings, errors, guest }: MessageView) {
  if (!guest.callbackOffered) return nothing;
  return renderCallbackOffer({
    strings,
    sentTo: guest.callbackSentTo,
    problem: guest.callbackError ? guestErrorWords(guest.callbackError, guest.credential, errors) : '',
    onSubmit: (phone) => void guest.requestCallback(phone),
  });
}

function renderDeviceCheck(view: MessageView) {
  const tag = view.deviceCheckTag;
  if (!tag) return nothing;
  const { room, networkTestToken } = view.context;
  const { adapter, mediaAdapter } = view.deviceCheck;
  // The service's TURN servers for this room, else the host's.
  const iceServers = room?.iceServers?.length ? room.iceServers : view.deviceCheck.iceServers;
  return staticHtml`<${tag} part="device-check" compact .server=${room?.server ?? ''} .token=${networkTestToken} .iceServers=${iceServers} .adapter=${adapter} .mediaAdapter=${mediaAdapter} @device-check-result=${view.onDevicesChecked}></${tag}>`;
}

export function renderMessage(view: MessageView) {
  const t = view.strings;
  const { context, guest } = view;
  // Ended by the other side, or by the escalation (the agent's End video or Cancel): there is no
  // call to rejoin, so no Rejoin. Only this participant's own hang-up can be undone.
  const ended = context.endedRemotely || context.leaveReason === 'ended';
  switch (view.phase) {
    case 'idle':
      return html`<div class="message" role="status"><p>${t.notInCall}</p></div>`;
    case 'left':
      return html`<div class="message">
          ${
            ended
              ? html`<p role="status">${context.role === 'host' ? t.videoEnded : context.role === 'expert' && context.removed ? t.removedFromCall : t.ended}</p>`
              : html`<p role="status">${t.left}</p><button class="primary" part="control" @click=${view.onRejoin}>${t.rejoin}</button>`
          }
          ${context.endedRemotely ? callbackOffer(view) : nothing}
          ${context.role === 'guest' && guest.canRate ? renderRating({ strings: t, language: view.language, sent: guest.ratingSent, masked: guest.ratingMasked, onSubmit: view.onRate }) : nothing}
        </div>`;
    case 'error':
      return html`<div class="message" role="alert">
          <p>${t.joinFailed}</p>
          ${context.error ? html`<p class="problem">${guestErrorWords(context.error, guest.credential, view.errors)}</p>` : nothing}
          ${
            worthRetrying(context.error)
              ? html`<button class="primary" part="control" @click=${view.onRejoin}>${t.retry}</button>`
              : nothing
          }
        </div>`;
    case 'checking':
      return html`<div class="message checking">
          <p role="status">${context.devicesUnusable ? t.devicesUnusable : t.checkingDevices}</p>
          ${renderDeviceCheck(view)} ${context.devicesUnusable ? callbackOffer(view) : nothing}
        </div>`;
    default:
      return html`<div class="message" role="status"><p>${guest.inLobby ? t.lobbyWaiting : t.joining}</p></div>`;
  }
}
