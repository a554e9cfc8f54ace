// The escalation service over real HTTP, with real Janus rooms, through the browser's client:
// agents signed in with tokens from the tests' issuer, guests with the token redeeming gave them.
// (The full authorization matrix and the abuse cases run at the Node level: service/test/.)
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { EscalationServiceClient } from '../../src/core/service/http-client.js';
import { ServiceError } from '../../src/core/service/service-error.js';
import type { CreateEscalationRequest, ProgressUpdate } from '../../src/core/service/types.js';
import { randomId } from '../../src/core/random-id.js';
import { codeIn, linkToken } from '../support/desk.js';
import { agentToken, testEnv, until } from '../support/test-env.js';

function request(overrides: Partial<CreateEscalationRequest['interaction']> = {}): CreateEscalationRequest {
  return {
    interaction: {
      id: `call-${randomId()}`,
      channel: 'voice',
      customerName: 'Ada Customer',
      customerPhone: '+15551231234',
      ...overrides,
    },
    // The link goes to the interaction's own number.
    delivery: { channel: 'sms' },
    mode: 'voice',
  };
}

async function refusal(promise: Promise<unknown>): Promise<ServiceError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ServiceError) return error;
    throw error;
  }
  throw new Error('expected the service to refuse');
}

const roomExists = (room: string) => executeServerCommand<boolean, { room: string }>('janus-room-exists', { room });
const CODE = /^[ACDEFHJKMNPQRTUVWXY3479]{3}-[ACDEFHJKMNPQRTUVWXY3479]{3}-[ACDEFHJKMNPQRTUVWXY3479]{3}$/;

async function agentClient(agent = 'agent-1', tenant = 'tenant-1'): Promise<EscalationServiceClient> {
  return new EscalationServiceClient((await testEnv()).serviceUrl, { token: () => agentToken({ agent, tenant }) });
}

/** Listens to an escalation's progress stream until `count` pieces of news arrived. */
async function hear(
  client: EscalationServiceClient,
  escalationId: string,
  act: () => Promise<unknown>,
  count: number,
): Promise<ProgressUpdate[]> {
  const heard: ProgressUpdate[] = [];
  const stop = client.progress(escalationId, (news) => heard.push(news));
  try {
    await new Promise((resolve) => setTimeout(resolve, 300));
    await act();
    await until(`${count} pieces of news`, () => (heard.length >= count ? true : undefined), 5000);
    return heard;
  } finally {
    stop();
  }
}

