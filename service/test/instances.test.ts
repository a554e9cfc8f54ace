// Two instances of the service on one PostgreSQL behave as one service: what starts on one is
// finished through the other, the agent hears on one what the customer does through the other,
// and the rules that must hold once (one escalation per interaction, one run per key, the
// throttles) hold across both. Also: a reconnecting stream gets the news it missed.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Escalation } from '../../src/protocol/index.js';
import pg from 'pg';
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
      assert.equal(
        (await b.call('POST', '/guest/progress', { bearer: guest.guestToken, body: { report: 'opened' } })).status,
        204,
      );
      assert.equal(
        (await b.call('POST', '/guest/callback', { bearer: guest.guestToken, body: { phone: '+15551239876' } })).status,
        204,
      );
      const asked = await b.call('POST', '/guest/new-link', { bearer: guest.guestToken, body: { reason: 'my phone died' } });
      assert.deepEqual(asked.body, { relayed: true }, 'the instance that took the ask knows the agent listens on the other');
      const heard = await stream.until(3);
      assert.deepEqual(
        heard.map(({ event }) => event),
        ['progress', 'callback', 'new-link'],
      );
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
    assert.equal(other.status, 409, 'another agent gets nothing of it, on either instance');
  });

  it('runs a write once when one key reaches both at once', async () => {
    const escalation = await a.escalate('agent-1', 'tenant-1', { customerPhone: '+15557778888' });
    const token = await a.agentToken();
    const key = randomUUID();
    const answers = await Promise.all(
      [a, b, a, b].map((h) =>
        h.call('POST', `/escalations/${escalation.id}/deliveries`, { bearer: token, key, body: { channel: 'sms' } }),
      ),
    );
    assert.deepEqual(
      answers.map((answer) => answer.status),
      [200, 200, 200, 200],
    );
    assert.equal(a.sms.received.filter((message) => message.to === '+15557778888').length, 1);
  });

  it('counts wrong codes across both: guessing on two instances buys nothing', async () => {
    await a.service.resetThrottles();
    const statuses: number[] = [];
    for (let i = 0; i < 7; i += 1)
      statuses.push((await (i % 2 ? b : a).call('POST', '/guest/redeem', { body: { code: 'KKK-KKK-KKK' } })).status);
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
      assert.deepEqual(
        heard.map(({ data }) => data),
        ['checking-devices', 'devices-ready', 'joined'],
      );
      await new Promise((resolve) => setTimeout(resolve, 200));
      assert.equal(again.heard.length, 3, 'nothing twice');
    } finally {
      again.close();
    }
  });
});

describe('the progress stream on PostgreSQL, when things go wrong', () => {
  it('loses nothing when news arrives at once on both instances', async () => {
    const escalation = await a.escalate();
    const guest = await a.redeem(escalation.guestCode);
    const stream = await openStream(events(a, escalation.id), await a.agentToken());
    try {
      const reports = [
        'opened',
        'checking-devices',
        'devices-ready',
        'joined',
        'left',
        'opened',
        'checking-devices',
        'devices-ready',
        'joined',
        'left',
      ];
      await Promise.all(
        reports.map((report, i) =>
          (i % 2 ? b : a).call('POST', '/guest/progress', { bearer: guest.guestToken, body: { report } }),
        ),
      );
      const heard = await stream.until(reports.length);
      assert.equal(new Set(heard.map(({ id }) => id)).size, reports.length, 'each once');
      assert.deepEqual(
        heard.map(({ id }) => id),
        [...heard.map(({ id }) => id)].sort((x, y) => x - y),
        'in order',
      );
    } finally {
      stream.close();
    }
  });

  it('gets what it missed when the database drops its listening connection', async () => {
    const escalation = await a.escalate();
    const guest = await a.redeem(escalation.guestCode);
    const stream = await openStream(events(a, escalation.id), await a.agentToken());
    try {
      const admin = new pg.Client({ connectionString: postgres.url });
      await admin.connect();
      await admin.query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'LISTEN%' AND pid <> pg_backend_pid()",
      );
      await admin.end();
      await b.call('POST', '/guest/progress', { bearer: guest.guestToken, body: { report: 'opened' } });
      await b.call('POST', '/guest/progress', { bearer: guest.guestToken, body: { report: 'joined' } });
      const heard = await stream.until(2, 10_000);
      assert.deepEqual(
        heard.map(({ data }) => data),
        ['opened', 'joined'],
      );
      assert.equal((await fetch(`${a.url}/healthz`)).status, 200, 'the instances live on');
    } finally {
      stream.close();
    }
  });

  it('a stream dropped before any news, reconnecting with the id it was given, gets what came meanwhile', async () => {
    const escalation = await a.escalate();
    const guest = await a.redeem(escalation.guestCode);
    const token = await a.agentToken();
    const first = await openStream(events(a, escalation.id), token);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const given = first.lastId;
    first.close();
    assert.equal(typeof given, 'number', 'a first connection is told where news stands');
    await b.call('POST', '/guest/progress', { bearer: guest.guestToken, body: { report: 'opened' } });
    const again = await openStream(events(b, escalation.id), token, given);
    try {
      assert.deepEqual(
        (await again.until(1)).map(({ data }) => data),
        ['opened'],
      );
    } finally {
      again.close();
    }
  });

  it('forgets a stream whose agent went while it was being opened', async () => {
    const escalation = await a.escalate();
    const token = await a.agentToken();
    for (let i = 0; i < 6; i += 1) {
      const controller = new AbortController();
      const request = fetch(events(a, escalation.id), {
        headers: { authorization: `Bearer ${token}` },
        signal: controller.signal,
      }).catch(() => undefined);
      setTimeout(() => controller.abort(), i);
      await request;
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(await a.service.store.openStreams(escalation.id, 0), 0, 'no stream left behind');
    const stream = await openStream(events(a, escalation.id), token);
    assert.equal(await a.service.store.openStreams(escalation.id, 0), 1, 'the real one counts');
    stream.close();
  });
});
