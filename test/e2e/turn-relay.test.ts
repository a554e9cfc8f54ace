// A customer who can only relay (a strict NAT, a corporate firewall): both sides forced to
// `iceTransportPolicy: 'relay'` through the coturn the test run started, with the credentials the
// service handed out, see each other; credentials past their time are refused by coturn.
import { expect } from '@open-wc/testing';
import { JanusAdapter } from '../../src/core/media/janus/janus-adapter.js';
import type { MediaSession } from '../../src/core/media/types.js';
import { EscalationServiceClient } from '../../src/core/service/http-client.js';
import { randomId } from '../../src/core/random-id.js';
import { fakeCamera, rendersFrames } from '../support/media-fixtures.js';
import { agentToken, testEnv, until } from '../support/test-env.js';

/** What a browser gathers for relaying through these servers: the relay candidates' addresses. */
async function relayCandidates(iceServers: RTCIceServer[]): Promise<string[]> {
  const pc = new RTCPeerConnection({ iceServers, iceTransportPolicy: 'relay' });
  const found: string[] = [];
  pc.addEventListener('icecandidate', ({ candidate }) => {
    if (candidate?.type === 'relay') found.push(candidate.address ?? '');
  });
  pc.createDataChannel('probe');
  await pc.setLocalDescription(await pc.createOffer());
  await until('gathering to end', () => (pc.iceGatheringState === 'complete' ? true : undefined), 15_000);
  pc.close();
  return found;
}

describe('relay only, through TURN (real coturn, real Janus, real service)', function () {
  this.timeout(60_000);
  let sessions: MediaSession[] = [];
  afterEach(async () => {
    await Promise.all(sessions.map((session) => session.leave()));
    sessions = [];
  });

  it('agent and customer who may only relay see each other, with the credentials the service gave them', async () => {
    const env = await testEnv();
    if (!env.mediaAddress) throw new Error('relaying needs the test network namespace: run `npm test` as root');
    const agent = new EscalationServiceClient(env.serviceUrl, { token: () => agentToken() });
    const escalation = await agent.create(
      { interaction: { id: `chat-${randomId()}`, channel: 'chat' }, delivery: { channel: 'chat' }, mode: 'chat' },
      randomId(),
    );
    const customer = await new EscalationServiceClient(env.serviceUrl).redeem(escalation.guestCode);
    expect(escalation.host.iceServers?.[0]?.urls.some((url) => url.startsWith('turn:'))).to.equal(true);
    expect(customer.iceServers?.[0]?.username).to.not.equal(escalation.host.iceServers?.[0]?.username, "each participant's own");
    const adapter = new JanusAdapter();
    const join = (where: typeof customer | typeof escalation.host, role: 'host' | 'guest', display: string) =>
      adapter.join({
        ...where,
        participantId: where.participantId!,
        agentId: escalation.host.agentId!,
        iceServers: where.iceServers!,
        iceTransportPolicy: 'relay',
        role,
        display,
      });
    const agentSession = await join(escalation.host, 'host', 'Agent');
    const customerSession = await join(customer, 'guest', 'Ada');
    sessions = [agentSession, customerSession];
    await agentSession.publish(await fakeCamera());
    await customerSession.publish(await fakeCamera());
    await rendersFrames(
      await until("the customer's video at the agent", () => agentSession.participants.get()[0]?.video ?? undefined, 30_000),
      "the customer's video, relayed",
    );
    await rendersFrames(
      await until("the agent's video at the customer", () => customerSession.participants.get()[0]?.video ?? undefined, 30_000),
      "the agent's video, relayed",
    );
  });

  it('coturn relays for fresh credentials and refuses expired ones', async () => {
    const env = await testEnv();
    if (!env.mediaAddress) throw new Error('relaying needs the test network namespace: run `npm test` as root');
    const fresh = (await (await fetch('/__turn/credentials?ttl=600')).json()) as RTCIceServer[];
    const expired = (await (await fetch('/__turn/credentials?ttl=-60')).json()) as RTCIceServer[];
    expect(await relayCandidates(fresh)).to.include(env.mediaAddress);
    expect(await relayCandidates(expired)).to.deep.equal([]);
  });
});
