// <video-room>: where the agent, the customer and an expert see and hear each other. It shows a
// room actor (src/core/room): inside an <escalation-context> the agent's call, which the
// escalation joins and leaves; standalone its own, joined from its attributes. It never writes
// its own inputs: what the call is doing is read from the actor's snapshot.
import { ContextConsumer } from '@lit/context';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { waitFor } from 'xstate';
import { escalationActorContext, roomActorContext } from '../../context.js';
import { RoomController } from '../../controllers/room-controller.js';
import { canShareScreen } from '../../core/devices/local-media.js';
import { errorMessage } from '../../core/errors.js';
import { selectHostRoom } from '../../core/machine/selectors.js';
import type { AdapterName } from '../../core/media/registry.js';
import type { MediaAdapter, MediaRole, MediaSession } from '../../core/media/types.js';
import { leaveOnce } from '../../core/room/actors.js';
import { isInRoom, selectRoomPhase } from '../../core/room/selectors.js';
import type { JoinRequest, LeaveReason, RoomEmitted, RoomPhase, RoomSettings, RoomTarget } from '../../core/room/types.js';
import type { GuestServiceApi } from '../../core/service/types.js';
import type { DeviceCheckResultEvent } from '../../events/device-check-result.js';
import { EscalationMediaChangeEvent } from '../../events/escalation-media-change.js';
import { EscalationParticipantJoinedEvent } from '../../events/escalation-participant-joined.js';
import { EscalationParticipantLeftEvent } from '../../events/escalation-participant-left.js';
import { EscalationRoomErrorEvent } from '../../events/escalation-room-error.js';
import { EscalationRoomJoinedEvent } from '../../events/escalation-room-joined.js';
import { EscalationRoomLeftEvent } from '../../events/escalation-room-left.js';
import { strings } from '../../i18n/strings.js';
import { defineElement } from '../define-element.js';
import { Dependency, type Dependencies } from '../dependency.js';
import type { DeviceCheckElement } from '../device-check/device-check.js';
import { guestErrorWords } from './guest-error-words.js';
import { GuestFlow } from './guest-flow.js';
import { guestRoomMachine, type RedeemedRoom } from './guest-room-machine.js';
import { renderMessage } from './video-room-messages.js';
import { renderCallbackOffer, renderRating } from './video-room-rating.js';
import { deviceNotice, renderControls, renderSelf, renderStage } from './video-room-view.js';
import { videoRoomStyles } from './video-room.styles.js';

export type RoomState = RoomPhase;
export type { RedeemedRoom };

/** How long a guest whose devices failed waits for the escalation to fall back (and a call to be offered). */
const CALLBACK_OFFER_WAIT_MS = 15_000;
/** The properties that say how this participant joins (sent to the room as its settings). */
const SETTINGS = ['adapter', 'mediaAdapter', 'displayName', 'noVideo', 'iceServers', 'checkDevices'] as const;

/**
 * A video call between the agent, the customer and, when invited, an expert. Standalone it joins
 * the room its attributes name; inside an `<escalation-context>` it joins the escalation's room as
 * the agent (muted in voice mode), reports its media state, and its hang-up ends the escalation.
 *
 * @summary The video call: remote participants, a mirrored self-view, and the call controls.
 * @tag video-room
 *
 * @csspart base - The whole room.
 * @csspart stage - Where remote participants (and a shared screen) are shown.
 * @csspart tile - One remote participant.
 * @csspart screen - A shared screen.
 * @csspart self - The mirrored preview of this participant's camera.
 * @csspart notice - A message about missing devices.
 * @csspart controls - The toolbar of call controls.
 * @csspart control - Each control button.
 * @csspart hang-up - The hang-up button.
 * @csspart quality - The connection-quality indicator.
 * @csspart rating - The guest's after-call rating question.
 * @csspart callback - In chat mode, the offer of a phone call when video ended early.
 * @csspart device-check - The device check shown before joining (with `check-devices`).
 *
 * @cssprop --video-room-background - Room background.
 * @cssprop --video-room-foreground - Text and icon colour.
 * @cssprop --video-room-tile-background - Background of a tile without video.
 * @cssprop --video-room-accent - Colour of primary actions (rejoin, try again).
 * @cssprop --video-room-danger - Colour of the hang-up button.
 * @cssprop --video-room-radius - Corner radius of the room.
 * @cssprop --video-room-gap - Space between tiles.
 * @cssprop --video-room-min-height - Smallest height of the room.
 * @cssprop --video-room-font - Font of the room.
 *
 * @fires escalation-room-joined - This participant is in the room.
 * @fires escalation-room-left - This participant left the room (hung up, ended, or failed for good).
 * @fires escalation-participant-joined - Someone else joined.
 * @fires escalation-participant-left - Someone else left.
 * @fires escalation-media-change - Microphone, camera, screen share or connection changed.
 * @fires escalation-room-error - Joining failed, or a screen share did not start.
 */
