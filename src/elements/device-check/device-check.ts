// <device-check>: is this browser, camera, microphone and network ready for video? Each check
// shows its own result in plain words, and the whole adds up to a result for the escalation.
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { browserSupportProblems } from '../../core/devices/browser-support.js';
import { rateNetwork } from '../../core/diagnostics/network-rating.js';
import type { DeviceCheckResult } from '../../core/diagnostics/result.js';
import { chosenDeviceIds, loadChosenDevices, saveChosenDevices, type ChosenDevices } from '../../core/devices/device-choices.js';
import { acquireLocalMedia, type DeviceStatus, type LocalMedia } from '../../core/devices/local-media.js';
import type { AdapterName } from '../../core/media/registry.js';
import type { MediaAdapter } from '../../core/media/types.js';
import { DeviceCheckResultEvent } from '../../events/device-check-result.js';
import { LocaleController } from '../../controllers/locale-controller.js';
import { enGuest } from '../../i18n/guest-strings.js';
import { keepFocus } from '../../controllers/focus-keeper-controller.js';
import { defineElement } from '../define-element.js';
import { sourceOf } from '../media-streams.js';
import { CHECK_ORDER, noFindings, resultOf, type CheckId, type CheckState, type Findings } from './device-check-state.js';
import { measureNetwork } from './device-check-network.js';
import { HeldTracks, type HeldDevice } from './device-check-tracks.js';
import { explainCheck, verdict } from './device-check-words.js';
import { deviceCheckStyles } from './device-check.styles.js';
import { canChooseSpeaker, playTestTone } from '../../core/devices/speaker-test.js';

/**
 * Checks browser support, permission, devices, camera preview, microphone level, speaker and the
 * network to the media server, in that order, and reports whether video makes sense.
 *
 * @summary Is this browser, camera, microphone and network ready for video?
 * @tag device-check
 *
 * @csspart base - The wrapper.
 * @csspart check - One check's row (its state is in `data-state`: pending, running, ok, warn, fail).
 * @csspart preview - The camera preview.
 * @csspart meter - The microphone level meter.
 * @csspart devices - The device pickers.
 * @csspart summary - The overall verdict (a live region).
 * @csspart again - The "Check again" button.
 *
 * @cssprop --device-check-ok - Colour of a passed check.
 * @cssprop --device-check-warn - Colour of a check with a warning.
 * @cssprop --device-check-fail - Colour of a failed check.
 * @cssprop --device-check-accent - Colour of buttons and the level meter.
 * @cssprop --device-check-foreground - Text colour.
 * @cssprop --device-check-background - Background (transparent: the page's own).
 *
 * @fires device-check-result - The check finished, or a device change changed its result.
 */
export class DeviceCheckElement extends LitElement {
  static override styles = deviceCheckStyles;

  static {
    // Focus a render takes away lands on the first of these.
    this.addInitializer(keepFocus('button, select'));
  }

  /** Registers the element under `tag`; safe to call more than once. */
  static define(tag = 'device-check', registry: CustomElementRegistry = customElements): void {
    defineElement(tag, this, registry);
  }

  /** The media server for the network test (for Janus, its WebSocket or HTTP URL); none skips it. */
  @property() server = '';
  /** The network-test token the escalation service gave with the room (a locked server wants one). */
  @property() token = '';
  /** The registered media adapter whose network test is used: `janus`, or one the page registered. */
  @property() adapter: AdapterName = 'janus';
  /** A media adapter object whose network test is used instead of `adapter`'s, when set. */
  @property({ attribute: false }) mediaAdapter: MediaAdapter | undefined;
  /** TURN servers for the network test's connection (the room's own, when it has some). */
  @property({ attribute: false }) iceServers: RTCIceServer[] = [];
  /** Small layout for a chat pane: no preview, one line per check. */
  @property({ type: Boolean, reflect: true }) compact = false;

