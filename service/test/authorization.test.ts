// Who may use each route: every route against every kind of caller (none, a forged or expired
// sign-in, another tenant, another agent, a guest's token, an API key outside its scope, the right
// principal). Only the right one passes; each refusal has its code, and changes nothing.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ClaimedEscalation, Escalation, ExpertInvitation, JoinDetails } from '../../src/protocol/index.js';
import { badToken, linkToken, outcome, startHarness, type Harness } from './support/harness.js';

const FORGED = ['expired', 'bad-signature', 'wrong-audience', 'wrong-issuer', 'no-tenant', 'none-alg'] as const;

let h: Harness;
before(async () => {
  h = await startHarness('authorization');
});
after(() => h.stop());

interface Fixture {
  escalation: Escalation;
  guest: JoinDetails;
  owner: string;
  /** An expert the owner invited. */
  expertId: string;
}

/** An escalation of agent-1 (tenant-1) whose customer has redeemed their link, with an expert invited. */
async function fixture(): Promise<Fixture> {
  const escalation = await h.escalate();
  const guest = await h.redeem(linkToken(escalation.guestUrl));
  const owner = await h.agentToken();
  const invited = await h.call('POST', `/escalations/${escalation.id}/experts`, {
    authorization: `Bearer ${owner}`,
    body: { address: '+15550003333', name: 'Kim' },
  });
  return { escalation, guest, owner, expertId: (invited.body as ExpertInvitation).id };
}

/** Every agent route that names an escalation, with a body it accepts and the status it answers the owner. */
const AGENT_ROUTES = [
  {
    name: 'deliverLink',
    method: 'POST',
    path: (id: string) => `/escalations/${id}/deliveries`,
    body: { channel: 'sms' },
    ok: 200,
  },
  { name: 'renewLink', method: 'POST', path: (id: string) => `/escalations/${id}/code`, body: {}, ok: 200 },
  {
    name: 'inviteExpert',
    method: 'POST',
    path: (id: string) => `/escalations/${id}/experts`,
    body: { address: '+15550001111', name: 'Sam' },
    ok: 200,
  },
  { name: 'progressStream', method: 'GET', path: (id: string) => `/escalations/${id}/events`, body: undefined, ok: 200 },
  {
    name: 'removeExpert',
    method: 'DELETE',
    path: (id: string, expert: string) => `/escalations/${id}/experts/${expert}`,
    body: undefined,
    ok: 204,
  },
  {
    name: 'closeEscalation',
    method: 'DELETE',
    path: (id: string) => `/escalations/${id}?reason=hangup`,
    body: undefined,
    ok: 204,
  },
] as const;

/** Opens the stream and reads only its head (it never ends by itself). */
async function streamStatus(path: string, authorization: string | undefined): Promise<[number, string | undefined]> {
  const controller = new AbortController();
  const response = await fetch(`${h.url}${path}`, { headers: authorization ? { authorization } : {}, signal: controller.signal });
  const code = response.ok ? undefined : ((await response.json()) as { error: { code: string } }).error.code;
  controller.abort();
  return [response.status, code];
}

async function callAgentRoute(
  route: (typeof AGENT_ROUTES)[number],
  f: Fixture,
  authorization: string | undefined,
): Promise<[number, string | undefined]> {
  const path = route.path(f.escalation.id, f.expertId);
  if (route.method === 'GET') return streamStatus(path, authorization);
  return outcome(
    await h.call(route.method, path, {
      ...(authorization ? { authorization } : {}),
      ...(route.body ? { body: route.body } : {}),
    }),
  );
}

async function unchanged(f: Fixture, smsBefore: number): Promise<void> {
  assert.equal(h.sms.received.length, smsBefore, 'no message went out');
  const status = await h.call('GET', '/guest/status', { bearer: f.guest.guestToken });
  assert.deepEqual(status.body, { active: true, callbackOffered: false }, 'the escalation is still on');
  assert.equal(
    (await h.call('POST', '/guest/rejoin', { bearer: f.guest.guestToken, body: {} })).status,
    200,
    'the guest still has their place',
  );
}

