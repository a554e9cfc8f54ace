// <video-room>: where the agent, the customer and an expert see and hear each other. It joins a
// room through a media adapter, publishes the camera and microphone (or what of them it can
// get), lays out whoever is there, and offers the call controls.
import { ContextConsumer } from '@lit/context';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { escalationActorContext } from '../../context.js';
import { ActorSelectorController } from '../../controllers/actor-selector-controller.js';
import { selectHostRoom, selectMicStartsMuted, type EscalationSnapshot } from '../../core/machine/selectors.js';
import type { RoomCredentials } from '../../core/machine/types.js';
import { fromStore } from '../../controllers/store-source.js';
import { errorMessage } from '../../core/errors.js';
import type { GuestServiceApi } from '../../core/service/types.js';
import { ServiceError } from '../../core/service/service-error.js';
import { guestErrorWords } from './guest-error-words.js';
import { GuestFlow } from './guest-flow.js';
import { DeviceCheckGate } from './device-check-gate.js';
import { guestStepOf } from '../../core/diagnostics/result.js';
import { chosenDeviceIds } from '../../core/devices/device-choices.js';
import { loadAdapter, type AdapterName } from '../../core/media/registry.js';
import {
  acquireLocalMedia,
  canShareScreen,
  countCameras,
  otherCamera,
  type FacingMode,
  type LocalMedia,
} from '../../core/devices/local-media.js';
import type {
  ConnectionState,
  MediaAdapter,
  MediaRole,
  MediaSession,
  QualityLevel,
  RemoteParticipant,
} from '../../core/media/types.js';
import { EscalationMediaChangeEvent } from '../../events/escalation-media-change.js';
import { EscalationParticipantJoinedEvent } from '../../events/escalation-participant-joined.js';
import { EscalationParticipantLeftEvent } from '../../events/escalation-participant-left.js';
import { EscalationRoomErrorEvent } from '../../events/escalation-room-error.js';
import { EscalationRoomJoinedEvent } from '../../events/escalation-room-joined.js';
import { EscalationRoomLeftEvent } from '../../events/escalation-room-left.js';
import { strings } from '../../i18n/strings.js';
import { defineElement } from '../define-element.js';
import { renderCallbackOffer, renderRating } from './video-room-rating.js';
import { renderControls, renderSelf, renderStage } from './video-room-view.js';
import { videoRoomStyles } from './video-room.styles.js';
import { sleep } from '../../core/sleep.js';

export type RoomState = 'idle' | 'checking' | 'connecting' | 'waiting' | 'in-call' | 'reconnecting' | 'left' | 'error';

/** What redeeming a guest code gives: where to join (and, from the escalation service, as whom). */
export interface RedeemedRoom extends Omit<RoomCredentials, 'token' | 'iceServers'> {
  token?: string;
  displayName?: string;
  iceServers?: RTCIceServer[];
}