export class VideoRoomElement extends LitElement {
  static override styles = videoRoomStyles;

  /** The elements it renders, by default tag: each is rendered under the name the page gave it. */
  static dependencies: Dependencies = {
    'device-check': async () => (await import('../device-check/device-check.js')).DeviceCheckElement,
  };

  /** Registers the element under `tag`; safe to call more than once. */
  static define(tag = 'video-room', registry: CustomElementRegistry = customElements): void {
    defineElement(tag, this, registry);
  }

  /** Media server endpoint, e.g. the Janus WebSocket URL. */
  @property() server = '';
  /** The room to join. The element joins as soon as it has one (unless `no-autojoin`). */
  @property() room = '';
  /** This participant's own media-server token from the escalation service. */
  @property() token = '';
  /**
   * A guest code from the customer's link, used when no `room` is given: `redeem` turns it into
   * the room details (the escalation service's client does that).
   */
  @property() code = '';
  /** Redeems a guest code for the room details; rejects with a message for the customer. */
  @property({ attribute: false }) redeem: ((code: string) => Promise<RedeemedRoom>) | undefined;
  /**
   * The escalation service (for a guest with a `code`): redeems the code and tells the agent how
   * the customer is getting on (opened, joined, left). Set `service-url`, or this object.
   */
  @property({ attribute: false }) service: GuestServiceApi | undefined;
  /** Where the escalation service answers; used when `service` is not set. */
  @property({ attribute: 'service-url' }) serviceUrl = '';
  /**
   * Who this participant is: `host` (the agent), `guest` (the customer) or `expert`. (Not `role`,
   * which is the element's ARIA role.)
   */
  @property({ attribute: 'participant-role' }) participantRole: MediaRole = 'guest';
  /** The name the others see. */
  @property({ attribute: 'display-name' }) displayName = '';
  /** Which registered media adapter to use: `janus`, `loopback` (same browser, for demos), or one the page registered. */
  @property() adapter: AdapterName = 'janus';
  /** A media adapter object, used instead of `adapter` when set. */
  @property({ attribute: false }) mediaAdapter: MediaAdapter | undefined;
  /** ICE servers (TURN) for the peer connections; none by default. */
  @property({ attribute: false }) iceServers: RTCIceServer[] = [];
  /** Join without the camera. */
  @property({ type: Boolean, attribute: 'no-video' }) noVideo = false;
  /** Hide the screen-share control. */
  @property({ type: Boolean, attribute: 'no-screen-share' }) noScreenShare = false;
  /** Join with the microphone muted (voice escalations: the customer's audio stays on the phone). */
  @property({ type: Boolean, attribute: 'start-muted' }) startMuted = false;
  /**
   * Before joining, show a compact `<device-check>` (the network test against this room's media
   * server included, when the adapter offers one) and tell the agent how it went: poor network
   * joins with sound only, and when neither camera nor microphone works the room does not join
   * (the agent falls back).
   */
  @property({ type: Boolean, attribute: 'check-devices' }) checkDevices = false;
  /** Do not join on connect; call `join()`. */
  @property({ type: Boolean, attribute: 'no-autojoin' }) noAutojoin = false;
  /** Where the call stands; reflected for styling. Read-only. */
  @property({ reflect: true }) state: RoomState = 'idle';

  private readonly guest = new GuestFlow(this);
  private readonly deviceCheck = new Dependency(this, 'device-check');
  private readonly call = new RoomController(this, {
    machine: () => guestRoomMachine(this, this.guest),
    onEmitted: (event) => this.announce(event),
  });
  /** Inside an <escalation-context>: the agent's call, and the escalation its hang-up ends. */
  private readonly escalation = new ContextConsumer(this, { context: escalationActorContext, subscribe: true });
  protected readonly providedRoom = new ContextConsumer(this, {
    context: roomActorContext,
    subscribe: true,
    callback: (actor) => this.call.provide(actor),
  });
  private configured: unknown;

  /** The current media session, while joined. */
  get mediaSession(): MediaSession | undefined {
    return this.context.session ?? undefined;
  }

  /** The camera and microphone this participant sends (null when it has none, or before joining). */
  get localTracks(): { audio: MediaStreamTrack | null; video: MediaStreamTrack | null } {
    const { media } = this.context;
    return { audio: media?.audio ?? null, video: media?.video ?? null };
  }

