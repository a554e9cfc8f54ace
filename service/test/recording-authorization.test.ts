// Who may use the recording routes: the agent's (ask, stop, list, fetch a file) take only the agent
// who owns the escalation; the consent ask is answered only by the customer who was asked (never
// an expert, another call's customer, or the holder of a renewed code). Each refusal has its code
// and changes nothing.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Escalation, JoinDetails, RecordingList } from '../../src/protocol/index.js';
import { GENEROUS, joinedCall, type JoinedCall } from './support/call-tools.js';
import { openStream } from './support/event-stream.js';
import { badToken, linkToken, outcome, startHarness, type Harness } from './support/harness.js';
import { answer, recording } from './support/recording.js';

const FORGED = ['expired', 'bad-signature', 'wrong-audience', 'wrong-issuer', 'no-tenant', 'none-alg'] as const;

let h: Harness;
before(async () => {
  h = await startHarness('recording-authorization', { limits: GENEROUS });
});
after(() => h.stop());

interface Fixture extends JoinedCall {
  expert: JoinDetails;
  /** A recording file of the escalation (as if its call had been recorded). */
  file: string;
}

const FILE = 'ab'.repeat(16);

async function fixture(): Promise<Fixture> {
  const call = await joinedCall(h);
  const invite = await h.call('POST', `/escalations/${call.escalation.id}/experts`, {
    bearer: call.owner,
    body: { address: '+15550003333', name: 'Kim' },
  });
  const expert = await h.redeem(linkToken((invite.body as { url: string }).url));
  const folder = join(h.recordingFiles, call.escalation.id);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, `${FILE}.opus`), 'OggS and the rest');
  await h.service.store.addRecordingFile({
    id: FILE,
    escalationId: call.escalation.id,
    participant: 'guest',
    kind: 'audio',
    type: 'audio/ogg',
    bytes: 17,
    startedAt: Date.now(),
  });
  return { ...call, expert, file: FILE };
}

const AGENT_ROUTES = [
  {
    name: 'recording',
    method: 'POST',
    path: (f: Fixture) => `/escalations/${f.escalation.id}/recording`,
    body: { action: 'start' },
    ok: 200,
  },
  { name: 'listRecordings', method: 'GET', path: (f: Fixture) => `/escalations/${f.escalation.id}/recordings`, ok: 200 },
  {
    name: 'getRecording',
    method: 'GET',
    path: (f: Fixture) => `/escalations/${f.escalation.id}/recordings/${f.file}`,
    ok: 200,
  },
] as const;

describe('the agent routes of recording', () => {
  for (const route of AGENT_ROUTES) {
    it(`${route.name}: refuses every caller but the agent who owns the escalation`, async () => {
      const f = await fixture();
      const body = 'body' in route ? { body: route.body } : {};
      const call = async (authorization: string | undefined) =>
        outcome(await h.call(route.method, route.path(f), { ...(authorization ? { authorization } : {}), ...body }));
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
      const kept = await h.record(f.escalation.id);
      assert.deepEqual([kept.recording, kept.asks], [undefined, undefined], 'nothing was asked');
      const owner = await h.call(route.method, route.path(f), { bearer: f.owner, ...body });
      assert.equal(owner.status, route.ok, 'the owner');
      if (route.name === 'getRecording') {
        assert.equal(owner.headers.get('content-type'), 'audio/ogg');
        assert.equal(owner.body, 'OggS and the rest');
      }
    });
  }

  it("reaches a recording only through its own escalation, even for another escalation's owner", async () => {
    const mine = await fixture();
    const theirs = await joinedCall(h, 'agent-2');
    const path = `/escalations/${theirs.escalation.id}/recordings`;
    assert.deepEqual(outcome(await h.call('GET', `${path}/${mine.file}`, { bearer: theirs.owner })), [404, 'not-found']);
    assert.deepEqual((await h.call('GET', path, { bearer: theirs.owner })).body as RecordingList, {
      processing: false,
      files: [],
    });
  });
});

