// <escalation-context>: the one escalation of an interaction, shared by @lit/context with every
// escalation element inside it, with the agent's call it invokes. Controllers own the actors
// (EscalationController, loaded with the statechart after the first render: escalation-runtime.ts)
// and the cross-tab live mark (LiveMarkController); escalation-setup.ts turns the attributes into
// the machine's settings; this file holds the properties, keeps what is sent before the
// statechart runs, and draws the case panel.
import { ContextProvider } from '@lit/context';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import {
  escalationActorContext,
  interactionContext,
  pendingEscalationContext,
  roomActorContext,
  type PendingEscalation,
} from '../../context.js';
import { ActorSelectorController } from '../../controllers/actor-selector-controller.js';
import type { EscalationController, EscalationSetup } from '../../controllers/escalation-controller.js';
import { LiveMarkController } from '../../controllers/live-mark-controller.js';
import { guestStepOf, type DeviceCheckResult } from '../../core/diagnostics/result.js';
import { errorMessage } from '../../core/errors.js';
import { logger } from '../../core/logger.js';
import type { EscalationMachine } from '../../core/machine/escalation-machine.js';
import { assertEscalationEvent } from '../../core/machine/event-types.js';
import type { EscalationActor } from '../../core/machine/persistence.js';
import { selectIsActive, selectPhase, type VisiblePhase } from '../../core/machine/selectors.js';
import type { EscalationEvent, EscalationMode, Interaction } from '../../core/machine/types.js';
import type { AgentTokenProvider } from '../../core/service/types.js';
import { LocaleController } from '../../controllers/locale-controller.js';
import { defineElement } from '../define-element.js';
import { renderCasePanel } from './case-panel.js';
import { escalationContextStyles } from './escalation-context.styles.js';
import { escalationInput, sessionStore, statechartLoader, type Runtime } from './escalation-setup.js';
import { parseInteractionJson, resolveInteraction } from './interaction-attributes.js';

/**
 * Owns the escalation of one interaction and shares it with the escalation elements inside.
 * The escalation joins the agent's call itself (muted in voice mode) and leaves it when video
 * ends: a `<video-room>` inside shows that call, but is not needed for it.
 *
 * @summary The escalation of one interaction, shared by context with the elements inside it.
 * @tag escalation-context
 *
 * @slot - The escalation elements (and anything else) of this interaction.
 *
 * @csspart case - The compact case panel: customer, case number, channel, issue.
 * @csspart base - The wrapper around the slotted content.
 * @csspart status - The screen-reader announcement of the current phase (visually hidden).
 *
 * @cssprop --escalation-context-display - How the element lays out; `block` by default.
 * @cssprop --escalation-context-case-background - Background of the case panel.
 *
 * @fires escalation-state-change - The escalation moved to another phase.
 * @fires escalation-link - A guest link is ready; for chat delivery, post it into the chat.
 * @fires escalation-link-delivery - An SMS or e-mail with the link was sent, or failed.
 * @fires escalation-guest-progress - The customer opened the link, checked devices, joined or left.
 * @fires escalation-expert - The expert is being invited, joined or left, or the invite failed.
 * @fires escalation-fallback - The interaction went back to voice or chat only, with the reason.
 * @fires escalation-callback-request - In chat mode, after video ended, the customer asked to be called at a number.
 * @fires escalation-new-link-request - The customer (or the expert) said their link did not work and asks for a new one.
 * @fires escalation-snapshot - The agent kept a still of the customer's camera for the case (the image, with and without the agent's marks, and the note).
 * @fires escalation-closed - The escalation ended, with a summary.
 */
export class EscalationContextElement extends LitElement {
  static override styles = escalationContextStyles;

  /** Registers the element under `tag`; safe to call more than once. */
  static define(tag = 'escalation-context', registry: CustomElementRegistry = customElements): void {
    defineElement(tag, this, registry);
  }

  /**
   * `voice`: the customer's audio stays on the phone and the browser mic starts muted; `chat`:
   * audio and video in the room. Like the timeouts, it is read when an escalation starts.
   */
  @property() mode: EscalationMode = 'voice';

  /** Seconds the agent waits for the customer after the link went out. */
  @property({ type: Number, attribute: 'join-timeout' }) joinTimeout: number | undefined;

  /** Seconds a customer who dropped may take to come back before the call falls back to voice. */
  @property({ type: Number, attribute: 'rejoin-grace' }) rejoinGrace: number | undefined;

  /** Seconds the video may stay "Reconnecting…" before the call falls back to voice. */
  @property({ type: Number, attribute: 'reconnect-timeout' }) reconnectTimeout: number | undefined;

  /**
   * Key under which the escalation is kept in session storage so that a page reload resumes it
   * (one per agent and interaction). No persistence when empty.
   */
  @property({ attribute: 'persist-key' }) persistKey = '';