  /** The last result; null until the first check finishes. */
  @state() result: DeviceCheckResult | null = null;
  @state() private states: Record<CheckId, CheckState> = Object.fromEntries(CHECK_ORDER.map((id) => [id, 'pending'])) as Record<
    CheckId,
    CheckState
  >;
  @state() private findings: Findings = noFindings();
  @state() private devices: MediaDeviceInfo[] = [];
  private chosen: ChosenDevices = {};
  private readonly locale = new LocaleController(this, enGuest);
  private readonly tracks = new HeldTracks(this, (device) => this.deviceEnded(device));
  private run = 0;
  /** A check is under way: device changes show at its end, not as a result of their own. */
  private running = false;
  private readonly onDeviceChange = () => void this.refreshDevices();

  override connectedCallback(): void {
    super.connectedCallback();
    navigator.mediaDevices?.addEventListener('devicechange', this.onDeviceChange);
    // Moved in the page: leaving it let the devices go, so check again from the start.
    if (this.hasUpdated) void this.check();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    navigator.mediaDevices?.removeEventListener('devicechange', this.onDeviceChange);
    // A check under way is now stale; the held tracks let the devices go themselves (HeldTracks).
    this.run += 1;
  }

  protected override firstUpdated(changed: PropertyValues): void {
    super.firstUpdated(changed);
    // After this first update, not in it: checking changes what is shown.
    void this.updateComplete.then(() => this.check());
  }

  /** The camera and microphone tracks the check opened (the room may reuse them); null when none. */
  get media(): { audio: MediaStreamTrack | null; video: MediaStreamTrack | null } {
    return { audio: this.tracks.audio, video: this.tracks.video };
  }

  /**
   * Hands the camera and microphone the check opened to the caller (a room joining next), so the
   * browser does not ask again; the check stops metering and no longer stops them.
   */
  takeMedia(): LocalMedia {
    return {
      ...this.tracks.handOver(),
      camera: this.findings.camera ?? 'missing',
      microphone: this.findings.microphone ?? 'missing',
    };
  }

  /** Runs every check again from the start. */
  async check(): Promise<DeviceCheckResult> {
    const run = ++this.run;
    this.running = true;
    this.tracks.release();
    this.findings = noFindings();
    this.states = Object.fromEntries(CHECK_ORDER.map((id) => [id, 'pending'])) as Record<CheckId, CheckState>;
    this.chosen = loadChosenDevices();

    this.mark('browser', 'running');
    const problems = browserSupportProblems();
    this.findings = { ...this.findings, problems };
    this.mark('browser', problems.length ? 'fail' : 'ok');

    this.mark('permission', 'running');
    const media = await acquireLocalMedia({ audio: true, video: true, ...chosenDeviceIds(this.chosen) });
    if (run !== this.run) {
      media.audio?.stop();
      media.video?.stop();
      return this.result ?? resultOf(this.findings);
    }
    this.tracks.hold(media.audio, media.video);
    this.recordDevices(media.camera, media.microphone);
    const denied = media.camera === 'denied' || media.microphone === 'denied';
    this.mark('permission', denied ? 'fail' : 'ok');
    await this.refreshDevices();
    this.mark('speaker', canChooseSpeaker() ? 'ok' : 'warn');

    this.mark('network', 'running');
    const { audio, video } = this.tracks;
    if (this.server && (audio || video)) {
      const { server, token, iceServers } = this;
      const measurement = await measureNetwork(this.mediaAdapter ?? this.adapter, { server, token, iceServers, audio, video });
      if (run !== this.run) return this.result ?? resultOf(this.findings);
      if (typeof measurement === 'object') {
        const rating = rateNetwork(measurement);
        this.findings = { ...this.findings, network: { rating, measurement } };
        this.mark('network', rating === 'good' ? 'ok' : rating === 'fair' ? 'warn' : 'fail');
      } else {
        this.findings = { ...this.findings, untested: measurement };
        this.mark('network', 'warn');
      }
    } else {
      this.mark('network', 'warn');
    }
    return this.publish();
  }

  private mark(id: CheckId, value: CheckState): void {
    this.states = { ...this.states, [id]: value };
  }

  private recordDevices(camera: DeviceStatus, microphone: DeviceStatus): void {
    this.findings = { ...this.findings, camera, microphone };
    this.mark('camera', camera === 'ok' ? 'ok' : 'fail');
    this.mark('microphone', microphone === 'ok' ? 'ok' : 'fail');
  }

