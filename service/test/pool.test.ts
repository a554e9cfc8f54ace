// Experts the way a contact center has them, as the people notice it, on both stores: experts'
// desks say they are available with their skills; an agent asks for a skill and the longest-idle
// free expert's desk rings, then the next (after a pass, or when a ring runs out), until one
// accepts or the overflow time passes; whoever accepts (and every expert invited by address) waits
// in the lobby until the agent lets them in or turns them away with a reason they read.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ErrorBody, ExpertInvitation, ExpertRequestStatus, JoinDetails, LobbyOutcome } from '../../src/protocol/index.js';
import { GENEROUS } from './support/call-tools.js';
import { openStream, type OpenedStream } from './support/event-stream.js';
import { linkToken, outcome, startHarness, type Harness } from './support/harness.js';
import {
  desksInOrder,
  lobbyNews,
  openDesk,
  poolCall,
  QUICK_POOL,
  requestEnded,
  requestExpert,
  setPresence,
  waitFor,
} from './support/pool.js';
import { startTestPostgres, type StartedPostgres } from './support/postgres.js';

let postgres: StartedPostgres;
const harnesses = {} as Record<'SQLite' | 'PostgreSQL', Harness>;

before(async () => {
  postgres = await startTestPostgres('pool');
  harnesses.SQLite = await startHarness('pool', { limits: { ...GENEROUS, ...QUICK_POOL } });
  harnesses.PostgreSQL = await startHarness('pool-pg', {
    limits: { ...GENEROUS, ...QUICK_POOL },
    databaseUrl: postgres.url,
    janus: harnesses.SQLite.janus,
  });
});
after(async () => {
  await harnesses.PostgreSQL?.stop();
  await harnesses.SQLite?.stop();
  await postgres?.stop();
});

let skills = 0;
/** A skill of the test's own, so experts of other tests are never candidates. */
const freshSkill = () => `skill-${process.pid}-${(skills += 1)}`;
const quietFor = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