describe('the consent ask', () => {
  async function asked(): Promise<Fixture & { ask: string }> {
    const f = await fixture();
    assert.equal((await recording(h, f, 'start')).status, 200);
    return { ...f, ask: (await h.record(f.escalation.id)).recording!.ask! };
  }

  /** The ask is open and nothing records. */
  async function stillAsked(f: Fixture & { ask: string }): Promise<void> {
    const kept = await h.record(f.escalation.id);
    assert.deepEqual([kept.recording?.state, kept.recording?.periods], ['asking', []]);
    assert.equal(kept.asks?.find((entry) => entry.id === f.ask)?.answered, false);
  }

  it('is answered only by the customer who was asked: never an expert, nor anyone else', async () => {
    const f = await asked();
    const refused = await h.call('POST', '/guest/redeem', { body: { code: f.escalation.guestCode } });
    const newLinkToken = (refused.body as { error: { newLinkToken: string } }).error.newLinkToken;
    const say = (token: string | undefined, what = 'done') =>
      h.call('POST', `/guest/asks/${f.ask}`, { ...(token ? { bearer: token } : {}), body: { outcome: what } });
    assert.deepEqual(outcome(await say(undefined)), [401, 'unauthorized'], 'no credential');
    assert.deepEqual(outcome(await say(f.owner)), [401, 'unauthorized'], "the agent's sign-in");
    assert.deepEqual(outcome(await say(f.customer.token)), [401, 'unauthorized'], 'the media token');
    assert.deepEqual(outcome(await say(newLinkToken)), [403, 'forbidden'], "a refused redeem's token");
    assert.deepEqual(outcome(await say(f.expert.guestToken)), [403, 'forbidden'], 'an expert');
    assert.deepEqual(outcome(await say(f.expert.guestToken, 'refused')), [403, 'forbidden'], "an expert's no");
    const other = await joinedCall(h);
    assert.deepEqual(outcome(await say(other.customer.guestToken)), [404, 'not-found'], "another call's customer");
    const still = await h.call('POST', '/guest/snapshots', {
      bearer: f.customer.guestToken,
      body: { ask: f.ask, type: 'image/jpeg', image: Buffer.from([0xff, 0xd8, 0xff, 0]).toString('base64'), width: 1, height: 1 },
    });
    assert.deepEqual(outcome(still), [400, 'bad-request'], 'a still is no answer to it');
    await stillAsked(f);
    assert.equal((await answer(h, f.customer.guestToken, f.ask, 'done')).status, 204, 'the customer');
    assert.equal((await h.record(f.escalation.id)).recording?.state, 'on');
  });

  it("stops a renewed code's old token; the ask is withdrawn, and the new customer was not asked", async () => {
    const f = await asked();
    const renewed = await h.call('POST', `/escalations/${f.escalation.id}/code`, { bearer: f.owner, body: {} });
    assert.deepEqual(outcome(await answer(h, f.customer.guestToken, f.ask, 'done')), [410, 'code-expired']);
    const next = await h.redeem((renewed.body as Escalation).guestCode);
    assert.deepEqual(outcome(await answer(h, next.guestToken, f.ask, 'done')), [404, 'not-found']);
    const kept = await h.record(f.escalation.id);
    assert.deepEqual([kept.recording?.state, kept.recording?.periods], ['off', []]);
  });

  it('lets an expert hear, on their own stream, that the call is asked to be recorded; nothing of the ask itself', async () => {
    const f = await asked();
    const stream = await openStream(`${h.url}/guest/events`, f.expert.guestToken);
    try {
      const [heard] = await stream.until(1);
      assert.equal(heard!.event, 'recording');
      await new Promise((resolve) => setTimeout(resolve, 200));
      assert.ok(!stream.raw.includes(f.ask), 'not the ask');
    } finally {
      stream.close();
    }
  });
});
