// An expert's desk's client of the escalation service: presence, the rings, and taking or passing
// a ring; signed in like an agent (the same bearer token). Only the expert desk loads it.
import { routePath, type ExpertOffer, type PresenceUpdate } from '../../protocol/index.js';
import { randomId } from '../random-id.js';
import { AgentToken } from './agent-token.js';
import { GuestServiceClient } from './guest-client.js';
import { safeJson, ServiceTransport } from './service-transport.js';
import type { AgentTokenProvider, ExpertDeskApi, PoolNews } from './types.js';

export class ExpertDeskClient extends GuestServiceClient implements ExpertDeskApi {
  private readonly agentToken: AgentToken;

  /** @param baseUrl Where the service answers; `token`: the expert's sign-in (a JWT), or a function the client asks. */
  constructor(baseUrl: string, token: string | AgentTokenProvider) {
    const agentToken = new AgentToken(typeof token === 'string' ? () => token : token);
    super(baseUrl, new ServiceTransport(baseUrl, 10_000, agentToken));
    this.agentToken = agentToken;
  }

  /** An expert's desk: available or not, with their skills. */
  setPresence(update: PresenceUpdate) {
    return this.transport.call({ route: 'setPresence', body: update, idempotencyKey: randomId() });
  }

  /** An expert's desk hears its rings; returns the function that stops (and, with it, the rings). */
  poolEvents(listener: (news: PoolNews) => void): () => void {
    return this.transport.stream(
      routePath('poolEvents'),
      () => this.agentToken.current(),
      (event, data) => {
        const value = safeJson(data) as Partial<ExpertOffer> | undefined;
        if (event === 'offer' && typeof value?.id === 'string') listener({ offer: value as ExpertOffer });
        if (event === 'offer-gone' && typeof value?.id === 'string') listener({ offerGone: value.id });
      },
      () => undefined,
      () => this.agentToken.refreshed(),
    );
  }

  acceptOffer(offerId: string) {
    return this.transport.call({
      route: 'acceptOffer',
      params: { offer: offerId },
      body: {},
      idempotencyKey: `accept:${offerId}`,
    });
  }

  async declineOffer(offerId: string): Promise<void> {
    await this.transport.call({ route: 'declineOffer', params: { offer: offerId }, body: {}, idempotencyKey: `pass:${offerId}` });
  }
}
