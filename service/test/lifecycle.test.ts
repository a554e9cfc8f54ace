// Escalations over time, against a real Janus, on a clock the test moves: one that outlives the
// longest an escalation may last is closed and its room destroyed; a closed one's personal data
// goes after the retention (the score stays); a room no escalation owns is put away, and an
// escalation whose room vanished is closed.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Escalation } from '../../src/protocol/index.js';
import { AgentOperations } from '../src/escalations/agent-operations.js';
import { throttlesFor, type Deps } from '../src/escalations/deps.js';
import { Lifecycle } from '../src/escalations/lifecycle.js';
import { mutate } from '../src/escalations/mutate.js';
import { JanusPool } from '../src/janus/janus-pool.js';
import { randomJanusId, roomSecret, type JanusRooms } from '../src/janus/janus-rooms.js';
import { DEFAULT_LIMITS } from '../src/limits.js';
import { createLogger } from '../src/logger.js';
import { ProgressHub } from '../src/progress-hub.js';
import { SqliteStore } from '../src/store/sqlite-store.js';
import { startTestJanus, type StartedJanus } from './support/janus.js';
import { keptSnapshot } from './support/store-contract.js';

const HOUR = 60 * 60_000;
const DAY = 24 * HOUR;
let janus: StartedJanus;
let folder: string;
let store: SqliteStore;
let deps: Deps;
let clock = Date.now();

before(async () => {
  janus = await startTestJanus('lifecycle');
  folder = mkdtempSync(join(tmpdir(), 'lifecycle-'));
  store = new SqliteStore(folder);
  const log = createLogger('silent');
  const limits = { ...DEFAULT_LIMITS, smsCallingCodes: ['1'] };
  const server = { httpUrl: janus.httpUrl, wsUrl: janus.wsUrl, roomAdminKey: janus.roomAdminKey, tokenSecret: janus.tokenSecret };
  deps = {
    store,
    janus: new JanusPool([server]),
    limits,
    send: async () => undefined,
    hub: new ProgressHub(store, () => clock, log),
    throttles: throttlesFor(limits, log),
    log,
    guestBaseUrl: 'https://video.example.com/join',
    turn: undefined,
    redaction: {},
    now: () => clock,
  };
});
after(async () => {
  await store.close();
  await janus.stop();
  rmSync(folder, { recursive: true, force: true });
});

/** The one Janus's rooms. */
const rooms = (): JanusRooms => deps.janus.member(undefined).rooms;
const lifecycle = () => new Lifecycle(deps, { maxLifetimeMs: 2 * HOUR, retentionMs: 30 * DAY, keepRooms: () => [] });
const agent = () => new AgentOperations(deps);
const principal = { kind: 'agent', id: 'a1', tenant: 't1' } as const;

async function escalate(customerName = 'Ada Lovelace'): Promise<Escalation> {
  const answer = await agent().create(
    principal,
    {
      interaction: {
        id: `call-${Math.random()}`,
        channel: 'voice',
        customerName,
        customerPhone: '+15551112222',
        caseNumber: 'C-1',
      },
      delivery: { channel: 'sms' },
      mode: 'voice',
    },
    `scope-${Math.random()}`,
  );
  return answer.body as Escalation;
}

describe('the lifecycle of escalations', () => {
  it('closes one that outlived the longest an escalation may last, and destroys its room', async () => {
    const young = await escalate();
    clock += HOUR;
    const old = await escalate();
    clock += 1.5 * HOUR;
    await lifecycle().round();
    const closed = (await store.get(young.id))!.value;
    assert.deepEqual([closed.status, closed.closeReason], ['closed', 'expired']);
    assert.equal(await rooms().exists(Number(young.host.room)), false);
    assert.equal((await store.get(old.id))!.value.status, 'active', 'the younger one stays');
  });

  it("removes a closed escalation's personal data after the retention, keeping what happened and the score", async () => {
    const escalation = await escalate('Grace Hopper');
    await mutate(store, escalation.id, (record) => {
      record.callback = { phone: '+15553334444', at: clock };
    });
    await agent().close((await store.get(escalation.id))!.value, 'hangup');
    await store.addRating({
      tenant: 't1',
      interactionId: 'x',
      escalationId: escalation.id,
      score: 5,
      comment: 'Grace was lovely',
      at: clock,
    });
    clock += 29 * DAY;
    await lifecycle().round();
    assert.equal((await store.get(escalation.id))!.value.interaction.customerName, 'Grace Hopper', 'not yet');
    clock += 2 * DAY;
    await lifecycle().round();
    const kept = (await store.get(escalation.id))!.value;
    assert.deepEqual(kept.interaction, { id: kept.interaction.id, channel: 'voice' });
    assert.deepEqual([kept.destination, kept.callback?.phone, kept.closeReason], [{ sms: null, email: null }, '', 'hangup']);
    assert.ok(!JSON.stringify(kept).includes('+1555'));
    const rating = (await store.ratings()).find((candidate) => candidate.escalationId === escalation.id)!;
    assert.deepEqual([rating.score, rating.comment], [5, null]);
  });

  it('deletes the stills not kept when a call ends by itself or was left with one, and the kept ones after the retention', async () => {
    const expiring = await escalate();
    const dropped = keptSnapshot(expiring.id);
    const kept = keptSnapshot(expiring.id, { saved: true, note: 'the label' });
    await store.addSnapshot(dropped);
    await store.addSnapshot(kept);
    // A call closed whose still arrived as it closed (or whose instance died before deleting).
    const closed = await escalate();
    await agent().close((await store.get(closed.id))!.value, 'hangup');
    const late = keptSnapshot(closed.id);
    await store.addSnapshot(late);
    clock += 2.5 * HOUR;
    await lifecycle().round();
    assert.equal((await store.get(expiring.id))!.value.closeReason, 'expired');
    assert.deepEqual(
      (await store.snapshots(expiring.id)).map(({ id }) => id),
      [kept.id],
      'closed by itself: the still not kept went',
    );
    assert.deepEqual(await store.snapshots(closed.id), [], 'the late still went at the round');
    clock += 31 * DAY;
    await lifecycle().round();
    assert.deepEqual(await store.snapshots(expiring.id), [], 'the kept still went with the personal data');
  });

  it("puts away this deployment's rooms that no escalation owns, and closes an escalation whose room vanished", async () => {
    const orphan = randomJanusId();
    await rooms().create({ room: orphan, secret: roomSecret(janus.tokenSecret, orphan) }, []);
    const foreign = randomJanusId();
    await rooms().create({ room: foreign, secret: 'someone-else' }, []);
    const escalation = await escalate();
    await rooms().destroy((await store.get(escalation.id))!.value.room);
    // What one round finds amiss, the next confirms (a room may be on its way to or from Janus).
    const reconciling = lifecycle();
    await reconciling.round();
    assert.equal(await rooms().exists(orphan), true, 'not after one round');
    assert.equal((await store.get(escalation.id))!.value.status, 'active', 'not after one round');
    await reconciling.round();
    assert.equal(await rooms().exists(orphan), false, 'the orphan is gone');
    assert.equal(await rooms().exists(foreign), true, "someone else's room is left alone");
    const lost = (await store.get(escalation.id))!.value;
    assert.deepEqual([lost.status, lost.closeReason], ['closed', 'room-lost']);
    assert.deepEqual(
      (await store.eventsSince(escalation.id, 0)).map(({ event, data }) => [event, data]),
      [['closed', 'room-lost']],
      'the agent is told why',
    );
  });
});
