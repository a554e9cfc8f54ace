// Who may use the pool's and the lobby's routes. On an escalation (ask for an expert, withdraw,
// let in, turn away): only its agent, never a guest's token, another agent or tenant, or a flow's
// key without the route. On an expert's desk (presence, rings, accept, pass): only a person's
// sign-in, acting on their own presence and rings: never a guest's token, never an API key (even
// one configured with those routes); another tenant's expert is never rung and another expert's
// offer is unknown. Each refusal has its code and changes nothing.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ExpertInvitation, ExpertRequestStatus, JoinDetails } from '../../src/protocol/index.js';
import { GENEROUS } from './support/call-tools.js';
import { badToken, linkToken, outcome, startHarness, type Answer, type Harness } from './support/harness.js';
import { openDesk, poolCall, QUICK_POOL, requestExpert, type Desk, type PoolCall } from './support/pool.js';

const FORGED = ['expired', 'bad-signature', 'wrong-audience', 'wrong-issuer', 'no-tenant', 'none-alg'] as const;

let h: Harness;
before(async () => {
  h = await startHarness('pool-authorization', { limits: { ...GENEROUS, ...QUICK_POOL, expertOverflowSeconds: 30 } });
});
const open: { close(): void }[] = [];
after(async () => {
  open.forEach((stream) => stream.close());
  await h.stop();
});

let skills = 0;
const freshSkill = () => `auth-${process.pid}-${(skills += 1)}`;

async function call(): Promise<PoolCall> {
  const made = await poolCall(h);
  open.push(made.agent);
  return made;
}

async function desk(expert: string, skill: string, tenant = 'tenant-1'): Promise<Desk> {
  const made = await openDesk(h, expert, [skill], { tenant });
  open.push(made);
  return made;
}

/** Opens a stream and reads only its head. */
async function streamOutcome(path: string, authorization: string | undefined): Promise<[number, string | undefined]> {
  const controller = new AbortController();
  const response = await fetch(`${h.url}${path}`, { headers: authorization ? { authorization } : {}, signal: controller.signal });
  const code = response.ok ? undefined : ((await response.json()) as { error: { code: string } }).error.code;
  controller.abort();
  return [response.status, code];
}

/** A call whose customer joined, an expert invited by address and waiting in the lobby, and a request ringing a desk. */
interface Fixture {
  call: PoolCall;
  waitingId: string;
  waiting: JoinDetails;
  request: ExpertRequestStatus;
  ringing: Desk;
}

async function fixture(): Promise<Fixture> {
  const c = await call();
  const invited = (
    await h.call('POST', `/escalations/${c.escalation.id}/experts`, {
      bearer: c.owner,
      body: { address: 'sam@example.com', name: 'Sam' },
    })
  ).body as ExpertInvitation;
  const waiting = await h.redeem(linkToken(invited.url));
  const skill = freshSkill();
  const ringing = await desk(`ringing-${skills}`, skill);
  const request = (await requestExpert(h, c, { skill })).body as ExpertRequestStatus;
  await ringing.offer();
  return { call: c, waitingId: invited.id, waiting, request, ringing };
}

const ESCALATION_ROUTES = [
  {
    name: 'requestExpert',
    method: 'POST',
    path: (f: Fixture) => `/escalations/${f.call.escalation.id}/expert-requests`,
    body: () => ({ skill: freshSkill() }),
    ok: 201,
  },
  {
    name: 'cancelExpertRequest',
    method: 'DELETE',
    path: (f: Fixture) => `/escalations/${f.call.escalation.id}/expert-requests/${f.request.id}`,
    body: () => undefined,
    ok: 204,
  },
  {
    name: 'admitExpert',
    method: 'POST',
    path: (f: Fixture) => `/escalations/${f.call.escalation.id}/experts/${f.waitingId}/admit`,
    body: () => ({}),
    ok: 204,
  },
  {
    name: 'declineExpert',
    method: 'POST',
    path: (f: Fixture) => `/escalations/${f.call.escalation.id}/experts/${f.waitingId}/decline`,
    body: () => ({ reason: 'not needed now' }),
    ok: 204,
  },
] as const;

