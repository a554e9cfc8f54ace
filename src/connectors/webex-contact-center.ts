// Webex Contact Center desktop → <escalation-context>: the agent's task (from the desktop SDK's
// contact events) becomes the interaction, and its end, wrap-up and transfer end the escalation.
import { logger } from '../core/logger.js';
import type { EscalationEvent, Interaction } from '../core/machine/types.js';
import {
  applyTask,
  ConnectorError,
  deliver,
  e164,
  known,
  logConnectorError,
  text,
  type ConnectorErrorHandler,
  type Disconnect,
  type TaskEventTarget,
} from './task-target.js';

const CONNECTOR = 'webex-contact-center';

/*
 * The SDK's surface used here, mirrored from `@wxcc-desktop/sdk` 2.0.15 (dist/types/index.d.ts,
 * dist/types/jsapi/agent-contact-jsapi.d.ts, jsapi/actions-jsapi.d.ts) and its contact message,
 * `Service.Aqm.Contact.AgentContact` of `@wxcc-desktop/sdk-types` 1.0.32
 * (agentx-services/src/services/aqm/aqm-service-contact-types.d.ts). The real `Desktop` object is
 * assignable to `WxccDesktop`; the SDK itself (and its 20 MB of dependencies) is not a dependency.
 */

/** A call-associated data variable (`callAssociatedData[name]`), as far as it is read here. */
export interface WxccCallAssociatedVariable {
  value?: unknown;
}

/** The interaction a contact event carries (`AgentContact['data']['interaction']`). */
export interface WxccInteraction {
  interactionId?: string;
  /** `telephony`, `chat`, `email`, `social`, `sms`, `facebook`, `whatsapp`, … */
  mediaType?: string;
  callProcessingDetails?: { ani?: string; customerName?: string };
  callAssociatedData?: Record<string, WxccCallAssociatedVariable | undefined>;
}

/** A contact event's message (`AgentContact`: `{ type, orgId, trackingId, data }`). */
export interface WxccContactMessage {
  data: {
    interactionId: string;
    /** The agent a blind or consult transfer went to, when it went to an agent. */
    destAgentId?: string | null;
    interaction?: WxccInteraction;
  };
}

export type WxccContactListener = (message: WxccContactMessage) => void;

/** The contact events the SDK's typings name that this connector follows. */
export type WxccContactEventName =
  'eAgentContact' | 'eAgentContactAssigned' | 'eAgentContactAniUpdated' | 'eAgentContactEnded' | 'eAgentContactWrappedUp';

/** `Desktop.agentContact`. */
export interface WxccAgentContact {
  addEventListener(eventName: WxccContactEventName, listener: WxccContactListener): unknown;
  removeEventListener(eventName: WxccContactEventName, listener: WxccContactListener): unknown;
}

/** The `Desktop` export of `@wxcc-desktop/sdk`, after `await Desktop.config.init(…)`. */
export interface WxccDesktop {
  agentContact: WxccAgentContact;
  /** `Desktop.actions`: its task map finds a task assigned before the widget was made. */
  actions?: { getTaskMap(): Promise<unknown> };
}

/**
 * Transfers, by the names of the desktop's contact service (sdk-types' aqm-service-contact.d.ts:
 * `eAgentblindTransferred`, `eAgentvteamTransfer`, `eConsultTransfer`). The SDK's typings of
 * `agentContact.addEventListener` do not list them, but it subscribes to any event its contact
 * service has (2.0.15 checks `name in SERVICE.aqm.contact`), so they are added through this wider view.
 */
const TRANSFER_EVENTS = ['eAgentblindTransferred', 'eAgentvteamTransfer', 'eConsultTransfer'] as const;
interface WxccAnyContactEvents {
  addEventListener(eventName: string, listener: WxccContactListener): unknown;
  removeEventListener(eventName: string, listener: WxccContactListener): unknown;
}

export interface WebexContactCenterOptions {
  /** The task to follow. Default: the context's interaction id, else the task the agent has or gets next. */
  interactionId?: string;
  /** The call-associated data variable holding the case number. Default `caseNumber`. */
  caseNumberVariable?: string;
  /** The call-associated data variable holding the issue. Default `issue`. */
  issueVariable?: string;
  /**
   * Turns the task's ANI into an E.164 number when the desktop gives it otherwise (`353850001234`,
   * `0875551234`); the SMS link needs one. By default an ANI that is not E.164 is left out, and said.
   */
  toE164?: (ani: string) => string | undefined;
  /** Where problems are reported; by default the console. */
  onError?: ConnectorErrorHandler;
}