  /**
   * The escalation machine with the host's service and media actors provided
   * (`escalationMachine.provide({ actors })`). Setting it later restarts the actor on the new
   * machine, resuming from the saved state when `persist-key` is set. Unset: the built-in
   * machine, loaded after the element's first render, talking to `service-url`.
   */
  @property({ attribute: false }) machine: EscalationMachine | undefined;

  /** The interaction as an object (id, channel, customerName, customerPhone, caseNumber, issue). */
  @property({ attribute: 'interaction', converter: { fromAttribute: parseInteractionJson } }) interaction:
    Partial<Interaction> | undefined;
  /** The contact center's id for the call or chat. */
  @property({ attribute: 'interaction-id' }) interactionId = '';
  /** `voice` or `chat`: what the interaction is today. */
  @property() channel = '';
  @property({ attribute: 'customer-name' }) customerName = '';
  /** E.164 number; the link goes there by SMS for a voice interaction. */
  @property({ attribute: 'customer-phone' }) customerPhone = '';
  @property({ attribute: 'case-number' }) caseNumber = '';
  @property() issue = '';
  /** Hide the compact case panel (customer, case, channel, issue). */
  @property({ type: Boolean, attribute: 'no-case-panel' }) noCasePanel = false;
  /**
   * Where the escalation service answers. When set (and no `machine` is given), the element
   * talks to it itself: tags alone are enough.
   */
  @property({ attribute: 'service-url' }) serviceUrl = '';
  /**
   * The agent's sign-in token for the escalation service (a JWT from the host platform or the
   * integrator's backend). Read at each call, so a host may replace it as it renews.
   */
  @property() token = '';
  /**
   * Where to get the agent's token instead: called when there is none, a minute before the one
   * held expires, and once more when the service refuses it (`reason` says which).
   */
  @property({ attribute: false }) getToken: AgentTokenProvider | undefined;

  /** The current phase; reflected so hosts can style on it. Read-only. */
  @property({ reflect: true }) state: VisiblePhase = 'idle';

  /** The controller running the statechart, once its code has loaded (see `loadRuntime`). */
  private escalation: EscalationController | undefined;
  private loading: Promise<void> | undefined;
  /** What was sent before the statechart ran, in order; handed to it when it starts. */
  private readonly queued: EscalationEvent[] = [];
  private readonly liveMark = new LiveMarkController(this, {
    interactionId: () => this.escalation?.actor?.getSnapshot().context.interaction?.id,
    isLive: () => Boolean(this.escalation?.actor && selectIsActive(this.escalation.actor.getSnapshot())),
  });
  private readonly locale = new LocaleController(this);
  private readonly provider = new ContextProvider(this, { context: escalationActorContext });
  private readonly pendingProvider = new ContextProvider(this, { context: pendingEscalationContext, initialValue: null });
  private readonly roomProvider = new ContextProvider(this, { context: roomActorContext });
  private readonly interactionProvider = new ContextProvider(this, { context: interactionContext, initialValue: null });
  private readonly phase = new ActorSelectorController(this, selectPhase);
  /** The interaction each escalation actor was looked up for (see `lookUp`). */
  private readonly lookedUp = new WeakMap<EscalationActor, string>();
  private serviceMachine: { url: string; machine: EscalationMachine } | undefined;

  /** The interaction as resolved from the property and the attributes, or null. */
  get currentInteraction(): Interaction | null {
    return resolveInteraction(this.interaction, this);
  }

  /**
   * The escalation actor. It starts once the statechart has loaded (after the element's first
   * render; `await element.updateComplete` waits for it), so properties a host sets in the same
   * task, `machine` above all, are in place.
   */
  get actor(): EscalationActor | undefined {
    return this.escalation?.actor;
  }