/** Nothing changed: the request still rings the same desk, the expert still waits. */
async function unchanged(f: Fixture): Promise<void> {
  const request = (await h.service.store.expertRequest(f.request.id))?.value;
  assert.equal(request?.state, 'ringing', 'the request still rings');
  assert.equal(f.ringing.gone().length, 0, 'the desk still rings');
  const expert = (await h.record(f.call.escalation.id)).experts.find((candidate) => candidate.id === f.waitingId);
  assert.equal(expert?.lobby, 'waiting', 'the expert still waits');
}

describe('the lobby and requests for an expert, on an escalation', () => {
  for (const route of ESCALATION_ROUTES) {
    it(`${route.name}: refuses every caller but the agent who owns the escalation`, async () => {
      const f = await fixture();
      const send = async (authorization: string | undefined): Promise<[number, string | undefined]> =>
        outcome(
          await h.call(route.method, route.path(f), {
            ...(authorization ? { authorization } : {}),
            ...(route.body() ? { body: route.body() } : {}),
          }),
        );
      assert.deepEqual(await send(undefined), [401, 'unauthorized'], 'no credential');
      for (const kind of FORGED) assert.deepEqual(await send(`Bearer ${await badToken(kind)}`), [401, 'unauthorized'], kind);
      assert.deepEqual(await send(`Bearer ${f.call.customer.guestToken}`), [401, 'unauthorized'], "the customer's token");
      assert.deepEqual(await send(`Bearer ${f.waiting.guestToken}`), [401, 'unauthorized'], "the waiting expert's own token");
      assert.deepEqual(await send(`Bearer ${f.waiting.token}`), [401, 'unauthorized'], "the expert's media token");
      assert.deepEqual(await send(`Bearer ${f.ringing.token}`), [403, 'forbidden'], "the rung expert's sign-in");
      assert.deepEqual(
        await send(`Bearer ${await h.agentToken('agent-1', 'tenant-2')}`),
        [403, 'forbidden'],
        'the same agent name in another tenant',
      );
      assert.deepEqual(await send(`Bearer ${await h.agentToken('agent-2')}`), [403, 'forbidden'], 'another agent');
      assert.deepEqual(await send(`ApiKey ${h.apiKeys['flow']}`), [403, 'forbidden'], "a flow's key without the route");
      assert.deepEqual(await send(`ApiKey ${h.apiKeys['pool']}`), [403, 'forbidden'], "a flow's key, not its escalation");
      await unchanged(f);
      // One request at a time: the owner's new one comes once the open one is withdrawn.
      if (route.name === 'requestExpert')
        await h.call('DELETE', `/escalations/${f.call.escalation.id}/expert-requests/${f.request.id}`, { bearer: f.call.owner });
      assert.equal((await send(`Bearer ${f.call.owner}`))[0], route.ok, 'the owner');
    });
  }

  it("lets a flow's key ask for an expert on its own escalation, when the key names the route", async () => {
    const created = await h.call('POST', '/escalations', {
      authorization: `ApiKey ${h.apiKeys['pool']}`,
      body: { interaction: { id: `flow-${Math.random()}`, channel: 'voice' }, delivery: { channel: 'chat' }, mode: 'voice' },
    });
    assert.equal(created.status, 201);
    const skill = freshSkill();
    const ringing = await desk('for-the-flow', skill);
    const asked = await h.call('POST', `/escalations/${(created.body as { id: string }).id}/expert-requests`, {
      authorization: `ApiKey ${h.apiKeys['pool']}`,
      body: { skill },
    });
    assert.deepEqual([asked.status, (asked.body as ExpertRequestStatus).ringing], [201, 'For-the-flow']);
    assert.equal((await ringing.offer()).agentName, null, 'a flow has no name to show');
  });
});