/** The interaction a Webex Contact Center task describes. */
export function interactionFromWebexTask(
  data: WxccContactMessage['data'],
  options: Pick<WebexContactCenterOptions, 'caseNumberVariable' | 'issueVariable' | 'toE164'> = {},
): Partial<Interaction> {
  const interaction = data.interaction ?? {};
  const variables = interaction.callAssociatedData ?? {};
  const variable = (name: string): string | undefined => text(variables[name]?.value);
  const voice = interaction.mediaType === 'telephony';
  const ani = text(interaction.callProcessingDetails?.ani) ?? variable('ani');
  const phone = ani ? (e164(ani) ?? e164(options.toE164?.(ani))) : undefined;
  if (ani && voice && !phone)
    logger.warn(`${CONNECTOR}: the task's ANI "${ani}" is not an E.164 number, so no SMS can go to it; set toE164 to convert it`);
  return known({
    id: data.interactionId,
    // Every other media (chat, social, SMS, e-mail) is written: the customer reads the link there.
    channel: voice ? 'voice' : 'chat',
    customerName: variable('customerName') ?? text(interaction.callProcessingDetails?.customerName),
    customerPhone: phone,
    caseNumber: variable(options.caseNumberVariable ?? 'caseNumber'),
    issue: variable(options.issueVariable ?? 'issue'),
  });
}

/** The task each context follows because the connector found it (not the host), and whether it ended. */
const foundTasks = new WeakMap<TaskEventTarget, { id: string; ended: boolean }>();

/** The tasks in `Desktop.actions.getTaskMap()`'s answer (typed `any`: a Map of interaction id to task), read defensively. */
function tasksIn(taskMap: unknown): WxccContactMessage['data'][] {
  const entries: unknown[] =
    taskMap instanceof Map
      ? [...taskMap.values()]
      : typeof taskMap === 'object' && taskMap !== null
        ? Object.values(taskMap)
        : [];
  return entries.filter(
    (task): task is WxccContactMessage['data'] =>
      typeof task === 'object' && task !== null && typeof (task as { interactionId?: unknown }).interactionId === 'string',
  );
}

/**
 * Binds one `<escalation-context>` to one task of the Webex Contact Center desktop. The task's
 * contact events fill the context's interaction (id, voice or chat, customer name, ANI, case number
 * from call-associated data); its end sends `TASK_CLOSED`, its wrap-up `WRAPUP`, a blind, queue or
 * consult transfer `TASK_TRANSFERRED`. Events of the agent's other tasks are ignored.
 *
 * The task followed is `options.interactionId`, else the context's interaction id, else the one
 * task the agent has now (from the task map), else the next one assigned; once that one has ended,
 * the next task assigned is followed (a widget that stays on the desktop between tasks).
 *
 * Call it after `await Desktop.config.init(…)`: before that, the SDK does not subscribe.
 *
 * @param context The `<escalation-context>` element (or anything with its `send` and `interaction`).
 * @param desktop The `Desktop` export of `@wxcc-desktop/sdk`.
 * @returns A function that removes every listener this added.
 * @throws TypeError when `desktop` is not the SDK's `Desktop` (no `agentContact.addEventListener`).
 */
