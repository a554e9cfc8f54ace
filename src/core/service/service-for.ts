// An agent's client of the escalation service from a `service-url`: it carries that agent's token,
// so each escalation context has its own. (Guest pages: guest-service-for.ts.)
import { EscalationServiceClient } from './http-client.js';
import type { AgentTokenProvider, EscalationServiceApi } from './types.js';

export function serviceFor(url: string, agentToken: AgentTokenProvider): EscalationServiceApi {
  return new EscalationServiceClient(url, { token: agentToken });
}
