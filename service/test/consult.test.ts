// A consult as the agent and the experts notice it, on both stores: when the customer could not do
// video and stays on the phone, the agent opens a room for themselves and experts only. It has no
// code or link a customer could use, refuses what only makes sense with a customer, is the
// interaction's one live escalation (a video call waits for it to end, and it for the video call),
// and lets experts in through the lobby as any call does.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { ErrorBody, Escalation, ExpertInvitation, JoinDetails } from '../../src/protocol/index.js';
import { newInvitation } from '../src/escalations/invitations.js';
import { GENEROUS } from './support/call-tools.js';
import { codeOf, outcome, startHarness, type Answer, type Harness } from './support/harness.js';
import { JanusTestClient } from './support/janus-client.js';
import { openDesk, QUICK_POOL } from './support/pool.js';
import { startTestPostgres, type StartedPostgres } from './support/postgres.js';

let postgres: StartedPostgres;
const harnesses = {} as Record<'SQLite' | 'PostgreSQL', Harness>;
const logLines = { SQLite: [] as string[], PostgreSQL: [] as string[] };

before(async () => {
  postgres = await startTestPostgres('consult');
  harnesses.SQLite = await startHarness('consult', { limits: { ...GENEROUS, ...QUICK_POOL }, logLines: logLines.SQLite });
  harnesses.PostgreSQL = await startHarness('consult-pg', {
    limits: { ...GENEROUS, ...QUICK_POOL },
    databaseUrl: postgres.url,
    janus: harnesses.SQLite.janus,
    logLines: logLines.PostgreSQL,
  });
});
const clients: JanusTestClient[] = [];
after(async () => {
  await Promise.all(clients.map((client) => client.close()));
  await harnesses.PostgreSQL?.stop();
  await harnesses.SQLite?.stop();
  await postgres?.stop();
});

let skills = 0;
/** A skill of the test's own, so experts of other tests are never candidates. */
const freshSkill = () => `consult-${process.pid}-${(skills += 1)}`;
const message = (answer: Answer) => (answer.body as ErrorBody).error.message;

