// What <video-room> shows when it is not in the call: joining, checking devices, left or ended
// (with the guest's rating and, in chat mode, the offer of a phone call), or why joining failed.
import { html, nothing, type TemplateResult } from 'lit';
import { html as staticHtml, type StaticValue } from 'lit/static-html.js';
import type { AdapterName } from '../../core/media/registry.js';
import type { MediaAdapter } from '../../core/media/types.js';
import type { RoomPhase } from '../../core/room/types.js';
import type { DeviceCheckResultEvent } from '../../events/device-check-result.js';
import type { RoomStrings } from '../../i18n/strings.js';

export interface MessageView {
  strings: RoomStrings;
  phase: RoomPhase;
  endedRemotely: boolean;
  problem: string;
  devicesUnusable: boolean;
  /** The registered tag of the device check; undefined while it loads. */
  deviceCheckTag: StaticValue | undefined;
  deviceCheck: {
    server: string;
    token: string;
    iceServers: RTCIceServer[];
    adapter: AdapterName;
    mediaAdapter: MediaAdapter | undefined;
    onResult: (event: DeviceCheckResultEvent) => void;
  };
  rating: TemplateResult | typeof nothing;
  callbackOffer: TemplateResult | typeof nothing;
  onRejoin: () => void;
}

export function renderMessage(view: MessageView) {
  const t = view.strings;
  switch (view.phase) {
    case 'left':
      return html`<div class="message">
          ${
            view.endedRemotely
              ? html`<p role="status">${t.ended}</p>`
              : html`<p role="status">${t.left}</p><button class="primary" part="control" @click=${view.onRejoin}>${t.rejoin}</button>`
          }
          ${view.endedRemotely ? view.callbackOffer : nothing}
          ${view.rating}
        </div>`;
    case 'error':
      return html`<div class="message" role="alert">
          <p>${t.joinFailed}</p>
          ${view.problem ? html`<p class="problem">${view.problem}</p>` : nothing}
          <button class="primary" part="control" @click=${view.onRejoin}>${t.retry}</button>
        </div>`;
    case 'checking': {
      const check = view.deviceCheck;
      return html`<div class="message checking">
          <p role="status">${view.devicesUnusable ? t.devicesUnusable : t.checkingDevices}</p>
          ${
            view.deviceCheckTag
              ? staticHtml`<${view.deviceCheckTag} part="device-check" compact .server=${check.server} .token=${check.token} .iceServers=${check.iceServers} .adapter=${check.adapter} .mediaAdapter=${check.mediaAdapter} @device-check-result=${check.onResult}></${view.deviceCheckTag}>`
              : nothing
          }
          ${view.devicesUnusable ? view.callbackOffer : nothing}
        </div>`;
    }
    default:
      return html`<div class="message" role="status"><p>${t.joining}</p></div>`;
  }
}