const STATS_EVERY_MS = 2000;
/** How often a reconnecting guest asks where the room is now. */
const MOVE_POLL_MS = 1000;
/** How long a guest whose devices failed waits for the escalation to fall back (and a call to be offered). */
const CALLBACK_OFFER_WAIT_MS = 15_000;

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
 * @csspart device-check - The `<device-check>` shown before joining (with `check-devices`).
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
  /** Which media adapter to use: `janus` or `loopback` (same browser, for demos). */
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
   * server included) and tell the agent how it went: poor network joins with sound only, and
   * when neither camera nor microphone works the room does not join (the agent falls back).
   */
  @property({ type: Boolean, attribute: 'check-devices' }) checkDevices = false;
  /** Do not join on connect; call `join()`. */
  @property({ type: Boolean, attribute: 'no-autojoin' }) noAutojoin = false;
  /** Where the call stands; reflected for styling. Read-only. */
  @property({ reflect: true }) state: RoomState = 'idle';

  @state() private local: LocalMedia | null = null;
  @state() private micMuted = false;
  @state() private cameraOff = false;
  @state() private sharing = false;
  @state() private quality: QualityLevel = 'unknown';
  @state() private cameras = 0;
  @state() private problem = '';
  /** The device check found the network poor: joined with sound only. */
  @state() private audioOnly = false;
  /** The device check found neither camera nor microphone usable. */
  @state() private devicesUnusable = false;
  private readonly deviceCheck = new DeviceCheckGate();
  /** As whom the service said to join: this participant's id and the agent's (whom alone to show as the agent). */
  private identity: { participantId?: string; agentId?: string } = {};
  /** The service's token for the device check's network test. */
  private networkTestToken = '';
  /** TURN servers the service gave with the room (this participant's own credentials). */
  private serviceIceServers: RTCIceServer[] | undefined;

  private session: MediaSession | undefined;
  private autoJoinDue = false;
  /** The call was ended by the other side, not by this participant. */
  @state() private endedRemotely = false;
  private readonly guest = new GuestFlow(this);
  /** The join under way, and the attempt it is (a leave() since makes it stale). */
  private joining: { done: Promise<void>; attempt: number } | undefined;
  private facingMode: FacingMode = 'user';
  private attempt = 0;
  private statsTimer: ReturnType<typeof setInterval> | undefined;
  private removalTimer: ReturnType<typeof setTimeout> | undefined;
  private unlisten: (() => void)[] = [];
  /** A guest's reconnecting call is asking the service where its room is now. */
  private followingMove = false;
  /** Inside an <escalation-context>, the escalation says which room the agent is in, and hears back. */
  private readonly escalation = new ContextConsumer(this, {
    context: escalationActorContext,
    subscribe: true,
    callback: (actor) => {
      this.hostRoom.actor = actor;
    },
  });
  private readonly hostRoom = new ActorSelectorController<EscalationSnapshot, RoomCredentials | null>(this, selectHostRoom, {
    compare: (a, b) => a?.room === b?.room && a?.server === b?.server && a?.token === b?.token,
  });
  private readonly people = new ActorSelectorController<readonly RemoteParticipant[], readonly RemoteParticipant[]>(
    this,
    (list) => list,
  );
  private readonly connection = new ActorSelectorController<ConnectionState, ConnectionState>(this, (value) => value);

  /** The current media session, while joined. */
  get mediaSession(): MediaSession | undefined {
    return this.session;
  }

  /** The camera and microphone this participant sends (null when it has none, or before joining). */
  get localTracks(): { audio: MediaStreamTrack | null; video: MediaStreamTrack | null } {
    return { audio: this.local?.audio ?? null, video: this.local?.video ?? null };
  }

  override connectedCallback(): void {
    super.connectedCallback();
    clearTimeout(this.removalTimer);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // Moving the element keeps the call; removing it ends the call and frees the devices.
    this.removalTimer = setTimeout(() => {
      if (!this.isConnected) void this.leave('ended');
    });
  }

  protected override updated(): void {
    if (this.autoJoinDue) {
      this.autoJoinDue = false;
      // After this update, not in it: joining changes what is shown.
      void this.updateComplete.then(() => this.join());
    }
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.followEscalation();
    // Decided here, before rendering, so the "joining" state shows in this very update.
    if (
      !this.noAutojoin &&
      (this.room || this.code) &&
      this.state === 'idle' &&
      (changed.has('room') || changed.has('code') || changed.has('noAutojoin') || changed.has('state'))
    ) {
      this.autoJoinDue = true;
      this.state = 'connecting';
    }
    if (!this.session) return;
    const connection = this.connection.value;
    if (connection === 'reconnecting' || connection === 'connecting')
      this.state = connection === 'reconnecting' ? 'reconnecting' : 'connecting';
    else if (connection === 'failed') this.state = 'error';
    else if (connection === 'connected') this.state = (this.people.value?.length ?? 0) > 0 ? 'in-call' : 'waiting';
  }

  /** Takes the room from the escalation, when there is one above: join it, or leave when it ends. */
  private followEscalation(): void {
    const actor = this.escalation.value;
    if (!actor) return;
    const room = this.hostRoom.value ?? null;
    if (!room) {
      if (this.session || this.state === 'connecting' || this.state === 'checking') void this.leave('ended');
      return;
    }
    if (room.room === this.room && room.server === this.server) return;
    // The same room, made again on another media server (the first died): the call follows it.
    if (room.room === this.room && this.session?.moveTo) {
      this.server = room.server;
      this.session.moveTo(room.server);
      return;
    }
    this.server = room.server;
    this.room = room.room;
    this.token = room.token;
    this.identity = {
      ...(room.participantId ? { participantId: room.participantId } : {}),
      ...(room.agentId ? { agentId: room.agentId } : {}),
    };
    this.serviceIceServers = room.iceServers;
    this.participantRole = 'host';
    this.startMuted = selectMicStartsMuted(actor.getSnapshot());
    if (this.state === 'left' || this.state === 'error') this.state = 'idle';
  }

  /** Joins the room: camera and microphone are asked for while the connection is being made. */
  async join(): Promise<void> {
    // A join still under way is waited for; when a leave() made it stale, this one starts afresh.
    while (this.joining) {
      const { done, attempt } = this.joining;
      await done;
      if (this.session || attempt === this.attempt) return;
    }
    if (this.session) return;
    const done = this.connect().finally(() => (this.joining = undefined));
    // connect() took its attempt number before its first await.
    this.joining = { done, attempt: this.attempt };
    await done;
  }

  private async connect(): Promise<void> {
    const attempt = ++this.attempt;
    this.state = 'connecting';
    this.endedRemotely = false;
    this.problem = '';
    // Whatever camera and microphone this attempt holds, so a failed join still lets them go.
    let media: LocalMedia | undefined;
    let acquiring: Promise<LocalMedia> | undefined;
    try {
      if (!this.room && this.code) await this.redeemCode();
      const checked = this.checkDevices ? await this.checkedMedia(attempt) : undefined;
      if (checked) media = checked;
      if (attempt !== this.attempt || checked === null) return stopMedia(media);
      const adapter = this.mediaAdapter ?? (await loadAdapter(this.adapter));
      if (!checked) this.guest.report('checking-devices');
      this.state = 'connecting';
      const joining = adapter.join({
        server: this.server,
        room: this.room,
        role: this.participantRole,
        display: this.displayName || strings().room.roleNames[this.participantRole],
        iceServers: this.usedIceServers(),
        ...(this.token ? { token: this.token } : {}),
        ...this.identity,
        ...(this.audioOnly ? { receiveVideo: false } : {}),
      });
      acquiring = checked
        ? Promise.resolve(checked)
        : acquireLocalMedia({ audio: true, video: !this.noVideo, ...this.devicesToAsk() });
      const [acquired, session] = await Promise.all([acquiring, joining]);
      media = acquired;
      if (attempt !== this.attempt) {
        await session.leave();
        return stopMedia(media);
      }
      // A customer who can neither be seen nor heard cannot do video: the agent falls back to voice.
      if (!media.audio && !media.video) this.guest.report('device-failed');
      this.bind(session);
      this.local = media;
      this.micMuted = this.startMuted;
      this.cameraOff = false;
      // Muted before anything is sent (voice escalations: no echo of the phone call), and no
      // extra round trip when there is nothing to mute.
      if (this.startMuted) await session.setMuted('audio', true);
      await session.publish({ ...(media.audio ? { audio: media.audio } : {}), ...(media.video ? { video: media.video } : {}) });
      this.dispatchEvent(new EscalationRoomJoinedEvent({ participantId: session.participantId, room: this.room }));
      this.reportToEscalation(session.connectionState.get());
      this.guest.report('joined');
      this.announceMedia();
      this.statsTimer = setInterval(() => void this.readStats(), STATS_EVERY_MS);
      this.cameras = await countCameras();
    } catch (error) {
      stopMedia(media);
      // The join failed while the devices were still being opened: let them go once they are.
      if (!media) void acquiring?.then(stopMedia, () => undefined);
      if (attempt !== this.attempt) return;
      this.state = 'error';
      this.problem = error instanceof ServiceError ? guestErrorWords(error) : errorMessage(error);
      this.dispatchEvent(new EscalationRoomErrorEvent({ message: this.problem }));
    }
  }

  /** The camera and microphone chosen in a `<device-check>`, unless the person switched camera here. */
  private devicesToAsk(): { cameraId?: string; microphoneId?: string; facingMode?: FacingMode } {
    const chosen = chosenDeviceIds();
    return chosen.cameraId && this.facingMode === 'user' ? chosen : { ...chosen, facingMode: this.facingMode };
  }

  /**
   * Shows the device check and waits until it finds a camera or microphone to use (the person
   * may fix things and check again); the agent hears each outcome. The check's tracks are taken
   * over, so the browser does not ask a second time.
   */
  private async checkedMedia(attempt: number): Promise<LocalMedia | null> {
    this.audioOnly = false;
    this.devicesUnusable = false;
    this.state = 'checking';
    this.guest.report('checking-devices');
    for (;;) {
      const outcome = await this.deviceCheck.next();
      if (!outcome) return null;
      const { result, media } = outcome;
      if (attempt !== this.attempt) return media;
      const step = guestStepOf(result);
      if (step !== 'device-failed') {
        this.devicesUnusable = false;
        this.audioOnly = step === 'audio-only';
        this.guest.report(step);
        if (!this.audioOnly) return media;
        media.video?.stop();
        return { ...media, video: null, camera: 'off' };
      }
      stopMedia(media);
      // Reported once: the agent falls back (in a chat, the customer may ask for a call); a later
      // pass still joins if the room is there.
      if (!this.devicesUnusable) {
        this.guest.report('device-failed');
        void this.guest.checkCallbackOffer(CALLBACK_OFFER_WAIT_MS);
      }
      this.devicesUnusable = true;
    }
  }

  private async redeemCode(): Promise<void> {
    const service = this.guest.service();
    if (!this.redeem && !service) throw new Error(strings().room.cannotRedeem);
    let details: RedeemedRoom;
    if (this.redeem) {
      details = await this.redeem(this.code);
    } else {
      const redeemed = await this.guest.redeem(service!);
      this.participantRole = redeemed.role === 'expert' ? 'expert' : 'guest';
      this.networkTestToken = redeemed.networkTestToken;
      details = redeemed;
    }
    this.guest.report('opened');
    this.server = details.server;
    this.room = details.room;
    this.token = details.token ?? '';
    this.identity = {
      ...(details.participantId ? { participantId: details.participantId } : {}),
      ...(details.agentId ? { agentId: details.agentId } : {}),
    };
    this.serviceIceServers = details.iceServers;
    if (details.displayName && !this.displayName) this.displayName = details.displayName;
  }

  /**
   * The customer's (or expert's) code did not work: asks the agent, through the service, for a
   * new link. `relayed` is false when no agent heard it, or this room has no service to ask.
   */
  askForNewLink(reason = ''): Promise<{ relayed: boolean }> {
    return this.guest.askForNewLink(reason);
  }

  /** Leaves the room and frees the camera, microphone and connections. */
  async leave(reason: 'hangup' | 'ended' | 'failed' = 'hangup'): Promise<void> {
    this.attempt += 1;
    this.deviceCheck.cancel();
    clearInterval(this.statsTimer);
    for (const unlisten of this.unlisten.splice(0)) unlisten();
    const session = this.session;
    this.session = undefined;
    this.people.actor = undefined;
    this.connection.actor = undefined;
    this.local = null;
    this.sharing = false;
    const wasIn = session !== undefined;
    this.state = 'left';
    if (session) await session.leave();
    // After the call ended there is nobody to tell (and the service answers 410 Gone).
    if (wasIn && reason !== 'ended') this.guest.report('left');
    if (wasIn) this.dispatchEvent(new EscalationRoomLeftEvent({ reason }));
  }

  async toggleMicrophone(): Promise<void> {
    if (!this.session || !this.local?.audio) return;
    this.micMuted = !this.micMuted;
    await this.session.setMuted('audio', this.micMuted);
    this.announceMedia();
  }

  async toggleCamera(): Promise<void> {
    if (!this.session || !this.local?.video) return;
    this.cameraOff = !this.cameraOff;
    await this.session.setMuted('video', this.cameraOff);
    this.announceMedia();
  }

  async toggleScreenShare(): Promise<void> {
    if (!this.session) return;
    if (this.sharing) {
      await this.session.stopScreenShare();
      this.sharing = false;
      this.announceMedia();
      return;
    }
    try {
      const display = await navigator.mediaDevices.getDisplayMedia({ video: true, audio: false });
      const track = display.getVideoTracks()[0]!;
      track.addEventListener('ended', () => {
        this.sharing = false;
        this.announceMedia();
      });
      await this.session.startScreenShare(track);
      this.sharing = true;
      this.announceMedia();
    } catch (error) {
      // Cancelling the browser's picker is a choice, not an error worth a message.
      if ((error as { name?: string }).name === 'NotAllowedError') return;
      this.dispatchEvent(new EscalationRoomErrorEvent({ message: `${strings().room.screenShareFailed} ${errorMessage(error)}` }));
    }
  }

  /** Front or back camera, on phones that have both. */
  async switchCamera(): Promise<void> {
    if (!this.session) return;
    const next = await otherCamera(this.facingMode);
    if (!next) return;
    this.facingMode = next.facingMode;
    await this.session.replaceTrack('video', next.track);
    this.local = { ...this.local!, video: next.track, camera: 'ok' };
  }

  private bind(session: MediaSession): void {
    this.session = session;
    this.people.actor = fromStore(session.participants);
    this.connection.actor = fromStore(session.connectionState);
    this.unlisten.push(
      session.on('participant-joined', ({ id, display, role }) =>
        this.dispatchEvent(new EscalationParticipantJoinedEvent({ id, display, role })),
      ),
      session.on('participant-left', ({ id }) => this.dispatchEvent(new EscalationParticipantLeftEvent({ id }))),
      session.on('connection-state', (connection) => {
        this.announceMedia();
        this.reportToEscalation(connection);
        if (connection === 'reconnecting') void this.followMove(session);
        if (connection === 'failed') void this.leave('failed').then(() => (this.state = 'error'));
        // The server ended the call (the agent hung up and the room is gone).
        if (connection === 'closed' && this.session === session) {
          this.endedRemotely = true;
          void this.leave('ended');
          void this.guest.checkCallbackOffer();
        }
      }),
    );
  }

  /**
   * While a guest's call is reconnecting, asks the service now and then where the room is: when
   * its media server died, the room was made again on another, and the call goes there.
   */
  private async followMove(session: MediaSession): Promise<void> {
    if (this.followingMove || !session.moveTo) return;
    this.followingMove = true;
    try {
      while (this.session === session && session.connectionState.get() === 'reconnecting') {
        const now = await this.guest.whereNow();
        if (now && now.room === this.room && now.server !== this.server && this.session === session) {
          this.server = now.server;
          session.moveTo(now.server);
        }
        await sleep(MOVE_POLL_MS);
      }
    } finally {
      this.followingMove = false;
    }
  }

  private reportToEscalation(connection: ConnectionState): void {
    const actor = this.escalation.value;
    if (!actor) return;
    if (connection === 'connected') actor.send({ type: 'MEDIA_CONNECTED' });
    else if (connection === 'reconnecting') actor.send({ type: 'MEDIA_RECONNECTING' });
    else if (connection === 'failed') actor.send({ type: 'MEDIA_FAILED', error: 'the media connection failed' });
  }

  /** The hang-up button: inside an escalation the escalation ends (and this room with it). */
  private hangUp(): void {
    const actor = this.escalation.value;
    if (actor && this.hostRoom.value) actor.send({ type: 'HANGUP' });
    else void this.leave('hangup');
  }

  private announceMedia(): void {
    this.dispatchEvent(
      new EscalationMediaChangeEvent({
        microphone: this.local?.audio ? (this.micMuted ? 'muted' : 'on') : 'unavailable',
        camera: this.local?.video ? (this.cameraOff ? 'off' : 'on') : 'unavailable',
        screenShare: this.sharing,
        connection: this.session?.connectionState.get() ?? 'closed',
      }),
    );
  }

  private async readStats(): Promise<void> {
    if (!this.session) return;
    this.quality = (await this.session.getStats()).quality;
  }

  /** What to tell the person about devices they could not get. */
  private deviceNotice(): string {
    const t = strings().room;
    if (!this.local) return '';
    if (this.audioOnly) return t.audioOnlyNetwork;
    const noMic = this.local.microphone !== 'ok' && this.local.microphone !== 'off';
    const noCamera = this.local.camera !== 'ok' && this.local.camera !== 'off';
    if (noMic && (noCamera || this.local.camera === 'off')) return t.receiveOnly;
    if (noCamera) return t.cameraUnavailable;
    if (noMic) return t.microphoneUnavailable;
    return '';
  }

  protected override render() {
    const t = strings().room;
    const inRoom = this.state === 'waiting' || this.state === 'in-call' || this.state === 'reconnecting';
    const notice = inRoom ? this.deviceNotice() : '';
    return html`<section part="base" class="room" aria-label=${t.room}>
      ${
        inRoom
          ? renderStage({ participants: this.people.value ?? [], role: this.participantRole, strings: t })
          : this.renderMessage()
      }
      ${inRoom ? renderSelf({ track: this.local?.video ?? null, cameraOff: this.cameraOff, name: this.displayName, strings: t }) : nothing}
      ${notice ? html`<p part="notice" class="notice" role="status">${notice}</p>` : nothing}
      ${this.state === 'reconnecting' ? html`<div class="overlay" role="status">${t.reconnecting}</div>` : nothing}
      ${
        inRoom
          ? renderControls({
              strings: t,
              micMuted: this.micMuted,
              hasMic: Boolean(this.local?.audio),
              cameraOff: this.cameraOff,
              hasCamera: Boolean(this.local?.video),
              sharing: this.sharing,
              canShare: !this.noScreenShare && canShareScreen(),
              canSwitch: this.cameras > 1,
              quality: this.quality,
              onMic: () => void this.toggleMicrophone(),
              onCamera: () => void this.toggleCamera(),
              onShare: () => void this.toggleScreenShare(),
              onSwitch: () => void this.switchCamera(),
              onHangUp: () => this.hangUp(),
            })
          : nothing
      }
    </section>`;
  }

  private renderMessage() {
    const t = strings().room;
    switch (this.state) {
      case 'left':
        return html`<div class="message">
          ${
            this.endedRemotely
              ? html`<p role="status">${t.ended}</p>`
              : html`<p role="status">${t.left}</p><button class="primary" part="control" @click=${this.rejoin}>${t.rejoin}</button>`
          }
          ${this.endedRemotely ? this.callbackOffer() : nothing}
          ${this.participantRole === 'guest' && this.guest.canRate ? renderRating({ strings: t, sent: this.guest.ratingSent, onSubmit: (score, comment) => void this.rate(score, comment) }) : nothing}
        </div>`;
      case 'error':
        return html`<div class="message" role="alert">
          <p>${t.joinFailed}</p>
          ${this.problem ? html`<p class="problem">${this.problem}</p>` : nothing}
          <button class="primary" part="control" @click=${this.rejoin}>${t.retry}</button>
        </div>`;
      case 'checking':
        return html`<div class="message checking">
          <p role="status">${this.devicesUnusable ? t.devicesUnusable : t.checkingDevices}</p>
          <device-check part="device-check" compact .server=${this.networkTestServer()} .token=${this.networkTestToken} .iceServers=${this.usedIceServers()} @device-check-result=${this.deviceCheck.onResult}></device-check>
          ${this.devicesUnusable ? this.callbackOffer() : nothing}
        </div>`;
      default:
        return html`<div class="message" role="status"><p>${t.joining}</p></div>`;
    }
  }

  /** The service's TURN servers for this room, else the host's `iceServers`. */
  private usedIceServers(): RTCIceServer[] {
    return this.serviceIceServers?.length ? this.serviceIceServers : this.iceServers;
  }

  /** The network test measures the way to a Janus: only when the room goes through one. */
  private networkTestServer(): string {
    return this.adapter === 'janus' && !this.mediaAdapter ? this.server : '';
  }

  private callbackOffer() {
    if (!this.guest.callbackOffered) return nothing;
    const guest = this.guest;
    return renderCallbackOffer({
      strings: strings().room,
      sentTo: guest.callbackSentTo,
      problem: guest.callbackProblem,
      onSubmit: (phone) => void guest.requestCallback(phone),
    });
  }

  private async rate(score: 1 | 2 | 3 | 4 | 5, comment: string): Promise<void> {
    try {
      await this.guest.rate(score, comment);
    } catch (error) {
      this.dispatchEvent(new EscalationRoomErrorEvent({ message: guestErrorWords(error) }));
    }
  }

  private readonly rejoin = () => {
    this.state = 'idle';
    void this.join();
  };
}

function stopMedia(media: LocalMedia | undefined): void {
  media?.audio?.stop();
  media?.video?.stop();
}
