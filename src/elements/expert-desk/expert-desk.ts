// <expert-desk>: an expert's own desk in the contact center's pool. The expert signs in (the same
// sign-in token as an agent's), says what they know, and is available or away; an agent's request
// for that skill rings here (the longest-idle free expert first), with who asks and the case when
// shared; the expert takes it or passes. A taken call opens on the desk, waiting in the lobby until
// the agent lets the expert in.
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { html as staticHtml } from 'lit/static-html.js';
import { keepFocus } from '../../controllers/focus-keeper-controller.js';
import { LocaleController } from '../../controllers/locale-controller.js';
import { errorMessage } from '../../core/errors.js';
import { ExpertDeskClient } from '../../core/service/desk-client.js';
import type {
  AgentTokenProvider,
  ExpertDeskApi,
  GuestCallToolsApi,
  GuestServiceApi,
  PoolNews,
} from '../../core/service/types.js';

/** What the desk needs of the service: the pool's routes, and the guest's for the call it takes. */
export type DeskService = ExpertDeskApi & GuestServiceApi & GuestCallToolsApi;
import { expertDeskEn } from '../../i18n/expert-desk-strings.js';
import { fill, formatList, SECONDS } from '../../i18n/format.js';
import { enGuest } from '../../i18n/guest-strings.js';
import { SKILL, type ExpertOffer, type JoinDetails } from '../../protocol/index.js';
import { defineElement } from '../define-element.js';
import { Dependency, type Dependencies } from '../dependency.js';
import { themeStyles } from '../theme.styles.js';
import { deskRoomService } from './desk-room-service.js';
import { expertDeskStyles } from './expert-desk.styles.js';

/** The skills typed: trimmed, lower case, without repeats; null when one is not a skill. */
export function readSkills(typed: string): string[] | null {
  const skills = [
    ...new Set(
      typed
        .split(/[\s,]+/)
        .map((skill) => skill.trim().toLowerCase())
        .filter(Boolean),
    ),
  ];
  return skills.every((skill) => SKILL.test(skill)) ? skills : null;
}

/**
 * An expert's desk: skills, available or away, the rings of the pool, and the call taken.
 *
 * @summary The expert's desk: be available for the skills you have, take or pass a ring, and join the call from the lobby.
 * @tag expert-desk
 *
 * @csspart base - The whole desk.
 * @csspart skills - The skills field.
 * @csspart availability - The Available for calls switch.
 * @csspart status - Whether the expert is available, and for what (a live region).
 * @csspart offer - A ring: who asks, for which skill, the case when shared, and Accept and Pass.
 * @csspart consult - On a ring for a consult: that the customer is on the phone, not on video.
 * @csspart action - Each button.
 * @csspart call - Where the taken call is shown.
 */
export class ExpertDeskElement extends LitElement {
  static override styles = [themeStyles, expertDeskStyles];

  static {
    this.addInitializer(keepFocus('button, input'));
  }

  static dependencies: Dependencies = {
    'video-room': () => import('../video-room/video-room.js').then((module) => module.VideoRoomElement),
  };

  /** Registers the element under `tag`; safe to call more than once. */
  static define(tag = 'expert-desk', registry: CustomElementRegistry = customElements): void {
    defineElement(tag, this, registry);
  }

  /** Where the escalation service answers. */
  @property({ attribute: 'service-url' }) serviceUrl = '';
  /** The expert's sign-in token (a JWT from the contact center, as an agent's). */
  @property() token = '';
  /** Asked for the sign-in token instead of `token` (refreshed before it expires and after a refusal). */
  @property({ attribute: false }) getToken: AgentTokenProvider | undefined;
  /** The expert's skills, separated by commas (they can change them on the desk). */
  @property() skills = '';
  /** A desk client of the page's own (tests); built from `service-url` and the token otherwise. */
  @property({ attribute: false }) service: DeskService | undefined;

  @state() private available = false;
  @state() private offer: ExpertOffer | null = null;
  @state() private offerGone = false;
  @state() private call: { details: JoinDetails; code: string } | null = null;
  @state() private problem = '';
  @state() private skillsInvalid = false;
  private stopRings: (() => void) | undefined;
  private built: ExpertDeskClient | undefined;
  private ticker: ReturnType<typeof setInterval> | undefined;
  private readonly locale = new LocaleController(this, { ...enGuest, expertDesk: expertDeskEn });
  private readonly room = new Dependency(this, 'video-room');

  /** The page's client, or one of the desk's own for `service-url` and the token. */
  private client(): DeskService {
    if (this.service) return this.service;
    this.built ??= new ExpertDeskClient(this.serviceUrl, (reason) => (this.getToken ? this.getToken(reason) : this.token));
    return this.built;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopListening();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (this.call) void this.room.load();
    if (changed.has('serviceUrl')) this.built = undefined;
  }