describe("an expert's desk", () => {
  const POOL_ROUTES: {
    name: 'setPresence' | 'poolEvents' | 'acceptOffer' | 'declineOffer';
    method: 'GET' | 'POST';
    path: (offer: string) => string;
    body: unknown;
  }[] = [
    { name: 'setPresence', method: 'POST', path: () => '/pool/presence', body: { available: true, skills: ['routers'] } },
    { name: 'poolEvents', method: 'GET', path: () => '/pool/events', body: undefined },
    { name: 'acceptOffer', method: 'POST', path: (offer: string) => `/pool/offers/${offer}/accept`, body: {} },
    { name: 'declineOffer', method: 'POST', path: (offer: string) => `/pool/offers/${offer}/decline`, body: {} },
  ];

  for (const route of POOL_ROUTES) {
    it(`${route.name}: needs a person's sign-in; a guest's token or an API key (even one given the route) is refused`, async () => {
      const f = await fixture();
      const offer = f.ringing.offers()[0]!.id;
      const send = async (authorization: string | undefined): Promise<[number, string | undefined]> =>
        route.method === 'GET'
          ? streamOutcome(route.path(offer), authorization)
          : outcome(
              await h.call(route.method, route.path(offer), { ...(authorization ? { authorization } : {}), body: route.body }),
            );
      assert.deepEqual(await send(undefined), [401, 'unauthorized'], 'no credential');
      for (const kind of FORGED) assert.deepEqual(await send(`Bearer ${await badToken(kind)}`), [401, 'unauthorized'], kind);
      assert.deepEqual(await send(`Bearer ${f.call.customer.guestToken}`), [401, 'unauthorized'], "a customer's token");
      assert.deepEqual(await send(`Bearer ${f.waiting.guestToken}`), [401, 'unauthorized'], "an expert's guest token");
      assert.deepEqual(await send(`ApiKey ${h.apiKeys['pool']}`), [403, 'forbidden'], 'an API key given the route');
      assert.deepEqual(await send(`ApiKey ${h.apiKeys['flow']}`), [403, 'forbidden'], 'an API key without it');
      await unchanged(f);
      const [status] = await send(`Bearer ${f.ringing.token}`);
      assert.equal(status, { setPresence: 200, poolEvents: 200, acceptOffer: 200, declineOffer: 204 }[route.name], 'the expert');
    });
  }

  it('rings only experts of the escalation’s tenant; another tenant’s (even under the same name) hears nothing, and cannot take the ring', async () => {
    const skill = freshSkill();
    const stranger = await desk('twin', skill, 'tenant-2');
    const c = await call();
    const nobody = (await requestExpert(h, c, { skill })).body as ExpertRequestStatus;
    assert.equal(nobody.state, 'no-expert', 'nobody of tenant-1 has the skill');
    const twin = await desk('twin', skill);
    const other = await call();
    const asked = (await requestExpert(h, other, { skill })).body as ExpertRequestStatus;
    assert.equal(asked.ringing, 'Twin');
    const ring = await twin.offer();
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.deepEqual(stranger.stream.heard, [], "the other tenant's desk heard nothing");
    assert.deepEqual(outcome(await stranger.accept(ring.id)), [404, 'not-found'], 'and cannot take it: it is not theirs');
    assert.deepEqual(outcome(await stranger.pass(ring.id)), [404, 'not-found'], 'nor pass it');
    assert.equal((await h.service.store.expertRequest(asked.id))?.value.state, 'ringing', 'it still rings for Twin');
  });

  it("an expert cannot take or pass another expert's ring, an unknown one, or one that stopped", async () => {
    const skill = freshSkill();
    const rung = await desk('rung', skill);
    const bystander = await desk('bystander', skill);
    const c = await call();
    await requestExpert(h, c, { skill });
    // The first to become available is rung first.
    const ring = await rung.offer();
    const [mine, theirs] = [rung, bystander];
    assert.deepEqual(outcome(await theirs.accept(ring.id)), [404, 'not-found'], "another expert's ring");
    assert.deepEqual(outcome(await theirs.pass(ring.id)), [404, 'not-found']);
    assert.deepEqual(outcome(await mine.accept('no-such-offer')), [404, 'not-found'], 'an unknown one');
    const taken: Answer = await mine.accept(ring.id);
    assert.equal(taken.status, 200);
    assert.deepEqual(outcome(await h.call('POST', `/pool/offers/${ring.id}/accept`, { bearer: mine.token, body: {} })), [
      409,
      'conflict',
    ]);
    assert.deepEqual(outcome(await mine.pass(ring.id)), [409, 'conflict'], 'taken already: nothing to pass');
  });
});
