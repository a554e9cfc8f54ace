// The customer's (and expert's) side of the agent's asks: while in the call, it listens to the
// service's stream of news; for a customer it takes a still from their own camera when asked (and
// says so on screen), and puts each other ask (another camera, the light, the zoom, consent to
// record) to the customer, who allows or refuses it; everyone is told how recording stands. It
// tells the agent what the customer's camera can do as the call starts and after each change, so
// the agent is offered only that.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { cameraAbilities } from '../../core/devices/camera-abilities.js';
import { errorMessage } from '../../core/errors.js';
import { logger } from '../../core/logger.js';
import { ServiceError } from '../../core/service/service-error.js';
import { sleep } from '../../core/sleep.js';

/** What carries an ask out, loaded with the first ask (most calls have none). */
const control = () => import('./camera-ask-work.js');
import type { AskOutcome, CameraAbilities, CameraFacing, GuestAsk, RecordingStatus } from '../../protocol/index.js';
import type { GuestNews } from '../../core/service/types.js';
import type { CameraAskStrings } from '../../i18n/camera-asks-strings.js';
import type { GuestFlow } from './guest-flow.js';

/** The customer's camera as the call has it now. */
export interface CallCamera {
  track: MediaStreamTrack | null;
  /** The customer turned their camera off (or it paused for a weak connection): no picture is taken. */
  off: boolean;
}

export interface CameraAsksOptions {
  /** This participant is in the room (a customer or an expert, not the agent): waiting, in the call or reconnecting. */
  inCall: () => boolean;
  /** A customer (asks are theirs to answer), not an expert. */
  isCustomer: () => boolean;
  camera: () => CallCamera;
  /** Switches to the camera facing this way; resolves whether it now faces that way (null: no other camera). */
  switchCamera: (facing: CameraFacing) => Promise<boolean | null>;
  words: () => CameraAskStrings;
}

/** How many times an answer to the agent is tried before it is given up (logged). */
const ANSWER_ATTEMPTS = 4;

/** How long a notice stays (a live region has read it out by then). */
const NOTICE_MS = 10_000;

