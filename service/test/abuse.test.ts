// The ways the first version was abused, each tried again: SMS pumping, guessing codes, a second
// creator, keyless and concurrent writes, old codes, repeated ratings and callbacks.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Escalation, ExpertInvitation, JoinDetails } from '../../src/protocol/index.js';
import { heldRequest, linkToken, outcome, startHarness, type Harness } from './support/harness.js';

let h: Harness;
before(async () => {
  h = await startHarness('abuse', {
    // Small enough to reach in a test; the defaults are in service/src/limits.ts.
    limits: { sendsPerAgent: { points: 6, windowSeconds: 3600 }, guestRequestsPerClient: { points: 60, windowSeconds: 60 } },
    trustedProxies: ['loopback'],
  });
});
after(() => h.stop());

const sentTo = (to: string) => h.sms.received.filter((message) => message.to === to).length;

async function agentFor(name: string) {
  const bearer = await h.agentToken(name);
  return {
    bearer,
    escalate: (phone: string) => h.escalate(name, 'tenant-1', { customerPhone: phone }),
    deliver: (id: string, body: object, key?: string) =>
      h.call('POST', `/escalations/${id}/deliveries`, { bearer, body, ...(key ? { key } : {}) }),
  };
}

describe('no SMS pumping', () => {
  it("sends only to allowed country calling codes, whoever's number it is", async () => {
    const agent = await agentFor('pump-1');
    const escalation = await agent.escalate('+15551110001');
    for (const premium of ['+8823456789012', '+2392345678', '+6745551234']) {
      assert.deepEqual(
        outcome(await agent.deliver(escalation.id, { channel: 'sms', to: premium })),
        [422, 'destination-not-allowed'],
        premium,
      );
      assert.equal(sentTo(premium), 0);
    }
    const created = await h.call('POST', '/escalations', {
      bearer: agent.bearer,
      body: {
        interaction: { id: randomUUID(), channel: 'voice', customerPhone: '+8823456789012' },
        delivery: { channel: 'sms' },
        mode: 'voice',
      },
    });
    assert.equal(created.status, 201, 'the escalation itself may be made');
    assert.deepEqual(
      outcome(await agent.deliver((created.body as Escalation).id, { channel: 'sms' })),
      [422, 'destination-not-allowed'],
      "the interaction's own number is checked too",
    );
  });

  it('caps link sends per escalation, and logs a changed number against the agent', async () => {
    const agent = await agentFor('pump-2');
    const escalation = await agent.escalate('+15551110002');
    assert.equal((await agent.deliver(escalation.id, { channel: 'sms' })).status, 200);
    assert.equal(
      (await agent.deliver(escalation.id, { channel: 'sms', to: '+15551110003' })).status,
      200,
      'the customer gave another number',
    );
    assert.equal(
      (await agent.deliver(escalation.id, { channel: 'sms' })).status,
      200,
      'the changed number is now the destination',
    );
    assert.equal(sentTo('+15551110003'), 2);
    const fourth = await agent.deliver(escalation.id, { channel: 'sms' });
    assert.deepEqual(outcome(fourth), [409, 'limit-reached']);
    assert.equal(sentTo('+15551110003'), 2);
    const record = await h.record(escalation.id);
    assert.deepEqual(
      record.destinationChanges.map(({ from, to, by }) => ({ from, to, by })),
      [{ from: '+15551110002', to: '+15551110003', by: 'agent:pump-2' }],
    );
  });

  it('rate-limits sends per agent across escalations, with Retry-After', async () => {
    const agent = await agentFor('pump-3');
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 4; i += 1) {
      const escalation = await agent.escalate(`+1555222000${i}`);
      for (let j = 0; j < 2; j += 1) {
        last = await agent.deliver(escalation.id, { channel: 'sms' });
        statuses.push(last.status);
      }
    }
    assert.deepEqual(statuses, [200, 200, 200, 200, 200, 200, 429, 429]);
    assert.deepEqual(outcome(last!), [429, 'rate-limited']);
    assert.ok(Number(last!.headers.get('retry-after')) > 0);
    const other = await agentFor('pump-3b');
    assert.equal(
      (await other.deliver((await other.escalate('+15552220099')).id, { channel: 'sms' })).status,
      200,
      'another agent is not held back',
    );
  });

  it('caps expert invites per escalation', async () => {
    const agent = await agentFor('pump-4');
    const escalation = await agent.escalate('+15551110004');
    const invite = (i: number) =>
      h.call('POST', `/escalations/${escalation.id}/experts`, {
        bearer: agent.bearer,
        body: { address: `expert${i}@example.com` },
      });
    assert.deepEqual([(await invite(1)).status, (await invite(2)).status, (await invite(3)).status], [200, 200, 200]);
    assert.deepEqual(outcome(await invite(4)), [409, 'limit-reached']);
  });
});