  /** A held device ended (unplugged): after a finished check, that is a new result. */
  private deviceEnded(device: HeldDevice): void {
    this.findings = { ...this.findings, [device]: 'missing' };
    this.mark(device, 'fail');
    if (this.result && !this.running) this.publish();
  }

  private async refreshDevices(): Promise<void> {
    try {
      this.devices = await navigator.mediaDevices.enumerateDevices();
    } catch {
      this.devices = [];
    }
  }

  private publish(): DeviceCheckResult {
    this.running = false;
    const result = resultOf(this.findings);
    this.result = result;
    this.dispatchEvent(new DeviceCheckResultEvent(result));
    return result;
  }

  private async choose(kind: keyof ChosenDevices, id: string): Promise<void> {
    this.chosen = { ...this.chosen, [kind]: id };
    saveChosenDevices({ [kind]: id });
    if (kind !== 'speaker') await this.check();
  }

  private picker(kind: keyof ChosenDevices, deviceKind: MediaDeviceKind, label: string) {
    const options = this.devices.filter((device) => device.kind === deviceKind && device.deviceId);
    // Compact, a picker with nothing else to pick is left out.
    if (options.length < (this.compact ? 2 : 1) || (kind === 'speaker' && !canChooseSpeaker())) return nothing;
    const current = this.chosen[kind] ?? '';
    return html`<label>${label}
      <select @change=${(event: Event) => void this.choose(kind, (event.target as HTMLSelectElement).value)}>
        ${options.map((device, index) => html`<option value=${device.deviceId} ?selected=${device.deviceId === current}>${device.label || `${label} ${index + 1}`}</option>`)}
      </select></label>`;
  }

  /**
   * A check's words. Compact (a chat pane, a phone), a passed check says only that it works, on
   * the line of its name; its full words are still read out.
   */
  private detail(id: CheckId) {
    const t = this.locale.t.deviceCheck;
    const words = explainCheck(id, this.states[id], this.findings, t, this.locale.language);
    if (!this.compact || this.states[id] !== 'ok' || id === 'network') return html`<span class="detail">${words}</span>`;
    return html`<span class="detail" aria-hidden="true">${id === 'speaker' ? '' : t.works}</span><span class="visually-hidden">${words}</span>`;
  }

  /**
   * The meter's bar is sized through the CSSOM, not a `style` attribute: a page whose
   * Content-Security-Policy allows no inline style blocks the attribute (and Lit's `styleMap`
   * writes one on first render), which left the bar stuck at full.
   */
  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const bar = this.renderRoot.querySelector<HTMLElement>('[part=meter] > .level');
    if (bar) bar.style.inlineSize = `${Math.round(this.tracks.level * 100)}%`;
  }

  protected override render() {
    const t = this.locale.t.deviceCheck;
    const video = this.tracks.video;
    return html`<section part="base" class="base" aria-label=${t.title}>
      ${!this.compact && video ? html`<video part="preview" class="preview" muted playsinline autoplay .srcObject=${sourceOf(video)}></video>` : nothing}
      <ul class="checks">
        ${CHECK_ORDER.map(
          (id) => html`<li part="check" data-state=${this.states[id]}>
          <span class="name">${t.checks[id]}</span>
          ${this.detail(id)}
          ${
            id === 'microphone' && this.tracks.audio
              ? html`<span part="meter" class="meter" role="meter" aria-label=${t.level} aria-valuemin="0" aria-valuemax="100" aria-valuenow=${Math.round(this.tracks.level * 100)}>
                <span class="level"></span></span>`
              : nothing
          }
          ${
            id === 'speaker' && this.states.speaker === 'ok'
              ? html`<button type="button" @click=${() => void playTestTone(this.chosen.speaker ?? '')}>${t.speakerTest}</button>`
              : nothing
          }
        </li>`,
        )}
      </ul>
      <div part="devices" class="devices">
        ${this.picker('camera', 'videoinput', t.cameraLabel)} ${this.picker('microphone', 'audioinput', t.microphoneLabel)}
        ${this.picker('speaker', 'audiooutput', t.speakerLabel)}
      </div>
      <p part="summary" class="summary" role="status">${this.result ? verdict(this.result, t) : ''}</p>
      <button part="again" type="button" @click=${() => void this.check()}>${t.checkAgain}</button>
    </section>`;
  }
}
