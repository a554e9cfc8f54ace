// Who may use the routes of the agent's asks and the customer's stills: every one of them against
// every kind of caller. The agent's routes take only the agent who owns the escalation; the
// customer's take only the customer who was asked (an expert may listen to their own stream, and
// nothing more). Each refusal has its code and changes nothing.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { after, before, describe, it } from 'node:test';
import type { Escalation, JoinDetails, SnapshotRecord } from '../../src/protocol/index.js';
import { ask, GENEROUS, joinedCall, snapshot, still, streamStatus, type JoinedCall } from './support/call-tools.js';
import { badToken, linkToken, outcome, startHarness, type Harness } from './support/harness.js';

const FORGED = ['expired', 'bad-signature', 'wrong-audience', 'wrong-issuer', 'no-tenant', 'none-alg'] as const;

let h: Harness;
before(async () => {
  h = await startHarness('call-tools-authorization', {
    // These tests redeem (and fail to) and send many guest requests from one address; those
    // throttles have tests of their own.
    limits: GENEROUS,
  });
});
after(() => h.stop());

interface Fixture extends JoinedCall {
  /** A still the customer sent, not yet kept. */
  still: string;
  /** An expert the agent invited, in the call. */
  expert: JoinDetails;
}

async function fixture(): Promise<Fixture> {
  const call = await joinedCall(h);
  const invite = await h.call('POST', `/escalations/${call.escalation.id}/experts`, {
    bearer: call.owner,
    body: { address: '+15550003333', name: 'Kim' },
  });
  const expert = await h.redeem(linkToken((invite.body as { url: string }).url));
  return { ...call, still: await snapshot(h, call), expert };
}

const AGENT_ROUTES = [
  {
    name: 'askGuest',
    method: 'POST',
    path: (f: Fixture) => `/escalations/${f.escalation.id}/asks`,
    body: { kind: 'torch', on: true },
    ok: 202,
  },
  {
    name: 'listSnapshots',
    method: 'GET',
    path: (f: Fixture) => `/escalations/${f.escalation.id}/snapshots`,
    body: undefined,
    ok: 200,
  },
  {
    name: 'getSnapshot',
    method: 'GET',
    path: (f: Fixture) => `/escalations/${f.escalation.id}/snapshots/${f.still}`,
    body: undefined,
    ok: 200,
  },
  {
    name: 'saveSnapshot',
    method: 'POST',
    path: (f: Fixture) => `/escalations/${f.escalation.id}/snapshots/${f.still}`,
    body: { marks: [], note: 'kept' },
    ok: 200,
  },
  {
    name: 'discardSnapshot',
    method: 'DELETE',
    path: (f: Fixture) => `/escalations/${f.escalation.id}/snapshots/${f.still}`,
    body: undefined,
    ok: 204,
  },
] as const;

/** Nothing the refused calls could have changed did: no ask was kept, the still is there as it came. */
async function unchanged(f: Fixture, asksBefore: number): Promise<void> {
  assert.equal((await h.record(f.escalation.id)).asks?.length, asksBefore, 'no ask was kept');
  const kept = await h.service.store.snapshot(f.escalation.id, f.still);
  assert.ok(kept, 'the still is there');
  assert.deepEqual([kept.saved, kept.note], [false, ''], 'and not kept for the case');
}

