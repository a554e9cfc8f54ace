// The locked Janus as people meet it: the service, not a participant's own words, decides who is
// shown as the agent; a customer whose link was renewed is put out of the call and told it ended.
import { expect } from '@open-wc/testing';
import { JanusAdapter } from '../../src/core/media/janus/janus-adapter.js';
import type { MediaSession } from '../../src/core/media/types.js';
import { EscalationServiceClient } from '../../src/core/service/http-client.js';
import { randomId } from '../../src/core/random-id.js';
import { closeFrames, guestPage, tileVideoFrames } from '../support/desk.js';
import { fakeCamera } from '../support/media-fixtures.js';
import { agentToken, testEnv, until } from '../support/test-env.js';

describe('Janus locked by the service (real Janus, real service)', function () {
  this.timeout(60_000);
  let sessions: MediaSession[] = [];
  afterEach(async () => {
    await Promise.all(sessions.map((session) => session.leave()));
    sessions = [];
    closeFrames();
  });

  async function clients() {
    const { serviceUrl } = await testEnv();
    return {
      agent: new EscalationServiceClient(serviceUrl, { token: () => agentToken() }),
      guest: new EscalationServiceClient(serviceUrl),
    };
  }

  it('shows only the participant the service named as the agent, whatever another one claims', async () => {
    const { agent, guest } = await clients();
    const escalation = await agent.create(
      {
        interaction: { id: `chat-${randomId()}`, channel: 'chat', customerName: 'Ada' },
        delivery: { channel: 'chat' },
        mode: 'chat',
      },
      randomId(),
    );
    const expertInvite = await agent.inviteExpert(escalation.id, { address: 'sam@example.com', name: 'Sam' }, randomId());
    const customer = await guest.redeem(escalation.guestCode);
    // An expert the agent let in from the lobby (their media token opens the room only then).
    const waiting = await guest.redeem(expertInvite.code);
    await agent.admitExpert(escalation.id, expertInvite.id);
    const impostor = await guest.rejoin(waiting.guestToken);
    const adapter = new JanusAdapter();
    const join = (where: typeof customer | typeof escalation.host, role: 'host' | 'guest' | 'expert', display: string) =>
      adapter.join({
        server: where.server,
        room: where.room,
        token: where.token,
        participantId: where.participantId!,
        agentId: escalation.host.agentId!,
        role,
        display,
        iceServers: [],
      });
    const realAgent = await join(escalation.host, 'host', 'Agent Smith');
    const customerSession = await join(customer, 'guest', 'Ada');
    // The expert's page claims to be the agent, under the agent's name.
    const fake = await join(impostor, 'host', 'Agent Smith');
    sessions = [realAgent, customerSession, fake];
    for (const session of sessions) await session.publish(await fakeCamera());
    const seen = await until(
      'the customer to see both others',
      () => {
        const people = customerSession.participants.get();
        return people.length === 2 ? people : undefined;
      },
      20_000,
    );
    const byId = new Map(seen.map((person) => [person.id, person.role]));
    expect(byId.get(escalation.host.participantId!)).to.equal('host');
    expect(byId.get(impostor.participantId!)).to.not.equal('host');
    expect(seen.filter((person) => person.role === 'host')).to.have.length(1);
  });

  it('puts out a customer whose link the agent renewed: their page says the call ended', async () => {
    const { agent } = await clients();
    const escalation = await agent.create(
      { interaction: { id: `chat-${randomId()}`, channel: 'chat' }, delivery: { channel: 'chat' }, mode: 'chat' },
      randomId(),
    );
    const agentSession = await new JanusAdapter().join({
      ...escalation.host,
      participantId: escalation.host.participantId!,
      agentId: escalation.host.agentId!,
      role: 'host',
      display: 'Agent',
      iceServers: [],
    });
    sessions = [agentSession];
    await agentSession.publish(await fakeCamera());
    const customer = await guestPage(escalation.guestCode);
    await until('the customer in the call', () => tileVideoFrames(customer), 30_000);
    await agent.renewLink(escalation.id, randomId());
    await until(
      'the customer told the call ended',
      () => (customer.shadowRoot!.textContent?.includes('The video call has ended') ? true : undefined),
      15_000,
    );
    await until('the agent to see them gone', () => (agentSession.participants.get().length === 0 ? true : undefined), 15_000);
  });
});