  /** Where this participant is joining or joined (given, redeemed, or the escalation's), or null. */
  get currentRoom(): RoomTarget | null {
    return this.context.room;
  }

  /** As whom this participant joins or joined: given, or, for a code, as the service said (`guest` or `expert`). */
  get joinedAs(): MediaRole {
    return this.context.role;
  }

  private get context() {
    return this.call.actor.getSnapshot().context;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const actor = this.call.actor;
    if (this.configured !== actor || SETTINGS.some((name) => changed.has(name))) {
      this.configured = actor;
      actor.send({ type: 'CONFIGURE', settings: this.settings() });
    }
    const wantsJoin = changed.has('room') || changed.has('code') || changed.has('noAutojoin');
    if (
      wantsJoin &&
      !this.call.isProvided &&
      !this.noAutojoin &&
      this.request() &&
      selectRoomPhase(actor.getSnapshot()) === 'idle'
    )
      actor.send({ type: 'JOIN', request: this.request()! });
    this.state = selectRoomPhase(actor.getSnapshot());
    if (this.state === 'checking') void this.deviceCheck.load();
  }

  private settings(): Partial<RoomSettings> {
    return {
      adapter: this.mediaAdapter ?? this.adapter,
      display: this.displayName,
      roleNames: strings().room.roleNames,
      video: !this.noVideo,
      iceServers: this.iceServers,
      checkDevices: this.checkDevices,
    };
  }

  /** The standalone room's request, from the attributes: a room, or a code to redeem. */
  private request(): JoinRequest | undefined {
    if (this.room) {
      const room = { server: this.server, room: this.room, ...(this.token ? { token: this.token } : {}) };
      return { room, role: this.participantRole, startMuted: this.startMuted };
    }
    return this.code ? { code: this.code } : undefined;
  }

  /** Joins the room (again); resolves once in the room, or when joining failed. */
  async join(): Promise<void> {
    const actor = this.call.actor;
    const request = this.call.isProvided ? undefined : this.request();
    actor.send({ type: 'JOIN', ...(request ? { request } : {}) });
    await waitFor(actor, (snapshot) =>
      ['waiting', 'in-call', 'reconnecting', 'left', 'error', 'idle'].includes(selectRoomPhase(snapshot)),
    );
  }

  /** Leaves the room and frees the camera, microphone and connections. */
  async leave(reason: LeaveReason = 'hangup'): Promise<void> {
    const session = this.context.session;
    this.call.actor.send({ type: 'LEAVE', reason });
    if (session) await leaveOnce(session);
  }

  /**
   * The customer's (or expert's) code did not work: asks the agent, through the service, for a
   * new link. `relayed` is false when no agent heard it, or this room has no service to ask.
   */
  askForNewLink(reason = ''): Promise<{ relayed: boolean }> {
    return this.guest.askForNewLink(reason);
  }

  toggleMicrophone(): void {
    this.call.actor.send({ type: 'TOGGLE_MIC' });
  }

  toggleCamera(): void {
    this.call.actor.send({ type: 'TOGGLE_CAMERA' });
  }

  /** Front or back camera, on phones that have both. */
  switchCamera(): void {
    this.call.actor.send({ type: 'SWITCH_CAMERA' });
  }

  async toggleScreenShare(): Promise<void> {
    if (this.context.sharing) return void this.call.actor.send({ type: 'STOP_SCREEN' });
    try {
      const display = await navigator.mediaDevices.getDisplayMedia({ video: true, audio: false });
      this.call.actor.send({ type: 'SHARE_SCREEN', track: display.getVideoTracks()[0]! });
    } catch (error) {
      // Cancelling the browser's picker is a choice, not an error worth a message.
      if ((error as { name?: string }).name !== 'NotAllowedError')
        this.announce({ type: 'error', during: 'screen-share', error });
    }
  }

  /** The hang-up button: inside an escalation the escalation ends (and this room with it). */
  private hangUp(): void {
    const escalation = this.escalation.value;
    if (this.call.isProvided && escalation && selectHostRoom(escalation.getSnapshot())) escalation.send({ type: 'HANGUP' });
    else void this.leave('hangup');
  }