describe('the agent routes of asks and stills', () => {
  for (const route of AGENT_ROUTES) {
    it(`${route.name}: refuses every caller but the agent who owns the escalation`, async () => {
      const f = await fixture();
      const asksBefore = (await h.record(f.escalation.id)).asks!.length;
      const call = async (authorization: string | undefined) =>
        outcome(
          await h.call(route.method, route.path(f), {
            ...(authorization ? { authorization } : {}),
            ...(route.body ? { body: route.body } : {}),
          }),
        );
      assert.deepEqual(await call(undefined), [401, 'unauthorized'], 'no credential');
      for (const kind of FORGED) assert.deepEqual(await call(`Bearer ${await badToken(kind)}`), [401, 'unauthorized'], kind);
      assert.deepEqual(await call(`Bearer ${f.customer.guestToken}`), [401, 'unauthorized'], "the customer's token");
      assert.deepEqual(await call(`Bearer ${f.customer.token}`), [401, 'unauthorized'], "the customer's media token");
      assert.deepEqual(await call(`Bearer ${f.expert.guestToken}`), [401, 'unauthorized'], "an expert's token");
      assert.deepEqual(
        await call(`Bearer ${await h.agentToken('agent-1', 'tenant-2')}`),
        [403, 'forbidden'],
        'the same agent name in another tenant',
      );
      assert.deepEqual(await call(`Bearer ${await h.agentToken('agent-2')}`), [403, 'forbidden'], 'another agent of the tenant');
      assert.deepEqual(await call(`ApiKey ${h.apiKeys['flow']}`), [403, 'forbidden'], "a flow's API key");
      assert.deepEqual(await call('ApiKey evk_not-a-key'), [401, 'unauthorized'], 'an unknown API key');
      await unchanged(f, asksBefore);
      assert.equal(
        (await h.call(route.method, route.path(f), { bearer: f.owner, ...(route.body ? { body: route.body } : {}) })).status,
        route.ok,
        'the owner',
      );
    });
  }

  it("reaches a still only through its own escalation, even for another escalation's owner", async () => {
    const mine = await fixture();
    const theirs = await joinedCall(h, 'agent-2');
    const path = `/escalations/${theirs.escalation.id}/snapshots/${mine.still}`;
    assert.deepEqual(outcome(await h.call('GET', path, { bearer: theirs.owner })), [404, 'not-found']);
    assert.deepEqual(outcome(await h.call('POST', path, { bearer: theirs.owner, body: { marks: [], note: 'mine now' } })), [
      404,
      'not-found',
    ]);
    assert.deepEqual(outcome(await h.call('DELETE', path, { bearer: theirs.owner })), [404, 'not-found']);
    const listed = (await h.call('GET', `/escalations/${theirs.escalation.id}/snapshots`, { bearer: theirs.owner })).body as {
      snapshots: SnapshotRecord[];
    };
    assert.deepEqual(listed.snapshots, []);
    await unchanged(mine, (await h.record(mine.escalation.id)).asks!.length);
  });
});

/** Each customer route, with a body it accepts (for an ask made just before) and the status it answers the customer. */
const GUEST_ROUTES = [
  { name: 'guestEvents', method: 'GET', path: () => '/guest/events', body: () => undefined, ok: 200, expert: 200 },
  {
    name: 'guestAnswer',
    method: 'POST',
    path: (askId: string) => `/guest/asks/${askId}`,
    body: () => ({ outcome: 'refused' }),
    ok: 204,
    expert: 403,
  },
  {
    name: 'guestSnapshot',
    method: 'POST',
    path: () => '/guest/snapshots',
    body: (askId: string) => ({ ask: askId, type: 'image/jpeg', image: still().toString('base64'), width: 64, height: 48 }),
    ok: 201,
    expert: 403,
  },
  {
    name: 'guestCamera',
    method: 'POST',
    path: () => '/guest/camera',
    body: () => ({ facings: ['user'], facing: 'user', torch: null, zoom: null }),
    ok: 204,
    expert: 403,
  },
] as const;

async function callGuestRoute(
  route: (typeof GUEST_ROUTES)[number],
  askId: string,
  authorization: string | undefined,
): Promise<[number, string | undefined]> {
  if (route.method === 'GET') return streamStatus(`${h.url}${route.path()}`, authorization);
  return outcome(
    await h.call(route.method, route.path(askId), { ...(authorization ? { authorization } : {}), body: route.body(askId) }),
  );
}

/** The ask is as the agent made it: unanswered, and no still came for it. */
async function askOpen(call: JoinedCall, askId: string): Promise<void> {
  const kept = (await h.record(call.escalation.id)).asks?.find((entry) => entry.id === askId);
  assert.deepEqual([kept?.answered, kept?.outcome], [false, undefined], 'the ask is still open');
  const stills = await h.service.store.snapshots(call.escalation.id);
  assert.ok(!stills.some((entry) => entry.ask === askId), 'no still came for it');
}

/**
 * Sends only the headers of a still of several megabytes: the status the service answers before
 * any of the body came, or `waiting` when it waits for the body.
 */
