// Two instances of the service on one PostgreSQL behave as one service: what starts on one is
// finished through the other, the agent hears on one what the customer does through the other,
// and the rules that must hold once (one escalation per interaction, one run per key, the
// throttles) hold across both. Also: a reconnecting stream gets the news it missed.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Escalation } from '../../src/protocol/index.js';
import { openStream } from './support/event-stream.js';
import { linkToken, startHarness, type Harness } from './support/harness.js';
import { startTestPostgres, type StartedPostgres } from './support/postgres.js';

let postgres: StartedPostgres;
let a: Harness;
let b: Harness;

before(async () => {
  postgres = await startTestPostgres('instances');
  a = await startHarness('instances', { databaseUrl: postgres.url });
  b = await startHarness('instances-b', { databaseUrl: postgres.url, beside: a });
});
after(async () => {
  await b.stop();
  await a.stop();
  await postgres.stop();
});

const events = (h: Harness, id: string) => `${h.url}/escalations/${id}/events`;

describe('two instances on one PostgreSQL', () => {
  it('an escalation made on one is redeemed through the other, and the agent on the first hears the customer through the second', async () => {
    const escalation = await a.escalate();
    const stream = await openStream(events(a, escalation.id), await a.agentToken());
    try {
      const guest = await b.redeem(linkToken(escalation.guestUrl));
      assert.equal(guest.room, escalation.host.room);
      assert.equal((await b.call('POST', '/guest/progress', { bearer: guest.guestToken, body: { report: 'opened' } })).status, 204);
      assert.equal((await b.call('POST', '/guest/callback', { bearer: guest.guestToken, body: { phone: '+15551239876' } })).status, 204);
      const asked = await b.call('POST', '/guest/new-link', { bearer: guest.guestToken, body: { reason: 'my phone died' } });
      assert.deepEqual(asked.body, { relayed: true }, 'the instance that took the ask knows the agent listens on the other');
      const heard = await stream.until(3);
      assert.deepEqual(heard.map(({ event }) => event), ['progress', 'callback', 'new-link']);
      assert.equal(heard[1]!.data, '+15551239876');
    } finally {
      stream.close();
    }
  });

  it('makes one escalation and one room for one interaction asked for on both at once', async () => {
    const token = await a.agentToken('agent-7');
    const body = { interaction: { id: `call-${randomUUID()}`, channel: 'chat' }, delivery: { channel: 'chat' }, mode: 'chat' };
    const answers = await Promise.all([a, b, a, b].map((h) => h.call('POST', '/escalations', { bearer: token, body })));
    const ids = new Set(answers.map((answer) => (answer.body as Escalation).id));
    assert.equal(ids.size, 1, JSON.stringify(answers.map((answer) => answer.status)));
    assert.deepEqual(answers.map((answer) => answer.status).sort(), [200, 200, 200, 201]);
    const other = await b.call('POST', '/escalations', { bearer: await a.agentToken('agent-8'), body });
    assert.equal(other.status, 409, "another agent gets nothing of it, on either instance");
  });

  it('runs a write once when one key reaches both at once', async () => {
    const escalation = await a.escalate('agent-1', 'tenant-1', { customerPhone: '+15557778888' });
    const token = await a.agentToken();
    const key = randomUUID();
    const answers = await Promise.all([a, b, a, b].map((h) => h.call('POST', `/escalations/${escalation.id}/deliveries`, { bearer: token, key, body: { channel: 'sms' } })));
    assert.deepEqual(answers.map((answer) => answer.status), [200, 200, 200, 200]);
    assert.equal(a.sms.received.filter((message) => message.to === '+15557778888').length, 1);
  });

  it('counts wrong codes across both: guessing on two instances buys nothing', async () => {
    await a.service.resetThrottles();
    const statuses: number[] = [];
    for (let i = 0; i < 7; i += 1) statuses.push((await (i % 2 ? b : a).call('POST', '/guest/redeem', { body: { code: 'KKK-KKK-KKK' } })).status);
    assert.deepEqual(statuses, [404, 404, 404, 404, 404, 429, 429]);
    await a.service.resetThrottles();
  });

  it('a stream that reconnects with Last-Event-ID gets what it missed, once', async () => {
    const escalation = await a.escalate();
    const token = await a.agentToken();
    const guest = await a.redeem(escalation.guestCode);
    const first = await openStream(events(a, escalation.id), token);
    await b.call('POST', '/guest/progress', { bearer: guest.guestToken, body: { report: 'opened' } });
    const [opened] = await first.until(1);
    first.close();
    await b.call('POST', '/guest/progress', { bearer: guest.guestToken, body: { report: 'checking-devices' } });
    await b.call('POST', '/guest/progress', { bearer: guest.guestToken, body: { report: 'devices-ready' } });
    const again = await openStream(events(b, escalation.id), token, opened!.id);
    try {
      await b.call('POST', '/guest/progress', { bearer: guest.guestToken, body: { report: 'joined' } });
      const heard = await again.until(3);
      assert.deepEqual(heard.map(({ data }) => data), ['checking-devices', 'devices-ready', 'joined']);
      await new Promise((resolve) => setTimeout(resolve, 200));
      assert.equal(again.heard.length, 3, 'nothing twice');
    } finally {
      again.close();
    }
  });
});
