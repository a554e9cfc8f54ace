// The one place elements get an escalation service client from a `service-url`. A guest page
// shares one client per URL (the join card and the room it shows talk to the same service); an
// agent's client carries that agent's token, so each escalation context has its own.
import { EscalationServiceClient } from './http-client.js';
import type { AgentTokenProvider, EscalationServiceApi } from './types.js';

const guestClients = new Map<string, EscalationServiceClient>();

/** The client for `url`: shared when anonymous (a guest), the agent's own when `agentToken` is given. */
export function serviceFor(url: string, agentToken?: AgentTokenProvider): EscalationServiceApi {
  if (agentToken) return new EscalationServiceClient(url, { token: agentToken });
  let client = guestClients.get(url);
  if (!client) guestClients.set(url, (client = new EscalationServiceClient(url)));
  return client;
}
