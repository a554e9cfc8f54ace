// Twilio Flex → <escalation-context>: Flex's task actions (wrap-up, complete, transfer) of one task
// end its escalation, and the chat link is posted into the task's conversation.
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

const CONNECTOR = 'twilio-flex';

/*
 * Flex's surface used here, mirrored from `@twilio/flex-ui` 2.17.1, which is far too large to
 * depend on for a few types: `ActionsImpl` (src/flex-ui-core/src/Actions.d.ts), `ITask`
 * (src/models/CommonModels.d.ts), the task actions' payloads (src/actions/WorkerActions.d.ts:
 * `WorkerActionPayload`, `TransferTaskPayload`) and `SendMessage`'s
 * (src/flex-ui-core/src/actions/RegisterActions.d.ts: `ChatActionSendMessageTextPayload`).
 * Flex's `Actions` and an `ITask` are assignable to these.
 */

/** A Flex task (`ITask`), as far as it is read here. */
export interface FlexTask {
  /** The reservation's sid (`WR…`); task actions name a task by it. */
  sid: string;
  /** The task's sid (`WT…`). */
  taskSid: string;
  /** `voice`, `chat`, `sms`, `whatsapp`, … */
  taskChannelUniqueName?: string;
  /** The task's attributes: `conversationSid` for a conversation, `from`, `name`, `customerName`, your own. */
  attributes?: Record<string, unknown>;
}

/** The payload of `WrapupTask`, `CompleteTask` and `TransferTask` as their listeners get it. */
export interface FlexTaskActionPayload {
  sid?: string;
  task?: { sid?: string; taskSid?: string };
  /** TransferTask: the worker or queue it goes to. */
  targetSid?: string;
  /** TransferTask: `COLD` or `WARM`. */
  options?: { mode?: string };
}

export type FlexActionListener = (payload: FlexTaskActionPayload, abortOriginal: () => void) => void;

/** Flex's `Actions` (`import { Actions } from '@twilio/flex-ui'`, or `flex.Actions` in a plugin's `init`). */
export interface FlexActions {
  addListener(event: string, listener: FlexActionListener): unknown;
  removeListener(event: string, listener: FlexActionListener): unknown;
  invokeAction(name: string, payload?: object): Promise<unknown>;
}

export interface TwilioFlexOptions {
  /** The interaction id the escalation is kept under. Default: the task's sid (`WT…`). */
  interactionId?: string;
  /** The task attribute holding the case number. Default `caseNumber`. */
  caseNumberAttribute?: string;
  /** The task attribute holding the issue. Default `issue`. */
  issueAttribute?: string;
  /** The message that carries the link into the conversation; English by default. */
  message?: (url: string) => string;
  /** Where problems are reported; by default the console. */
  onError?: ConnectorErrorHandler;
}

/** The interaction a Flex task describes. */
export function interactionFromFlexTask(
  task: FlexTask,
  options: Pick<TwilioFlexOptions, 'interactionId' | 'caseNumberAttribute' | 'issueAttribute'> = {},
): Partial<Interaction> {
  const attributes = task.attributes ?? {};
  const voice = task.taskChannelUniqueName === 'voice';
  // On a voice task `name` is the caller's number unless a name was found for it.
  const name = text(attributes.customerName) ?? (e164(attributes.name) ? undefined : text(attributes.name));
  return known({
    id: options.interactionId ?? task.taskSid,
    channel: voice ? 'voice' : 'chat',
    customerName: name,
    customerPhone: e164(attributes.from) ?? e164(attributes.customerAddress),
    caseNumber: text(attributes[options.caseNumberAttribute ?? 'caseNumber']),
    issue: text(attributes[options.issueAttribute ?? 'issue']),
  });
}