async function answerBeforeBody(token: string): Promise<number | 'waiting'> {
  const url = new URL(`${h.url}/guest/snapshots`);
  const request = httpRequest({
    host: url.hostname,
    port: url.port,
    path: url.pathname,
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      'content-length': String(8_000_000),
      'idempotency-key': randomUUID(),
    },
  });
  request.on('error', () => undefined);
  request.flushHeaders();
  try {
    return await new Promise<number | 'waiting'>((resolve) => {
      request.on('response', (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      setTimeout(() => resolve('waiting'), 1000);
    });
  } finally {
    request.destroy();
  }
}

describe("the customer's routes of asks and stills", () => {
  for (const route of GUEST_ROUTES) {
    it(`${route.name}: only the customer who was asked${route.expert === 200 ? ', and an expert for their own stream' : ''}`, async () => {
      const f = await fixture();
      const askId = await ask(h, f, { kind: 'snapshot' });
      const refused = await h.call('POST', '/guest/redeem', { body: { code: f.escalation.guestCode } });
      const newLinkToken = (refused.body as { error: { newLinkToken: string } }).error.newLinkToken;
      const call = (authorization?: string) => callGuestRoute(route, askId, authorization);
      assert.deepEqual(await call(), [401, 'unauthorized'], 'no credential');
      assert.deepEqual(await call(`Bearer ${f.owner}`), [401, 'unauthorized'], "the agent's sign-in is not a guest's");
      assert.deepEqual(await call(`Bearer ${f.customer.token}`), [401, 'unauthorized'], 'the media token is not the guest token');
      assert.deepEqual(await call(`Bearer ${'x'.repeat(43)}`), [401, 'unauthorized'], 'a made-up token');
      assert.deepEqual(await call(`Bearer ${newLinkToken}`), [403, 'forbidden'], "a refused redeem's token");
      const [expertStatus, expertCode] = await call(`Bearer ${f.expert.guestToken}`);
      assert.equal(expertStatus, route.expert, "an expert's token");
      if (route.expert === 403) assert.equal(expertCode, 'forbidden');
      await askOpen(f, askId);
      assert.equal((await call(`Bearer ${f.customer.guestToken}`))[0], route.ok, 'the customer');
    });
  }

  it("refuses another escalation's customer any of this escalation's asks", async () => {
    const f = await fixture();
    const other = await joinedCall(h);
    for (const kind of ['snapshot', 'torch'] as const) {
      const askId = await ask(h, f, kind === 'snapshot' ? { kind } : { kind, on: true });
      for (const route of GUEST_ROUTES.filter(
        (candidate) => candidate.name === 'guestAnswer' || candidate.name === 'guestSnapshot',
      ))
        assert.deepEqual(
          await callGuestRoute(route, askId, `Bearer ${other.customer.guestToken}`),
          [404, 'not-found'],
          `${route.name}, ${kind}`,
        );
      await askOpen(f, askId);
    }
  });

  it('stops a renewed code’s old token on every one of them, and the new customer hears nothing asked of the old', async () => {
    const f = await fixture();
    const askId = await ask(h, f, { kind: 'snapshot' });
    const renewed = await h.call('POST', `/escalations/${f.escalation.id}/code`, { bearer: f.owner, body: {} });
    for (const route of GUEST_ROUTES)
      assert.deepEqual(await callGuestRoute(route, askId, `Bearer ${f.customer.guestToken}`), [410, 'code-expired'], route.name);
    const next = await h.redeem((renewed.body as Escalation).guestCode);
    await h.call('POST', '/guest/progress', { bearer: next.guestToken, body: { report: 'joined' } });
    for (const route of GUEST_ROUTES.filter(
      (candidate) => candidate.name === 'guestAnswer' || candidate.name === 'guestSnapshot',
    ))
      assert.deepEqual(
        await callGuestRoute(route, askId, `Bearer ${next.guestToken}`),
        [404, 'not-found'],
        `${route.name}: not asked of them`,
      );
    await askOpen(f, askId);
  });

  it('reads a still’s large body only for a customer whose token stands', async () => {
    const f = await fixture();
    assert.equal(await answerBeforeBody('x'.repeat(43)), 401, 'a made-up token is refused before the body');
    assert.equal(await answerBeforeBody(f.expert.guestToken), 403, "so is an expert's");
    assert.equal(await answerBeforeBody(f.customer.guestToken), 'waiting', "the customer's body is waited for");
    const askId = await ask(h, f, { kind: 'snapshot' });
    const large = {
      ask: askId,
      type: 'image/jpeg',
      image: still('image/jpeg', 3_000_000).toString('base64'),
      width: 64,
      height: 48,
    };
    assert.deepEqual(outcome(await h.call('POST', '/guest/snapshots', { bearer: 'x'.repeat(43), body: large })), [
      401,
      'unauthorized',
    ]);
    assert.deepEqual(outcome(await h.call('POST', '/guest/snapshots', { bearer: f.expert.guestToken, body: large })), [
      403,
      'forbidden',
    ]);
    const asLarge = { ...large, pad: 'x'.repeat(20_000) };
    assert.deepEqual(
      outcome(await h.call('POST', '/guest/camera', { bearer: f.customer.guestToken, body: asLarge })),
      [413, 'payload-too-large'],
      'other routes keep the JSON limit',
    );
    assert.equal((await h.call('POST', '/guest/snapshots', { bearer: f.customer.guestToken, body: large })).status, 201);
  });
});