for (const storeName of ['SQLite', 'PostgreSQL'] as const) {
  describe(`the expert pool (${storeName})`, () => {
    let h: Harness;
    before(() => {
      h = harnesses[storeName];
    });
    const open: { close(): void }[] = [];
    after(() => open.forEach((stream) => stream.close()));
    const kept = <T extends { close(): void }>(stream: T): T => {
      open.push(stream);
      return stream;
    };
    const call = async (agent = 'agent-1', tenant = 'tenant-1', interaction = {}) => {
      const made = await poolCall(h, agent, tenant, interaction);
      kept(made.agent);
      return made;
    };
    const desks = async (experts: string[], skill: string) => (await desksInOrder(h, experts, [skill])).map(kept);
    const guestStream = async (token: string) => kept(await openStream(`${h.url}/guest/events`, token));
    const rejoin = (token: string) => h.call('POST', '/guest/rejoin', { bearer: token, body: {} });
    const lobbyOutcomes = (stream: OpenedStream) =>
      stream.heard.filter(({ event }) => event === 'lobby').map(({ data }) => JSON.parse(data) as LobbyOutcome);

    it('rings the longest-idle expert first, the next after a pass and after a ring runs out; who accepts waits in the lobby until let in', async () => {
      const skill = freshSkill();
      const [ann, ben, cat] = await desks(['ann', 'ben', 'cat'], skill);
      // Available first of all, but with the desk closed: never rung.
      await openDesk(h, 'dan', [skill], { open: false });
      const c = await call('agent-1', 'tenant-1', { caseNumber: 'CASE-77', issue: 'card 4111 1111 1111 1111 declined' });
      assert.equal(c.customer.admitted, undefined, 'a customer never waits');

      const asked = await requestExpert(h, c, { skill, shareCase: true });
      assert.equal(asked.status, 201, JSON.stringify(asked.body));
      const status = asked.body as ExpertRequestStatus;
      assert.deepEqual([status.state, status.ringing, status.skill], ['ringing', 'Ann', skill]);
      assert.ok(Math.abs(status.overflowAt - (Date.now() + 3000)) < 1500);

      const first = await ann.offer();
      assert.deepEqual([first.skill, first.agentName, first.caseNumber], [skill, 'Dana Agent', 'CASE-77']);
      assert.ok(first.issue && !first.issue.includes('4111 1111 1111 1111'), `the issue is masked: ${first.issue}`);
      assert.ok(first.expiresAt > Date.now() && first.expiresAt <= Date.now() + 1100);
      assert.equal((await ann.pass(first.id)).status, 204, 'Ann passes');
      await ann.goneOf(first.id);

      const second = await ben.offer();
      // Ben does not answer: his desk stops ringing after a second, and Cat's rings.
      await ben.goneOf(second.id, 4000);
      assert.deepEqual(outcome(await ben.accept(second.id)), [409, 'conflict'], 'too late for Ben');
      const third = await cat.offer();
      const accepted = await cat.accept(third.id);
      assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
      const details = accepted.body as JoinDetails;
      assert.deepEqual(
        [details.role, details.admitted, details.displayName, details.invitedBy, details.sharedCase?.caseNumber],
        ['expert', false, 'Cat', 'Dana Agent', 'CASE-77'],
      );
      await cat.goneOf(third.id);

      assert.deepEqual(await requestEnded(c), ['ringing Ann', 'ringing Ben', 'ringing Cat', 'accepted']);
      await c.agent.until(5);
      const [waiting] = lobbyNews(c.agent.heard);
      assert.deepEqual(waiting, { id: waiting!.id, name: 'Cat', skill });
      assert.deepEqual(
        [ann.offers().length, ben.offers().length, cat.offers().length],
        [1, 1, 1],
        'each desk rang once for the request',
      );
      const record = await h.record(c.escalation.id);
      assert.deepEqual(
        (await h.service.store.expertRequestsOf(c.escalation.id))[0]!.rings.map((ring) => [ring.expert, ring.outcome]),
        [
          ['ann', 'declined'],
          ['ben', 'timeout'],
          ['cat', 'accepted'],
        ],
        'Dan, whose desk is closed, was never rung',
      );
      assert.equal(record.experts.find((expert) => expert.id === waiting!.id)?.lobby, 'waiting');

      const hears = await guestStream(details.guestToken);
      const waitingRejoin = await rejoin(details.guestToken);
      assert.deepEqual([waitingRejoin.status, (waitingRejoin.body as JoinDetails).admitted], [200, false]);
      const admit = await h.call('POST', `/escalations/${c.escalation.id}/experts/${waiting!.id}/admit`, {
        bearer: c.owner,
        body: {},
      });
      assert.equal(admit.status, 204);
      await hears.until(1);
      assert.deepEqual(lobbyOutcomes(hears), [{ state: 'admitted' }]);
      const admitted = await rejoin(details.guestToken);
      assert.deepEqual([admitted.status, (admitted.body as JoinDetails).admitted], [200, true]);
      assert.deepEqual(
        outcome(
          await h.call('POST', `/escalations/${c.escalation.id}/experts/${waiting!.id}/admit`, { bearer: c.owner, body: {} }),
        ),
        [409, 'conflict'],
        'let in once',
      );
    });

    it('overflows to "no expert" when nobody accepts in time, and says so at once when nobody is free', async () => {
      const skill = freshSkill();
      const ringing = await desks(['eli', 'fay', 'gus', 'hal', 'ivy'], skill);
      const c = await call();
      const started = Date.now();
      assert.equal((await requestExpert(h, c, { skill })).status, 201);
      const story = await requestEnded(c, 8000);
      assert.ok(Date.now() - started >= 2900, 'only once the overflow time passed');
      assert.equal(story.at(-1), 'no-expert');
      assert.deepEqual(story.slice(0, 3), ['ringing Eli', 'ringing Fay', 'ringing Gus']);
      const rung = ringing.filter((desk) => desk.offers().length > 0);
      assert.ok(rung.length >= 3 && rung.length <= 4, `three seconds ring three or four desks: ${rung.length}`);
      const last = rung.at(-1)!;
      await last.goneOf(last.offers()[0]!.id);
      assert.equal(ringing[4]!.offers().length, 0, 'the last never rang');

      const nobody = await requestExpert(h, c, { skill: freshSkill() });
      assert.equal(nobody.status, 201);
      assert.deepEqual(
        [(nobody.body as ExpertRequestStatus).state, (nobody.body as ExpertRequestStatus).ringing],
        ['no-expert', null],
      );
    });

    it('withdraws a request: the ringing desk stops and the agent can ask again; one request at a time', async () => {
      const skill = freshSkill();
      const [jon] = await desks(['jon'], skill);
      const c = await call();
      const asked = (await requestExpert(h, c, { skill })).body as ExpertRequestStatus;
      const ring = await jon.offer();
      assert.deepEqual(outcome(await requestExpert(h, c, { skill })), [409, 'conflict'], 'one open request per call');
      const path = `/escalations/${c.escalation.id}/expert-requests/${asked.id}`;
      assert.equal((await h.call('DELETE', path, { bearer: c.owner })).status, 204);
      await jon.goneOf(ring.id);
      assert.deepEqual(await requestEnded(c), ['ringing Jon', 'cancelled']);
      assert.deepEqual(outcome(await jon.accept(ring.id)), [409, 'conflict'], 'a withdrawn ring cannot be taken');
      assert.equal((await h.call('DELETE', path, { bearer: c.owner })).status, 204, 'withdrawing twice is fine');
      assert.deepEqual(
        outcome(await h.call('DELETE', `/escalations/${c.escalation.id}/expert-requests/nothing`, { bearer: c.owner })),
        [404, 'not-found'],
      );
      const again = await requestExpert(h, c, { skill });
      assert.deepEqual([again.status, (again.body as ExpertRequestStatus).ringing], [201, 'Jon'], 'asked again, Jon rings again');
      const other = await call();
      assert.deepEqual(
        outcome(
          await h.call('DELETE', `/escalations/${other.escalation.id}/expert-requests/${asked.id}`, { bearer: other.owner }),
        ),
        [404, 'not-found'],
        "another call's request is not found through this one",
      );
    });

    it('rings nobody busy in a call (until they leave it), nor the agent who asks, nor a desk that closed', async () => {
      const skill = freshSkill();
      const [kim] = await desks(['kim'], skill);
      const first = await call();
      await requestExpert(h, first, { skill });
      const accepted = (await kim.accept((await kim.offer()).id)).body as JoinDetails;
      const busy = await setPresence(h, kim.token, [skill]);
      assert.deepEqual([busy.presence.busy, busy.presence.idleSince], [true, null], 'in the lobby of a call is busy');
      // The asking agent is an expert too, with the skill and the desk open; and Lou's desk closed.
      kept(await openDesk(h, 'agent-1', [skill]));
      (await openDesk(h, 'lou', [skill])).close();
      await quietFor(150);
      const second = await call();
      const nobody = await requestExpert(h, second, { skill });
      assert.equal((nobody.body as ExpertRequestStatus).state, 'no-expert', JSON.stringify(nobody.body));

      await first.agent.until(3);
      const expertId = lobbyNews(first.agent.heard)[0]!.id;
      const removedAt = Date.now();
      assert.equal(
        (await h.call('DELETE', `/escalations/${first.escalation.id}/experts/${expertId}`, { bearer: first.owner })).status,
        204,
      );
      assert.deepEqual(outcome(await rejoin(accepted.guestToken)), [410, 'code-expired'], 'a removed waiting expert is out');
      const free = await setPresence(h, kim.token, [skill]);
      assert.equal(free.presence.busy, false);
      assert.ok(Math.abs(free.presence.idleSince! - removedAt) < 1000, 'free since they left that call');
      const third = await call();
      assert.equal(((await requestExpert(h, third, { skill })).body as ExpertRequestStatus).ringing, 'Kim', 'rung again');
    });

    /** `expert`'s desk rings for a call of its own; they accept and wait in the lobby. */
    const waitingInLobby = async (expert: string) => {
      const skill = freshSkill();
      const [desk] = await desks([expert], skill);
      const c = await call();
      await requestExpert(h, c, { skill });
      const accepted = (await desk!.accept((await desk!.offer()).id)).body as JoinDetails;
      await c.agent.until(3);
      return { skill, desk: desk!, c, accepted };
    };

    it('an expert who leaves the lobby (closed the page) is free again and the agent hears it; back, they wait again', async () => {
      const { skill, desk: uma, c, accepted } = await waitingInLobby('uma');
      const heardBefore = c.agent.heard.length;
      const leftAt = Date.now();
      const left = await h.call('POST', '/guest/progress', { bearer: accepted.guestToken, body: { report: 'left' } });
      assert.equal(left.status, 204);
      await waitFor(
        () => c.agent.heard.slice(heardBefore).some(({ event, data }) => event === 'expert' && data === 'left'),
        5000,
        () => `the agent heard ${JSON.stringify(c.agent.heard.slice(heardBefore))}`,
      );
      const free = await setPresence(h, uma.token, [skill]);
      assert.equal(free.presence.busy, false, 'free again once they left the lobby');
      assert.ok(Math.abs(free.presence.idleSince! - leftAt) < 1000);

      // A reload: the same page comes back and waits again; the agent hears who waits, as at first.
      const back = await rejoin(accepted.guestToken);
      assert.deepEqual([back.status, (back.body as JoinDetails).admitted], [200, false]);
      await waitFor(
        () => lobbyNews(c.agent.heard.slice(heardBefore)).length === 1,
        5000,
        () => `the agent heard ${JSON.stringify(c.agent.heard.slice(heardBefore))}`,
      );
      assert.equal((await setPresence(h, uma.token, [skill])).presence.busy, true, 'in the lobby again: busy');
      // Asking again now and then (the page's own check) says nothing new to the agent.
      await rejoin(accepted.guestToken);
      await quietFor(200);
      assert.equal(lobbyNews(c.agent.heard.slice(heardBefore)).length, 1);
    });

    it('an expert whose page goes away while waiting has left once no stream of theirs comes back; a reload in time changes nothing', async () => {
      const { skill, desk: ole, c, accepted } = await waitingInLobby('ole');
      const since = c.agent.heard.length;
      const lefts = () => c.agent.heard.slice(since).filter(({ event, data }) => event === 'expert' && data === 'left');

      // A reload: the stream drops and is back at once; nobody is told anything.
      (await guestStream(accepted.guestToken)).close();
      const again = await guestStream(accepted.guestToken);
      await quietFor(1800);
      assert.equal(lefts().length, 0, 'back in time: still waiting');
      assert.equal((await setPresence(h, ole.token, [skill])).presence.busy, true);

      // The page closes (or its connection dies) and does not come back within the second the test allows.
      again.close();
      await waitFor(
        () => lefts().length === 1,
        5000,
        () => `the agent heard ${JSON.stringify(c.agent.heard.slice(since))}`,
      );
      assert.equal((await setPresence(h, ole.token, [skill])).presence.busy, false, 'free for the next call');
      const record = await h.record(c.escalation.id);
      assert.ok(record.experts.find((expert) => expert.lobby === 'waiting')?.leftAt, 'noted as left');
    });

    it('lets the expert who longest waited since their last call go first', async () => {
      const skill = freshSkill();
      const [mia, ned] = await desks(['mia', 'ned'], skill);
      const first = await call();
      await requestExpert(h, first, { skill });
      const accepted = (await mia.accept((await mia.offer()).id)).body as JoinDetails;
      // Mia leaves her call: free since now, so Ned (free for longer) is rung first.
      await h.call('POST', '/guest/progress', { bearer: accepted.guestToken, body: { report: 'left' } });
      const second = await call();
      assert.equal(((await requestExpert(h, second, { skill })).body as ExpertRequestStatus).ringing, 'Ned');
      await ned.pass((await ned.offer()).id);
      await waitFor(
        () => mia.offers().length === 2,
        3000,
        () => 'Mia is rung next',
      );
    });

    it('a desk that opens while it rings hears the ring first', async () => {
      const skill = freshSkill();
      const [ola] = await desks(['ola'], skill);
      const c = await call();
      await requestExpert(h, c, { skill });
      const ring = await ola.offer();
      const second = kept(await openStream(`${h.url}/pool/events`, ola.token));
      const [heard] = await second.until(1);
      assert.equal(heard!.event, 'offer');
      assert.equal(JSON.parse(heard!.data).id, ring.id);
    });

    it('a ring shows the gist of a long issue; the case only when the agent shares it', async () => {
      const skill = freshSkill();
      const [rae] = await desks(['rae'], skill);
      const shared = await call('agent-1', 'tenant-1', { caseNumber: 'CASE-9', issue: `${'é'.repeat(1500)} end` });
      await requestExpert(h, shared, { skill, shareCase: true });
      const ring = await rae.offer();
      assert.equal([...ring.issue!].length, 500);
      assert.ok(ring.issue!.endsWith('…'));
      await rae.pass(ring.id);
      const kept = await call('agent-1', 'tenant-1', { caseNumber: 'CASE-10', issue: 'private' });
      await requestExpert(h, kept, { skill });
      const plain = await rae.offer(2);
      assert.deepEqual([plain.caseNumber, plain.issue, plain.agentName], [undefined, undefined, 'Dana Agent']);
    });

    it('closing the call withdraws its request: the desk stops ringing', async () => {
      const skill = freshSkill();
      const [pia] = await desks(['pia'], skill);
      const c = await call();
      const asked = (await requestExpert(h, c, { skill })).body as ExpertRequestStatus;
      const ring = await pia.offer();
      assert.equal((await h.call('DELETE', `/escalations/${c.escalation.id}?reason=hangup`, { bearer: c.owner })).status, 204);
      await pia.goneOf(ring.id);
      assert.equal((await h.service.store.expertRequest(asked.id))?.value.state, 'cancelled');
      assert.deepEqual(outcome(await pia.accept(ring.id)), [409, 'conflict']);
    });

    it('an expert invited by address waits too; turned away, they read why, and their way back in says so', async () => {
      const c = await call();
      const invite = async () =>
        (
          await h.call('POST', `/escalations/${c.escalation.id}/experts`, {
            bearer: c.owner,
            body: { address: 'sam@example.com', name: 'Sam' },
          })
        ).body as ExpertInvitation;
      const invitation = await invite();
      const base = `/escalations/${c.escalation.id}/experts/${invitation.id}`;
      assert.deepEqual(
        outcome(await h.call('POST', `${base}/admit`, { bearer: c.owner, body: {} })),
        [409, 'conflict'],
        'not waiting before they redeem',
      );
      const sam = await h.redeem(linkToken(invitation.url));
      assert.deepEqual([sam.role, sam.admitted], ['expert', false]);
      await c.agent.until(1);
      assert.deepEqual(lobbyNews(c.agent.heard), [{ id: invitation.id, name: 'Sam', skill: null }]);
      const hears = await guestStream(sam.guestToken);

      for (const reason of ['', '   ', 'x'.repeat(201), 'no\u202ethanks'])
        assert.deepEqual(
          outcome(await h.call('POST', `${base}/decline`, { bearer: c.owner, body: { reason } })),
          [400, 'bad-request'],
          JSON.stringify(reason),
        );
      assert.deepEqual(
        outcome(
          await h.call('POST', `/escalations/${c.escalation.id}/experts/nobody/decline`, {
            bearer: c.owner,
            body: { reason: 'x' },
          }),
        ),
        [404, 'not-found'],
      );
      const because = 'We solved it already, thank you!';
      assert.equal((await h.call('POST', `${base}/decline`, { bearer: c.owner, body: { reason: because } })).status, 204);
      await hears.until(1);
      assert.deepEqual(lobbyOutcomes(hears), [{ state: 'declined', reason: because }]);
      const back = await rejoin(sam.guestToken);
      assert.deepEqual(outcome(back), [410, 'code-expired']);
      assert.deepEqual(
        [(back.body as ErrorBody).error.reason, (back.body as ErrorBody).error.declinedBecause],
        ['declined', because],
      );
      const again = await h.call('POST', '/guest/redeem', { body: { code: invitation.code } });
      assert.deepEqual(
        [again.status, (again.body as ErrorBody).error.reason, (again.body as ErrorBody).error.declinedBecause],
        [410, 'declined', because],
        'nor does their link',
      );
      assert.deepEqual(outcome(await h.call('POST', `${base}/decline`, { bearer: c.owner, body: { reason: 'x' } })), [
        409,
        'conflict',
      ]);
      assert.deepEqual(outcome(await h.call('POST', `${base}/admit`, { bearer: c.owner, body: {} })), [409, 'conflict']);
      const next = await invite();
      assert.equal((await h.redeem(next.code)).admitted, false, 'the agent can invite again, and the next one waits too');
    });

    it("keeps each desk's presence: skills once each, checked, and since when they are free", async () => {
      const token = await h.agentToken('quinn', 'tenant-1', 600, 'Quinn');
      const before = Date.now();
      const set = await setPresence(h, token, ['routers', 'fiber-install', 'routers']);
      assert.equal(set.status, 200);
      assert.deepEqual(set.presence.skills, ['routers', 'fiber-install']);
      assert.deepEqual([set.presence.available, set.presence.busy], [true, false]);
      assert.ok(set.presence.idleSince! >= before && set.presence.idleSince! <= Date.now());
      await quietFor(20);
      assert.equal(
        (await setPresence(h, token, ['routers'])).presence.idleSince,
        set.presence.idleSince,
        'still the same idle time',
      );
      assert.equal((await setPresence(h, token, ['routers'], false)).presence.idleSince, null, 'away');
      assert.ok((await setPresence(h, token, ['routers'])).presence.idleSince! > set.presence.idleSince!, 'free again since now');
      for (const body of [
        { available: true, skills: ['Routers'] },
        { available: true, skills: ['-x'] },
        { available: true, skills: ['x'.repeat(41)] },
        { available: true, skills: Array.from({ length: 21 }, (_, i) => `s${i}`) },
        { available: 'yes', skills: [] },
        { skills: [] },
        { available: true },
      ])
        assert.deepEqual(
          outcome(await h.call('POST', '/pool/presence', { bearer: token, body })),
          [400, 'bad-request'],
          JSON.stringify(body),
        );
      const c = await call();
      for (const body of [{ skill: 'Bad Skill' }, { skill: '' }, {}, { skill: 'routers', shareCase: 'yes' }])
        assert.deepEqual(
          outcome(await requestExpert(h, c, body as { skill: string })),
          [400, 'bad-request'],
          JSON.stringify(body),
        );
    });
  });
}