/** Whether an action's payload names this task (by its reservation or its task sid). */
function isThisTask(payload: FlexTaskActionPayload | undefined, task: FlexTask): boolean {
  if (!payload) return false;
  const sids = [payload.sid, payload.task?.sid, payload.task?.taskSid].filter(Boolean);
  return sids.includes(task.sid) || sids.includes(task.taskSid);
}

/**
 * Binds one `<escalation-context>` to one Flex task: its interaction comes from the task, Flex's
 * `WrapupTask` sends `WRAPUP`, `CompleteTask` sends `TASK_CLOSED` (both before Flex carries them out,
 * so no room outlives the task), a cold `TransferTask` sends `TASK_TRANSFERRED` once Flex made it (a
 * warm one leaves the agent with the customer: their own wrap-up ends the video). Actions on other
 * tasks are ignored. A link for the chat (`escalation-link` with `chat` or `host` delivery) is
 * posted into the task's conversation with Flex's `SendMessage`.
 *
 * @param context The `<escalation-context>` element.
 * @param flexActions Flex's `Actions`.
 * @param task The task the context is for (`ITask`; a task canvas component has it as `props.task`).
 * @returns A function that removes every listener this added.
 * @throws TypeError when `flexActions` is not Flex's `Actions` or `task` has no sids.
 */
export function connectFlex(
  context: LinkingTaskEventTarget,
  flexActions: FlexActions,
  task: FlexTask,
  options: TwilioFlexOptions = {},
): Disconnect {
  if (typeof flexActions?.addListener !== 'function' || typeof flexActions.invokeAction !== 'function')
    throw new TypeError(`${CONNECTOR}: pass Flex's Actions (it has no addListener or invokeAction)`);
  if (typeof task?.sid !== 'string' || typeof task.taskSid !== 'string')
    throw new TypeError(`${CONNECTOR}: pass the task (an ITask with sid and taskSid)`);
  const onError = options.onError ?? logConnectorError;
  applyTask(context, interactionFromFlexTask(task, options));

  const on =
    (event: (payload: FlexTaskActionPayload) => EscalationEvent | null): FlexActionListener =>
    (payload) => {
      if (!isThisTask(payload, task)) return;
      const escalationEvent = event(payload);
      if (escalationEvent) deliver(context, escalationEvent, CONNECTOR, onError);
    };
  const listeners: [string, FlexActionListener][] = [
    ['beforeWrapupTask', on(() => ({ type: 'WRAPUP' }))],
    ['beforeCompleteTask', on(() => ({ type: 'TASK_CLOSED' }))],
    [
      'afterTransferTask',
      on((payload) =>
        payload.options?.mode?.toUpperCase() === 'WARM'
          ? null
          : { type: 'TASK_TRANSFERRED', ...(payload.targetSid ? { to: payload.targetSid } : {}) },
      ),
    ],
  ];
  for (const [name, listener] of listeners) flexActions.addListener(name, listener);

  const onLink = (event: Event): void => {
    const link = linkOf(event);
    if (!link || !isForConversation(link)) return;
    const conversationSid = text(task.attributes?.conversationSid);
    const notPosted = (why: string, cause?: unknown): void =>
      onError(
        new ConnectorError(CONNECTOR, 'link-not-posted', `the video link was not posted: ${why}`, { link: link.url, cause }),
      );
    if (!conversationSid) {
      notPosted(`task ${task.taskSid} has no conversation (no conversationSid attribute)`);
      return;
    }
    const body = (options.message ?? defaultLinkMessage)(link.url);
    flexActions
      .invokeAction('SendMessage', { body, conversationSid })
      .catch((error: unknown) =>
        notPosted(`SendMessage failed: ${error instanceof Error ? error.message : String(error)}`, error),
      );
  };
  context.addEventListener('escalation-link', onLink);

  let connected = true;
  return () => {
    if (!connected) return;
    connected = false;
    for (const [name, listener] of listeners) flexActions.removeListener(name, listener);
    context.removeEventListener('escalation-link', onLink);
  };
}
