// Stand-ins for Genesys Cloud: the client app SDK's `ClientApp` (purecloud-client-app-sdk 2.6.10,
// `conversations.proposeInteractionMessage`), and the conversation's updates as a host reads them
// from the platform (the shape of `GET /api/v2/conversations/{id}` and its notifications).
import type {
  GenesysClientApp,
  GenesysConversation,
  GenesysConversationSource,
  GenesysParticipant,
} from '../../../src/connectors/genesys-cloud.js';

export class StandInClientApp implements GenesysClientApp {
  /** What went into the agent's reply box. */
  readonly proposed: string[] = [];
  failWith: Error | null = null;
  readonly conversations = {
    proposeInteractionMessage: (mode: 'insert', message: string): void => {
      if (this.failWith) throw this.failWith;
      if (mode === 'insert') this.proposed.push(message);
    },
  };
}

export class StandInConversationSource implements GenesysConversationSource {
  private readonly listeners = new Set<(conversation: GenesysConversation) => void>();

  subscribe(listener: (conversation: GenesysConversation) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The platform notifies a change of a conversation. */
  update(conversation: GenesysConversation): void {
    for (const listener of [...this.listeners]) listener(conversation);
  }

  get listenerCount(): number {
    return this.listeners.size;
  }
}

export const AGENT = 'user-agent-7';

/** A conversation between a customer and the agent, by call or by message, at some point of its life. */
export function conversation(
  id: string,
  {
    media = 'calls',
    agentState = 'connected',
    disconnectType,
    wrapupCode,
    agentId = AGENT,
    extraParticipants = [],
  }: {
    media?: 'calls' | 'messages';
    agentState?: string;
    disconnectType?: string;
    wrapupCode?: string;
    agentId?: string;
    extraParticipants?: GenesysParticipant[];
  } = {},
): GenesysConversation {
  return {
    id,
    participants: [
      {
        purpose: 'customer',
        name: 'Dana Fox',
        address: 'tel:+15557654321',
        attributes: { caseNumber: 'CS-2291', issue: 'Router blinks red' },
        [media]: [{ state: agentState === 'connected' ? 'connected' : 'disconnected' }],
      },
      { purpose: 'acd', name: 'Support', [media]: [{ state: 'disconnected', disconnectType: 'transfer' }] },
      {
        purpose: 'agent',
        userId: agentId,
        name: 'Sam Rivera',
        wrapup: wrapupCode ? { code: wrapupCode } : null,
        [media]: [{ state: agentState, ...(disconnectType ? { disconnectType } : {}) }],
      },
      ...extraParticipants,
    ],
  };
}