  /**
   * Sends an event to the escalation (REQUEST, HANGUP, TASK_CLOSED, ...); throws on an unknown
   * one. A REQUEST after an escalation ended starts the next escalation of the interaction.
   * Sent before the statechart runs, it is kept and handed to it, in order, when it starts.
   */
  send(event: EscalationEvent): void {
    assertEscalationEvent(event);
    if (!this.isConnected) throw new Error('escalation-context: not connected; append it to the document first');
    if (!this.escalation) {
      this.queued.push(event);
      return;
    }
    const actor = this.escalation.ensure();
    if (event.type === 'REQUEST' && actor.getSnapshot().status === 'done') this.escalation.start().send(event);
    else actor.send(event);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.escalation) return;
    this.pendingProvider.setValue(this.pending(this.savedEscalation() ? 'resuming' : 'starting'));
    void this.loadRuntime();
  }

  /** Resolves once rendered and, while connected, once the statechart has loaded and the actor runs. */
  protected override async getUpdateComplete(): Promise<boolean> {
    const rendered = await super.getUpdateComplete();
    if (this.escalation || !this.loading) return rendered;
    await this.loading;
    return this.getUpdateComplete();
  }

  private pending(status: PendingEscalation['status']): PendingEscalation {
    return { status, send: (event) => this.send(event) };
  }

  /** Whether an escalation saved before a reload is waiting to be resumed. */
  private savedEscalation(): boolean {
    return Boolean(this.persistKey) && sessionStore()?.getItem(this.persistKey) != null;
  }

  /** Fetches the statechart once; a failure is shown to the agent, and the next connect tries again. */
  private loadRuntime(): Promise<void> {
    this.loading ??= statechartLoader.load().then(
      (runtime) => {
        this.escalation = this.controller(runtime);
        this.requestUpdate();
      },
      (error: unknown) => {
        this.loading = undefined;
        logger.error(`escalation-context: could not load the escalation statechart: ${errorMessage(error)}`);
        this.pendingProvider.setValue(this.pending('unavailable'));
      },
    );
    return this.loading;
  }

  private controller(runtime: Runtime): EscalationController {
    return new runtime.EscalationController(this, {
      setup: () => this.setup(runtime),
      // The room's words are the guest elements' section: here once a <video-room> was made (the
      // room's own English defaults serve until then).
      roomSettings: () => ('room' in this.locale.t ? { roleNames: this.locale.t.room.roleNames } : {}),
      onStart: (actor) => {
        this.phase.actor = actor;
        this.provider.setValue(actor);
        this.pendingProvider.setValue(null);
      },
      onRoom: (room) => this.roomProvider.setValue(room),
      mayRestart: (machineChanged) => {
        if (this.phase.value === 'idle' || (machineChanged && this.persistKey)) return true;
        // Mid-escalation, a new machine can take over only by resuming the saved state.
        if (machineChanged)
          logger.warn(
            'escalation-context: a new `machine` was set during an escalation without `persist-key`; keeping the running one. Set the same machine object, or set it before connecting.',
          );
        return false;
      },
    });
  }

  /**
   * Tells the escalation what the guest's `<device-check>` found, for a host that relays it
   * itself (with `service-url`, the guest's page reports it through the service): neither camera
   * nor microphone falls back to voice (reason `guest-device`); a poor network notes that the
   * customer joins with sound only.
   */
  reportGuestDevices(result: DeviceCheckResult): void {
    this.send({ type: 'GUEST_PROGRESS', step: guestStepOf(result), detail: result.reasons.join(', ') });
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const interaction = this.currentInteraction;
    if (JSON.stringify(interaction) !== JSON.stringify(this.interactionProvider.value))
      this.interactionProvider.setValue(interaction);
    if (this.isConnected && this.escalation) {
      this.escalation.sync();
      for (const event of this.queued.splice(0)) this.send(event);
    }
    if (this.phase.value !== undefined && this.phase.value !== this.state) {
      this.state = this.phase.value;
      this.liveMark.mark();
    }
    super.willUpdate(changed);
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    this.lookUp();
  }

  /**
   * When the interaction's task reaches the agent, once per escalation actor and interaction: a
   * contact-center flow may have started its escalation already, which the agent then carries on.
   */
  private lookUp(): void {
    const actor = this.escalation?.actor;
    const interaction = this.currentInteraction;
    if (!actor || !interaction || actor.getSnapshot().value !== 'idle') return;
    if (this.lookedUp.get(actor) === interaction.id) return;
    this.lookedUp.set(actor, interaction.id);
    actor.send({ type: 'LOOK_UP', interaction });
  }

  private setup(runtime: Runtime): EscalationSetup {
    const storage = this.persistKey ? sessionStore() : undefined;
    return {
      machine: this.effectiveMachine(runtime),
      input: escalationInput(this),
      ...(storage ? { storage: { storage, key: this.persistKey } } : {}),
    };
  }

  /** The machine to run: the host's, or the built-in one talking to `service-url`. */
  private effectiveMachine({ escalationMachine, serviceActors, serviceFor }: Runtime): EscalationMachine {
    const machine = this.machine ?? escalationMachine;
    if (machine !== escalationMachine || !this.serviceUrl) return machine;
    if (this.serviceMachine?.url !== this.serviceUrl) {
      this.serviceMachine = {
        url: this.serviceUrl,
        machine: escalationMachine.provide({
          actors: serviceActors(serviceFor(this.serviceUrl, (reason) => (this.getToken ? this.getToken(reason) : this.token))),
        }),
      };
    }
    return this.serviceMachine.machine;
  }

  protected override render() {
    const interaction = this.currentInteraction;
    return html`${interaction && !this.noCasePanel ? renderCasePanel(interaction, this.locale.t.casePanel) : nothing}
      <div part="base"><slot></slot></div>
      <div part="status" class="visually-hidden" role="status">${this.locale.t.phase[this.phase.value ?? 'idle']}</div>`;
  }
}