describe('idempotency that holds', () => {
  it('refuses a write without an Idempotency-Key', async () => {
    const agent = await agentFor('idem-1');
    const answer = await h.call('POST', '/escalations', {
      bearer: agent.bearer,
      key: null,
      body: { interaction: { id: randomUUID(), channel: 'chat' }, delivery: { channel: 'chat' }, mode: 'chat' },
    });
    assert.deepEqual(outcome(answer), [400, 'idempotency-key-required']);
    const guest = await h.redeem((await agent.escalate('+15553330000')).guestCode);
    assert.deepEqual(
      outcome(await h.call('POST', '/guest/progress', { bearer: guest.guestToken, key: null, body: { report: 'opened' } })),
      [400, 'idempotency-key-required'],
    );
  });

  it('runs concurrent requests with one key once, and all get its answer', async () => {
    const agent = await agentFor('idem-2');
    const escalation = await agent.escalate('+15553330001');
    const key = randomUUID();
    const answers = await Promise.all(Array.from({ length: 5 }, () => agent.deliver(escalation.id, { channel: 'sms' }, key)));
    assert.deepEqual(
      answers.map((answer) => answer.status),
      [200, 200, 200, 200, 200],
    );
    assert.equal(sentTo('+15553330001'), 1, 'one SMS');
  });

  it('refuses the same key with a different request', async () => {
    const agent = await agentFor('idem-3');
    const escalation = await agent.escalate('+15553330002');
    const key = randomUUID();
    assert.equal((await agent.deliver(escalation.id, { channel: 'sms' }, key)).status, 200);
    assert.deepEqual(outcome(await agent.deliver(escalation.id, { channel: 'sms', to: '+15553330003' }, key)), [
      422,
      'idempotency-key-reused',
    ]);
    assert.equal(sentTo('+15553330003'), 0);
  });

  it("scopes keys by caller: another agent's key never answers with the first one's escalation", async () => {
    const key = randomUUID();
    const body = (id: string) => ({ interaction: { id, channel: 'chat' }, delivery: { channel: 'chat' }, mode: 'chat' });
    const first = await h.call('POST', '/escalations', { bearer: await h.agentToken('idem-4a'), key, body: body(randomUUID()) });
    const second = await h.call('POST', '/escalations', { bearer: await h.agentToken('idem-4b'), key, body: body(randomUUID()) });
    assert.equal(second.status, 201);
    assert.notEqual((second.body as Escalation).id, (first.body as Escalation).id);
  });
});

