// A stand-in for the `Desktop` object of @wxcc-desktop/sdk 2.0.15: `agentContact`'s event methods
// (listeners kept per event name and listener, as the SDK's AqmServiceEntityEvents does) and
// `actions.getTaskMap()`; the messages have the shape of sdk-types' `Service.Aqm.Contact.AgentContact`.
import type { WxccContactListener, WxccContactMessage, WxccDesktop } from '../../../src/connectors/webex-contact-center.js';

export interface TaskFields {
  interactionId: string;
  mediaType?: string;
  ani?: string;
  customerName?: string;
  destAgentId?: string;
  /** Call-associated data variables, by name. */
  cad?: Record<string, string>;
}

/** An `AgentContact` message, as the desktop sends it (`{ type, orgId, trackingId, data }`). */
export function contactMessage(
  fields: TaskFields,
  eventType = 'AgentContactAssigned',
): WxccContactMessage & Record<string, unknown> {
  const cad = Object.fromEntries(
    Object.entries(fields.cad ?? {}).map(([name, value]) => [
      name,
      {
        name,
        displayName: name,
        value,
        type: 'STRING',
        agentEditable: false,
        agentViewable: true,
        isSecure: false,
        secureKeyId: '',
        secureKeyVersion: 0,
      },
    ]),
  );
  // Built apart from the return, so it may carry the fields the connector does not read.
  const message = {
    type: eventType,
    orgId: 'org-1',
    trackingId: `track-${fields.interactionId}`,
    data: {
      eventType,
      agentId: 'agent-7',
      destAgentId: fields.destAgentId ?? '',
      interactionId: fields.interactionId,
      mediaResourceId: `media-${fields.interactionId}`,
      interaction: {
        interactionId: fields.interactionId,
        mediaType: fields.mediaType ?? 'telephony',
        state: 'connected',
        callProcessingDetails: {
          ani: fields.ani ?? '',
          customerName: fields.customerName ?? '',
          dnis: '+18005550100',
        },
        callAssociatedData: cad,
      },
    },
  };
  return message;
}

class StandInAgentContact {
  private readonly listeners = new Map<string, Set<WxccContactListener>>();

  addEventListener(eventName: string, listener: WxccContactListener): undefined {
    if (!this.listeners.has(eventName)) this.listeners.set(eventName, new Set());
    this.listeners.get(eventName)!.add(listener);
    return undefined;
  }

  removeEventListener(eventName: string, listener: WxccContactListener): void {
    this.listeners.get(eventName)?.delete(listener);
  }

  /** The desktop sends a contact event. */
  emit(eventName: string, message: unknown): void {
    for (const listener of [...(this.listeners.get(eventName) ?? [])]) listener(message as WxccContactMessage);
  }

  /** Listeners attached, all events together. */
  get listenerCount(): number {
    return [...this.listeners.values()].reduce((count, set) => count + set.size, 0);
  }

  /** The event names listened to. */
  get eventNames(): string[] {
    return [...this.listeners].filter(([, set]) => set.size > 0).map(([name]) => name);
  }
}

export class StandInDesktop implements WxccDesktop {
  readonly agentContact = new StandInAgentContact();
  /** The agent's tasks, as `Desktop.actions.getTaskMap()` answers (a Map by interaction id). */
  readonly tasks = new Map<string, WxccContactMessage['data']>();
  readonly actions = {
    getTaskMap: (): Promise<Map<string, WxccContactMessage['data']>> => Promise.resolve(new Map(this.tasks)),
  };

  /** The agent already has this task (assigned before the widget was made). */
  hasTask(fields: TaskFields): void {
    this.tasks.set(fields.interactionId, contactMessage(fields).data);
  }
}
