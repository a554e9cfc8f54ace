// <video-room>: where the agent, the customer and an expert see and hear each other. It shows a
// room actor (src/core/room): inside an <escalation-context> the agent's call, which the
// escalation joins and leaves; standalone its own, joined from its attributes. It never writes
// its own inputs: what the call is doing is read from the actor's snapshot.
import { ContextConsumer } from '@lit/context';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { waitFor } from 'xstate';
import { roomActorContext } from '../../context.js';
import { RoomController } from '../../controllers/room-controller.js';
import { canShareScreen } from '../../core/devices/local-media.js';
import type { AdapterName } from '../../core/media/registry.js';
import type { MediaAdapter, MediaRole, MediaSession } from '../../core/media/types.js';
import { leaveOnce } from '../../core/room/actors.js';
import { isInRoom, selectRoomPhase } from '../../core/room/selectors.js';
import type { LeaveReason, RoomPhase, RoomTarget } from '../../core/room/types.js';
import type { GuestServiceApi } from '../../core/service/types.js';
import type { DeviceCheckResultEvent } from '../../events/device-check-result.js';
import { LocaleController } from '../../controllers/locale-controller.js';
import { enGuest } from '../../i18n/guest-strings.js';
import { keepFocus } from '../../controllers/focus-keeper-controller.js';
import { defineElement } from '../define-element.js';
import { Dependency, type Dependencies } from '../dependency.js';
import type { DeviceCheckElement } from '../device-check/device-check.js';
import { renderExpertCase } from './expert-case.js';
import { Arrivals } from './arrivals.js';
import { CameraAsks } from './camera-asks.js';
import { renderCameraAsks } from './camera-asks-view.js';
import type { CameraFacing } from '../../protocol/index.js';
import { GuestFlow } from './guest-flow.js';
import { guestRoomMachine, type RedeemedRoom } from './guest-room-machine.js';
import { renderMessage } from './video-room-messages.js';
import { renderInCall } from './video-room-view.js';
import { requestOf, SETTING_INPUTS, settingsOf } from './room-inputs.js';
import { announceRoomEvent } from './room-announcer.js';
import { expertCaseStyles } from './expert-case.styles.js';
import { ratingStyles } from './video-room-rating.styles.js';
import { videoRoomStyles } from './video-room.styles.js';
import { themeStyles } from '../theme.styles.js';

export type RoomState = RoomPhase;
export type { RedeemedRoom };

/**
 * A video call between the agent, the customer and, when invited, an expert. Standalone it joins
 * the room its attributes name; inside an `<escalation-context>` it joins the escalation's room as
 * the agent (muted in voice mode) and reports its media state; the agent ends it with the
 * escalate button's one End video, so it shows no leave control of its own there.
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
 * @csspart network - Whose connection is weak (this side's, its camera paused to keep the sound; or the path from the others); hidden while none is.
 * @csspart phone-audio - In a voice escalation: the line saying the sound stays on the phone call, and its switch.
 * @csspart consult - To an expert in a consult: that the customer is not in this video.
 * @csspart controls - The toolbar of call controls.
 * @csspart control - Each control button.
 * @csspart hang-up - The hang-up button.
 * @csspart quality - The connection-quality indicator.
 * @csspart camera-ask - For the customer: what the agent asks of their camera (the rear camera, the light, the zoom), with Allow and No, thanks.
 * @csspart camera-notice - For the customer: that the agent took a picture, or what their camera could not do; for an expert: that recording is asked for, declined or stopped (a live region).
 * @csspart arrivals - For the customer: that someone (an expert) came into the call or left it (a live region).
 * @csspart recording - While the call is recorded (the customer agreed): the indicator everyone in the call sees.
 * @csspart rating - The guest's after-call rating question.
 * @csspart callback - In chat mode, the offer of a phone call when video ended early.
 * @csspart device-check - The device check shown before joining (with `check-devices`).
 * @csspart case - For an invited expert: who invited them, for which case, and the case as the agent shared it (masked).
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
 * @cssprop --video-room-fit - How the others' pictures fit their tiles: `contain` (default: whole, with bars) or `cover` (fills, cropped).
 *
 * @fires escalation-room-joined - This participant is in the room.
 * @fires escalation-room-left - This participant left the room (hung up, ended, or failed for good).
 * @fires escalation-participant-joined - Someone else joined.
 * @fires escalation-participant-left - Someone else left.
 * @fires escalation-media-change - Microphone, camera, screen share or connection changed.
 * @fires escalation-room-error - Joining failed, or a screen share did not start.
 */
export class VideoRoomElement extends LitElement {
  static override styles = [themeStyles, videoRoomStyles, ratingStyles, expertCaseStyles];

  static {
    // Focus a render takes away lands on the first of these.
    this.addInitializer(keepFocus('button, input, textarea'));
  }

