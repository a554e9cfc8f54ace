// Genesys Cloud → <escalation-context>, for an interaction widget (a client app in an iframe): the
// conversation's participants give the interaction, the agent's own leg ending, transferring or
// wrapping up ends the escalation, and the chat link goes into the agent's reply box.
import type { EscalationEvent, Interaction } from '../core/machine/types.js';
import {
  applyTask,
  ConnectorError,
  defaultLinkMessage,
  deliver,
  e164,
  isForConversation,
  known,
  linkOf,
  logConnectorError,
  text,
  type ConnectorErrorHandler,
  type Disconnect,
  type LinkingTaskEventTarget,
} from './task-target.js';

const CONNECTOR = 'genesys-cloud';

/*
 * What the client app SDK gives, mirrored from `purecloud-client-app-sdk` 2.6.10
 * (dist/index.d.ts: `ClientApp`; dist/modules/conversations.d.ts: `proposeInteractionMessage`).
 * It tells an app nothing of a conversation's state: no end, wrap-up or transfer, and no
 * participant data. Those come from the platform: `GET /api/v2/conversations/{id}` and the
 * notification topic `v2.users.{userId}.conversations` (or `v2.conversations.{id}`), which a host
 * reads with `purecloud-platform-client-v2` or its own WebSocket and hands over as a
 * `GenesysConversationSource`. (The client app SDK, with its dependencies, is 70 MB installed: not
 * a dependency, even for types.)
 */

/** `ClientApp` of `purecloud-client-app-sdk`, as far as it is used here. */
export interface GenesysClientApp {
  conversations: {
    /** Puts text into the agent's reply box of the bound interaction, for the agent to review and send. */
    proposeInteractionMessage(mode: 'insert', message: string): void;
  };
}

/** One of a participant's communications (a call, chat, message, callback), from the platform's conversation. */
export interface GenesysCommunication {
  /** `alerting`, `connected`, `disconnected`, `terminated`, … */
  state?: string;
  /** Why it disconnected: `client`, `endpoint`, `transfer`, `transfer.consult`, `transfer.forward`, … */
  disconnectType?: string;
  /** The wrap-up code, on newer conversations (on older ones it is the participant's). */
  wrapup?: { code?: string } | null;
}

/** A participant of the conversation, as the REST API and the conversation notifications give it. */
export interface GenesysParticipant {
  /** `customer`, `external`, `agent`, `user`, `acd`, `ivr`, … */
  purpose?: string;
  userId?: string;
  name?: string;
  /** The participant's address: the ANI for a call (`tel:+15551234567`). */
  address?: string;
  /** Participant data set by Architect or scripts. */
  attributes?: Record<string, string>;
  wrapup?: { code?: string } | null;
  calls?: GenesysCommunication[];
  callbacks?: GenesysCommunication[];
  chats?: GenesysCommunication[];
  messages?: GenesysCommunication[];
}

/** A conversation as `GET /api/v2/conversations/{id}` answers it and its notifications carry it. */
export interface GenesysConversation {
  id: string;
  participants: GenesysParticipant[];
}

/** The conversation's updates, from wherever the host reads the platform (notifications, polling). */
export interface GenesysConversationSource {
  /** Calls `listener` with the conversation each time it changes; returns the unsubscribe. */
  subscribe(listener: (conversation: GenesysConversation) => void): () => void;
}

export interface GenesysCloudOptions {
  /** The agent's user id: which participant is this agent's (a transferred conversation has several agents). */
  userId: string;
  /** The conversation. Default: the page URL's `conversationId` (configure the app's URL with `?conversationId={{pcConversationId}}`). */
  conversationId?: string;
  /** The participant data attribute holding the case number. Default `caseNumber`. */
  caseNumberAttribute?: string;
  /** The participant data attribute holding the issue. Default `issue`. */
  issueAttribute?: string;
  /** The message that carries the link into the reply box; English by default. */
  message?: (url: string) => string;
  /** Where problems are reported; by default the console. */
  onError?: ConnectorErrorHandler;
}

/**
 * The conversation id from the client app's URL, which Genesys Cloud fills from its template
 * (`https://…/app.html?conversationId={{pcConversationId}}`). Throws when it is missing or was
 * left as the template (the app opened outside an interaction).
 */
export function conversationIdFromUrl(url: string | URL | undefined, parameter = 'conversationId'): string {
  let id = '';
  try {
    id = new URL(url ?? '').searchParams.get(parameter)?.trim() ?? '';
  } catch {
    // Not a URL (no page location at all): the same as no id.
  }
  if (!id || id.includes('{{'))
    throw new Error(`${CONNECTOR}: the page URL has no ${parameter}; add ?${parameter}={{pcConversationId}} to the app's URL`);
  return id;
}

const communicationsOf = (participant: GenesysParticipant): GenesysCommunication[] => [
  ...(participant.calls ?? []),
  ...(participant.callbacks ?? []),
  ...(participant.chats ?? []),
  ...(participant.messages ?? []),
];

const CUSTOMER_PURPOSES = ['customer', 'external'];
const ENDED_STATES = ['disconnected', 'terminated'];
// `transfer.noanswer` and `transfer.notavailable` are a transfer that did not happen.
const TRANSFERRED = ['transfer', 'transfer.consult', 'transfer.forward', 'transfer.conference'];