for (const storeName of ['SQLite', 'PostgreSQL'] as const) {
  describe(`a consult (${storeName})`, () => {
    let h: Harness;
    let owner: string;
    before(async () => {
      h = harnesses[storeName];
      owner = await h.agentToken('agent-1', 'tenant-1', 600, 'Dana Agent');
    });
    const body = (interaction: string, consult?: unknown) => ({
      interaction: { id: interaction, channel: 'voice', customerName: 'Ada Customer', customerPhone: '+15551230000' },
      delivery: { channel: 'sms' },
      mode: 'voice',
      ...(consult === undefined ? {} : { consult }),
    });
    const create = (interaction: string, consult?: unknown, bearer = owner) =>
      h.call('POST', '/escalations', { bearer, body: body(interaction, consult) });
    const openConsult = async (interaction = `call-${randomUUID()}`) => {
      const made = await create(interaction, true);
      assert.equal(made.status, 201, JSON.stringify(made.body));
      return made.body as Escalation;
    };
    const close = (id: string, bearer = owner) => h.call('DELETE', `/escalations/${id}?reason=hangup`, { bearer });
    /** Whether Janus lets this media token join the room as this participant. */
    const joins = async (room: string, details: JoinDetails) => {
      const client = new JanusTestClient(h.janus.httpUrl, details.token);
      clients.push(client);
      await client.open();
      const joined = await client.ask({
        request: 'join',
        room: Number(room),
        ptype: 'publisher',
        display: details.displayName,
        id: Number(details.participantId),
        token: details.token,
      });
      return joined['videoroom'] === 'joined' ? 'joined' : joined['error_code'];
    };

    it('opens a room for the agent and experts only: no code, no link, and nobody else sees or ends it', async () => {
      const interaction = `call-${randomUUID()}`;
      const consult = await openConsult(interaction);
      assert.deepEqual([consult.consult, consult.guestCode, consult.guestUrl], [true, '', '']);
      assert.ok(consult.host.token && consult.host.room, 'the agent has their way into the room');
      const kept = await h.record(consult.id);
      assert.deepEqual([kept.consult, kept.guest.code, kept.guest.linkToken], [true, '', '']);
      assert.ok(
        logLines[storeName].some((line) => (JSON.parse(line) as { msg?: string }).msg === 'consult created'),
        'the log says a consult was made',
      );
      const again = await create(interaction, true);
      assert.deepEqual([again.status, (again.body as Escalation).id], [200, consult.id], 'a second tab gets the same one');
      for (const [who, token] of [
        ['another agent of the tenant', await h.agentToken('agent-2')],
        ['the same agent name in another tenant', await h.agentToken('agent-1', 'tenant-2')],
      ] as const) {
        assert.deepEqual(outcome(await close(consult.id, token)), [403, 'forbidden'], who);
        assert.deepEqual(
          outcome(
            await h.call('POST', `/escalations/${consult.id}/experts`, { bearer: token, body: { address: 'x@example.com' } }),
          ),
          [403, 'forbidden'],
          who,
        );
      }
      const other = await create(interaction, true, await h.agentToken('agent-2'));
      assert.deepEqual(outcome(other), [409, 'conflict']);
      assert.ok(!JSON.stringify(other.body).includes(consult.id), 'another agent learns nothing of it');
      assert.equal((await h.record(consult.id)).status, 'active', 'still on');
      assert.equal((await close(consult.id)).status, 204);
    });

    it('gives a customer no way in: a code it might carry answers as an unknown one; links, asks and recording are refused', async () => {
      const consult = await openConsult();
      const path = `/escalations/${consult.id}`;
      // Should the record ever carry a customer code, it still opens nothing (and tells nothing).
      const slipped = newInvitation(Date.now() + 60_000);
      await h.change(consult.id, (record) => {
        record.guest = slipped;
      });
      const unknown = await h.call('POST', '/guest/redeem', { body: { code: 'ACD-EFH-JKM' } });
      assert.deepEqual(outcome(unknown), [404, 'code-unknown']);
      for (const credential of [slipped.code, slipped.linkToken]) {
        const refused = await h.call('POST', '/guest/redeem', { body: { code: credential } });
        assert.deepEqual([refused.status, refused.body], [unknown.status, unknown.body], 'as for an unknown code');
      }
      assert.equal((await h.record(consult.id)).guest.redeemedBy, null);

      for (const delivery of [{ channel: 'sms' }, { channel: 'email', to: 'ada@example.com' }, { channel: 'chat' }]) {
        const sent = await h.call('POST', `${path}/deliveries`, { bearer: owner, body: delivery });
        assert.deepEqual(
          [...outcome(sent), message(sent)],
          [409, 'conflict', 'a consult has no customer link'],
          delivery.channel,
        );
      }
      const renewed = await h.call('POST', `${path}/code`, { bearer: owner, body: {} });
      assert.deepEqual([...outcome(renewed), message(renewed)], [409, 'conflict', 'a consult has no customer link']);
      for (const ask of [{ kind: 'camera', facing: 'environment' }, { kind: 'snapshot' }, { kind: 'torch', on: true }]) {
        const asked = await h.call('POST', `${path}/asks`, { bearer: owner, body: ask });
        assert.deepEqual(outcome(asked), [409, 'conflict'], ask.kind);
        assert.match(message(asked), /consult has no customer/);
      }
      const recording = await h.call('POST', `${path}/recording`, { bearer: owner, body: { action: 'start' } });
      assert.deepEqual(outcome(recording), [409, 'conflict']);
      assert.match(message(recording), /consult has no customer/);
      const kept = await h.record(consult.id);
      assert.deepEqual([kept.deliveries, kept.asks ?? [], kept.recording], [[], [], undefined], 'nothing was sent or asked');
      assert.equal((await close(consult.id)).status, 204);
    });

    it("is the interaction's one live escalation: each kind waits for the other to end", async () => {
      const interaction = `call-${randomUUID()}`;
      const video = await create(interaction);
      assert.equal(video.status, 201);
      assert.equal((video.body as Escalation).consult, undefined, 'a video call is no consult');
      const early = await create(interaction, true);
      assert.deepEqual(
        [...outcome(early), message(early)],
        [409, 'conflict', "this interaction's video call is still open: end it first"],
      );
      assert.equal((await create(interaction, false)).status, 200, 'asking for the video call again gets it back');
      assert.equal((await close((video.body as Escalation).id)).status, 204);

      const consult = await openConsult(interaction);
      const retry = await create(interaction);
      assert.deepEqual(
        [...outcome(retry), message(retry)],
        [409, 'conflict', "this interaction's consult is still open: end it first"],
      );
      assert.equal((await close(consult.id)).status, 204);
      const video2 = await create(interaction);
      assert.equal(video2.status, 201, 'after the consult, the agent may try video again');
      assert.ok((video2.body as Escalation).guestCode, 'with a code for the customer');
      assert.equal((await close((video2.body as Escalation).id)).status, 204);
    });

    it('lets an invited expert in through the lobby: they wait, are let in, and their token opens the room until it closes', async () => {
      const consult = await openConsult();
      const invited = await h.call('POST', `/escalations/${consult.id}/experts`, {
        bearer: owner,
        body: { address: '+15551239876', name: 'Sam' },
      });
      assert.equal(invited.status, 200, JSON.stringify(invited.body));
      const invitation = invited.body as ExpertInvitation;
      assert.match(h.sms.received.at(-1)?.text ?? '', /consult with the agent/, 'the invite says it is a consult');
      const sam = await h.redeem(invitation.code);
      assert.deepEqual([sam.role, sam.admitted, sam.consult, sam.invitedBy], ['expert', false, true, 'Dana Agent']);
      assert.equal(await joins(consult.host.room, sam), 433, 'kept out while waiting');
      const admit = await h.call('POST', `/escalations/${consult.id}/experts/${invitation.id}/admit`, {
        bearer: owner,
        body: {},
      });
      assert.equal(admit.status, 204, JSON.stringify(admit.body));
      assert.equal(await joins(consult.host.room, sam), 'joined', 'their token is on the allow-list');
      const rejoined = await h.call('POST', '/guest/rejoin', { bearer: sam.guestToken, body: {} });
      assert.deepEqual([(rejoined.body as JoinDetails).admitted, (rejoined.body as JoinDetails).consult], [true, true]);

      assert.equal((await close(consult.id)).status, 204);
      assert.deepEqual(outcome(await h.call('POST', '/guest/rejoin', { bearer: sam.guestToken, body: {} })), [
        410,
        'code-expired',
      ]);
      assert.equal(await joins(consult.host.room, sam), 426, 'the room is gone');
    });

    it('rings the pool for a consult: the ring says so, and who accepts waits in the lobby until let in', async () => {
      const skill = freshSkill();
      const desk = await openDesk(h, `pia-${storeName}`, [skill]);
      try {
        const consult = await openConsult();
        const asked = await h.call('POST', `/escalations/${consult.id}/expert-requests`, { bearer: owner, body: { skill } });
        assert.equal(asked.status, 201, JSON.stringify(asked.body));
        const ring = await desk.offer();
        assert.deepEqual([ring.consult, ring.agentName, ring.skill], [true, 'Dana Agent', skill]);
        const accepted = await desk.accept(ring.id);
        assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
        const expert = accepted.body as JoinDetails;
        assert.deepEqual([expert.role, expert.admitted, expert.consult], ['expert', false, true]);
        const waiting = (await h.record(consult.id)).experts.find((candidate) => candidate.pool?.skill === skill)!;
        assert.equal(waiting.lobby, 'waiting');
        const admit = await h.call('POST', `/escalations/${consult.id}/experts/${waiting.id}/admit`, { bearer: owner, body: {} });
        assert.equal(admit.status, 204);
        assert.equal(await joins(consult.host.room, expert), 'joined');
        assert.equal((await close(consult.id)).status, 204);
      } finally {
        desk.close();
      }
    });

    it('says what is wrong with a consult that is not true or false', async () => {
      for (const consult of ['yes', 1, null, {}]) {
        const answer = await create(`call-${randomUUID()}`, consult);
        assert.deepEqual(
          [...outcome(answer), message(answer)],
          [400, 'bad-request', 'consult must be true or false'],
          String(consult),
        );
      }
      assert.equal(codeOf(await create(`call-${randomUUID()}`, false)), undefined, 'false is a customer video call');
    });
  });
}