export class CameraAsks implements ReactiveController {
  /** Asks waiting for the customer's answer, oldest first (the first is shown). */
  prompts: GuestAsk[] = [];
  /** The last thing the customer was told about an ask. */
  notice = '';
  /** How recording stands, as the service last said. */
  recording: RecordingStatus | null = null;
  private stopListening: (() => void) | undefined;
  private reportedTrack: MediaStreamTrack | null | undefined;
  private reported = '';
  private noticeTimer: ReturnType<typeof setTimeout> | undefined;
  /** The last abilities read, for wording a zoom ask (in or out). */
  private abilities: CameraAbilities | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly flow: GuestFlow,
    private readonly options: CameraAsksOptions,
  ) {
    host.addController(this);
  }

  hostUpdated(): void {
    const listening = this.options.inCall() && this.flow.hearsNews;
    if (listening && !this.stopListening) this.stopListening = this.flow.listen((news) => this.hear(news));
    if (!listening) return this.stop();
    if (!this.options.isCustomer()) return;
    // A new camera track (switched, restarted): the agent hears what this one can do.
    const { track } = this.options.camera();
    if (track !== this.reportedTrack) {
      this.reportedTrack = track;
      void this.reportCamera();
    }
  }

  hostDisconnected(): void {
    this.stop();
  }

  /** The words for the ask shown, in the customer's language. */
  promptWords(ask: GuestAsk): string {
    const t = this.options.words();
    switch (ask.ask.kind) {
      case 'camera':
        return t.facing[ask.ask.facing];
      case 'torch':
        return ask.ask.on ? t.torchOn : t.torchOff;
      case 'zoom':
        return ask.ask.level >= (this.abilities?.zoom?.level ?? 0) ? t.zoomIn : t.zoomOut;
      case 'recording':
        return t.recordingAsk;
      default:
        return '';
    }
  }

  /** The customer's answer to the ask shown: carried out when allowed, and the agent hears how it went. */
  async respond(ask: GuestAsk, allowed: boolean): Promise<void> {
    this.prompts = this.prompts.filter((waiting) => waiting.id !== ask.id);
    this.host.requestUpdate();
    if (!allowed) return this.answer(ask, 'refused');
    // Consent is the whole of it: the media server records once the service hears the yes.
    if (ask.ask.kind === 'recording') return this.answer(ask, 'done');
    const outcome = await this.carryOut(ask);
    if (outcome === 'unsupported' && ask.ask.kind !== 'snapshot') this.tell(this.options.words().cannot[ask.ask.kind]);
    if (outcome === 'failed') this.tell(this.options.words().failed);
    await this.answer(ask, outcome);
    await this.reportCamera();
  }

  private stop(): void {
    this.stopListening?.();
    this.stopListening = undefined;
    this.reportedTrack = undefined;
    if (this.prompts.length || this.recording) {
      this.prompts = [];
      this.recording = null;
      this.host.requestUpdate();
    }
  }

  private hear(news: GuestNews): void {
    if ('ask' in news) {
      if (this.options.isCustomer()) void this.take(news.ask);
      return;
    }
    // (The lobby's news is the redeem's business: GuestFlow waits on it before joining.)
    if ('lobby' in news) return;
    const t = this.options.words();
    this.recording = news.recording;
    // The customer is asked (a prompt of their own); the others are told what is going on.
    if (!this.options.isCustomer()) {
      const told = { asking: t.recordingAsked, declined: t.recordingDeclined, stopped: t.recordingStopped }[
        news.recording.state as 'asking' | 'declined' | 'stopped'
      ];
      if (told) this.tell(told);
    } else if (news.recording.state !== 'asking') {
      // Withdrawn, or answered elsewhere: no question left on screen.
      this.prompts = this.prompts.filter((waiting) => waiting.ask.kind !== 'recording');
      if (news.recording.state === 'stopped') this.tell(t.recordingStopped);
    }
    this.host.requestUpdate();
  }

  private async take(ask: GuestAsk): Promise<void> {
    if (ask.ask.kind !== 'snapshot') {
      this.prompts = [...this.prompts.filter((waiting) => waiting.ask.kind !== ask.ask.kind), ask];
      this.host.requestUpdate();
      return;
    }
    // A picture needs no yes: the customer is shown that one was taken. A camera the customer
    // turned off is never used for one.
    const { track, off } = this.options.camera();
    if (!track) return this.answer(ask, 'unsupported');
    if (off) {
      this.tell(this.options.words().pictureNotTaken);
      return this.answer(ask, 'refused');
    }
    try {
      const { takeStill, base64FromBlob } = await control();
      const still = await takeStill(track);
      await this.flow.sendStill({
        ask: ask.id,
        type: still.type,
        image: await base64FromBlob(still.image),
        width: still.width,
        height: still.height,
      });
      this.tell(this.options.words().pictureTaken);
    } catch (error) {
      logger.warn(`video-room: the agent's picture could not be taken or sent: ${errorMessage(error)}`);
      await this.answer(ask, 'failed');
    }
  }

  private async carryOut(ask: GuestAsk): Promise<AskOutcome> {
    const { track } = this.options.camera();
    const { CameraRefusal, setTorch, setZoom } = await control();
    try {
      switch (ask.ask.kind) {
        case 'camera': {
          const switched = await this.options.switchCamera(ask.ask.facing);
          return switched === null ? 'unsupported' : switched ? 'done' : 'failed';
        }
        case 'torch':
          if (!track) return 'unsupported';
          await setTorch(track, ask.ask.on);
          return 'done';
        case 'zoom':
          if (!track) return 'unsupported';
          await setZoom(track, ask.ask.level);
          return 'done';
        default:
          return 'unsupported';
      }
    } catch (error) {
      if (error instanceof CameraRefusal) return error.outcome;
      logger.warn(`video-room: the agent's ask did not work: ${errorMessage(error)}`);
      return 'failed';
    }
  }

  /**
   * Tells the agent how an ask went; a busy service (rate limit) or a dropped request is tried
   * again, so a customer's answer (a no to recording above all) is not lost.
   */
  private async answer(ask: GuestAsk, outcome: AskOutcome): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.flow.answerAsk(ask.id, outcome);
      } catch (error) {
        const again = error instanceof ServiceError && (error.code === 'rate-limited' || error.code === 'unavailable');
        if (!again || attempt >= ANSWER_ATTEMPTS)
          return logger.warn(`video-room: could not answer the agent's ask: ${errorMessage(error)}`);
        await sleep(Math.min(5, error.detail.retryAfter ?? 1) * 1000);
      }
    }
  }

  private async reportCamera(): Promise<void> {
    const { track } = this.options.camera();
    const abilities: CameraAbilities = track
      ? await cameraAbilities(track)
      : { facings: [], facing: null, torch: null, zoom: null };
    this.abilities = abilities;
    const said = JSON.stringify(abilities);
    if (said === this.reported) return;
    this.reported = said;
    await this.flow
      .reportCamera(abilities)
      .catch((error: unknown) =>
        logger.warn(`video-room: could not tell the agent what the camera can do: ${errorMessage(error)}`),
      );
  }

  private tell(words: string): void {
    this.notice = words;
    clearTimeout(this.noticeTimer);
    this.noticeTimer = setTimeout(() => {
      this.notice = '';
      this.host.requestUpdate();
    }, NOTICE_MS);
    this.host.requestUpdate();
  }
}
