// The agent's camera tools while the customer is on video: take a picture from the customer's own
// camera, and ask their phone for the rear camera, the light or the zoom (offered only when the
// customer's camera can); then mark up the picture and keep it for the case, or discard it.
// Loaded once the customer is on video, with its words and styles, so a desk that never gets
// there does not load it.
import { html, nothing, type TemplateResult } from 'lit';
import { ref } from 'lit/directives/ref.js';
import type { CallToolsView } from '../../core/machine/selectors.js';
import type { EscalationEvent } from '../../core/machine/types.js';
import { cameraToolsEn, expertPoolEn, type CameraToolsStrings } from '../../i18n/camera-tools-strings.js';
import { fill, formatList } from '../../i18n/format.js';
import type { Language } from '../../i18n/languages.js';
import type { StringTable } from '../../i18n/strings.js';
import { addEnglish } from '../../i18n/tables.js';
import type { CallAsk } from '../../protocol/index.js';
import { cameraToolsStyles } from './camera-tools.styles.js';
import { StillEditor, type MarkTool } from './still-editor.js';

addEnglish({ cameraTools: cameraToolsEn, expertPool: expertPoolEn });

export { cameraToolsStyles, StillEditor };
export { renderExpertPool } from './expert-pool.js';

export interface CameraToolsInput {
  view: CallToolsView;
  words: StringTable;
  language: Language;
  editor: StillEditor;
  send: (event: EscalationEvent) => void;
}

/** The zoom a step in or out asks for: a quarter of the camera's range, on its steps. */
function zoomStep(zoom: NonNullable<CallToolsView['camera']>['zoom'], direction: 1 | -1): number | null {
  if (!zoom) return null;
  const step = Math.max(zoom.step, (zoom.max - zoom.min) / 4);
  const next = Math.min(zoom.max, Math.max(zoom.min, zoom.level + direction * step));
  const onStep = zoom.min + Math.round((next - zoom.min) / zoom.step) * zoom.step;
  return onStep === zoom.level ? null : Number(onStep.toFixed(4));
}

function asks(view: CallToolsView, t: CameraToolsStrings): { label: string; ask: CallAsk }[] {
  const camera = view.camera;
  const list: { label: string; ask: CallAsk }[] = [{ label: t.takePicture, ask: { kind: 'snapshot' } }];
  if (!camera) return list;
  // Only what the customer's camera said it can do.
  if (camera.facings.length > 1) {
    const other = camera.facing === 'environment' ? 'user' : 'environment';
    list.push({ label: other === 'environment' ? t.rearCamera : t.frontCamera, ask: { kind: 'camera', facing: other } });
  }
  if (camera.torch) list.push({ label: camera.torch.on ? t.lightOff : t.lightOn, ask: { kind: 'torch', on: !camera.torch.on } });
  const zoomIn = zoomStep(camera.zoom, 1);
  const zoomOut = zoomStep(camera.zoom, -1);
  if (zoomIn !== null) list.push({ label: t.zoomIn, ask: { kind: 'zoom', level: zoomIn } });
  if (zoomOut !== null) list.push({ label: t.zoomOut, ask: { kind: 'zoom', level: zoomOut } });
  return list;
}

/** How the latest ask stands, in the agent's words. */
function askStatus(view: CallToolsView, words: StringTable): string {
  const t = words.cameraTools;
  const latest = view.lastAsk ? view.asks[view.lastAsk] : undefined;
  if (!latest || latest.ask.kind === 'recording') return '';
  if (latest.status === 'not-sent') return t.notSent.replace('{why}', words.agentErrors.unavailable);
  return t.status[latest.status][latest.ask.kind];
}

/** How recording stands, in the agent's words ('' before it was ever asked for). */
function recordingStatus(view: CallToolsView, words: StringTable): string {
  const t = words.cameraTools.recording;
  if (view.recordingError)
    return t.notStarted.replace(
      '{why}',
      words.agentErrors[view.recordingError === 'failed' ? 'unavailable' : view.recordingError],
    );
  const state = view.recording?.state;
  return state && state !== 'off' ? t.state[state] : '';
}

/** Record (asks the customer first), or stop; nothing to press while the customer is being asked. */
function recordingButton(view: CallToolsView, t: CameraToolsStrings, send: (event: EscalationEvent) => void): TemplateResult {
  const state = view.recording?.state ?? 'off';
  const on = state === 'on';
  return html`<button part="tool record" class=${on ? 'danger' : ''}
    ?disabled=${view.recordingBusy || state === 'asking' || !view.available}
    @click=${() => send({ type: 'RECORD', action: on ? 'stop' : 'start' })}>${on ? t.recording.stop : t.recording.start}</button>`;
}