describe('agent routes on an escalation', () => {
  for (const route of AGENT_ROUTES) {
    it(`${route.name}: refuses every caller but the agent who owns it`, async () => {
      const f = await fixture();
      const smsBefore = h.sms.received.length;
      assert.deepEqual(await callAgentRoute(route, f, undefined), [401, 'unauthorized'], 'no credential');
      for (const kind of FORGED)
        assert.deepEqual(await callAgentRoute(route, f, `Bearer ${await badToken(kind)}`), [401, 'unauthorized'], kind);
      assert.deepEqual(
        await callAgentRoute(route, f, `Bearer ${f.guest.guestToken}`),
        [401, 'unauthorized'],
        "the guest's token",
      );
      assert.deepEqual(
        await callAgentRoute(route, f, `Bearer ${f.guest.token}`),
        [401, 'unauthorized'],
        "the guest's media token",
      );
      assert.deepEqual(
        await callAgentRoute(route, f, `Bearer ${await h.agentToken('agent-1', 'tenant-2')}`),
        [403, 'forbidden'],
        'the same agent name in another tenant',
      );
      assert.deepEqual(
        await callAgentRoute(route, f, `Bearer ${await h.agentToken('agent-2')}`),
        [403, 'forbidden'],
        'another agent of the tenant',
      );
      assert.deepEqual(
        await callAgentRoute(route, f, `ApiKey ${h.apiKeys['flow']}`),
        [403, 'forbidden'],
        "a flow's API key (not its escalation, or not its route)",
      );
      assert.deepEqual(await callAgentRoute(route, f, 'ApiKey evk_not-a-key'), [401, 'unauthorized'], 'an unknown API key');
      await unchanged(f, smsBefore);
      const [status] = await callAgentRoute(route, f, `Bearer ${f.owner}`);
      assert.equal(status, route.ok, 'the owner');
    });
  }
});

describe('creating an escalation', () => {
  const body = (id: string) => ({
    interaction: { id, channel: 'voice', customerPhone: '+15551239999' },
    delivery: { channel: 'sms' },
    mode: 'voice',
  });

  it('needs a valid sign-in; a guest token is none', async () => {
    const f = await fixture();
    for (const authorization of [
      undefined,
      ...(await Promise.all(FORGED.map(async (kind) => `Bearer ${await badToken(kind)}`))),
      `Bearer ${f.guest.guestToken}`,
    ]) {
      const answer = await h.call('POST', '/escalations', {
        ...(authorization ? { authorization } : {}),
        body: body(`call-${Math.random()}`),
      });
      assert.deepEqual(outcome(answer), [401, 'unauthorized'], authorization ?? 'no credential');
    }
  });

  it("gives a second agent asking for a live interaction nothing of the first's escalation", async () => {
    const interaction = `call-${Math.random()}`;
    const first = await h.call('POST', '/escalations', { bearer: await h.agentToken('agent-1'), body: body(interaction) });
    assert.equal(first.status, 201);
    const again = await h.call('POST', '/escalations', { bearer: await h.agentToken('agent-1'), body: body(interaction) });
    assert.equal(
      (again.body as Escalation).id,
      (first.body as Escalation).id,
      'the same agent gets their own back (a second tab)',
    );
    const other = await h.call('POST', '/escalations', { bearer: await h.agentToken('agent-2'), body: body(interaction) });
    assert.deepEqual(outcome(other), [409, 'conflict']);
    const leaked = JSON.stringify(other.body);
    for (const secret of [
      (first.body as Escalation).guestCode,
      (first.body as Escalation).host.token,
      (first.body as Escalation).id,
    ])
      assert.ok(!leaked.includes(secret));
    const otherTenant = await h.call('POST', '/escalations', {
      bearer: await h.agentToken('agent-1', 'tenant-2'),
      body: body(interaction),
    });
    assert.equal(otherTenant.status, 201, "another tenant's interaction of the same id is its own");
    assert.notEqual((otherTenant.body as Escalation).id, (first.body as Escalation).id);
  });

  it('lets a contact-center flow create with its API key, only on its routes', async () => {
    const created = await h.call('POST', '/escalations', {
      authorization: `ApiKey ${h.apiKeys['flow']}`,
      body: body(`flow-${Math.random()}`),
    });
    assert.equal(created.status, 201);
    const id = (created.body as Escalation).id;
    assert.equal(
      (
        await h.call('POST', `/escalations/${id}/deliveries`, {
          authorization: `ApiKey ${h.apiKeys['flow']}`,
          body: { channel: 'sms' },
        })
      ).status,
      200,
    );
    assert.deepEqual(
      outcome(await h.call('DELETE', `/escalations/${id}?reason=hangup`, { authorization: `ApiKey ${h.apiKeys['flow']}` })),
      [403, 'forbidden'],
    );
    assert.deepEqual(
      outcome(await h.call('POST', `/escalations/${id}/code`, { bearer: await h.agentToken(), body: {} })),
      [403, 'forbidden'],
      "an agent is not the flow's",
    );
  });
});