describe('guessing is throttled', () => {
  it('redeem: wrong codes from one client make it wait, per client (a /64 for IPv6, behind a trusted proxy)', async () => {
    await h.service.resetThrottles();
    const from = (address: string) => ({ 'x-forwarded-for': address });
    const tries = async (address: string, count: number) => {
      const statuses: number[] = [];
      for (let i = 0; i < count; i += 1)
        statuses.push((await h.call('POST', '/guest/redeem', { body: { code: 'KKK-KKK-KKK' }, headers: from(address) })).status);
      return statuses;
    };
    assert.deepEqual(await tries('2001:db8:1:2::1', 7), [404, 404, 404, 404, 404, 429, 429]);
    assert.deepEqual(await tries('2001:db8:1:2::ffff', 1), [429], 'another address in the same /64');
    assert.deepEqual(await tries('203.0.113.7', 1), [404], 'another client is not locked out');
    const refused = await h.call('POST', '/guest/redeem', { body: { code: 'KKK-KKK-KKK' }, headers: from('2001:db8:1:2::1') });
    assert.equal(refused.body && (refused.body as { error: { code: string } }).error.code, 'rate-limited');
    assert.ok(Number(refused.headers.get('retry-after')) > 0);
  });

  it('redeem: a link token guessed at random finds nothing and counts as a failure', async () => {
    await h.service.resetThrottles();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1)
      statuses.push(
        (await h.call('POST', '/guest/redeem', { body: { code: randomUUID().replace(/-/g, '').padEnd(43, 'A') } })).status,
      );
    assert.deepEqual(statuses, [404, 404, 404, 404, 404, 429]);
  });

  it('redeem: one code is tried at most 10 times in 15 minutes, from anywhere', async () => {
    await h.service.resetThrottles();
    const escalation = await h.escalate('per-code');
    await h.redeem(escalation.guestCode);
    const statuses: number[] = [];
    for (let i = 0; i < 11; i += 1)
      statuses.push(
        (
          await h.call('POST', '/guest/redeem', {
            body: { code: escalation.guestCode },
            headers: { 'x-forwarded-for': `198.51.100.${i + 1}` },
          })
        ).status,
      );
    // The customer's own redeem was the first of the ten.
    assert.deepEqual(statuses, [409, 409, 409, 409, 409, 409, 409, 409, 409, 429, 429]);
  });

  it('every guest route is throttled per client', async () => {
    for (const [method, path] of [
      ['GET', '/guest/status'],
      ['POST', '/guest/progress'],
      ['POST', '/guest/rating'],
      ['POST', '/guest/callback'],
      ['POST', '/guest/new-link'],
      ['POST', '/guest/rejoin'],
    ] as const) {
      await h.service.resetThrottles();
      const statuses = new Set<number>();
      for (let i = 0; i < 61; i += 1)
        statuses.add(
          (
            await h.call(method, path, {
              bearer: randomUUID(),
              ...(method === 'POST' ? { body: {} } : {}),
              headers: { 'x-forwarded-for': '192.0.2.50' },
            })
          ).status,
        );
      assert.deepEqual([...statuses], [401, 429], `${method} ${path}`);
    }
    await h.service.resetThrottles();
  });

  it("a forwarded address counts only from a trusted proxy: behind none, one attacker's header locks out nobody else", async () => {
    const direct = await startHarness('abuse-direct');
    try {
      for (let i = 0; i < 5; i += 1)
        await direct.call('POST', '/guest/redeem', {
          body: { code: 'KKK-KKK-KKK' },
          headers: { 'x-forwarded-for': `203.0.113.${i}` },
        });
      const sixth = await direct.call('POST', '/guest/redeem', {
        body: { code: 'KKK-KKK-KKK' },
        headers: { 'x-forwarded-for': '203.0.113.99' },
      });
      assert.equal(sixth.status, 429, 'untrusted forwarded addresses do not buy fresh attempts');
    } finally {
      await direct.stop();
    }
  });
});

