// The expert pool with several instances on one PostgreSQL: every instance moves requests on, so
// a ring outlives the instance that set it; yet a desk rings once per ring, one expert is rung for
// one request at a time, and one ring is taken by one accept, whichever instances the requests
// reach.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ExpertRequestStatus } from '../../src/protocol/index.js';
import { GENEROUS } from './support/call-tools.js';
import { startHarness, type Harness } from './support/harness.js';
import { openDesk, poolCall, QUICK_POOL, requestExpert, waitFor, type Desk, type PoolCall } from './support/pool.js';
import { startTestPostgres, type StartedPostgres } from './support/postgres.js';

let postgres: StartedPostgres;
let a: Harness;
let b: Harness;
const limits = { ...GENEROUS, ...QUICK_POOL, expertOverflowSeconds: 20 };

before(async () => {
  postgres = await startTestPostgres('pool-instances');
  a = await startHarness('pool-instances', { databaseUrl: postgres.url, limits });
  b = await startHarness('pool-instances-b', { databaseUrl: postgres.url, beside: a, limits });
});
const open: { close(): void }[] = [];
after(async () => {
  open.forEach((stream) => stream.close());
  await b.stop();
  await a.stop();
  await postgres.stop();
});

let skills = 0;
const freshSkill = () => `multi-${process.pid}-${(skills += 1)}`;
const desk = async (h: Harness, expert: string, skill: string): Promise<Desk> => {
  const made = await openDesk(h, expert, [skill]);
  open.push(made);
  await new Promise((resolve) => setTimeout(resolve, 15));
  return made;
};
const call = async (h: Harness): Promise<PoolCall> => {
  const made = await poolCall(h);
  open.push(made.agent);
  return made;
};
/** The desk's stream, event by event: `offer <id>` and `gone <id>`. */
const story = (d: Desk) =>
  d.stream.heard.map(({ event, data }) => `${event === 'offer' ? 'offer' : 'gone'} ${(JSON.parse(data) as { id: string }).id}`);

describe('the expert pool on several instances', () => {
  it('moves a ring on when the instance that set it is gone, and rings each desk once', async () => {
    const c = await startHarness('pool-instances-c', { databaseUrl: postgres.url, beside: a, limits });
    const skill = freshSkill();
    const ann = await desk(b, 'ann', skill);
    const ben = await desk(a, 'ben', skill);
    const onC = await poolCall(c);
    onC.agent.close();
    const asked = await requestExpert(c, onC, { skill });
    assert.equal((asked.body as ExpertRequestStatus).ringing, 'Ann', 'rung by the instance that took the request');
    await ann.offer();
    // The instance goes (its sweep stops first of all): nobody there is left to time Ann's ring out.
    const stopped = c.stop();
    const next = await ben.offer(1, 5000);
    const taken = await ben.accept(next.id);
    assert.equal(taken.status, 200, JSON.stringify(taken.body));
    await stopped;
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.deepEqual(story(ann), [`offer ${ann.offers()[0]!.id}`, `gone ${ann.offers()[0]!.id}`]);
    assert.deepEqual(story(ben), [`offer ${next.id}`, `gone ${next.id}`]);
    const request = (await a.service.store.expertRequest((asked.body as ExpertRequestStatus).id))!.value;
    assert.deepEqual(
      request.rings.map((ring) => [ring.expert, ring.outcome]),
      [
        ['ann', 'timeout'],
        ['ben', 'accepted'],
      ],
    );
  });

  it('rings one expert for one request at a time, though two instances ask at once', async () => {
    const skill = freshSkill();
    const solo = await desk(a, 'solo', skill);
    const [first, second] = await Promise.all([call(a), call(b)]);
    const [one, two] = await Promise.all([requestExpert(a, first, { skill }), requestExpert(b, second, { skill })]);
    const statuses = [one.body, two.body] as ExpertRequestStatus[];
    assert.deepEqual(
      statuses.map((status) => status.ringing).sort(),
      ['Solo', null].sort(),
      `one rings Solo, the other waits for him: ${JSON.stringify(statuses)}`,
    );
    assert.deepEqual(
      statuses.map((status) => status.state),
      ['ringing', 'ringing'],
    );
    const ring = await solo.offer();
    await new Promise((resolve) => setTimeout(resolve, 400));
    assert.equal(solo.offers().length, 1, 'not rung twice at once');
    assert.equal((await solo.pass(ring.id)).status, 204);
    // Passing frees him for the request that waited (he was never rung for it).
    const again = await solo.offer(2);
    assert.notEqual(again.id, ring.id);
    assert.deepEqual(
      story(solo).slice(0, 3),
      [`offer ${ring.id}`, `gone ${ring.id}`, `offer ${again.id}`],
      'one after the other',
    );
    const waited = statuses.find((status) => status.ringing === null)!;
    assert.equal((await a.service.store.expertRequest(waited.id))?.value.rings[0]?.offer, again.id);
  });

  it('gives one ring to one accept, when it reaches both instances at once', async () => {
    const skill = freshSkill();
    const eve = await desk(b, 'eve', skill);
    const c = await call(a);
    await requestExpert(a, c, { skill });
    const ring = await eve.offer();
    const answers = await Promise.all(
      [a, b, a, b].map((h) => h.call('POST', `/pool/offers/${ring.id}/accept`, { bearer: eve.token, body: {} })),
    );
    assert.deepEqual(
      answers.map((answer) => answer.status).sort(),
      [200, 409, 409, 409],
      JSON.stringify(answers.map((answer) => answer.body)),
    );
    await waitFor(
      () => c.agent.heard.some(({ event }) => event === 'lobby'),
      3000,
      () => JSON.stringify(c.agent.heard),
    );
    assert.equal((await a.record(c.escalation.id)).experts.length, 1, 'one expert came of it');
  });
});
