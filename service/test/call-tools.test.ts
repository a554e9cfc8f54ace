// "Show me the device" and "snapshots to the case", as the agent and the customer notice them, on
// both stores: an ask reaches the customer's page and no one else's, the page's answer and its
// camera reach the agent, a still comes back byte for byte, is kept with its note masked or
// thrown away, and does not outlive the call unless kept (nor the retention even then).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  SNAPSHOT_MAX_BYTES,
  type AskNews,
  type CameraAbilities,
  type GuestAsk,
  type SnapshotNews,
  type SnapshotRecord,
} from '../../src/protocol/index.js';
import { withoutPersonalData } from '../src/escalations/lifecycle.js';
import { ask, GENEROUS, joinedCall, snapshot, still, streamStatus, upload, type JoinedCall } from './support/call-tools.js';
import { openStream, type OpenedStream } from './support/event-stream.js';
import { linkToken, outcome, startHarness, type Harness } from './support/harness.js';
import { startTestPostgres, type StartedPostgres } from './support/postgres.js';

const LIMITS = {
  asksPerEscalation: 12,
  snapshotsPerEscalation: 3,
  cameraReportsPerEscalation: { points: 4, windowSeconds: 60 },
  // These tests redeem and send many guest requests from one address; those throttles have tests of their own.
  ...GENEROUS,
};

const ABILITIES: CameraAbilities = {
  facings: ['user', 'environment'],
  facing: 'environment',
  torch: { on: false },
  zoom: { min: 1, max: 8, step: 0.1, level: 1 },
};

let postgres: StartedPostgres;
const harnesses: Record<'SQLite' | 'PostgreSQL', Harness> = {} as Record<'SQLite' | 'PostgreSQL', Harness>;

before(async () => {
  postgres = await startTestPostgres('call-tools');
  harnesses.SQLite = await startHarness('call-tools', { limits: LIMITS });
  harnesses.PostgreSQL = await startHarness('call-tools-pg', {
    limits: LIMITS,
    databaseUrl: postgres.url,
    janus: harnesses.SQLite.janus,
  });
});
after(async () => {
  await harnesses.PostgreSQL?.stop();
  await harnesses.SQLite?.stop();
  await postgres?.stop();
});

/** Waits a moment for news that must not come. */
const quietFor = (ms = 300) => new Promise((resolve) => setTimeout(resolve, ms));