  /** What the room announces, as DOM events (and, for a guest, as reports to the agent). */
  private announce(event: RoomEmitted): void {
    switch (event.type) {
      case 'joined':
        return void this.dispatchEvent(new EscalationRoomJoinedEvent({ participantId: event.participantId, room: event.room }));
      case 'left':
        return void this.dispatchEvent(new EscalationRoomLeftEvent({ reason: event.reason }));
      case 'participantJoined':
        return void this.dispatchEvent(
          new EscalationParticipantJoinedEvent({ id: event.id, display: event.display, role: event.role }),
        );
      case 'participantLeft':
        return void this.dispatchEvent(new EscalationParticipantLeftEvent({ id: event.id }));
      case 'mediaChange': {
        const { type: _type, ...detail } = event;
        return void this.dispatchEvent(new EscalationMediaChangeEvent(detail));
      }
      case 'error': {
        const t = strings().room;
        const message =
          event.during === 'join' ? guestErrorWords(event.error) : `${t.screenShareFailed} ${errorMessage(event.error)}`;
        return void this.dispatchEvent(new EscalationRoomErrorEvent({ message }));
      }
      case 'progress':
        this.guest.report(event.step);
        // The agent falls back; in a chat, the customer may then ask for a call instead.
        if (event.step === 'device-failed') void this.guest.checkCallbackOffer(CALLBACK_OFFER_WAIT_MS);
        return;
      case 'endedRemotely':
        return void this.guest.checkCallbackOffer();
    }
  }

  private readonly onDevicesChecked = (event: DeviceCheckResultEvent): void => {
    // Results nobody waits for (a check kept on screen after joining) are the check's own business.
    if (this.state !== 'checking') return;
    const media = (event.currentTarget as DeviceCheckElement).takeMedia();
    this.call.actor.send({ type: 'DEVICES_CHECKED', result: event.detail, media });
  };

  protected override render() {
    const t = strings().room;
    const context = this.context;
    const inRoom = isInRoom(this.state);
    const notice = inRoom ? deviceNotice(context.media, context.audioOnly, t) : '';
    const media = context.media;
    return html`<section part="base" class="room" aria-label=${t.room}>
      ${inRoom ? renderStage({ participants: context.participants, role: context.role, strings: t }) : this.renderMessage()}
      ${
        inRoom
          ? renderSelf({
              track: media?.video ?? null,
              cameraOff: context.cameraOff,
              name: this.displayName || context.redeemedDisplay,
              strings: t,
            })
          : nothing
      }
      ${notice ? html`<p part="notice" class="notice" role="status">${notice}</p>` : nothing}
      ${this.state === 'reconnecting' ? html`<div class="overlay" role="status">${t.reconnecting}</div>` : nothing}
      ${
        inRoom
          ? renderControls({
              strings: t,
              micMuted: context.micMuted,
              hasMic: Boolean(media?.audio),
              cameraOff: context.cameraOff,
              hasCamera: Boolean(media?.video),
              sharing: context.sharing,
              canShare: !this.noScreenShare && canShareScreen(),
              canSwitch: context.cameras > 1,
              quality: context.quality,
              onMic: () => this.toggleMicrophone(),
              onCamera: () => this.toggleCamera(),
              onShare: () => void this.toggleScreenShare(),
              onSwitch: () => this.switchCamera(),
              onHangUp: () => this.hangUp(),
            })
          : nothing
      }
    </section>`;
  }

  private renderMessage() {
    const t = strings().room;
    const context = this.context;
    const guest = this.guest;
    const room = context.room;
    return renderMessage({
      strings: t,
      phase: this.state,
      endedRemotely: context.endedRemotely,
      problem: this.state === 'error' && context.error ? guestErrorWords(context.error) : '',
      devicesUnusable: context.devicesUnusable,
      deviceCheckTag: this.deviceCheck.tag,
      deviceCheck: {
        server: room?.server ?? '',
        token: context.networkTestToken,
        // The service's TURN servers for this room, else the host's.
        iceServers: room?.iceServers?.length ? room.iceServers : this.iceServers,
        adapter: this.adapter,
        mediaAdapter: this.mediaAdapter,
        onResult: this.onDevicesChecked,
      },
      rating:
        context.role === 'guest' && guest.canRate
          ? renderRating({ strings: t, sent: guest.ratingSent, onSubmit: (score, comment) => void this.rate(score, comment) })
          : nothing,
      callbackOffer: guest.callbackOffered
        ? renderCallbackOffer({
            strings: t,
            sentTo: guest.callbackSentTo,
            problem: guest.callbackProblem,
            onSubmit: (phone) => void guest.requestCallback(phone),
          })
        : nothing,
      onRejoin: () => void this.join(),
    });
  }

  private async rate(score: 1 | 2 | 3 | 4 | 5, comment: string): Promise<void> {
    try {
      await this.guest.rate(score, comment);
    } catch (error) {
      this.dispatchEvent(new EscalationRoomErrorEvent({ message: guestErrorWords(error) }));
    }
  }
}