  /** Available: the desk says so with the skills, and hears its rings; away: it says so and stops. */
  private async setAvailable(available: boolean): Promise<void> {
    const t = this.locale.t.expertDesk;
    const skills = readSkills(this.renderRoot.querySelector<HTMLInputElement>('input[name=skills]')?.value ?? this.skills);
    this.skillsInvalid = skills === null;
    if (!skills) return;
    if (!this.token && !this.getToken && !this.service) {
      this.problem = t.noToken;
      return;
    }
    try {
      if (available && !this.stopRings) this.stopRings = this.client().poolEvents((news) => this.hear(news));
      await this.client().setPresence({ available, skills });
      this.skills = skills.join(', ');
      this.available = available;
      this.problem = '';
      if (!available) this.stopListening();
    } catch (error) {
      this.problem = t.failed.replace('{why}', errorMessage(error));
      if (!this.available) this.stopListening();
    }
  }

  private stopListening(): void {
    this.stopRings?.();
    this.stopRings = undefined;
    clearInterval(this.ticker);
  }

  private hear(news: PoolNews): void {
    if ('offer' in news) {
      this.offer = news.offer;
      this.offerGone = false;
      clearInterval(this.ticker);
      // The countdown moves each second while it rings.
      this.ticker = setInterval(() => this.requestUpdate(), 1000);
      void this.updateComplete.then(() =>
        this.renderRoot.querySelector<HTMLButtonElement>('[part=offer] button.primary')?.focus(),
      );
      return;
    }
    if (this.offer?.id === news.offerGone) {
      this.offer = null;
      this.offerGone = true;
      clearInterval(this.ticker);
    }
  }

  private async accept(offer: ExpertOffer): Promise<void> {
    clearInterval(this.ticker);
    try {
      const details = await this.client().acceptOffer(offer.id);
      this.offer = null;
      this.call = { details, code: `offer-${offer.id}` };
    } catch (error) {
      this.offer = null;
      this.problem = this.locale.t.expertDesk.failed.replace('{why}', errorMessage(error));
    }
  }

  private async pass(offer: ExpertOffer): Promise<void> {
    clearInterval(this.ticker);
    this.offer = null;
    await this.client()
      .declineOffer(offer.id)
      .catch((error: unknown) => (this.problem = this.locale.t.expertDesk.failed.replace('{why}', errorMessage(error))));
  }

  private renderOffer(offer: ExpertOffer) {
    const t = this.locale.t.expertDesk;
    const seconds = Math.max(0, Math.ceil((offer.expiresAt - Date.now()) / 1000));
    return html`<section part="offer" class="offer" role="alertdialog" aria-labelledby="offer-title" aria-describedby=${offer.consult ? 'offer-consult offer-case' : 'offer-case'}>
      <h3 id="offer-title">${t.offer.replace('{agent}', offer.agentName ?? '').replace('{skill}', offer.skill)}</h3>
      ${offer.consult ? html`<p part="consult" class="consult" id="offer-consult">${t.consult}</p>` : nothing}
      <dl id="offer-case">
        ${offer.caseNumber ? html`<dt>${t.caseNumber}</dt><dd>${offer.caseNumber}</dd>` : nothing}
        ${offer.issue ? html`<dt>${t.issue}</dt><dd>${offer.issue}</dd>` : nothing}
      </dl>
      <p class="rings">${fill(t.ringsFor, this.locale.language, { seconds: { value: seconds, format: SECONDS } })}</p>
      <button part="action" class="primary" @click=${() => void this.accept(offer)}>${t.accept}</button>
      <button part="action" @click=${() => void this.pass(offer)}>${t.pass}</button>
    </section>`;
  }

  private renderCall(call: { details: JoinDetails; code: string }) {
    const t = this.locale.t.expertDesk;
    const tag = this.room.tag;
    return html`<section part="call" class="call">
      ${
        tag
          ? staticHtml`<${tag} part="room" participant-role="expert" code=${call.code}
              .service=${deskRoomService(this.client(), call.details)}></${tag}>`
          : html`<p role="status">${t.joining}</p>`
      }
      <button part="action" @click=${() => (this.call = null)}>${t.backToDesk}</button>
    </section>`;
  }

  protected override render() {
    const t = this.locale.t.expertDesk;
    const skills = readSkills(this.skills) ?? [];
    return html`<section part="base" class="base" aria-label=${t.label}>
      <label class="skills">${t.skills}
        <input part="skills" name="skills" .value=${this.skills} autocomplete="off" maxlength="400" ?disabled=${this.available}
          aria-describedby="skills-hint" aria-invalid=${this.skillsInvalid ? 'true' : 'false'} />
      </label>
      <p id="skills-hint" class="hint">${this.skillsInvalid ? t.skillsInvalid : t.skillsHint}</p>
      <button part="availability action" aria-pressed=${String(this.available)} @click=${() => void this.setAvailable(!this.available)}>${t.available}</button>
      <p part="status" class="status" role="status">${
        this.problem || (this.available ? t.waiting.replace('{skills}', formatList(this.locale.language, skills)) : t.away)
      }</p>
      ${this.offer ? this.renderOffer(this.offer) : this.offerGone ? html`<p class="gone" role="status">${t.offerGone}</p>` : nothing}
      ${this.call ? this.renderCall(this.call) : nothing}
    </section>`;
  }
}
