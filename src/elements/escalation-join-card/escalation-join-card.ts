// <escalation-join-card>: the guest's way in, small enough for a chat widget. It explains the
// camera prompt before it comes, joins the call for the code on a press, and when the code does
// not work, lets the customer ask for a new link.
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { loadAdapter, type AdapterName } from '../../core/media/registry.js';
import type { GuestServiceApi } from '../../core/service/types.js';
import { html as staticHtml } from 'lit/static-html.js';
import { VideoRoomElement } from '../video-room/video-room.js';
import { Dependency, type Dependencies } from '../dependency.js';
import { EscalationNewLinkRequestEvent } from '../../events/escalation-new-link-request.js';
import type { EscalationRoomErrorEvent } from '../../events/escalation-room-error.js';
import { LocaleController } from '../../controllers/locale-controller.js';
import { enGuest } from '../../i18n/guest-strings.js';
import { keepFocus } from '../../controllers/focus-keeper-controller.js';
import { defineElement } from '../define-element.js';
import { CodeEntry } from './code-entry.js';
import { joinCardStyles } from './escalation-join-card.styles.js';

/**
 * A join card for the customer: an invitation, what the browser will ask, and the call itself.
 * It shows the call in a `<video-room>`, under whatever name the page defined that element
 * (defining it as `video-room` when the page has not).
 *
 * @summary The customer's way into the video call, for a guest page or a chat widget.
 * @tag escalation-join-card
 *
 * @csspart card - The card around everything.
 * @csspart join - The join button.
 * @csspart code-entry - Without a `code`: the form where the customer types it.
 * @csspart code-group - Each of the code's three groups of three characters.
 * @csspart room - The video room, once joined (its own parts are exported as `room-*`). Before
 *   joining it checks the camera, microphone and network (`room-device-check`).
 *
 * @cssprop --join-card-background - Card background.
 * @cssprop --join-card-border - Card border colour.
 * @cssprop --join-card-accent - Colour of the join button.
 * @cssprop --join-card-radius - Corner radius of the card.
 * @cssprop --join-card-room-height - Height of the video room in the card (without `fill`).
 *
 * @fires escalation-new-link-request - The customer's code did not work and they ask for a new link.
 */
export class EscalationJoinCardElement extends LitElement {
  static override styles = joinCardStyles;

  static {
    // Focus a render takes away lands on the first of these (after Join: the room, its controls next in the Tab order).
    this.addInitializer(keepFocus('input.code-group, button, [part=room]'));
  }

  /** The elements it renders, by default tag: each is rendered under the name the page gave it. */
  static dependencies: Dependencies = { 'video-room': VideoRoomElement };

  /** Registers the element under `tag`; safe to call more than once. */
  static define(tag = 'escalation-join-card', registry: CustomElementRegistry = customElements): void {
    defineElement(tag, this, registry);
  }

  /**
   * The code the customer typed, or the token their link carries (`#code=` in the link). Without
   * one, the card asks the customer to type the code the agent read out.
   */
  @property() code = '';
  /** Where the escalation service answers. */
  @property({ attribute: 'service-url' }) serviceUrl = '';
  /** The registered media adapter for the room: `janus` (default), `loopback`, or one the page registered. */
  @property() adapter: AdapterName = 'janus';
  /** The escalation service, when not reached by `service-url` (a host's own client, or a test's). */
  @property({ attribute: false }) service: GuestServiceApi | undefined;
  /**
   * Join straight away, without the camera, microphone and network check first (for a page that
   * ran its own `<device-check>`).
   */
  @property({ type: Boolean, attribute: 'no-device-check' }) noDeviceCheck = false;

  /**
   * Fill the box the page gives the card (a page of its own, on a phone: the call takes the whole
   * screen) instead of a card whose room is `--join-card-room-height` tall (a chat pane).
   */
  @property({ type: Boolean, reflect: true }) fill = false;

  private readonly locale = new LocaleController(this, enGuest);
  private readonly videoRoom = new Dependency(this, 'video-room');
  /** Without a `code`, the customer types the one the agent read out. */
  private readonly codeEntry = new CodeEntry(this, this.locale, (code) => {
    this.typedCode = code;
    this.join();
  });
  /** The code typed here (when no `code` was given). */
  @state() private typedCode = '';
  @state() private joined = false;
  @state() private failed = '';
  /** What the customer is told after asking for a new link; '' before they ask. */
  @state() private askedAnswer: '' | 'newLinkAsked' | 'newLinkAskYourself' = '';
  private asking = false;

  private join(): void {
    this.joined = true;
    this.failed = '';
  }

  /**
   * While the customer reads the card (or types the code), the media adapter's code is fetched,
   * so pressing Join does not wait for it.
   */
  protected override firstUpdated(changed: PropertyValues<this>): void {
    super.firstUpdated(changed);
    void loadAdapter(this.adapter).catch(() => undefined);
  }

  /** A typed code did not work: back to typing it, what was typed kept so one character can be fixed. */
  private readonly enterAgain = (): void => {
    this.joined = false;
    this.typedCode = '';
    this.failed = '';
    this.askedAnswer = '';
  };

  private onRoomError(event: EscalationRoomErrorEvent): void {
    this.failed = event.detail.message;
  }

  /**
   * Tells the agent through the service (their button shows it) and the host page by an event (a
   * chat widget may post it). When no agent is listening, the customer is asked to say it themselves.
   */
  private async askForNewLink(): Promise<void> {
    if (this.asking) return;
    this.asking = true;
    this.dispatchEvent(new EscalationNewLinkRequestEvent({ code: this.code, reason: this.failed }));
    const room = this.renderRoot.querySelector<VideoRoomElement>('[part=room]');
    if (!room) {
      this.askedAnswer = 'newLinkAskYourself';
      return;
    }
    try {
      const { relayed } = await room.askForNewLink(this.failed);
      this.askedAnswer = relayed ? 'newLinkAsked' : 'newLinkAskYourself';
    } catch {
      // Unknown code, asked too often, or the service is down: the customer can still say it.
      this.askedAnswer = 'newLinkAskYourself';
    }
  }

  protected override render() {
    const t = this.locale.t.joinCard;
    if (!this.joined) {
      return html`<div part="card" class="card">
        <p>${t.invitation}</p>
        <p class="hint">${t.permission}</p>
        ${this.code ? html`<button part="join" @click=${this.join}>${t.join}</button>` : this.codeEntry.render()}
      </div>`;
    }
    const tag = this.videoRoom.tag!;
    return staticHtml`<div part="card" class="card in-room">
      <${tag}
        part="room"
        tabindex="-1"
        exportparts="base:room-base,controls:room-controls,tile:room-tile,self:room-self,device-check:room-device-check"
        participant-role="guest"
        .checkDevices=${!this.noDeviceCheck}
        .code=${this.code || this.typedCode}
        .serviceUrl=${this.serviceUrl}
        .service=${this.service}
        .adapter=${this.adapter}
        @escalation-room-error=${this.onRoomError}
      ></${tag}>
      ${
        this.failed
          ? this.askedAnswer
            ? html`<p role="status">${t[this.askedAnswer]}</p>`
            : html`<button class="secondary" @click=${this.askForNewLink}>${t.askNewLink}</button>`
          : nothing
      }
      ${this.failed && this.typedCode ? html`<button class="secondary" @click=${this.enterAgain}>${t.enterAgain}</button>` : nothing}
    </div>`;
  }
}
