// A stand-in for Flex's `Actions` (@twilio/flex-ui 2.17.1, flex-ui-core/src/Actions.d.ts): invoking
// an action emits `before<Action>` to listeners with (payload, abort), runs it, then emits
// `after<Action>`; `SendMessage` is recorded. And an `ITask` with the fields Flex gives.
import type { FlexActionListener, FlexTask, FlexTaskActionPayload } from '../../../src/connectors/twilio-flex.js';

export class StandInFlexActions {
  private readonly listeners = new Map<string, Set<FlexActionListener>>();
  /** What `SendMessage` was invoked with. */
  readonly messages: { body: string; conversationSid: string }[] = [];
  /** Actions carried out, in order, and what the listeners had been told by then. */
  readonly log: string[] = [];
  /** Makes the next invocations of an action fail, as Flex rejects an action that failed. */
  readonly failing = new Set<string>();

  addListener(event: string, listener: FlexActionListener): this {
    if (!this.listeners.has(event)) this.listeners.set(event, new Set());
    this.listeners.get(event)!.add(listener);
    return this;
  }

  removeListener(event: string, listener: FlexActionListener): this {
    this.listeners.get(event)?.delete(listener);
    return this;
  }

  async invokeAction(name: string, payload: object = {}): Promise<unknown> {
    let aborted = false;
    for (const listener of [...(this.listeners.get(`before${name}`) ?? [])])
      listener(payload as FlexTaskActionPayload, () => (aborted = true));
    if (aborted) return undefined;
    if (this.failing.has(name)) throw new Error(`${name} failed: the conversation is closed`);
    this.log.push(name);
    if (name === 'SendMessage') this.messages.push(payload as { body: string; conversationSid: string });
    for (const listener of [...(this.listeners.get(`after${name}`) ?? [])])
      listener(payload as FlexTaskActionPayload, () => undefined);
    return undefined;
  }

  get listenerCount(): number {
    return [...this.listeners.values()].reduce((count, set) => count + set.size, 0);
  }
}

/** A Flex task; chat tasks carry their conversation's sid. */
export function flexTask(
  overrides: Partial<FlexTask> & { attributes?: Record<string, unknown> } = {},
): FlexTask & Record<string, unknown> {
  return {
    sid: 'WR0001',
    taskSid: 'WT0001',
    taskChannelUniqueName: 'voice',
    status: 'accepted',
    queueName: 'Support',
    ...overrides,
    attributes: { from: '+15551230001', name: '+15551230001', direction: 'inbound', ...overrides.attributes },
  };
}
