// <escalate-button>: the agent's one click to video, and from then on where the escalation
// stands in words an agent understands, with the actions that make sense at that moment.
import { ContextConsumer } from '@lit/context';
import { html, LitElement, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { escalationActorContext, interactionContext, pendingEscalationContext } from '../../context.js';
import { ActorSelectorController } from '../../controllers/actor-selector-controller.js';
import {
  IDLE_BUTTON_VIEW,
  selectButtonView,
  selectCallTools,
  type ButtonView,
  type CallToolsView,
  type EscalationSnapshot,
} from '../../core/machine/selectors.js';
import type { EscalationEvent, Interaction, LinkDelivery } from '../../core/machine/types.js';
import { LocaleController } from '../../controllers/locale-controller.js';
import { keepFocus } from '../../controllers/focus-keeper-controller.js';
import type { ButtonStrings } from '../../i18n/strings.js';
import { fill, SECONDS } from '../../i18n/format.js';
import { defineElement } from '../define-element.js';
import { escalateButtonStyles } from './escalate-button.styles.js';
import { liveSession, onLiveSessionChange } from '../live-session.js';
import { expertInviteForm, expertStatusText, readExpertInvite } from './expert-invite.js';
import type { StillEditor } from './still-editor.js';
import type { PoolForm } from './expert-pool.js';

/** Only the end of a number or address is shown to the agent's screen-mates. */
export function maskAddress(to: string | null): string {
  if (!to) return '';
  const at = to.indexOf('@');
  if (at > 0) return `${to[0]}•••${to.slice(at)}`;
  return `••• ${to.slice(-4)}`;
}

/** How the link reaches the customer: by SMS on a call, in the chat on a chat. */
export function deliveryFor(interaction: Interaction): LinkDelivery | null {
  if (interaction.channel === 'chat') return { channel: 'chat' };
  return interaction.customerPhone ? { channel: 'sms', to: interaction.customerPhone } : null;
}

/** What ending the video (or the consult) does, to whom: everyone in it leaves the video; the phone call or chat goes on. */
function endEffect(view: ButtonView, t: ButtonStrings): string {
  const expert = view.expert.state === 'joined' && view.expert.name ? view.expert.name : null;
  const whom =
    view.phase === 'consulting'
      ? expert
        ? t.endConsultWithExpert.replace('{name}', expert)
        : t.endConsultAlone
      : expert
        ? t.endVideoForAllWithExpert.replace('{name}', expert)
        : t.endVideoForAll;
  return `${whom} ${view.interactionChannel === 'chat' ? t.chatGoesOn : t.phoneCallGoesOn}`;
}

/** Where experts can be asked for, let in and taken out: on video with the customer, or in an open consult. */
function withExperts(view: ButtonView | undefined): boolean {
  return view?.phase === 'joined' || (view?.phase === 'consulting' && view.consult?.state === 'open');
}

interface Action {
  label: string;
  /** What the machine is told; or `run`, for actions that stay in the element (opening a form). */
  event?: EscalationEvent;
  run?: () => void;
  kind?: 'primary' | 'danger';
  /** The id of a line that says what the action does, and to whom. */
  describedBy?: string;
}

/**
 * The agent's escalate control, inside an `<escalation-context>`.
 *
 * @summary Escalate to video, then follow the escalation: link sent, customer progress, on video, back to voice.
 * @tag escalate-button
 *
 * @csspart base - The wrapper of status and actions.
 * @csspart status - Where the escalation stands, in words (a live region).
 * @csspart countdown - While the customer is away: how long they have to come back before video ends.
 * @csspart action - Each action button.
 * @csspart reason - Why escalating is not possible right now.
 * @csspart expert-status - How the expert invite stands (a live region).
 * @csspart end-effect - On video (or in a consult): the line under End video (End consult) saying whom it ends the video for, and that the phone call or chat goes on.
 * @csspart expert-form - The form that invites an expert: a name, and a mobile number or e-mail address.
 * @csspart pool-status - How the request for an expert from the pool, or the lobby, stands (a live region).
 * @csspart camera-tools - On video: the toolbar that asks the customer's camera for a picture, the rear camera, the light or the zoom (only what their camera can do).
 * @csspart tool - Each button of the camera tools and of the picture's marks.
 * @csspart camera-status - How the latest ask of the customer's camera stands (a live region).
 * @csspart still - The picture from the customer's camera, to mark up and keep for the case, or discard.
 * @csspart still-image - The picture itself, where marks are drawn.
 * @csspart still-status - That a picture was kept for the case, and what was hidden in its note (a live region).
 *
 * @cssprop --escalate-button-accent - Colour of the main action.
 * @cssprop --escalate-button-danger - Colour of ending actions.
 * @cssprop --escalate-button-radius - Corner radius of the buttons.
 * @cssprop --escalate-button-font - Font of the element.
 */
export class EscalateButtonElement extends LitElement {
  static override styles = escalateButtonStyles;

  static {
    // Focus a render takes away lands on the first of these.
    this.addInitializer(keepFocus('button[part=action], input'));
  }

  /** Registers the element under `tag`; safe to call more than once. */
  static define(tag = 'escalate-button', registry: CustomElementRegistry = customElements): void {
    defineElement(tag, this, registry);
  }

  private readonly locale = new LocaleController(this);
  private readonly view = new ActorSelectorController<EscalationSnapshot, ButtonView>(this, selectButtonView, {
    compare: (a, b) => JSON.stringify(a) === JSON.stringify(b),
  });
  private readonly tools = new ActorSelectorController<EscalationSnapshot, CallToolsView>(this, selectCallTools, {
    compare: (a, b) => JSON.stringify(a) === JSON.stringify(b),
  });
  private readonly actor = new ContextConsumer(this, {
    context: escalationActorContext,
    subscribe: true,
    callback: (actor) => {
      this.view.actor = actor;
      this.tools.actor = actor;
    },
  });
  /** The camera tools, loaded once the customer is on video. */
  private toolsModule: typeof import('./camera-tools.js') | undefined;
  private toolsLoading: Promise<void> | undefined;
  private stillEditor: StillEditor | undefined;
  private readonly interaction = new ContextConsumer(this, { context: interactionContext, subscribe: true });
  /** Before the context's statechart runs: what to show, and where a press goes. */
  private readonly pending = new ContextConsumer(this, { context: pendingEscalationContext, subscribe: true });
  private stopWatchingTabs: (() => void) | undefined;
  /** The agent is filling in the expert invite. */
  @state() private inviting = false;
  /** The address typed would reach no one (said in the element's language at each render). */
  @state() private inviteInvalid = false;
  /** Which of the pool's forms is open (asking for a skill, turning an expert away). */
  @state() private poolForm: PoolForm = null;
  @state() private skillInvalid = false;
  private countdownTimer: ReturnType<typeof setTimeout> | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    this.stopWatchingTabs = onLiveSessionChange(() => this.requestUpdate());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopWatchingTabs?.();
    clearTimeout(this.countdownTimer);
  }

  private send(event: EscalationEvent): void {
    if (this.actor.value) this.actor.value.send(event);
    else this.pending.value?.send(event);
  }

  /** What to draw: the escalation's view, or before its statechart runs, a new escalation's when nothing was saved. */
  private currentView(): ButtonView | undefined {
    if (this.view.value) return this.view.value;
    return !this.actor.value && this.pending.value?.status === 'starting' ? IDLE_BUTTON_VIEW : undefined;
  }

  private async openInviteForm(): Promise<void> {
    this.inviting = true;
    this.inviteInvalid = false;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>('input[name=name]')?.focus();
  }

  private async closeInviteForm(): Promise<void> {
    this.inviting = false;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLButtonElement>('button[part=action]')?.focus();
  }

  private submitInvite(event: SubmitEvent): void {
    event.preventDefault();
    const expert = readExpertInvite(event.currentTarget as HTMLFormElement);
    if (!expert) {
      this.inviteInvalid = true;
      return;
    }
    this.send({ type: 'INVITE_EXPERT', expert });
    void this.closeInviteForm();
  }

  /** Why the agent cannot escalate right now, or '' when they can. */
  private blocker(interaction: Interaction | null): string {
    const t = this.locale.t.button;
    const pending = this.actor.value ? null : (this.pending.value ?? null);
    if (pending?.status === 'resuming') return t.resuming;
    if (pending?.status === 'unavailable') return t.unavailable;
    if ((!this.actor.value && !pending) || !interaction) return t.noInteraction;
    if (!deliveryFor(interaction)) return t.noPhone;
    const live = liveSession();
    if (live && live.interactionId !== interaction.id) return t.otherSessionLive;
    return '';
  }

  private status(view: ButtonView): string {
    const t = this.locale.t.button;
    switch (view.phase) {
      case 'idle':
        return '';
      case 'requested':
        return t.creating;
      case 'linkSent':
        if (view.newLinkRequested && view.delivery !== 'sending') return t.newLinkAsked;
        if (view.guestStep === 'checking-devices') return t.checkingDevices;
        if (view.guestStep === 'devices-ready') return t.devicesReady;
        if (view.guestStep === 'audio-only') return t.guestAudioOnly;
        if (view.guestStep === 'opened') return t.opened;
        if (view.delivery === 'sending') return t.sending;
        if (view.delivery === 'failed')
          return view.errorCode
            ? t.deliveryFailedBecause.replace('{why}', this.locale.t.agentErrors[view.errorCode])
            : t.deliveryFailed;
        if (view.channel === 'sms') return t.sentBySms.replace('{to}', maskAddress(view.to));
        if (view.channel === 'email') return t.sentByEmail.replace('{to}', maskAddress(view.to));
        return view.channel === 'chat' ? t.sentInChat : t.handedToHost;
      case 'joined':
        if (view.guestAwayUntil !== null) return t.guestLeft;
        return view.guestStep === 'audio-only' ? t.onVideoGuestAudioOnly : t.onVideo;
      case 'fallbackToVoice': {
        // The service refused (a sign-in, a limit) rather than not answering: say what it said.
        const refused = view.fallbackReason === 'service-unavailable' && view.errorCode && view.errorCode !== 'unavailable';
        const reason = refused
          ? this.locale.t.agentErrors[view.errorCode!]
          : view.fallbackReason
            ? this.locale.t.fallbackReason[view.fallbackReason]
            : '';
        const back = (view.newLinkRequested ? t.backToVoiceNewLinkAsked : t.backToVoice).replace('{reason}', reason);
        return view.consult?.outcome ? `${back}. ${this.consultOutcome(view)}` : back;
      }
      case 'consulting':
        return view.consult?.state === 'open'
          ? t.consultOpen
          : view.consult?.state === 'ending'
            ? t.consultEnding
            : t.consultOpening;
      case 'closing':
        return t.ending;
      case 'closed':
        return t.ended;
    }
  }

  /** How the last consult went, after the fallback's own words. */
  private consultOutcome(view: ButtonView): string {
    const t = this.locale.t.button;
    switch (view.consult?.outcome) {
      case 'failed':
        // The service's words are a sentence of their own: their full stop is the line's.
        return t.consultFailed.replace(
          '{why}',
          (view.errorCode
            ? this.locale.t.agentErrors[view.errorCode]
            : this.locale.t.fallbackReason['service-unavailable']
          ).replace(/\.$/, ''),
        );
      case 'media':
        return t.consultMediaFailed;
      case 'lost':
        return t.consultLost;
      default:
        return t.consultEnded;
    }
  }

  /** Inviting, asking the pool, or taking the expert out: what fits where the expert stands. */
  private expertActions(view: ButtonView): Action[] {
    const t = this.locale.t.button;
    if (view.expert.state === 'inviting') return [{ label: t.cancelInvite, event: { type: 'CANCEL_INVITE' } }];
    if (view.expert.state === 'none' && !this.inviting) return [{ label: t.inviteExpert, run: () => void this.openInviteForm() }];
    if (view.expert.state === 'joined')
      return [{ label: t.removeExpert.replace('{name}', view.expert.name ?? ''), event: { type: 'REMOVE_EXPERT' } }];
    return [];
  }

  private actions(view: ButtonView, interaction: Interaction | null): Action[] {
    const t = this.locale.t.button;
    const request = (label: string): Action[] => {
      const delivery = interaction && deliveryFor(interaction);
      return delivery && interaction ? [{ label, event: { type: 'REQUEST', interaction, delivery }, kind: 'primary' }] : [];
    };
    switch (view.phase) {
      case 'idle':
        return request(t.escalate);
      case 'requested':
        return [{ label: t.cancel, event: { type: 'CANCEL' } }];
      case 'linkSent':
        return [
          ...(view.delivery === 'sending'
            ? []
            : [
                view.newLinkRequested
                  ? ({ label: t.sendNewLink, event: { type: 'RESEND' }, kind: 'primary' } as const)
                  : { label: t.resend, event: { type: 'RESEND' } as const },
              ]),
          { label: t.continueWithoutVideo, event: { type: 'BACK_TO_VOICE' } },
          { label: t.cancel, event: { type: 'CANCEL' } },
        ];
      case 'joined':
        return [
          ...this.expertActions(view),
          // The one way to end the call, saying under it whom it ends for and what goes on.
          { label: t.hangUp, event: { type: 'HANGUP' }, kind: 'danger', describedBy: 'end-effect' },
        ];
      case 'fallbackToVoice':
        return [
          { label: t.retryVideo, event: { type: 'RETRY_VIDEO' }, kind: 'primary' },
          { label: t.consult, event: { type: 'CONSULT' } },
          { label: t.close, event: { type: 'CLOSE' } },
        ];
      case 'consulting':
        if (view.consult?.state === 'ending') return [];
        return [
          ...(view.consult?.state === 'open' ? this.expertActions(view) : []),
          { label: t.endConsult, event: { type: 'END_CONSULT' }, kind: 'danger', describedBy: 'end-effect' },
        ];
      case 'closed':
        return request(t.escalateAgain);
      default:
        return [];
    }
  }

  private renderExpert(view: ButtonView) {
    const words = expertStatusText(view.expert.status, view.expert.name, view.errorCode, this.locale.t);
    return html`<p part="expert-status" class="expert-status" role="status" aria-live="polite">${words}</p>
      ${
        this.inviting && view.expert.state === 'none'
          ? expertInviteForm(
              this.locale.t.button,
              this.inviteInvalid ? this.locale.t.button.expertAddressInvalid : '',
              (event) => this.submitInvite(event),
              () => void this.closeInviteForm(),
            )
          : nothing
      }`;
  }

  /** Asking the pool for an expert, and the lobby (loaded with the camera tools). */
  private renderExpertPool(view: ButtonView) {
    if (!this.toolsModule) {
      this.loadTools();
      return nothing;
    }
    return this.toolsModule.renderExpertPool({
      view,
      words: this.locale.t,
      form: this.poolForm,
      skillInvalid: this.skillInvalid,
      open: (form) => void this.openPoolForm(form),
      send: (event) => this.send(event),
      refuseSkill: () => (this.skillInvalid = true),
    });
  }

  private async openPoolForm(form: PoolForm): Promise<void> {
    this.poolForm = form;
    this.skillInvalid = false;
    await this.updateComplete;
    const target = form ? 'form[part=expert-form] input' : 'button[part=action]';
    this.renderRoot.querySelector<HTMLElement>(target)?.focus();
  }

  /** Loads the camera tools and the pool's controls (with their styles and words), once. */
  private loadTools(): void {
    this.toolsLoading ??= import('./camera-tools.js').then((module) => {
      const root = this.renderRoot as ShadowRoot;
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, module.cameraToolsStyles.styleSheet!];
      this.stillEditor = new module.StillEditor(this);
      this.toolsModule = module;
      this.requestUpdate();
    });
  }

  /** The camera tools: loaded the first time the customer is on video. */
  private renderCameraTools() {
    const tools = this.tools.value;
    if (!this.toolsModule) {
      this.loadTools();
      return nothing;
    }
    if (!tools) return nothing;
    return this.toolsModule.renderCameraTools({
      view: tools,
      words: this.locale.t,
      language: this.locale.language,
      editor: this.stillEditor!,
      send: (event) => this.send(event),
    });
  }

  /**
   * How long the customer who left has to come back before video ends. Not a live region: it
   * changes every second, and the status above already said the customer left.
   */
  private renderAwayCountdown(until: number) {
    clearTimeout(this.countdownTimer);
    const seconds = Math.max(0, Math.ceil((until - Date.now()) / 1000));
    this.countdownTimer = setTimeout(() => this.requestUpdate(), 1000);
    return html`<p part="countdown" class="countdown">${fill(this.locale.t.button.guestAwayCountdown, this.locale.language, { seconds: { value: seconds, format: SECONDS } })}</p>`;
  }

  protected override render() {
    const view = this.currentView();
    const interaction = this.interaction.value ?? null;
    const blocker = !view || view.phase === 'idle' || view.phase === 'closed' ? this.blocker(interaction) : '';
    const actions = view ? this.actions(view, interaction) : [];
    const status = view ? this.status(view) : '';
    return html`<div part="base" class="base">
      <p part="status" class="status" role="status" aria-live="polite">${status}</p>
      ${view?.phase === 'joined' && view.guestAwayUntil !== null ? this.renderAwayCountdown(view.guestAwayUntil) : nothing}
      ${
        blocker && actions.length === 0
          ? html`<button part="action" class="primary" disabled aria-describedby="reason">${this.locale.t.button.escalate}</button>`
          : actions.map(
              (action) =>
                html`<button part="action" class=${action.kind ?? ''} ?disabled=${Boolean(blocker)} aria-describedby=${blocker ? 'reason' : (action.describedBy ?? nothing)}
                @click=${() => (action.event ? this.send(action.event) : action.run?.())}>${action.label}</button>`,
            )
      }
      ${blocker ? html`<p part="reason" id="reason" class="reason">${blocker}</p>` : nothing}
      ${view?.phase === 'joined' || view?.phase === 'consulting' ? html`<p part="end-effect" id="end-effect" class="end-effect">${endEffect(view, this.locale.t.button)}</p>` : nothing}
      ${view && withExperts(view) ? this.renderExpert(view) : nothing}
      ${view && withExperts(view) && !this.inviting ? this.renderExpertPool(view) : nothing}
      ${view?.phase === 'joined' ? this.renderCameraTools() : nothing}
    </div>`;
  }
}
