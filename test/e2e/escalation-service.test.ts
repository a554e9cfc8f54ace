// The reference escalation service over real HTTP, with real Janus rooms, through the browser's client.
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { EscalationServiceClient } from '../../src/core/service/http-client.js';
import { ServiceError } from '../../src/core/service/service-error.js';
import type { CreateEscalationRequest } from '../../src/core/service/types.js';
import { randomId } from '../../src/core/random-id.js';
import { testEnv } from '../support/test-env.js';

function request(overrides: Partial<CreateEscalationRequest['interaction']> = {}): CreateEscalationRequest {
  return {
    interaction: { id: `call-${randomId()}`, channel: 'voice', customerName: 'Ada Customer', customerPhone: '+15551231234', ...overrides },
    delivery: { channel: 'sms', to: '+15551231234' },
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

describe('reference escalation service', function () {
  this.timeout(30_000);
  let client: EscalationServiceClient;
  before(async () => {
    client = new EscalationServiceClient((await testEnv()).serviceUrl);
  });

  it('creates one room per interaction, however often the agent clicks', async () => {
    const ask = request();
    const [first, second] = await Promise.all([client.create(ask, randomId()), client.create(ask, randomId())]);
    expect(second.id).to.equal(first.id);
    expect(first.guestCode).to.match(/^[ACDEFHJKMNPQRTUVWXY3479]{7}$/);
    expect(first.guestUrl).to.contain(`?code=${first.guestCode}`);
    expect(first.expiresAt - Date.now()).to.be.within(14 * 60_000, 15 * 60_000);
    expect(await roomExists(first.host.room)).to.equal(true);
    // The same key replays the first answer.
    const key = randomId();
    const again = request();
    expect((await client.create(again, key)).id).to.equal((await client.create(again, key)).id);
  });

  it('sends the link by SMS to the outbox, and hands a chat link back to the host', async () => {
    const escalation = await client.create(request(), randomId());
    expect(await client.deliver(escalation.id, { channel: 'sms', to: '+15559876543' }, randomId())).to.deep.equal({ channel: 'sms', status: 'sent' });
    const outbox = await executeServerCommand<{ to: string; text: string }[], undefined>('sms-received');
    expect(outbox.some((message) => message.to === '+15559876543' && message.text.includes(escalation.guestCode))).to.equal(true);
    expect(await client.deliver(escalation.id, { channel: 'chat' }, randomId())).to.deep.equal({ channel: 'chat', status: 'handed-to-host' });
  });

  it('reports an SMS the provider refused as a failed delivery, and sends it once the provider is back', async () => {
    const escalation = await client.create(request(), randomId());
    await executeServerCommand('sms-provider-down', { down: true });
    try {
      const refused = await refusal(client.deliver(escalation.id, { channel: 'sms', to: '+15559876500' }, randomId()));
      expect([refused.status, refused.message]).to.deep.equal([502, 'the sms could not be sent: the sms provider answered 503']);
    } finally {
      await executeServerCommand('sms-provider-down', { down: false });
    }
    expect((await client.deliver(escalation.id, { channel: 'sms', to: '+15559876500' }, randomId())).status).to.equal('sent');
    const received = await executeServerCommand<{ to: string; text: string }[], undefined>('sms-received');
    expect(received.filter((message) => message.to === '+15559876500')).to.have.length(1);
  });

  it('renews a spent code before a resend; the old one then says a newer link was sent', async () => {
    const escalation = await client.create(request(), randomId());
    // Nobody used it yet: a resend sends the same code.
    expect((await client.renewLink(escalation.id, randomId())).guestCode).to.equal(escalation.guestCode);
    await client.redeem(escalation.guestCode);
    const renewed = await client.renewLink(escalation.id, randomId());
    expect(renewed.guestCode).to.not.equal(escalation.guestCode);
    expect(renewed.guestUrl).to.contain(`?code=${renewed.guestCode}`);
    const old = await refusal(client.redeem(escalation.guestCode));
    expect([old.status, old.message]).to.deep.equal([410, 'Your agent has sent you a newer link. Use the latest one.']);
    expect((await client.redeem(renewed.guestCode)).room).to.equal(escalation.host.room);
  });

  it("relays a customer's request for a new link to the agent, and renews the code for the resend", async () => {
    const escalation = await client.create(request(), randomId());
    const heard: unknown[] = [];
    const stop = client.progress(escalation.id, (news) => heard.push(news));
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await client.askForNewLink(escalation.guestCode, 'This link has expired.')).to.deep.equal({ relayed: true });
      const started = performance.now();
      while (heard.length < 1 && performance.now() - started < 5000) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(heard).to.deep.equal([{ newLink: { code: escalation.guestCode, role: 'guest', reason: 'This link has expired.' } }]);
    } finally {
      stop();
    }
    expect((await client.renewLink(escalation.id, randomId())).guestCode).to.not.equal(escalation.guestCode);
    const unknown = await refusal(client.askForNewLink('KAKAKAK', ''));
    expect(unknown.status).to.equal(404);
    await executeServerCommand('service-reset-throttle');
  });

  it('redeems a code once, lets the same guest back in, and refuses a replay', async () => {
    const escalation = await client.create(request(), randomId());
    const joined = await client.redeem(escalation.guestCode.toLowerCase().replace(/(...)/, '$1-'));
    expect(joined.room).to.equal(escalation.host.room);
    expect(joined.displayName).to.equal('Ada Customer');
    expect((await client.redeem(escalation.guestCode, joined.guestToken)).room).to.equal(joined.room);
    const replay = await refusal(client.redeem(escalation.guestCode));
    expect([replay.status, replay.code]).to.deep.equal([409, 'code-used']);
    expect(replay.message).to.contain('already been used');
  });

  it('closing destroys the room and the code stops working', async () => {
    const escalation = await client.create(request(), randomId());
    await client.close(escalation.id, 'key-unused', 'hangup');
    expect(await roomExists(escalation.host.room)).to.equal(false);
    const late = await refusal(client.redeem(escalation.guestCode));
    expect(late.status).to.be.oneOf([404, 410]);
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
    const joined = await client.redeem(escalation.guestCode);
    expect(joined.room).to.equal(escalation.host.room);
  });

  it('refuses an expired code with words for the customer', async () => {
    await executeServerCommand('service-restart', { codeTtlMs: 1000 });
    try {
      const escalation = await client.create(request(), randomId());
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const expired = await refusal(client.redeem(escalation.guestCode));
      expect([expired.status, expired.code, expired.message]).to.deep.equal([410, 'code-expired', 'This link has expired. Ask your agent to send a new one.']);
      // The agent's resend carries a fresh code that works.
      const renewed = await client.renewLink(escalation.id, randomId());
      expect((await client.redeem(renewed.guestCode)).room).to.equal(escalation.host.room);
    } finally {
      await executeServerCommand('service-restart');
    }
  });

  it('streams guest progress to the agent', async () => {
    const escalation = await client.create(request(), randomId());
    const heard: string[] = [];
    const stop = client.progress(escalation.id, (news) => heard.push(typeof news === 'string' ? news : JSON.stringify(news)));
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      await client.report(escalation.guestCode, 'opened');
      await client.report(escalation.guestCode, 'checking-devices');
      const started = performance.now();
      while (heard.length < 2 && performance.now() - started < 5000) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(heard).to.deep.equal(['opened', 'checking-devices']);
    } finally {
      stop();
    }
  });

  it('refuses bad input with a clear message and the right status', async () => {
    const badPhone = await refusal(client.create({ ...request(), delivery: { channel: 'sms', to: '555-1234' } }, randomId()));
    expect([badPhone.status, badPhone.message]).to.deep.equal([400, 'delivery.to must be an E.164 phone number such as +15551231234']);
    const badChannel = await refusal(client.create({ ...request(), delivery: { channel: 'fax' as 'sms' } }, randomId()));
    expect(badChannel.message).to.contain('delivery.channel must be one of');
    const env = await testEnv();
    const notJson = await fetch(`${env.serviceUrl}/escalations`, { method: 'POST', headers: { 'content-type': 'text/plain', 'idempotency-key': randomId() }, body: 'hello' });
    expect(notJson.status).to.equal(415);
    const huge = await fetch(`${env.serviceUrl}/escalations`, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': randomId() }, body: JSON.stringify({ pad: 'x'.repeat(20_000) }) });
    expect(huge.status).to.equal(413);
    const badRating = await refusal(client.rate('NOPE', { score: 9 as 5 }));
    expect(badRating.status).to.equal(404);
  });

  it('slows down code guessing', async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 8; attempt += 1) {
      statuses.push((await refusal(client.redeem('KKKKKKK'))).status);
    }
    expect(statuses.slice(0, 5)).to.deep.equal([404, 404, 404, 404, 404]);
    expect(statuses.slice(5)).to.deep.equal([429, 429, 429]);
  });

  after(() => executeServerCommand('service-reset-throttle'));
});
