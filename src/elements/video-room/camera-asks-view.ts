// What the customer sees of the agent's camera asks: the ask waiting for their answer, with Allow
// and No, thanks, and the last thing they were told (a picture was taken; the camera could not).
import { html, nothing } from 'lit';
import type { CameraAskStrings } from '../../i18n/camera-asks-strings.js';
import type { CameraAsks } from './camera-asks.js';

export function renderCameraAsks(asks: CameraAsks, t: CameraAskStrings) {
  const ask = asks.prompts[0];
  const consent = ask?.ask.kind === 'recording';
  return html`${
    asks.recording?.state === 'on'
      ? html`<p part="recording" class="recording-on" role="status"><span aria-hidden="true" class="dot"></span>${t.recordingOn}</p>`
      : nothing
  }${
    ask
      ? html`<section part="camera-ask" class="camera-ask" role="group" aria-labelledby="camera-ask-words">
          <p id="camera-ask-words" role="alert">${asks.promptWords(ask)}</p>
          <button part="control" class="primary" @click=${() => void asks.respond(ask, true)}>${consent ? t.agree : t.allow}</button>
          <button part="control" class="secondary" @click=${() => void asks.respond(ask, false)}>${consent ? t.disagree : t.decline}</button>
        </section>`
      : nothing
  }
    <p part="camera-notice" class="notice camera-notice" role="status" ?hidden=${!asks.notice}>${asks.notice}</p>`;
}
