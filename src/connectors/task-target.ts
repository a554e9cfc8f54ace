// What a desktop connector needs of <escalation-context>, and the rules every connector keeps: an
// SDK's callback never throws, and a task event that cannot be delivered is reported with the
// event itself, so nothing is lost silently.
import { logger } from '../core/logger.js';
import type { EscalationEvent, EscalationMode, Interaction } from '../core/machine/types.js';
import type { EscalationLinkDetail } from '../events/escalation-link.js';
import { E164 } from '../protocol/rules.js';

/**
 * The part of `<escalation-context>` a connector drives. A narrow shape, not the element class, so
 * a connector loads no Lit and a test can stand in for the element with a plain object.
 */
export interface TaskEventTarget {
  /** The escalation's events: the connectors send `TASK_TRANSFERRED`, `TASK_CLOSED` and `WRAPUP`. */
  send(event: EscalationEvent): void;
  /** The interaction the escalation is about; a connector fills it from the task. */
  interaction: Partial<Interaction> | undefined;
  /** `voice` or `chat`; a connector sets it from the task's channel when the context has it. */
  mode?: EscalationMode;
}

/** A context whose `escalation-link` events a connector listens to, to post the link into the conversation. */
export interface LinkingTaskEventTarget extends TaskEventTarget {
  addEventListener(type: 'escalation-link', listener: (event: Event) => void): void;
  removeEventListener(type: 'escalation-link', listener: (event: Event) => void): void;
}

/** Removes every listener a connector added. Calling it twice does nothing more. */
export type Disconnect = () => void;

/** What went wrong: an event the context refused, an SDK event without what it should carry, a link not posted. */
export type ConnectorErrorCode = 'send-failed' | 'bad-event' | 'link-not-posted';

/** A connector's report of something it could not do; it carries what was not done, so the host can do it. */
export class ConnectorError extends Error {
  override readonly name = 'ConnectorError';

  constructor(
    /** Which connector: `webex-contact-center`, `twilio-flex`, `genesys-cloud`. */
    readonly connector: string,
    readonly code: ConnectorErrorCode,
    message: string,
    /** The task event not delivered, or the link not posted, and what the platform threw. */
    readonly details: { event?: EscalationEvent; link?: string; cause?: unknown } = {},
  ) {
    super(`${connector}: ${message}`);
  }
}

/** Where a connector reports; by default the package's logger (console errors). */
export type ConnectorErrorHandler = (error: ConnectorError) => void;

export const logConnectorError: ConnectorErrorHandler = (error) => logger.error(error.message);

/**
 * Sends a task event to the context. A context that refuses it (not connected: the desktop moved or
 * dropped the element) throws inside an SDK's callback otherwise; here it is reported with the event.
 */
export function deliver(
  context: TaskEventTarget,
  event: EscalationEvent,
  connector: string,
  onError: ConnectorErrorHandler,
): boolean {
  try {
    context.send(event);
    return true;
  } catch (cause) {
    const why = cause instanceof Error ? cause.message : String(cause);
    onError(new ConnectorError(connector, 'send-failed', `could not send ${event.type}: ${why}`, { event, cause }));
    return false;
  }
}

/**
 * Fills the context's interaction with what the task says, keeping what the host set and the task
 * does not say; the task's channel sets the mode (voice: the sound stays on the phone).
 */
export function applyTask(context: TaskEventTarget, fields: Partial<Interaction>): void {
  context.interaction = { ...context.interaction, ...known(fields) };
  if (fields.channel && 'mode' in context) context.mode = fields.channel;
}

/** The fields that say something: none left undefined or empty, so a merge keeps what was there. */
export function known(fields: Partial<Interaction>): Partial<Interaction> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined && value !== ''));
}

/** A phone number the service can text (E.164), from what a platform gives (`tel:+1 555…`); otherwise undefined. */
export function e164(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const number = value.replace(/^(tel|sip):/i, '').replace(/[\s().-]/g, '');
  return E164.test(number) ? number : undefined;
}

/** The text of a platform value (a number id becomes text); anything else is not used. */
export function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/**
 * The link an `escalation-link` event carries, read by its shape rather than its class, so a link
 * from a second copy of the package on the page (the CDN script beside a bundle) is read too.
 */
export function linkOf(event: Event): EscalationLinkDetail | null {
  const detail: unknown = (event as Event & { detail?: unknown }).detail;
  if (typeof detail !== 'object' || detail === null) return null;
  const { url, channel } = detail as Partial<EscalationLinkDetail>;
  return typeof url === 'string' && typeof channel === 'string' ? (detail as EscalationLinkDetail) : null;
}

/** Whether a link is one the host posts into the conversation (the service sends SMS and e-mail itself). */
export function isForConversation(link: EscalationLinkDetail): boolean {
  return link.channel === 'chat' || link.channel === 'host';
}

/** The message that carries the link, unless the host words it: English, since the customer's language is the host's to know. */
export function defaultLinkMessage(url: string): string {
  return `Join the video call: ${url}`;
}