for (const storeName of ['SQLite', 'PostgreSQL'] as const) {
  describe(`call tools (${storeName})`, () => {
    let h: Harness;
    before(() => {
      h = harnesses[storeName];
    });
    const agentStream = (call: JoinedCall) => openStream(`${h.url}/escalations/${call.escalation.id}/events`, call.owner);
    const guestStream = (token: string, lastEventId?: number) => openStream(`${h.url}/guest/events`, token, lastEventId);
    const streams: OpenedStream[] = [];
    after(() => streams.forEach((stream) => stream.close()));
    const opened = async (stream: Promise<OpenedStream>) => {
      streams.push(await stream);
      return streams.at(-1)!;
    };

    it("puts an ask on the customer's stream only, and the customer's answer on the agent's", async () => {
      const call = await joinedCall(h);
      const invite = await h.call('POST', `/escalations/${call.escalation.id}/experts`, {
        bearer: call.owner,
        body: { address: 'sam@example.com', name: 'Sam' },
      });
      const expert = await h.redeem(linkToken((invite.body as { url: string }).url));
      const agent = await opened(agentStream(call));
      const customer = await opened(guestStream(call.customer.guestToken));
      const expertHears = await opened(guestStream(expert.guestToken));

      const id = await ask(h, call, { kind: 'camera', facing: 'environment' });
      const [heard] = await customer.until(1);
      assert.equal(heard!.event, 'ask');
      const guestAsk = JSON.parse(heard!.data) as GuestAsk;
      assert.deepEqual([guestAsk.id, guestAsk.ask], [id, { kind: 'camera', facing: 'environment' }]);
      assert.ok(Math.abs(guestAsk.at - Date.now()) < 60_000);

      assert.equal(
        (await h.call('POST', `/guest/asks/${id}`, { bearer: call.customer.guestToken, body: { outcome: 'unsupported' } }))
          .status,
        204,
      );
      const [answered] = await agent.until(1);
      assert.equal(answered!.event, 'ask');
      assert.deepEqual(JSON.parse(answered!.data) as AskNews, { id, kind: 'camera', outcome: 'unsupported' });
      await quietFor();
      assert.deepEqual(
        agent.heard.map(({ event }) => event),
        ['ask'],
        "the agent's stream does not carry the ask itself",
      );
      assert.ok(!agent.raw.includes('environment') && !agent.raw.includes('guest:'), agent.raw);
      assert.deepEqual(expertHears.heard, [], 'an expert never hears what is asked of the customer');
      assert.equal(customer.heard.length, 1, "the customer's stream does not carry the agent's news");
    });

    it('refuses an answer to no ask, a second answer, and a done for a still', async () => {
      const call = await joinedCall(h);
      const answer = (id: string, outcome: string) =>
        h.call('POST', `/guest/asks/${id}`, { bearer: call.customer.guestToken, body: { outcome } });
      assert.deepEqual(outcome(await answer('no-such-ask', 'refused')), [404, 'not-found']);
      const torch = await ask(h, call, { kind: 'torch', on: true });
      assert.deepEqual(outcome(await answer(torch, 'maybe')), [400, 'bad-request'], 'an outcome the protocol does not have');
      assert.equal((await answer(torch, 'done')).status, 204);
      assert.deepEqual(outcome(await answer(torch, 'failed')), [409, 'conflict'], 'answered already');
      const shot = await ask(h, call, { kind: 'snapshot' });
      assert.deepEqual(outcome(await answer(shot, 'done')), [400, 'bad-request'], "a still's done comes with the still");
      assert.equal((await answer(shot, 'refused')).status, 204, 'the customer may say no to a still');
      assert.deepEqual(outcome(await upload(h, call, shot)), [409, 'conflict'], 'and then none is taken for it');
      const record = await h.record(call.escalation.id);
      assert.deepEqual(
        record.asks?.map(({ kind, answered, outcome }) => [kind, answered, outcome]),
        [
          ['torch', true, 'done'],
          ['snapshot', true, 'refused'],
        ],
      );
    });

    it('asks only when a customer is in the call, and only while it is on', async () => {
      const escalation = await h.escalate();
      const owner = await h.agentToken();
      const askNow = () =>
        h.call('POST', `/escalations/${escalation.id}/asks`, { bearer: owner, body: { kind: 'zoom', level: 2 } });
      assert.deepEqual(outcome(await askNow()), [409, 'conflict'], 'nobody has redeemed the link');
      const customer = await h.redeem(linkToken(escalation.guestUrl));
      assert.deepEqual(outcome(await askNow()), [409, 'conflict'], 'redeemed, but not in the call yet');
      const report = (step: string) => h.call('POST', '/guest/progress', { bearer: customer.guestToken, body: { report: step } });
      await report('joined');
      assert.equal((await askNow()).status, 202);
      await report('left');
      assert.deepEqual(outcome(await askNow()), [409, 'conflict'], 'the customer left');
      await report('joined');
      assert.equal((await askNow()).status, 202, 'and came back');
      await h.call('DELETE', `/escalations/${escalation.id}?reason=hangup`, { bearer: owner });
      assert.deepEqual(outcome(await askNow()), [409, 'conflict'], 'the call ended');
      assert.deepEqual(
        await streamStatus(`${h.url}/guest/events`, `Bearer ${customer.guestToken}`),
        [410, 'code-expired'],
        "the ended call's stream",
      );
    });

    it('checks what is asked', async () => {
      const call = await joinedCall(h);
      const bad = [
        {},
        { kind: 'selfie' },
        { kind: 'camera' },
        { kind: 'camera', facing: 'left' },
        { kind: 'torch', on: 'yes' },
        { kind: 'zoom', level: '2' },
        { kind: 'zoom' },
      ];
      for (const body of bad) {
        const answer = await h.call('POST', `/escalations/${call.escalation.id}/asks`, { bearer: call.owner, body });
        assert.deepEqual(outcome(answer), [400, 'bad-request'], JSON.stringify(body));
      }
      assert.equal((await h.record(call.escalation.id)).asks, undefined, 'nothing was kept');
    });

    it('keeps at most so many asks per escalation', async () => {
      const call = await joinedCall(h);
      for (let index = 0; index < LIMITS.asksPerEscalation; index += 1)
        await ask(h, call, { kind: 'torch', on: index % 2 === 0 });
      const over = await h.call('POST', `/escalations/${call.escalation.id}/asks`, {
        bearer: call.owner,
        body: { kind: 'torch', on: true },
      });
      assert.deepEqual(outcome(over), [409, 'limit-reached']);
      assert.equal((await h.record(call.escalation.id)).asks?.length, LIMITS.asksPerEscalation);
    });

    it('asks once for a retried request with the same Idempotency-Key', async () => {
      const call = await joinedCall(h);
      const customer = await opened(guestStream(call.customer.guestToken));
      const send = () =>
        h.call('POST', `/escalations/${call.escalation.id}/asks`, {
          bearer: call.owner,
          key: 'ask-once',
          body: { kind: 'snapshot' },
        });
      const [first, again] = [await send(), await send()];
      assert.deepEqual(again.body, first.body);
      assert.equal((await h.record(call.escalation.id)).asks?.length, 1);
      await customer.until(1);
      await quietFor();
      assert.equal(customer.heard.length, 1, 'the customer is asked once');
    });

    it("counts guests' streams apart from the agent's", async () => {
      const call = await joinedCall(h);
      const customer = await opened(guestStream(call.customer.guestToken));
      const asked = await h.call('POST', '/guest/new-link', { bearer: call.customer.guestToken, body: {} });
      assert.deepEqual(asked.body, { relayed: false }, "a guest's stream is not the agent listening");
      const open = [customer];
      for (let index = 1; index < 10; index += 1) open.push(await opened(guestStream(call.customer.guestToken)));
      assert.deepEqual(
        await streamStatus(`${h.url}/guest/events`, `Bearer ${call.customer.guestToken}`),
        [429, 'rate-limited'],
        'at most 10 guest streams',
      );
      for (let index = 0; index < 5; index += 1) open.push(await opened(agentStream(call)));
      assert.deepEqual(
        await streamStatus(`${h.url}/escalations/${call.escalation.id}/events`, `Bearer ${call.owner}`),
        [429, 'rate-limited'],
        "the agent's own cap of 5, whatever the guests have open",
      );
      open.forEach((stream) => stream.close());
    });

    it('gives a reconnecting customer stream the asks it missed, and a first connection none from before', async () => {
      const call = await joinedCall(h);
      const before = await ask(h, call, { kind: 'torch', on: true });
      const first = await opened(guestStream(call.customer.guestToken));
      await quietFor(100);
      const lastId = first.lastId;
      assert.ok(lastId !== undefined, 'a ready event with the latest id');
      assert.deepEqual(first.heard, [], 'nothing from before the first connection');
      first.close();
      const missed = await ask(h, call, { kind: 'zoom', level: 3 });
      const again = await opened(guestStream(call.customer.guestToken, lastId));
      const [heard] = await again.until(1);
      assert.equal((JSON.parse(heard!.data) as GuestAsk).id, missed);
      assert.notEqual(missed, before);
      await quietFor(100);
      assert.equal(again.heard.length, 1, 'only what came after the last id');
    });

    it('takes a still for a snapshot ask: the agent hears of it and gets the same bytes', async () => {
      const call = await joinedCall(h);
      const agent = await opened(agentStream(call));
      const askId = await ask(h, call, { kind: 'snapshot' });
      const image = still('image/png', 200_000);
      const sent = await upload(h, call, askId, image, { type: 'image/png', width: 1920, height: 1080 });
      assert.equal(sent.status, 201, JSON.stringify(sent.body));
      const id = (sent.body as { id: string }).id;
      const heard = await agent.until(2);
      assert.deepEqual(
        heard.map(({ event }) => event),
        ['snapshot', 'ask'],
      );
      const news = JSON.parse(heard[0]!.data) as SnapshotNews;
      assert.deepEqual([news.id, news.ask, news.width, news.height], [id, askId, 1920, 1080]);
      assert.deepEqual(JSON.parse(heard[1]!.data), { id: askId, kind: 'snapshot', outcome: 'done' });

      const fetched = await h.call('GET', `/escalations/${call.escalation.id}/snapshots/${id}`, { bearer: call.owner });
      assert.equal(fetched.status, 200);
      const record = fetched.body as SnapshotRecord;
      assert.ok(Buffer.from(record.image!, 'base64').equals(image), 'the same bytes');
      assert.deepEqual(
        [record.type, record.width, record.height, record.saved, record.marks, record.note, record.takenAt],
        ['image/png', 1920, 1080, false, [], '', news.takenAt],
      );
      const listed = await h.call('GET', `/escalations/${call.escalation.id}/snapshots`, { bearer: call.owner });
      const { snapshots } = listed.body as { snapshots: SnapshotRecord[] };
      assert.deepEqual(
        snapshots.map((entry) => [entry.id, entry.image]),
        [[id, undefined]],
        'listed without the image',
      );
      assert.deepEqual(outcome(await upload(h, call, askId)), [409, 'conflict'], 'one still per ask');
      const torch = await ask(h, call, { kind: 'torch', on: true });
      assert.deepEqual(outcome(await upload(h, call, torch)), [400, 'bad-request'], 'not a snapshot ask');
      assert.deepEqual(outcome(await upload(h, call, 'no-such-ask')), [404, 'not-found']);
    });

    it('refuses a still that is not what it says, too large, or of impossible size, and the ask stays open', async () => {
      const call = await joinedCall(h);
      const askId = await ask(h, call, { kind: 'snapshot' });
      const cases: [string, Parameters<typeof upload>[3], Record<string, unknown>, number, string][] = [
        ['PNG bytes labelled a JPEG', still('image/png'), {}, 400, 'bad-request'],
        ['JPEG bytes labelled a PNG', still('image/jpeg'), { type: 'image/png' }, 400, 'bad-request'],
        ['text labelled a JPEG', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), {}, 400, 'bad-request'],
        ['not base64', undefined, { image: 'not base64 at all!' }, 400, 'bad-request'],
        ['a data: URL', undefined, { image: `data:image/jpeg;base64,${still().toString('base64')}` }, 400, 'bad-request'],
        ['a GIF', undefined, { type: 'image/gif' }, 400, 'bad-request'],
        ['no width', undefined, { width: 0 }, 400, 'bad-request'],
        ['a fractional height', undefined, { height: 480.5 }, 400, 'bad-request'],
        ['wider than any camera', undefined, { width: 8193 }, 400, 'bad-request'],
        ['a byte over the largest still', still('image/jpeg', SNAPSHOT_MAX_BYTES + 1), {}, 413, 'payload-too-large'],
      ];
      for (const [what, image, overrides, status, code] of cases) {
        assert.deepEqual(outcome(await upload(h, call, askId, image, overrides)), [status, code], what);
      }
      const body = { ask: askId, type: 'image/jpeg', image: 'A'.repeat(SNAPSHOT_MAX_BYTES * 2), width: 1, height: 1 };
      assert.deepEqual(
        outcome(await h.call('POST', '/guest/snapshots', { bearer: call.customer.guestToken, body })),
        [413, 'payload-too-large'],
        'a body far over the limit',
      );
      const largest = still('image/jpeg', SNAPSHOT_MAX_BYTES);
      assert.equal((await upload(h, call, askId, largest)).status, 201, 'the largest still, once nothing else was kept');
      const { snapshots } = (await h.call('GET', `/escalations/${call.escalation.id}/snapshots`, { bearer: call.owner }))
        .body as { snapshots: SnapshotRecord[] };
      assert.equal(snapshots.length, 1);
    });

    it('keeps at most so many stills per escalation', async () => {
      const call = await joinedCall(h);
      for (let index = 0; index < LIMITS.snapshotsPerEscalation; index += 1) await snapshot(h, call);
      const askId = await ask(h, call, { kind: 'snapshot' });
      assert.deepEqual(outcome(await upload(h, call, askId)), [409, 'limit-reached']);
    });

    it('keeps a still for the case with its marks, and its note masked', async () => {
      const call = await joinedCall(h);
      const id = await snapshot(h, call);
      const path = `/escalations/${call.escalation.id}/snapshots/${id}`;
      const marks = [
        { shape: 'arrow', from: [10, 10], to: [320, 240] },
        { shape: 'circle', center: [640, 480], radius: 40 },
      ];
      const saved = await h.call('POST', path, {
        bearer: call.owner,
        body: { marks, note: 'Serial on the back; customer read out card 4111 1111 1111 1111' },
      });
      assert.equal(saved.status, 200, JSON.stringify(saved.body));
      assert.deepEqual(saved.body, { note: 'Serial on the back; customer read out card •••• •••• •••• 1111', masked: ['card'] });
      const kept = (await h.call('GET', path, { bearer: call.owner })).body as SnapshotRecord;
      assert.deepEqual(
        [kept.saved, kept.marks, kept.note],
        [true, marks, 'Serial on the back; customer read out card •••• •••• •••• 1111'],
      );
      const stored = await h.service.store.snapshot(call.escalation.id, id);
      assert.ok(stored && !stored.note.includes('4111 1111'), 'kept masked');
      const plain = await h.call('POST', path, { bearer: call.owner, body: { marks: [], note: 'Model X200, fan' } });
      assert.deepEqual(plain.body, { note: 'Model X200, fan', masked: [] }, 'saved again, with nothing to mask');
    });

    it('refuses marks off the still and notes too long or with control characters', async () => {
      const call = await joinedCall(h);
      const id = await snapshot(h, call);
      const save = (body: unknown) =>
        h.call('POST', `/escalations/${call.escalation.id}/snapshots/${id}`, { bearer: call.owner, body });
      const arrow = { shape: 'arrow', from: [0, 0], to: [1, 1] };
      const bad: [string, unknown][] = [
        ['an arrow off the still', { marks: [{ shape: 'arrow', from: [0, 0], to: [641, 10] }], note: '' }],
        ['a negative point', { marks: [{ shape: 'arrow', from: [-1, 0], to: [1, 1] }], note: '' }],
        ['a circle centred off the still', { marks: [{ shape: 'circle', center: [10, 481], radius: 5 }], note: '' }],
        ['a circle of no size', { marks: [{ shape: 'circle', center: [10, 10], radius: 0 }], note: '' }],
        ['a circle larger than the still', { marks: [{ shape: 'circle', center: [10, 10], radius: 641 }], note: '' }],
        ['a point of three numbers', { marks: [{ shape: 'arrow', from: [0, 0, 0], to: [1, 1] }], note: '' }],
        ['a shape there is not', { marks: [{ shape: 'star', center: [1, 1] }], note: '' }],
        ['21 marks', { marks: Array.from({ length: 21 }, () => arrow), note: '' }],
        ['a note of 281 characters', { marks: [], note: 'x'.repeat(281) }],
        ['a note with a text-direction character', { marks: [], note: 'fine\u202e' }],
        ['no note', { marks: [] }],
      ];
      for (const [what, body] of bad) assert.deepEqual(outcome(await save(body)), [400, 'bad-request'], what);
      assert.equal(
        (await save({ marks: Array.from({ length: 20 }, () => arrow), note: 'x'.repeat(280) })).status,
        200,
        'the most marks and the longest note',
      );
      assert.deepEqual(
        outcome(
          await h.call('POST', `/escalations/${call.escalation.id}/snapshots/no-such-still`, {
            bearer: call.owner,
            body: { marks: [], note: '' },
          }),
        ),
        [404, 'not-found'],
      );
    });

    it('discards a still for good', async () => {
      const call = await joinedCall(h);
      const id = await snapshot(h, call);
      const path = `/escalations/${call.escalation.id}/snapshots/${id}`;
      assert.equal((await h.call('DELETE', path, { bearer: call.owner })).status, 204);
      assert.deepEqual(outcome(await h.call('GET', path, { bearer: call.owner })), [404, 'not-found']);
      assert.deepEqual(outcome(await h.call('DELETE', path, { bearer: call.owner })), [404, 'not-found']);
      assert.equal(await h.service.store.snapshot(call.escalation.id, id), undefined);
    });

    it('deletes the stills not kept when the call ends, and the kept ones at the purge', async () => {
      const call = await joinedCall(h);
      const kept = await snapshot(h, call);
      const dropped = await snapshot(h, call);
      const base = `/escalations/${call.escalation.id}/snapshots`;
      await h.call('POST', `${base}/${kept}`, { bearer: call.owner, body: { marks: [], note: 'the label' } });
      assert.equal(
        (await h.call('DELETE', `/escalations/${call.escalation.id}?reason=wrapup`, { bearer: call.owner })).status,
        204,
      );
      const listed = (await h.call('GET', base, { bearer: call.owner })).body as { snapshots: SnapshotRecord[] };
      assert.deepEqual(
        listed.snapshots.map(({ id }) => id),
        [kept],
      );
      assert.deepEqual(outcome(await h.call('GET', `${base}/${dropped}`, { bearer: call.owner })), [404, 'not-found']);
      assert.equal(await h.service.store.snapshot(call.escalation.id, dropped), undefined, 'gone from the store');

      const { value, version } = (await h.service.store.get(call.escalation.id))!;
      assert.equal(await h.service.store.purge(withoutPersonalData(value), version, Date.now()), true);
      assert.deepEqual(((await h.call('GET', base, { bearer: call.owner })).body as { snapshots: unknown[] }).snapshots, []);
      assert.equal(await h.service.store.snapshot(call.escalation.id, kept), undefined, 'the kept one too');
    });

    it("relays what the customer's camera can do, checks it, and takes only so many reports a minute", async () => {
      const call = await joinedCall(h);
      const agent = await opened(agentStream(call));
      const report = (body: unknown) => h.call('POST', '/guest/camera', { bearer: call.customer.guestToken, body });
      assert.equal((await report(ABILITIES)).status, 204);
      const [heard] = await agent.until(1);
      assert.deepEqual([heard!.event, JSON.parse(heard!.data)], ['camera', ABILITIES]);
      const none: CameraAbilities = { facings: [], facing: null, torch: null, zoom: null };
      assert.equal((await report(none)).status, 204, 'a camera that can do nothing of it');
      const bad: [string, unknown][] = [
        ['three facings', { ...ABILITIES, facings: ['user', 'environment', 'user'] }],
        ['a facing twice', { ...ABILITIES, facings: ['user', 'user'] }],
        ['a facing there is not', { ...ABILITIES, facing: 'left' }],
        ['a torch without on', { ...ABILITIES, torch: {} }],
        ['a zoom level past its max', { ...ABILITIES, zoom: { min: 1, max: 8, step: 0.1, level: 9 } }],
        ['a zoom min over its max', { ...ABILITIES, zoom: { min: 9, max: 8, step: 0.1, level: 8 } }],
        ['a zoom step of 0', { ...ABILITIES, zoom: { min: 1, max: 8, step: 0, level: 1 } }],
        ['no zoom field', { facings: [], facing: null, torch: null }],
      ];
      for (const [what, body] of bad) assert.deepEqual(outcome(await report(body)), [400, 'bad-request'], what);
      for (let sent = 2; sent < LIMITS.cameraReportsPerEscalation.points; sent += 1)
        assert.equal((await report(ABILITIES)).status, 204);
      const throttled = await report(ABILITIES);
      assert.deepEqual(outcome(throttled), [429, 'rate-limited']);
      assert.ok(Number(throttled.headers.get('retry-after')) > 0);
    });
  });
}