describe("claiming a flow's escalation", () => {
  const flowCreates = async (interactionId: string) => {
    const created = await h.call('POST', '/escalations', {
      authorization: `ApiKey ${h.apiKeys['flow']}`,
      body: {
        interaction: { id: interactionId, channel: 'voice', customerPhone: '+15551230000' },
        delivery: { channel: 'sms' },
        mode: 'voice',
      },
    });
    assert.equal(created.status, 201);
    return created.body as Escalation;
  };
  const claim = async (authorization: string | undefined, interactionId: string) =>
    h.call('POST', '/escalations/claims', { ...(authorization ? { authorization } : {}), body: { interactionId } });

  it('gives it to the first agent of the tenant who asks, and to nobody else; a flow or a guest may not claim', async () => {
    const interactionId = `flow-call-${Math.random()}`;
    const escalation = await flowCreates(interactionId);
    const guest = await h.redeem(linkToken(escalation.guestUrl));
    // The caller opened the text before the task reached anyone.
    await h.call('POST', '/guest/progress', { bearer: guest.guestToken, body: { report: 'opened' } });
    assert.deepEqual(outcome(await claim(undefined, interactionId)), [401, 'unauthorized'], 'no credential');
    for (const kind of FORGED)
      assert.deepEqual(outcome(await claim(`Bearer ${await badToken(kind)}`, interactionId)), [401, 'unauthorized'], kind);
    assert.deepEqual(outcome(await claim(`Bearer ${guest.guestToken}`, interactionId)), [401, 'unauthorized'], "a guest's token");
    assert.deepEqual(outcome(await claim(`ApiKey ${h.apiKeys['flow']}`, interactionId)), [403, 'forbidden'], 'the flow');
    assert.deepEqual(
      outcome(await claim(`Bearer ${await h.agentToken('agent-1', 'tenant-2')}`, interactionId)),
      [404, 'not-found'],
      'an agent of another tenant',
    );
    const claimed = await claim(`Bearer ${await h.agentToken('agent-1', 'tenant-1', 600, 'Dana Agent')}`, interactionId);
    assert.equal(claimed.status, 200);
    const answer = claimed.body as ClaimedEscalation;
    assert.equal(answer.escalation.id, escalation.id, 'the same room and link');
    assert.notEqual(answer.escalation.host.token, escalation.host.token, "the agent's own media token, not the flow's");
    assert.equal(JSON.stringify(answer).includes('+15551230000'), false, 'no case or customer details in the kept answer');
    assert.equal(answer.escalation.host.displayName, 'Dana Agent');
    assert.deepEqual([answer.mode, answer.delivery, answer.guestStep], ['voice', null, 'opened']);
    assert.equal((await claim(`Bearer ${await h.agentToken('agent-1')}`, interactionId)).status, 200, 'again, after a reload');
    assert.deepEqual(
      outcome(await claim(`Bearer ${await h.agentToken('agent-2')}`, interactionId)),
      [404, 'not-found'],
      'a second agent',
    );
    assert.deepEqual(
      outcome(
        await h.call('DELETE', `/escalations/${escalation.id}?reason=hangup`, { authorization: `ApiKey ${h.apiKeys['flow']}` }),
      ),
      [403, 'forbidden'],
      'the flow no longer acts on it',
    );
    assert.equal(
      (await h.call('DELETE', `/escalations/${escalation.id}?reason=hangup`, { bearer: await h.agentToken('agent-1') })).status,
      204,
      'the agent does',
    );
  });

  it("never hands over an agent's own escalation, nor one that is not there", async () => {
    const mine = await h.escalate('agent-1');
    const interactionId = (await h.record(mine.id)).interaction.id;
    assert.deepEqual(outcome(await claim(`Bearer ${await h.agentToken('agent-2')}`, interactionId)), [404, 'not-found']);
    assert.deepEqual(outcome(await claim(`Bearer ${await h.agentToken('agent-1')}`, 'no-such-interaction')), [404, 'not-found']);
  });
});

