// A stand-in for <escalation-context>: what a connector drives (send, interaction, mode) and the
// `escalation-link` events it listens to, recording what it was sent. Like the element, it refuses
// events while not connected.
import type { LinkingTaskEventTarget } from '../../../src/connectors/task-target.js';
import type { EscalationEvent, EscalationMode, Interaction } from '../../../src/core/machine/types.js';
import { EscalationLinkEvent, type EscalationLinkDetail } from '../../../src/events/escalation-link.js';

export class StandInContext extends EventTarget implements LinkingTaskEventTarget {
  interaction: Partial<Interaction> | undefined;
  mode: EscalationMode = 'voice';
  readonly sent: EscalationEvent[] = [];
  connected = true;
  private readonly linkListeners = new Set<unknown>();

  constructor(interaction?: Partial<Interaction>) {
    super();
    this.interaction = interaction;
  }

  send(event: EscalationEvent): void {
    if (!this.connected) throw new Error('escalation-context: not connected; append it to the document first');
    this.sent.push(event);
  }

  /** The task events sent, by type, in order. */
  get sentTypes(): string[] {
    return this.sent.map((event) => event.type);
  }

  override addEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject | null,
    options?: AddEventListenerOptions | boolean,
  ): void {
    if (type === 'escalation-link') this.linkListeners.add(listener);
    super.addEventListener(type, listener, options);
  }

  override removeEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject | null,
    options?: EventListenerOptions | boolean,
  ): void {
    if (type === 'escalation-link') this.linkListeners.delete(listener);
    super.removeEventListener(type, listener, options);
  }

  /** How many `escalation-link` listeners are attached. */
  get linkListenerCount(): number {
    return this.linkListeners.size;
  }

  /** The escalation announces a link, as the element does when the statechart emits `linkReady`. */
  announceLink(detail: Partial<EscalationLinkDetail> = {}): void {
    this.dispatchEvent(
      new EscalationLinkEvent({
        url: 'https://video.example.com/join#code=AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_AbCdE',
        code: 'ACD-EFH-JKM',
        channel: 'chat',
        to: null,
        expiresAt: Date.now() + 900_000,
        ...detail,
      }),
    );
  }
}