  /**
   * The elements it renders, by default tag: each is rendered under the name the page gave it.
   * The device check comes with the room (not loaded when first shown): a guest needs it before
   * anything else, and loading it late left the check missing under load in the test runs.
   */
  /**
   * The device check is loaded when it is to be shown (camera and microphone could not be used):
   * a room that joins never downloads it.
   */
  static dependencies: Dependencies = {
    'device-check': () => import('../device-check/device-check.js').then((module) => module.DeviceCheckElement),
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

  private readonly locale = new LocaleController(this, enGuest);
  private readonly guest = new GuestFlow(this, () => this.locale.t);
  private readonly deviceCheck = new Dependency(this, 'device-check');
  private readonly call = new RoomController(this, {
    machine: () => guestRoomMachine(this, this.guest),
    onEmitted: (event) => announceRoomEvent(this, this.guest, event),
  });
  /** Inside an <escalation-context>: the escalation its hang-up ends, and the agent's call. */
  protected readonly providedRoom = new ContextConsumer(this, {
    context: roomActorContext,
    subscribe: true,
    callback: (actor) => this.call.provide(actor),
  });
  private configured: unknown;
  /** Who else comes into the call or leaves it, told to the customer. */
  private readonly arrivals = new Arrivals(this, {
    watching: () => this.state === 'in-call' && this.joinedAs === 'guest',
    participants: () => this.context.participants,
    words: () => this.locale.t.room,
  });
  /** The agent's asks of the customer's camera (a customer's page only). */
  private readonly cameraAsks = new CameraAsks(this, this.guest, {
    // In the room at all: waiting for the others, with them, or reconnecting (a blip must not lose an ask).
    inCall: () => isInRoom(this.state) && this.joinedAs !== 'host',
    isCustomer: () => this.joinedAs === 'guest',
    camera: () => ({
      track: this.context.media?.video ?? null,
      off: this.context.cameraOff || this.context.cameraPausedForNetwork,
    }),
    switchCamera: (facing) => this.switchCameraTo(facing),
    words: () => this.locale.t.cameraAsks,
  });

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
    if (this.configured !== actor || SETTING_INPUTS.some((name) => changed.has(name))) {
      this.configured = actor;
      actor.send({ type: 'CONFIGURE', settings: settingsOf(this, this.locale.t.room.roleNames) });
    }
    const request = requestOf(this);
    const wantsJoin = changed.has('room') || changed.has('code') || changed.has('noAutojoin');
    if (wantsJoin && request && !this.noAutojoin && !this.call.isProvided && selectRoomPhase(actor.getSnapshot()) === 'idle')
      actor.send({ type: 'JOIN', request });
    this.state = selectRoomPhase(actor.getSnapshot());
    if (this.state === 'checking') void this.deviceCheck.load();
  }

  /** Joins the room (again); resolves once in the room, or when joining failed. */
  async join(): Promise<void> {
    const actor = this.call.actor;
    const request = this.call.isProvided ? undefined : requestOf(this);
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

  /** Turns to the camera facing `facing`: whether it now does, or null when there is no other camera. */
  private async switchCameraTo(facing: CameraFacing): Promise<boolean | null> {
    if (this.context.facingMode === facing) return true;
    if (this.context.cameras < 2) return null;
    const before = this.context.media?.video;
    this.switchCamera();
    const switched = await waitFor(this.call.actor, (snapshot) => snapshot.context.media?.video !== before, {
      timeout: 10_000,
    }).then(
      () => true,
      () => false,
    );
    return switched && this.context.facingMode === facing;
  }

  async toggleScreenShare(): Promise<void> {
    if (this.context.sharing) return void this.call.actor.send({ type: 'STOP_SCREEN' });
    try {
      const display = await navigator.mediaDevices.getDisplayMedia({ video: true, audio: false });
      this.call.actor.send({ type: 'SHARE_SCREEN', track: display.getVideoTracks()[0]! });
    } catch (error) {
      // Cancelling the browser's picker is a choice, not an error worth a message.
      if ((error as { name?: string }).name !== 'NotAllowedError')
        announceRoomEvent(this, this.guest, { type: 'error', during: 'screen-share', error });
    }
  }

  /** Leave video: this participant leaves (the agent's call in an escalation ends by its End video instead). */
  private hangUp(): void {
    void this.leave('hangup');
  }

  private readonly onDevicesChecked = (event: DeviceCheckResultEvent): void => {
    // Results nobody waits for (a check kept on screen after joining) are the check's own business.
    if (this.state !== 'checking') return;
    const media = (event.currentTarget as DeviceCheckElement).takeMedia();
    this.call.actor.send({ type: 'DEVICES_CHECKED', result: event.detail, media });
  };

  protected override render() {
    const t = this.locale.t.room;
    const context = this.context;
    return html`<section part="base" class="room" aria-label=${t.room}>
      ${this.guest.invitation ? renderExpertCase(this.guest.invitation, t, this.locale.t.casePanel) : nothing}
      ${this.state === 'in-call' ? renderCameraAsks(this.cameraAsks, this.locale.t.cameraAsks) : nothing}
      ${
        isInRoom(this.state)
          ? html`<p part="arrivals" class="notice arrivals" role="status" ?hidden=${!this.arrivals.notice}>${this.arrivals.notice}</p>${renderInCall(
              {
                strings: t,
                context,
                phase: this.state,
                selfName: this.displayName || context.redeemedDisplay,
                canShare: !this.noScreenShare && canShareScreen(),
                canLeave: !this.call.isProvided,
                onMic: () => this.toggleMicrophone(),
                onCamera: () => this.toggleCamera(),
                onShare: () => void this.toggleScreenShare(),
                onSwitch: () => this.switchCamera(),
                onHangUp: () => this.hangUp(),
                onUseDeviceAudio: () => this.call.actor.send({ type: 'USE_DEVICE_AUDIO' }),
              },
            )}`
          : renderMessage({
              strings: t,
              errors: this.locale.t.guestErrors,
              language: this.locale.language,
              phase: this.state,
              context,
              guest: this.guest,
              deviceCheckTag: this.deviceCheck.tag,
              deviceCheck: { iceServers: this.iceServers, adapter: this.adapter, mediaAdapter: this.mediaAdapter },
              onDevicesChecked: this.onDevicesChecked,
              onRate: (score, comment) => void this.guest.rate(score, comment),
              onRejoin: () => void this.join(),
            })
      }
    </section>`;
  }
}