describe('closing by the create key', () => {
  it('closes only what this caller created with that key', async () => {
    const key = `create-${Math.random()}`;
    const owner = await h.agentToken();
    const created = await h.call('POST', '/escalations', {
      bearer: owner,
      key,
      body: { interaction: { id: `c-${Math.random()}`, channel: 'chat' }, delivery: { channel: 'chat' }, mode: 'chat' },
    });
    const escalation = created.body as Escalation;
    const guest = await h.redeem(escalation.guestCode);
    assert.deepEqual(outcome(await h.call('DELETE', `/escalations/by-key/${key}?reason=cancelled`, {})), [401, 'unauthorized']);
    assert.deepEqual(
      outcome(await h.call('DELETE', `/escalations/by-key/${key}?reason=cancelled`, { bearer: guest.guestToken })),
      [401, 'unauthorized'],
    );
    assert.equal(
      (await h.call('DELETE', `/escalations/by-key/${key}?reason=cancelled`, { bearer: await h.agentToken('agent-2') })).status,
      204,
    );
    assert.deepEqual(
      (await h.call('GET', '/guest/status', { bearer: guest.guestToken })).body,
      { active: true, callbackOffered: false },
      "another agent's key closes nothing of this one",
    );
    assert.equal((await h.call('DELETE', `/escalations/by-key/${key}?reason=cancelled`, { bearer: owner })).status, 204);
    assert.deepEqual((await h.call('GET', '/guest/status', { bearer: guest.guestToken })).body, {
      active: false,
      callbackOffered: false,
    });
  });
});