describe('escalation service (real HTTP, real Janus)', function () {
  this.timeout(30_000);
  let client: EscalationServiceClient;
  let guest: EscalationServiceClient;
  before(async () => {
    client = await agentClient();
    guest = new EscalationServiceClient((await testEnv()).serviceUrl);
  });
  afterEach(() => executeServerCommand('service-reset-throttle'));

  it('creates one room per interaction, however often the agent clicks; the link carries a token, not the code', async () => {
    const ask = request();
    const [first, second] = await Promise.all([client.create(ask, randomId()), client.create(ask, randomId())]);
    expect(second.id).to.equal(first.id);
    expect(first.guestCode).to.match(CODE);
    expect(linkToken(first.guestUrl)).to.match(/^[A-Za-z0-9_-]{43}$/);
    expect(first.guestUrl).to.not.contain(first.guestCode.replace(/-/g, ''));
    expect(first.expiresAt - Date.now()).to.be.within(14 * 60_000, 15 * 60_000);
    expect(first.host.participantId).to.equal(first.host.agentId);
    expect(await roomExists(first.host.room)).to.equal(true);
    // The same key replays the first answer.
    const key = randomId();
    const again = request();
    expect((await client.create(again, key)).id).to.equal((await client.create(again, key)).id);
  });

  it('sends the link by SMS to the interaction’s number, and hands a chat link back to the host', async () => {
    const escalation = await client.create(request({ customerPhone: '+15559876543' }), randomId());
    expect(await client.deliver(escalation.id, { channel: 'sms' }, randomId())).to.deep.equal({ channel: 'sms', status: 'sent' });
    const outbox = await executeServerCommand<{ to: string; text: string }[], undefined>('sms-received');
    const sent = outbox.find((message) => message.to === '+15559876543');
    expect(sent?.text).to.contain(linkToken(escalation.guestUrl));
    expect(codeIn(sent!.text)).to.equal(escalation.guestCode);
    expect(await client.deliver(escalation.id, { channel: 'chat' }, randomId())).to.deep.equal({
      channel: 'chat',
      status: 'handed-to-host',
    });
  });

  it('reports an SMS the provider refused as a failed delivery, and sends it once the provider is back', async () => {
    const escalation = await client.create(request({ customerPhone: '+15559876500' }), randomId());
    await executeServerCommand('sms-provider-down', { down: true });
    try {
      const refused = await refusal(client.deliver(escalation.id, { channel: 'sms' }, randomId()));
      expect([refused.status, refused.code, refused.message]).to.deep.equal([
        502,
        'delivery-failed',
        'the sms could not be sent: the sms provider answered 503',
      ]);
    } finally {
      await executeServerCommand('sms-provider-down', { down: false });
    }
    expect((await client.deliver(escalation.id, { channel: 'sms' }, randomId())).status).to.equal('sent');
    const received = await executeServerCommand<{ to: string; text: string }[], undefined>('sms-received');
    expect(received.filter((message) => message.to === '+15559876500')).to.have.length(1);
  });

  it('renews a spent code before a resend; the old code and its guest token then stop working', async () => {
    const escalation = await client.create(request(), randomId());
    // Nobody used it yet: a resend sends the same code.
    expect((await client.renewLink(escalation.id, randomId())).guestCode).to.equal(escalation.guestCode);
    const first = await guest.redeem(escalation.guestCode);
    const renewed = await client.renewLink(escalation.id, randomId());
    expect(renewed.guestCode).to.not.equal(escalation.guestCode);
    expect(linkToken(renewed.guestUrl)).to.not.equal(linkToken(escalation.guestUrl));
    const old = await refusal(guest.redeem(escalation.guestCode));
    expect([old.status, old.code, old.detail.reason]).to.deep.equal([410, 'code-expired', 'replaced']);
    const oldToken = await refusal(guest.report(first.guestToken, 'device-failed'));
    expect([oldToken.status, oldToken.code]).to.deep.equal([410, 'code-expired']);
    expect((await guest.redeem(linkToken(renewed.guestUrl))).room).to.equal(escalation.host.room);
  });

  it("relays a customer's request for a new link to the agent (over the authenticated stream), and renews the code for the resend", async () => {
    const escalation = await client.create(request(), randomId());
    // Someone else opened the link first: the customer's redeem is refused, with a token to ask.
    await guest.redeem(escalation.guestCode);
    const used = await refusal(guest.redeem(linkToken(escalation.guestUrl)));
    expect([used.status, used.code]).to.deep.equal([409, 'code-used']);
    expect(used.detail.newLinkToken).to.match(/^[A-Za-z0-9_-]{43}$/);
    const heard = await hear(
      client,
      escalation.id,
      () => guest.askForNewLink(used.detail.newLinkToken!, 'This link has already been used.'),
      1,
    );
    expect(heard).to.deep.equal([
      { newLink: { code: escalation.guestCode, role: 'guest', reason: 'This link has already been used.' } },
    ]);
    // That token asks once, and opens nothing else.
    expect((await refusal(guest.askForNewLink(used.detail.newLinkToken!, ''))).code).to.equal('unauthorized');
    expect((await client.renewLink(escalation.id, randomId())).guestCode).to.not.equal(escalation.guestCode);
  });

  it('redeems a code once, lets the same guest back in with their token, and refuses a replay', async () => {
    const escalation = await client.create(request(), randomId());
    const joined = await guest.redeem(escalation.guestCode.toLowerCase().replace(/-/g, ' '));
    expect(joined.room).to.equal(escalation.host.room);
    expect(joined.displayName).to.equal('Ada Customer');
    expect(joined.agentId).to.equal(escalation.host.agentId);
    expect(joined.participantId).to.not.equal(escalation.host.agentId);
    expect(joined.token).to.not.equal(escalation.host.token);
    expect(JSON.stringify(joined)).to.not.contain(escalation.id);
    const back = await guest.rejoin(joined.guestToken);
    expect([back.room, back.participantId, back.token]).to.deep.equal([joined.room, joined.participantId, joined.token]);
    const replay = await refusal(guest.redeem(escalation.guestCode));
    expect([replay.status, replay.code]).to.deep.equal([409, 'code-used']);
  });

  it('closing destroys the room and the code stops working', async () => {
    const escalation = await client.create(request(), randomId());
    await client.close(escalation.id, 'key-unused', 'hangup');
    expect(await roomExists(escalation.host.room)).to.equal(false);
    const late = await refusal(guest.redeem(escalation.guestCode));
    expect([late.status, late.detail.reason]).to.deep.equal([410, 'ended']);
    // Closing again is fine (idempotent).
    await client.close(escalation.id, 'key-unused', 'hangup');
  });

  it('closes by the create key when the agent cancelled before the room was known', async () => {
    const key = randomId();
    const escalation = await client.create(request(), key);
    await client.close(null, key, 'cancelled');
    expect(await roomExists(escalation.host.room)).to.equal(false);
  });

  it('keeps escalations across a service restart', async () => {
    const escalation = await client.create(request(), randomId());
    await executeServerCommand('service-restart');
    const joined = await guest.redeem(escalation.guestCode);
    expect(joined.room).to.equal(escalation.host.room);
  });

  it('refuses an expired code with words for the customer, and a resend carries a fresh one', async () => {
    await executeServerCommand('service-restart', { limits: { codeTtlSeconds: 1 } });
    try {
      const escalation = await client.create(request(), randomId());
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const expired = await refusal(guest.redeem(escalation.guestCode));
      expect([expired.status, expired.code, expired.detail.reason]).to.deep.equal([410, 'code-expired', 'expired']);
      const renewed = await client.renewLink(escalation.id, randomId());
      expect((await guest.redeem(renewed.guestCode)).room).to.equal(escalation.host.room);
    } finally {
      await executeServerCommand('service-restart');
    }
  });

  it('streams the guest’s progress to the agent, in order', async () => {
    const escalation = await client.create(request(), randomId());
    const { guestToken } = await guest.redeem(escalation.guestCode);
    const heard = await hear(
      client,
      escalation.id,
      async () => {
        await guest.report(guestToken, 'opened');
        await guest.report(guestToken, 'checking-devices');
      },
      2,
    );
    expect(heard).to.deep.equal(['opened', 'checking-devices']);
  });

  it('asks the host for a fresh sign-in when the service refuses an expired one, and carries on', async () => {
    const reasons: string[] = [];
    const fresh = new EscalationServiceClient((await testEnv()).serviceUrl, {
      token: async (reason) => {
        reasons.push(reason);
        return agentToken({ ttl: reason === 'initial' ? -120 : 3600 });
      },
    });
    const escalation = await fresh.create(request(), randomId());
    expect(escalation.guestCode).to.match(CODE);
    expect(reasons).to.deep.equal(['initial', 'refused']);
  });

  it('keeps one agent out of another’s escalation, and a guest’s token out of every agent route', async () => {
    const ask = request();
    const escalation = await client.create(ask, randomId());
    const other = await agentClient('agent-2');
    expect((await refusal(other.deliver(escalation.id, { channel: 'sms' }, randomId()))).code).to.equal('forbidden');
    // A second agent asking for the same interaction learns nothing of the live escalation.
    const second = await refusal(other.create(ask, randomId()));
    expect([second.status, second.code]).to.deep.equal([409, 'conflict']);
    expect(JSON.stringify({ ...second, message: second.message })).to.not.contain(escalation.guestCode);
    const { guestToken } = await guest.redeem(escalation.guestCode);
    const asGuest = new EscalationServiceClient((await testEnv()).serviceUrl, { token: guestToken });
    expect((await refusal(asGuest.close(escalation.id, randomId(), 'hangup'))).code).to.equal('unauthorized');
    expect(await roomExists(escalation.host.room)).to.equal(true);
  });

  it('refuses bad input with a clear message and the right status', async () => {
    const badPhone = await refusal(client.create({ ...request(), delivery: { channel: 'sms', to: '555-1234' } }, randomId()));
    expect([badPhone.status, badPhone.message]).to.deep.equal([
      400,
      'delivery.to must be an E.164 phone number such as +15551231234',
    ]);
    const badChannel = await refusal(client.create({ ...request(), delivery: { channel: 'fax' as 'sms' } }, randomId()));
    expect(badChannel.message).to.contain('delivery.channel must be one of');
    const env = await testEnv();
    const authorization = `Bearer ${await agentToken()}`;
    const notJson = await fetch(`${env.serviceUrl}/escalations`, {
      method: 'POST',
      headers: { authorization, 'content-type': 'text/plain', 'idempotency-key': randomId() },
      body: 'hello',
    });
    expect(notJson.status).to.equal(415);
    const huge = await fetch(`${env.serviceUrl}/escalations`, {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/json', 'idempotency-key': randomId() },
      body: JSON.stringify({ pad: 'x'.repeat(20_000) }),
    });
    expect(huge.status).to.equal(413);
    const keyless = await fetch(`${env.serviceUrl}/escalations`, {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/json' },
      body: JSON.stringify(request()),
    });
    expect([keyless.status, ((await keyless.json()) as { error: { code: string } }).error.code]).to.deep.equal([
      400,
      'idempotency-key-required',
    ]);
  });

  it('slows down code guessing', async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 8; attempt += 1) {
      statuses.push((await refusal(guest.redeem('KKK-KKK-KKK'))).status);
    }
    expect(statuses.slice(0, 5)).to.deep.equal([404, 404, 404, 404, 404]);
    expect(statuses.slice(5)).to.deep.equal([429, 429, 429]);
    const throttled = await refusal(guest.redeem('KKK-KKK-KKK'));
    expect(throttled.code).to.equal('rate-limited');
    expect(throttled.detail.retryAfter).to.be.within(1, 60);
  });
});
