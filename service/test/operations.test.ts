// The service as an operator runs it: health and readiness for the orchestrator, metrics for
// Prometheus (behind their own token), one log line a request with no personal data in it, and a
// graceful stop that finishes what is under way and sends the agent's stream elsewhere.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { openStream } from './support/event-stream.js';
import { heldRequest, linkToken, startHarness, type Harness } from './support/harness.js';

const METRICS_TOKEN = 'metrics-token-for-the-tests';
let h: Harness;
const logLines: string[] = [];

before(async () => {
  h = await startHarness('operations', { metricsToken: METRICS_TOKEN, logLines });
});
after(() => h.stop());

describe('health, readiness and metrics', () => {
  it('says it is alive and ready while its store and Janus answer', async () => {
    assert.deepEqual(await (await fetch(`${h.url}/healthz`)).json(), { status: 'ok' });
    const ready = await fetch(`${h.url}/readyz`);
    assert.deepEqual([ready.status, await ready.json()], [200, { status: 'ready' }]);
  });

  it('counts creates, redeems and refusals for Prometheus, only for the metrics token', async () => {
    const escalation = await h.escalate();
    await h.redeem(escalation.guestCode);
    await h.call('POST', '/guest/redeem', { body: { code: 'KKK-KKK-KKK' } });
    await h.call('POST', '/escalations', { body: {} });
    assert.equal((await fetch(`${h.url}/metrics`)).status, 401);
    assert.equal((await fetch(`${h.url}/metrics`, { headers: { authorization: 'Bearer not-it' } })).status, 401);
    const metrics = await (await fetch(`${h.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
    for (const line of [
      /^escalate_creates_total [1-9]/m,
      /^escalate_redeems_total\{outcome="ok"\} [1-9]/m,
      /^escalate_redeems_total\{outcome="code-unknown"\} [1-9]/m,
      /^escalate_refusals_total\{code="unauthorized"\} [1-9]/m,
      /^escalate_active_escalations [1-9]/m,
      /^escalate_janus_request_seconds_count [1-9]/m,
      /^escalate_open_streams 0/m,
    ]) {
      assert.match(metrics, line);
    }
  });

  it('serves no metrics at all when no metrics token is configured', async () => {
    const plain = await startHarness('operations-plain');
    try {
      assert.equal((await fetch(`${plain.url}/metrics`)).status, 404);
    } finally {
      await plain.stop();
    }
  });

  it('says it is not ready, and why, when Janus does not answer', async () => {
    const alone = await startHarness('operations-alone');
    try {
      await alone.janus.stop();
      const answer = await fetch(`${alone.url}/readyz`);
      assert.deepEqual([answer.status, await answer.json()], [503, { status: 'not ready', missing: ['janus'] }]);
    } finally {
      await alone.stop().catch(() => undefined);
    }
  });
});

describe('logs', () => {
  it('writes one JSON line a request, with its route and escalation, and nothing personal', async () => {
    const phone = '+15554443333';
    const escalation = await h.escalate('agent-1', 'tenant-1', { customerPhone: phone, customerName: 'Grace Hopper' });
    await h.call('POST', `/escalations/${escalation.id}/deliveries`, { bearer: await h.agentToken(), body: { channel: 'sms' } });
    const guest = await h.redeem(linkToken(escalation.guestUrl));
    await h.call('POST', '/guest/callback', { bearer: guest.guestToken, body: { phone: '+15559990000' } });
    const lines = logLines.map(
      (line) => JSON.parse(line) as { msg: string; route?: string; escalation?: string; status?: number },
    );
    const requests = lines.filter((line) => line.msg === 'request');
    assert.ok(requests.some((line) => line.route === 'deliverLink' && line.escalation === escalation.id && line.status === 200));
    const everything = logLines.join('\n');
    for (const secret of [
      phone,
      '+15559990000',
      'Grace Hopper',
      escalation.guestCode.replace(/-/g, ''),
      linkToken(escalation.guestUrl),
      guest.guestToken,
      escalation.host.token,
    ]) {
      assert.ok(!everything.includes(secret), `the logs do not hold ${secret.slice(0, 6)}…`);
    }
  });
});

describe('a graceful stop', () => {
  it('finishes the request under way, takes no new one, and sends the agent’s stream to come back elsewhere', async () => {
    const stopping = await startHarness('operations-stop');
    const escalation = await stopping.escalate();
    const token = await stopping.agentToken();
    const stream = await openStream(`${stopping.url}/escalations/${escalation.id}/events`, token);
    const slow = heldRequest(
      `${stopping.url}/escalations/${escalation.id}/deliveries`,
      'POST',
      { authorization: `Bearer ${token}`, 'idempotency-key': randomUUID() },
      { channel: 'chat' },
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    const stopped = stopping.stop();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await assert.rejects(fetch(`${stopping.url}/healthz`), 'no new connection is taken');
    const answer = await slow.send();
    assert.equal(answer.status, 200, 'the request under way is answered');
    await stopped;
    assert.equal(stream.ended, true);
    assert.match(stream.raw, /retry: 1000/);
  });
});

describe('the agent as the customer sees them', () => {
  const create = async (bearer: string) =>
    h.call('POST', '/escalations', {
      bearer,
      body: {
        interaction: { id: `call-${randomUUID()}`, channel: 'chat', customerName: 'Ada Customer' },
        delivery: { channel: 'chat' },
        mode: 'chat',
      },
    });

  it("names the agent in the room by their sign-in's name, cleaned of control characters and cut to 80", async () => {
    const named = await create(await h.agentToken('agent-1', 'tenant-1', 600, '  Sam\u0007 Rivera\n '));
    assert.equal(named.status, 201);
    assert.equal((named.body as { host: { displayName?: string } }).host.displayName, 'Sam Rivera');
    const long = await create(await h.agentToken('agent-1', 'tenant-1', 600, 'S'.repeat(5000)));
    assert.equal((long.body as { host: { displayName?: string } }).host.displayName, 'S'.repeat(80));
    const nameless = await create(await h.agentToken('agent-1', 'tenant-1', 600));
    assert.equal((nameless.body as { host: { displayName?: string } }).host.displayName, undefined);
  });
});