describe('guest routes', () => {
  const GUEST_ROUTES = [
    { name: 'rejoin', method: 'POST', path: '/guest/rejoin', body: {}, ok: 200 },
    { name: 'guestStatus', method: 'GET', path: '/guest/status', body: undefined, ok: 200 },
    { name: 'guestProgress', method: 'POST', path: '/guest/progress', body: { report: 'checking-devices' }, ok: 204 },
    { name: 'guestRating', method: 'POST', path: '/guest/rating', body: { score: 4 }, ok: 200 },
    { name: 'guestCallback', method: 'POST', path: '/guest/callback', body: { phone: '+15557654321' }, ok: 204 },
    { name: 'guestNewLink', method: 'POST', path: '/guest/new-link', body: { reason: 'test' }, ok: 202 },
  ] as const;

  for (const route of GUEST_ROUTES) {
    it(`${route.name}: only the escalation's current guest`, async () => {
      const f = await fixture();
      const call = (authorization?: string) =>
        h.call(route.method, route.path, {
          ...(authorization ? { authorization } : {}),
          ...(route.body ? { body: route.body } : {}),
        });
      assert.deepEqual(outcome(await call()), [401, 'unauthorized'], 'no credential');
      assert.deepEqual(outcome(await call(`Bearer ${f.owner}`)), [401, 'unauthorized'], "the agent's sign-in is not a guest's");
      assert.deepEqual(
        outcome(await call(`Bearer ${f.guest.token}`)),
        [401, 'unauthorized'],
        'the media token is not the guest token',
      );
      assert.deepEqual(outcome(await call(`Bearer ${'x'.repeat(43)}`)), [401, 'unauthorized'], 'a made-up token');
      assert.equal((await call(`Bearer ${f.guest.guestToken}`)).status, route.ok, 'the guest');
    });
  }

  it("a renewed code's guest token stops working at once, on every guest route", async () => {
    const f = await fixture();
    const renewed = await h.call('POST', `/escalations/${f.escalation.id}/code`, { bearer: f.owner, body: {} });
    assert.notEqual((renewed.body as Escalation).guestCode, f.escalation.guestCode);
    for (const route of GUEST_ROUTES) {
      const answer = await h.call(route.method, route.path, {
        bearer: f.guest.guestToken,
        ...(route.body ? { body: route.body } : {}),
      });
      assert.deepEqual(outcome(answer), [410, 'code-expired'], route.name);
    }
  });

  it("an expert's token reports joining and leaving, and may not rate or ask for the customer's callback", async () => {
    const f = await fixture();
    const invite = await h.call('POST', `/escalations/${f.escalation.id}/experts`, {
      bearer: f.owner,
      body: { address: 'sam@example.com', name: 'Sam' },
    });
    const expert = await h.redeem(linkToken((invite.body as { url: string }).url));
    assert.equal(expert.role, 'expert');
    assert.equal(
      (await h.call('POST', '/guest/progress', { bearer: expert.guestToken, body: { report: 'joined' } })).status,
      204,
    );
    assert.deepEqual(outcome(await h.call('POST', '/guest/rating', { bearer: expert.guestToken, body: { score: 1 } })), [
      403,
      'forbidden',
    ]);
    assert.deepEqual(
      outcome(await h.call('POST', '/guest/callback', { bearer: expert.guestToken, body: { phone: '+15550000000' } })),
      [403, 'forbidden'],
    );
  });

  it("a refused redeem's token asks for a new link once, and opens nothing else", async () => {
    const f = await fixture();
    const refused = await h.call('POST', '/guest/redeem', { body: { code: f.escalation.guestCode } });
    assert.deepEqual(outcome(refused), [409, 'code-used']);
    const token = (refused.body as { error: { newLinkToken: string } }).error.newLinkToken;
    for (const route of GUEST_ROUTES.filter((candidate) => candidate.name !== 'guestNewLink')) {
      const answer = await h.call(route.method, route.path, { bearer: token, ...(route.body ? { body: route.body } : {}) });
      assert.deepEqual(outcome(answer), [403, 'forbidden'], route.name);
    }
    assert.equal((await h.call('POST', '/guest/new-link', { bearer: token, body: {} })).status, 202);
    assert.deepEqual(
      outcome(await h.call('POST', '/guest/new-link', { bearer: token, body: {} })),
      [401, 'unauthorized'],
      'once',
    );
  });
});

describe("a guest's answer opens no agent route", () => {
  it('no value in the redeem answer works as a sign-in or an escalation id', async () => {
    const f = await fixture();
    const values = Object.values(f.guest).filter((value): value is string => typeof value === 'string');
    assert.ok(!values.includes(f.escalation.id), 'the answer does not carry the escalation id');
    for (const value of values) {
      for (const authorization of [`Bearer ${value}`, `ApiKey ${value}`]) {
        const create = await h.call('POST', '/escalations', {
          authorization,
          body: { interaction: { id: 'x', channel: 'chat' }, delivery: { channel: 'chat' }, mode: 'chat' },
        });
        assert.equal(create.status, 401, `create with ${value.slice(0, 12)}…`);
        const close = await h.call('DELETE', `/escalations/${encodeURIComponent(value)}?reason=hangup`, { authorization });
        assert.equal(close.status, 401);
      }
    }
  });
});

describe('CORS', () => {
  it('answers only the configured origins', async () => {
    const preflight = (origin: string) =>
      fetch(`${h.url}/escalations`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization, content-type, idempotency-key',
        },
      });
    const allowed = await preflight('https://desk.example.com');
    assert.equal(allowed.status, 204);
    assert.equal(allowed.headers.get('access-control-allow-origin'), 'https://desk.example.com');
    assert.match(allowed.headers.get('access-control-allow-headers') ?? '', /authorization/);
    const other = await preflight('https://evil.example.net');
    assert.equal(other.status, 403);
    assert.equal(other.headers.get('access-control-allow-origin'), null);
    const read = await fetch(`${h.url}/guest/status`, { headers: { origin: 'https://evil.example.net' } });
    assert.equal(read.headers.get('access-control-allow-origin'), null, 'no answer is shared with another origin');
    assert.notEqual(read.headers.get('access-control-allow-origin'), '*');
  });
});