function keptStatus(view: CallToolsView, words: StringTable, language: Language): string {
  const t = words.cameraTools;
  const failed = view.still?.error;
  if (failed) return t.still.keepFailed.replace('{why}', words.agentErrors[failed === 'failed' ? 'unavailable' : failed]);
  const last = view.kept.at(-1);
  if (!last) return '';
  if (last.masked.length)
    return t.still.keptMasked.replace(
      '{what}',
      formatList(
        language,
        last.masked.map((kind) => t.maskedKinds[kind]),
      ),
    );
  return fill(t.still.kept, language, { count: view.kept.length });
}

export function renderCameraTools({ view, words, language, editor, send }: CameraToolsInput): TemplateResult {
  const t = words.cameraTools;
  const busy = view.sending || view.still !== null;
  return html`<div part="camera-tools" class="camera-tools" role="toolbar" aria-label=${t.toolbar}>
      ${asks(view, t).map(
        ({ label, ask }) =>
          html`<button part="tool" ?disabled=${busy || !view.available} @click=${() => send({ type: 'ASK_GUEST', ask })}>${label}</button>`,
      )}
      ${recordingButton(view, t, send)}
    </div>
    <p part="camera-status" class="camera-status" role="status">${askStatus(view, words)}</p>
    <p part="recording" class="recording ${view.recording?.state === 'on' ? 'on' : ''}" role="status">${recordingStatus(view, words)}</p>
    ${view.still ? renderStill(view, words, language, editor, send) : nothing}
    <p part="still-status" class="still-status" role="status">${keptStatus(view, words, language)}</p>`;
}

function renderStill(
  view: CallToolsView,
  words: StringTable,
  language: Language,
  editor: StillEditor,
  send: (event: EscalationEvent) => void,
): TemplateResult {
  const t = words.cameraTools.still;
  const still = view.still!;
  if (!still.url) return html`<p part="still" class="still" role="status">${t.loading}</p>`;
  editor.reset(still.url);
  const keeping = still.state === 'keeping' || still.state === 'discarding';
  const time = new Intl.DateTimeFormat(language, { timeStyle: 'medium' }).format(still.news.takenAt);
  const tool = (name: MarkTool, label: string) =>
    html`<button type="button" part="tool" aria-pressed=${String(editor.tool === name)}
      @click=${(event: MouseEvent) => editor.choose(name, event.detail === 0)}>${label}</button>`;
  return html`<form part="still" class="still" aria-labelledby="still-heading"
      @submit=${(event: SubmitEvent) => {
        event.preventDefault();
        send({ type: 'KEEP_SNAPSHOT', marks: editor.marks, note: editor.note });
      }}>
      <h3 id="still-heading">${t.heading}</h3>
      <p class="taken">${t.takenAt.replace('{time}', time)}</p>
      <canvas part="still-image" tabindex="0" role="img" aria-describedby="still-help"
        aria-label=${fill(t.picture, language, { count: editor.marks.length })}
        ${ref((canvas) => editor.attach((canvas as HTMLCanvasElement | undefined) ?? null))}
        @pointerdown=${editor.onPointerDown} @pointermove=${editor.onPointerMove} @pointerup=${editor.onPointerUp}
        @keydown=${editor.onKeyDown}></canvas>
      <p id="still-help" class="help">${t.help}</p>
      <div class="marks" role="group" aria-label=${words.cameraTools.toolbar}>
        ${tool('arrow', t.arrow)} ${tool('circle', t.circle)}
        <button type="button" part="tool" ?disabled=${editor.marks.length === 0} @click=${() => editor.undo()}>${t.undo}</button>
      </div>
      <label class="note">${t.note}
        <textarea name="note" maxlength="280" rows="2" aria-describedby="note-hint" .value=${editor.note}
          @input=${(event: InputEvent) => (editor.note = (event.target as HTMLTextAreaElement).value)}></textarea>
      </label>
      <p id="note-hint" class="help">${t.noteHint}</p>
      <button type="submit" part="action" class="primary" ?disabled=${keeping}>${still.state === 'keeping' ? t.keeping : t.keep}</button>
      <button type="button" part="action" ?disabled=${keeping} @click=${() => send({ type: 'DISCARD_SNAPSHOT' })}>${t.discard}</button>
    </form>`;
}