describe('what a guest may do, once', () => {
  async function redeemed(): Promise<{ escalation: Escalation; guest: JoinDetails; bearer: string }> {
    const bearer = await h.agentToken('once');
    const escalation = await h.escalate('once');
    return { escalation, guest: await h.redeem(linkToken(escalation.guestUrl)), bearer };
  }

  it('rates once per escalation', async () => {
    const { guest } = await redeemed();
    assert.equal((await h.call('POST', '/guest/rating', { bearer: guest.guestToken, body: { score: 5 } })).status, 200);
    assert.deepEqual(outcome(await h.call('POST', '/guest/rating', { bearer: guest.guestToken, body: { score: 1 } })), [
      409,
      'conflict',
    ]);
    assert.equal((await h.service.store.ratings()).filter((rating) => rating.score === 1).length, 0);
  });

  it('asks for a callback once per escalation', async () => {
    const { guest } = await redeemed();
    assert.equal(
      (await h.call('POST', '/guest/callback', { bearer: guest.guestToken, body: { phone: '+15556660001' } })).status,
      204,
    );
    assert.deepEqual(
      outcome(await h.call('POST', '/guest/callback', { bearer: guest.guestToken, body: { phone: '+8823456789012' } })),
      [409, 'conflict'],
    );
  });

  it("an old code's holder can no longer report device-failed (the room stays), nor rate or ask for a callback", async () => {
    const { escalation, guest, bearer } = await redeemed();
    await h.call('POST', `/escalations/${escalation.id}/code`, { bearer, body: {} });
    for (const [path, body] of [
      ['/guest/progress', { report: 'device-failed' }],
      ['/guest/rating', { score: 1 }],
      ['/guest/callback', { phone: '+15556660002' }],
    ] as const) {
      assert.deepEqual(outcome(await h.call('POST', path, { bearer: guest.guestToken, body })), [410, 'code-expired'], path);
    }
    assert.deepEqual((await h.record(escalation.id)).progress, []);
  });

  it('expert codes are single use and expire', async () => {
    const { escalation, bearer } = await redeemed();
    const invite = (
      await h.call('POST', `/escalations/${escalation.id}/experts`, { bearer, body: { address: 'sam@example.com', name: 'Sam' } })
    ).body as ExpertInvitation;
    const expert = await h.redeem(invite.code);
    assert.equal(expert.role, 'expert');
    assert.deepEqual(outcome(await h.call('POST', '/guest/redeem', { body: { code: linkToken(invite.url) } })), [
      409,
      'code-used',
    ]);
    const second = (
      await h.call('POST', `/escalations/${escalation.id}/experts`, { bearer, body: { address: 'kim@example.com' } })
    ).body as ExpertInvitation;
    await h.change(escalation.id, (record) => {
      record.experts.find((candidate) => candidate.code === second.code.replace(/-/g, ''))!.expiresAt = Date.now() - 1;
    });
    const late = await h.call('POST', '/guest/redeem', { body: { code: second.code } });
    assert.deepEqual(outcome(late), [410, 'code-expired']);
  });

  it('of two redeems of one link at once, one gets in', async () => {
    const escalation = await h.escalate('race');
    const answers = await Promise.all(
      Array.from({ length: 4 }, () => h.call('POST', '/guest/redeem', { body: { code: linkToken(escalation.guestUrl) } })),
    );
    assert.deepEqual(answers.map((answer) => answer.status).sort(), [200, 409, 409, 409]);
  });
});

