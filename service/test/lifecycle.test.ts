// Escalations over time, against a real Janus, on a clock the test moves: one that outlives the
// longest an escalation may last is closed and its room destroyed; a closed one's personal data
// goes after the retention (the score stays); a room no escalation owns is put away, and an
// escalation whose room vanished is closed.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
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
import { RecordingFiles } from '../src/recordings/recording-files.js';
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
  const server = {
    httpUrl: janus.httpUrl,
    wsUrl: janus.wsUrl,
    roomAdminKey: janus.roomAdminKey,
    tokenSecret: janus.tokenSecret,
    recordingsDir: join(folder, 'janus-recordings'),
  };
  const pool = new JanusPool([server]);
  deps = {
    store,
    janus: pool,
    limits,
    send: async () => undefined,
    hub: new ProgressHub(store, () => clock, log),
    throttles: throttlesFor(limits, log),
    log,
    guestBaseUrl: 'https://video.example.com/join',
    turn: undefined,
    redaction: {},
    recordings: new RecordingFiles({
      store,
      janus: pool,
      log,
      now: () => clock,
      dir: join(folder, 'recordings'),
      tool: { command: 'janus-pp-rec', timeoutMs: 10_000 },
      settleMs: 1000,
    }),
    now: () => clock,
  };
});
after(async () => {
  await deps.recordings.stop();
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

  it("deletes a call's recording, its files and what Janus left of its room, after the retention", async () => {
    const escalation = await escalate();
    const { room, agentId } = (await store.get(escalation.id))!.value.room;
    await mutate(store, escalation.id, (record) => {
      record.recording = { state: 'on', since: clock, ask: 'ask', periods: [{ from: clock, to: null }], servers: ['janus-1'] };
    });
    // Janus left a stream the service does not turn into files (H.264): kept until the retention.
    const roomFolder = join(folder, 'janus-recordings', String(room));
    mkdirSync(roomFolder, { recursive: true });
    const header = Buffer.from(JSON.stringify({ t: 'v', c: 'h264', s: clock * 1000, u: clock * 1000 }));
    const length = Buffer.alloc(2);
    length.writeUInt16BE(header.length);
    writeFileSync(
      join(roomFolder, `videoroom-${room}-user-${agentId}-${clock * 1000}-video-1.mjr`),
      Buffer.concat([Buffer.from('MJR00002'), length, header]),
    );
    await agent().close((await store.get(escalation.id))!.value, 'hangup');
    for (let waited = 0; !(await store.recordingJob(escalation.id))?.done; waited += 50) {
      assert.ok(waited < 10_000, 'the recording was not processed');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.equal(readdirSync(roomFolder).length, 1, 'kept for now');
    const files = join(folder, 'recordings', escalation.id);
    mkdirSync(files, { recursive: true });
    writeFileSync(join(files, `${'e'.repeat(32)}.opus`), 'OggS');
    await store.addRecordingFile({
      id: 'e'.repeat(32),
      escalationId: escalation.id,
      participant: 'guest',
      kind: 'audio',
      type: 'audio/ogg',
      bytes: 4,
      startedAt: clock,
    });
    clock += 31 * DAY;
    await lifecycle().round();
    assert.ok(!existsSync(files), "the call's files went with its personal data");
    assert.ok(!existsSync(roomFolder), 'and what Janus left');
    assert.deepEqual(await store.recordingFiles(escalation.id), []);
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