/** The interaction a conversation describes. */
export function interactionFromGenesysConversation(
  conversation: GenesysConversation,
  options: Pick<GenesysCloudOptions, 'caseNumberAttribute' | 'issueAttribute'> = {},
): Partial<Interaction> {
  const participants = conversation.participants ?? [];
  const customer = participants.find((participant) => CUSTOMER_PURPOSES.includes(participant.purpose ?? ''));
  // Participant data is usually on the customer's participant, sometimes on the queue's.
  const attribute = (name: string): string | undefined =>
    participants.map((participant) => text(participant.attributes?.[name])).find(Boolean);
  const voice = participants.some((participant) => (participant.calls ?? []).length > 0);
  return known({
    id: conversation.id,
    channel: voice ? 'voice' : 'chat',
    customerName: text(customer?.name),
    customerPhone: e164(customer?.address),
    caseNumber: attribute(options.caseNumberAttribute ?? 'caseNumber'),
    issue: attribute(options.issueAttribute ?? 'issue'),
  });
}

/**
 * Binds one `<escalation-context>` to one Genesys Cloud conversation, in an interaction widget.
 * Each update of the conversation refreshes the interaction (voice or chat, the customer's name
 * and number, case number and issue from participant data); when this agent's leg disconnects it
 * sends `TASK_TRANSFERRED` (a transfer) or `TASK_CLOSED`, and when the agent's wrap-up is in,
 * `WRAPUP`, each once. Updates of other conversations are ignored. A link for the chat
 * (`escalation-link` with `chat` or `host` delivery) is put into the agent's reply box with
 * `proposeInteractionMessage`, for the agent to send.
 *
 * @param context The `<escalation-context>` element.
 * @param clientApp The `ClientApp` of `purecloud-client-app-sdk`.
 * @param conversation The conversation's updates (see `GenesysConversationSource`).
 * @returns A function that unsubscribes and removes the link listener.
 * @throws TypeError or Error when an argument is missing, or no conversation id is known.
 */
export function connectGenesysCloud(
  context: LinkingTaskEventTarget,
  clientApp: GenesysClientApp,
  conversation: GenesysConversationSource,
  options: GenesysCloudOptions,
): Disconnect {
  if (typeof clientApp?.conversations?.proposeInteractionMessage !== 'function')
    throw new TypeError(`${CONNECTOR}: pass the ClientApp of purecloud-client-app-sdk`);
  if (typeof conversation?.subscribe !== 'function')
    throw new TypeError(`${CONNECTOR}: pass a source of the conversation's updates (an object with subscribe)`);
  if (!options?.userId) throw new TypeError(`${CONNECTOR}: options.userId (the agent's user id) is required`);
  const onError = options.onError ?? logConnectorError;
  const conversationId = options.conversationId ?? conversationIdFromUrl(globalThis.location?.href);

  const sent = new Set<EscalationEvent['type']>();
  const once = (event: EscalationEvent): void => {
    if (sent.has(event.type)) return;
    if (deliver(context, event, CONNECTOR, onError)) sent.add(event.type);
  };
  let voice = false;

  const unsubscribe = conversation.subscribe((update) => {
    if (update?.id !== conversationId) return;
    if (!Array.isArray(update.participants)) {
      onError(new ConnectorError(CONNECTOR, 'bad-event', `conversation ${update.id} came without participants; ignored`));
      return;
    }
    const interaction = interactionFromGenesysConversation(update, options);
    voice = interaction.channel === 'voice';
    applyTask(context, interaction);
    // After a transfer back, the agent has a disconnected leg and a live one: the live one counts.
    const mine = update.participants.filter((participant) => participant.userId === options.userId);
    const current = mine.at(-1);
    if (!current) return;
    const communications = communicationsOf(current);
    const ended =
      communications.length > 0 && communications.every((communication) => ENDED_STATES.includes(communication.state ?? ''));
    if (ended) {
      const transferred = communications.some((communication) => TRANSFERRED.includes(communication.disconnectType ?? ''));
      once(transferred ? { type: 'TASK_TRANSFERRED' } : { type: 'TASK_CLOSED' });
    }
    if (current.wrapup?.code || communications.some((communication) => communication.wrapup?.code)) once({ type: 'WRAPUP' });
  });

  const onLink = (event: Event): void => {
    const link = linkOf(event);
    // A call's link goes by SMS; the reply box is a written conversation's.
    if (!link || !isForConversation(link) || voice) return;
    try {
      clientApp.conversations.proposeInteractionMessage('insert', (options.message ?? defaultLinkMessage)(link.url));
    } catch (cause) {
      const why = cause instanceof Error ? cause.message : String(cause);
      onError(
        new ConnectorError(CONNECTOR, 'link-not-posted', `the video link was not put in the reply box: ${why}`, {
          link: link.url,
          cause,
        }),
      );
    }
  };
  context.addEventListener('escalation-link', onLink);

  let connected = true;
  return () => {
    if (!connected) return;
    connected = false;
    unsubscribe();
    context.removeEventListener('escalation-link', onLink);
  };
}