export function connectWebexContactCenter(
  context: TaskEventTarget,
  desktop: WxccDesktop,
  options: WebexContactCenterOptions = {},
): Disconnect {
  const agentContact = desktop?.agentContact;
  if (typeof agentContact?.addEventListener !== 'function' || typeof agentContact.removeEventListener !== 'function')
    throw new TypeError(`${CONNECTOR}: pass the Desktop object of @wxcc-desktop/sdk (it has no agentContact.addEventListener)`);
  const onError = options.onError ?? logConnectorError;

  let followed = options.interactionId ?? context.interaction?.id ?? null;
  // A task found by the connector (not named by the host) gives way to the next one once it ended;
  // remembered per context, since a desktop that moves the widget (maximizing it) reconnects it.
  const found = foundTasks.get(context);
  const chosen = followed === null || found?.id === followed;
  let ended = found?.id === followed && found.ended;
  let connected = true;

  const remember = (): void => {
    if (chosen && followed !== null) foundTasks.set(context, { id: followed, ended });
  };
  const follow = (data: WxccContactMessage['data']): void => {
    // The next task is another customer: nothing of the last one's may stay.
    if (followed !== null && followed !== data.interactionId) context.interaction = undefined;
    followed = data.interactionId;
    ended = false;
    remember();
    applyTask(context, interactionFromWebexTask(data, options));
  };

  /** The message's task, when it has one; a message without one is reported and dropped, the listener stays. */
  const taskOf = (eventName: string, message: WxccContactMessage): WxccContactMessage['data'] | null => {
    const data = message?.data;
    if (typeof data?.interactionId === 'string' && data.interactionId) return data;
    onError(new ConnectorError(CONNECTOR, 'bad-event', `${eventName} carried no interactionId; ignored`));
    return null;
  };

  const onTask =
    (eventName: string): WxccContactListener =>
    (message) => {
      const data = taskOf(eventName, message);
      if (!data) return;
      if (followed === null || (chosen && ended && data.interactionId !== followed)) follow(data);
      else if (data.interactionId === followed) applyTask(context, interactionFromWebexTask(data, options));
    };

  const onEnd =
    (eventName: string, end: (data: WxccContactMessage['data']) => EscalationEvent): WxccContactListener =>
    (message) => {
      const data = taskOf(eventName, message);
      if (!data || data.interactionId !== followed) return;
      ended = true;
      remember();
      deliver(context, end(data), CONNECTOR, onError);
    };

  const listeners: [string, WxccContactListener][] = [
    ['eAgentContact', onTask('eAgentContact')],
    ['eAgentContactAssigned', onTask('eAgentContactAssigned')],
    ['eAgentContactAniUpdated', onTask('eAgentContactAniUpdated')],
    ['eAgentContactEnded', onEnd('eAgentContactEnded', () => ({ type: 'TASK_CLOSED' }))],
    ['eAgentContactWrappedUp', onEnd('eAgentContactWrappedUp', () => ({ type: 'WRAPUP' }))],
    ...TRANSFER_EVENTS.map((name): [string, WxccContactListener] => [
      name,
      onEnd(name, (data) => ({ type: 'TASK_TRANSFERRED', ...(data.destAgentId ? { to: data.destAgentId } : {}) })),
    ]),
  ];
  const events = agentContact as WxccAnyContactEvents;
  for (const [name, listener] of listeners) events.addEventListener(name, listener);

  // A widget made after its task was assigned missed the assignment: the task map has it.
  if (followed === null && typeof desktop.actions?.getTaskMap === 'function') {
    desktop.actions.getTaskMap().then(
      (taskMap) => {
        const tasks = tasksIn(taskMap);
        if (!connected || followed !== null) return;
        if (tasks.length === 1) follow(tasks[0]!);
        else if (tasks.length > 1)
          logger.warn(
            `${CONNECTOR}: the agent has ${tasks.length} tasks; following the next one assigned (set interactionId to choose)`,
          );
      },
      (error: unknown) => logger.warn(`${CONNECTOR}: could not read the desktop's task map: ${String(error)}`),
    );
  }

  const stopDarkMode = followDarkMode(context);
  return () => {
    if (!connected) return;
    connected = false;
    for (const [name, listener] of listeners) events.removeEventListener(name, listener);
    stopDarkMode();
  };
}

/**
 * The layout binds `darkmode` to `$STORE.app.darkMode` (`"true"` or `"false"`); the elements take
 * `theme="dark"` or `theme="light"`, which the layout cannot write, so it is mirrored here.
 */
function followDarkMode(context: TaskEventTarget): Disconnect {
  if (typeof Element === 'undefined' || !(context instanceof Element)) return () => undefined;
  const apply = (): void => {
    const darkMode = context.getAttribute('darkmode');
    if (darkMode === 'true') context.setAttribute('theme', 'dark');
    else if (darkMode === 'false') context.setAttribute('theme', 'light');
  };
  apply();
  const observer = new MutationObserver(apply);
  observer.observe(context, { attributes: true, attributeFilter: ['darkmode'] });
  return () => observer.disconnect();
}