describe('what changes while a request is on its way counts', () => {
  it("a guest whose code is renewed while their report's body is on its way is refused", async () => {
    const bearer = await h.agentToken('held');
    const escalation = await h.escalate('held');
    const guest = await h.redeem(escalation.guestCode);
    const auth = { authorization: `Bearer ${guest.guestToken}`, 'idempotency-key': randomUUID() };
    const report = heldRequest(`${h.url}/guest/progress`, 'POST', auth, { report: 'device-failed' });
    const rating = heldRequest(`${h.url}/guest/rating`, 'POST', { ...auth, 'idempotency-key': randomUUID() }, { score: 1 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal((await h.call('POST', `/escalations/${escalation.id}/code`, { bearer, body: {} })).status, 200);
    assert.deepEqual(outcome(await report.send()), [410, 'code-expired']);
    assert.deepEqual(outcome(await rating.send()), [410, 'code-expired']);
    const record = await h.record(escalation.id);
    assert.deepEqual([record.progress, record.rated], [[], false]);
  });

  it("a refused redeem's token asks once, even with its asks sent together", async () => {
    const escalation = await h.escalate('held-2');
    await h.redeem(escalation.guestCode);
    const refused = await h.call('POST', '/guest/redeem', { body: { code: escalation.guestCode } });
    const token = (refused.body as { error: { newLinkToken: string } }).error.newLinkToken;
    const asks = Array.from({ length: 4 }, () =>
      heldRequest(`${h.url}/guest/new-link`, 'POST', { authorization: `Bearer ${token}`, 'idempotency-key': randomUUID() }, {}),
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    const statuses = (await Promise.all(asks.map((ask) => ask.send()))).map((answer) => answer.status).sort();
    assert.deepEqual(statuses, [202, 401, 401, 401]);
  });

  it("asks from spent links use an allowance of their own: the customer's own ask still gets through", async () => {
    await h.service.resetThrottles();
    const escalation = await h.escalate('held-3');
    const customer = await h.redeem(escalation.guestCode);
    for (let i = 0; i < 4; i += 1) {
      const refused = await h.call('POST', '/guest/redeem', {
        body: { code: escalation.guestCode },
        headers: { 'x-forwarded-for': `198.51.100.${100 + i}` },
      });
      const token = (refused.body as { error: { newLinkToken: string } }).error.newLinkToken;
      assert.equal((await h.call('POST', '/guest/new-link', { bearer: token, body: {} })).status, i < 3 ? 202 : 409);
    }
    assert.equal((await h.call('POST', '/guest/new-link', { bearer: customer.guestToken, body: {} })).status, 202);
  });

  it('a create cancelled by its key while its body was on its way makes no room', async () => {
    const bearer = await h.agentToken('held-4');
    const key = randomUUID();
    const interaction = randomUUID();
    const create = heldRequest(
      `${h.url}/escalations`,
      'POST',
      { authorization: `Bearer ${bearer}`, 'idempotency-key': key },
      { interaction: { id: interaction, channel: 'chat' }, delivery: { channel: 'chat' }, mode: 'chat' },
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal((await h.call('DELETE', `/escalations/by-key/${key}?reason=cancelled`, { bearer })).status, 204);
    assert.deepEqual(outcome(await create.send()), [409, 'conflict']);
    assert.equal(
      (await h.service.store.live()).some((record) => record.interaction.id === interaction),
      false,
    );
  });
});

describe('what is kept', () => {
  it('keeps no guest token on disk, only in memory for a retry of the same redeem from the same client', async () => {
    await h.service.resetThrottles();
    const escalation = await h.escalate('kept');
    const key = randomUUID();
    const first = await h.call('POST', '/guest/redeem', { key, body: { code: escalation.guestCode } });
    assert.equal(first.status, 200);
    const token = (first.body as JoinDetails).guestToken;
    assert.equal(h.kept().includes(token), false);
    const retry = await h.call('POST', '/guest/redeem', { key, body: { code: escalation.guestCode } });
    assert.equal((retry.body as JoinDetails).guestToken, token, 'a retry after a lost answer gets it again');
    const elsewhere = await h.call('POST', '/guest/redeem', {
      key,
      body: { code: escalation.guestCode },
      headers: { 'x-forwarded-for': '198.51.100.77' },
    });
    assert.deepEqual(outcome(elsewhere), [409, 'code-used'], 'another client with the same code and key gets nothing');
  });

  it('counts a send the provider failed against the allowance: it may have gone out', async () => {
    const agent = await agentFor('failing');
    const escalation = await agent.escalate('+15557770000');
    h.sms.setDown(true);
    try {
      for (let i = 0; i < 3; i += 1)
        assert.deepEqual(outcome(await agent.deliver(escalation.id, { channel: 'sms' })), [502, 'delivery-failed']);
    } finally {
      h.sms.setDown(false);
    }
    assert.deepEqual(outcome(await agent.deliver(escalation.id, { channel: 'sms' })), [409, 'limit-reached']);
  });
});
