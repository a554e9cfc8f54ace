// After the call: what Janus left in a room's folder becomes the escalation's files, with a
// stand-in `janus-pp-rec` (it records how it was called and writes a small file), on recorded
// streams written the way Janus 1.1.2 writes them. Only what was recorded while the customer
// agreed, of someone the service admitted, is kept; a failed conversion holds up nothing else;
// one instance does the work even when two try; and a call never agreed to keeps nothing.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import type { RecordingList } from '../../src/protocol/index.js';
import type { EscalationRecord } from '../src/escalations/records.js';
import { JanusPool } from '../src/janus/janus-pool.js';
import { RecordingFiles } from '../src/recordings/recording-files.js';
import { SqliteStore } from '../src/store/sqlite-store.js';
import { fakePpRec } from './support/recording.js';
import { escalationRecord } from './support/store-contract.js';

const ROOM = 4242;
const AGENT = 5678;
const CUSTOMER = 111;
const EXPERT = 222;

let folder: string;
let store: SqliteStore;
const logLines: string[] = [];

before(() => {
  folder = mkdtempSync(join(tmpdir(), 'recording-files-'));
  store = new SqliteStore(join(folder, 'data'));
});
after(async () => {
  await store.close();
  rmSync(folder, { recursive: true, force: true });
});

/** One instance's recording files, over the test's store, with a Janus whose room is gone already. */
function instance(tool: { command: string }, settleMs = 500): RecordingFiles {
  const janus = new JanusPool([
    {
      id: 'janus-1',
      httpUrl: 'http://127.0.0.1:1/janus',
      wsUrl: 'ws://127.0.0.1:1',
      roomAdminKey: 'admin-key',
      tokenSecret: 'token-secret-for-tests',
      recordingsDir: join(folder, 'janus'),
    },
  ]);
  janus.member('janus-1').rooms.exists = async () => false;
  return new RecordingFiles({
    store,
    janus,
    log: pino({ level: 'info' }, { write: (line: string) => void logLines.push(line) }),
    now: Date.now,
    dir: join(folder, 'files'),
    tool: { command: tool.command, timeoutMs: 5000 },
    settleMs,
  });
}

/** A closed call, recorded from `from` to `to` (epoch ms) unless `agreed` is false. */
async function closedCall(from: number, to: number, agreed = true): Promise<EscalationRecord> {
  const record = escalationRecord({
    status: 'closed',
    closedAt: to,
    closeReason: 'wrapup',
    room: { room: ROOM, secret: 'secret', agentId: AGENT, hostToken: 'host-token', server: 'janus-1' },
  });
  record.guest.participantId = CUSTOMER;
  record.experts.push({
    ...record.guest,
    id: 'expert-1',
    name: 'Sam',
    address: 'sam@example.com',
    invitedAt: from,
    code: 'EXPERTCOD',
    linkToken: 'expert-link',
    participantId: EXPERT,
  });
  record.recording = agreed
    ? { state: 'stopped', since: to, ask: 'ask-1', periods: [{ from, to }], servers: ['janus-1'] }
    : { state: 'declined', since: from, ask: 'ask-1', periods: [], servers: [] };
  await store.insert(record);
  return record;
}

/** The room's folder on Janus (it is the same room number in every test: each test clears it). */
const roomFolder = () => join(folder, 'janus', String(ROOM));

/** A recorded stream as Janus 1.1.2 writes it: its name, the `MJR00002` header, some frames. */
function recorded(participant: number, kind: 'audio' | 'video' | 'data', at: number, codec: string, suffix = ''): string {
  mkdirSync(roomFolder(), { recursive: true });
  const name = `videoroom-${ROOM}-user-${participant}-${at * 1000}-${kind}-${kind === 'audio' ? 0 : 1}.mjr${suffix}`;
  const header = Buffer.from(JSON.stringify({ t: kind[0], c: codec, s: at * 1000, u: at * 1000 + 2000 }));
  const size = Buffer.alloc(2);
  size.writeUInt16BE(header.length);
  writeFileSync(join(roomFolder(), name), Buffer.concat([Buffer.from('MJR00002'), size, header, Buffer.from('MEET frames')]));
  return name;
}

async function done(files: RecordingFiles, record: EscalationRecord): Promise<RecordingList> {
  for (let waited = 0; waited < 10_000; waited += 50) {
    const list = (await files.list((await store.get(record.id))!.value)).body as RecordingList;
    if (!list.processing) return list;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('still processing');
}

describe('turning a recorded call into files', () => {
  it('makes a file of each stream of each participant, with janus-pp-rec called on it, and deletes the stream', async () => {
    rmSync(roomFolder(), { recursive: true, force: true });
    const start = Date.now() - 60_000;
    const record = await closedCall(start, Date.now());
    const names = [
      recorded(CUSTOMER, 'audio', start + 1000, 'opus'),
      recorded(CUSTOMER, 'video', start + 1000, 'vp8'),
      recorded(AGENT, 'video', start + 5000, 'vp9'),
      recorded(EXPERT, 'audio', start + 9000, 'opus'),
    ];
    const tool = fakePpRec(mkdtempSync(join(folder, 'tool-')));
    const files = instance(tool);
    files.afterClose(record.id);
    const list = await done(files, record);
    assert.deepEqual(
      list.files.map(({ participant, kind, type, startedAt }) => [participant, kind, type, startedAt - start]).sort(),
      [
        ['expert', 'audio', 'audio/ogg', 9002],
        ['guest', 'audio', 'audio/ogg', 1002],
        ['guest', 'video', 'video/webm', 1002],
        ['host', 'video', 'video/webm', 5002],
      ],
      'whose, what, and when each began (its first frame)',
    );
    const calls = readFileSync(tool.log, 'utf8').trim().split('\n');
    assert.equal(calls.length, 4);
    for (const file of list.files) {
      const extension = file.kind === 'audio' ? 'opus' : 'webm';
      const [source, target] = calls.find((line) => line.includes(file.id))!.split(' ');
      assert.ok(
        names.some((name) => source === join(roomFolder(), name)),
        'the recorded stream, by its path',
      );
      assert.equal(target, join(folder, 'files', record.id, `${file.id}.partial.${extension}`));
      const made = join(folder, 'files', record.id, `${file.id}.${extension}`);
      assert.equal(readFileSync(made, 'utf8'), `converted from ${source}`);
      assert.equal(file.bytes, readFileSync(made).length);
    }
    assert.ok(!existsSync(roomFolder()), 'the streams are deleted, and their folder');
    assert.equal((await store.recordingJob(record.id))?.done, true);
    await files.stop();
  });

  it('keeps only what began while the customer agreed, of people the service admitted', async () => {
    rmSync(roomFolder(), { recursive: true, force: true });
    const start = Date.now() - 120_000;
    const record = await closedCall(start + 60_000, start + 90_000);
    recorded(CUSTOMER, 'audio', start, 'opus'); // a minute before they agreed
    recorded(CUSTOMER, 'audio', start + 115_000, 'opus'); // well after it was stopped
    recorded(999, 'video', start + 61_000, 'vp8'); // nobody the service let in
    recorded(CUSTOMER, 'data', start + 61_000, 'text'); // a data channel
    writeFileSync(join(roomFolder(), 'notes.txt'), 'not a recording');
    writeFileSync(join(roomFolder(), `videoroom-${ROOM}-user-${CUSTOMER}-1-video-1.mjr`), 'MJR00002'); // nothing in it
    const kept = recorded(CUSTOMER, 'video', start + 61_000, 'vp8');
    const tool = fakePpRec(mkdtempSync(join(folder, 'tool-')));
    const files = instance(tool);
    files.afterClose(record.id);
    const list = await done(files, record);
    assert.deepEqual(
      list.files.map(({ kind }) => kind),
      ['video'],
    );
    const calls = readFileSync(tool.log, 'utf8').trim().split('\n');
    assert.deepEqual(
      calls.map((line) => line.split(' ')[0]),
      [join(roomFolder(), kept)],
      'nothing else was even converted',
    );
    assert.ok(!existsSync(roomFolder()), 'the rest was deleted unheard');
    assert.ok(logLines.some((line) => line.includes('recorded while the customer had not agreed')));
    await files.stop();
  });

  it('logs a stream that fails to convert, keeps it until the retention, and goes on with the others', async () => {
    rmSync(roomFolder(), { recursive: true, force: true });
    const start = Date.now() - 60_000;
    const record = await closedCall(start, Date.now());
    const failing = recorded(EXPERT, 'video', start + 1000, 'vp8');
    recorded(CUSTOMER, 'audio', start + 1000, 'opus');
    recorded(AGENT, 'audio', start + 1000, 'opus');
    const unknownCodec = recorded(AGENT, 'video', start + 1000, 'h264');
    const files = instance(fakePpRec(mkdtempSync(join(folder, 'tool-')), `-user-${EXPERT}-`));
    files.afterClose(record.id);
    const list = await done(files, record);
    assert.deepEqual(list.files.map(({ participant }) => participant).sort(), ['guest', 'host']);
    assert.deepEqual(readdirSync(roomFolder()).sort(), [failing, unknownCodec].sort(), 'kept for the retention');
    assert.ok(logLines.some((line) => line.includes('could not be turned into a file') && line.includes('could not convert')));
    assert.deepEqual(
      readdirSync(join(folder, 'files', record.id)).filter((name) => name.includes('partial')),
      [],
      'no half-made file',
    );
    await files.remove((await store.get(record.id))!.value);
    assert.ok(!existsSync(roomFolder()) && !existsSync(join(folder, 'files', record.id)), 'the purge takes it all');
    await files.stop();
  });

  it('waits while Janus still writes, and says it is processing meanwhile', async () => {
    rmSync(roomFolder(), { recursive: true, force: true });
    const start = Date.now() - 60_000;
    const record = await closedCall(start, Date.now());
    const writing = recorded(CUSTOMER, 'audio', start + 1000, 'opus', '.tmp');
    const files = instance(fakePpRec(mkdtempSync(join(folder, 'tool-'))), 5000);
    files.afterClose(record.id);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const during = (await files.list(record)).body as RecordingList;
    assert.deepEqual(during, { processing: true, files: [] });
    renameSync(join(roomFolder(), writing), join(roomFolder(), writing.replace(/\.tmp$/, '')));
    const list = await done(files, record);
    assert.equal(list.files.length, 1);
    await files.stop();
  });

  it('turns each stream into a file once, when two instances try at once', async () => {
    rmSync(roomFolder(), { recursive: true, force: true });
    const start = Date.now() - 60_000;
    const record = await closedCall(start, Date.now());
    recorded(CUSTOMER, 'audio', start + 1000, 'opus');
    recorded(CUSTOMER, 'video', start + 1000, 'vp8');
    const tool = fakePpRec(mkdtempSync(join(folder, 'tool-')));
    const [one, two] = [instance(tool), instance(tool)];
    one.afterClose(record.id);
    two.afterClose(record.id);
    await two.sweep();
    await one.sweep();
    const list = await done(one, record);
    await Promise.all([one.stop(), two.stop()]);
    assert.equal(list.files.length, 2);
    assert.equal(readFileSync(tool.log, 'utf8').trim().split('\n').length, 2, 'converted once each');
    assert.equal((await store.recordingJob(record.id))?.attempts, 1, 'claimed once');
  });

  it('deletes, unread, whatever is in the folder of a call nobody agreed to record', async () => {
    rmSync(roomFolder(), { recursive: true, force: true });
    const start = Date.now() - 60_000;
    const record = await closedCall(start, Date.now(), false);
    recorded(CUSTOMER, 'audio', start + 1000, 'opus');
    const tool = fakePpRec(mkdtempSync(join(folder, 'tool-')));
    const files = instance(tool);
    files.afterClose(record.id);
    assert.deepEqual(await done(files, record), { processing: false, files: [] });
    await files.stop();
    assert.ok(!existsSync(roomFolder()));
    assert.ok(!existsSync(tool.log), 'janus-pp-rec never ran');
    assert.equal((await store.recordingJob(record.id))?.done, true);
  });

  it('sweeps up a call whose instance died before turning it into files', async () => {
    rmSync(roomFolder(), { recursive: true, force: true });
    const start = Date.now() - 60_000;
    const record = await closedCall(start, Date.now());
    recorded(CUSTOMER, 'audio', start + 1000, 'opus');
    // Claimed by an instance that is gone (long ago), never finished.
    assert.equal(await store.claimRecordingJob(record.id, 'dead-instance', Date.now() - 3 * 60 * 60_000, 0), true);
    const files = instance(fakePpRec(mkdtempSync(join(folder, 'tool-'))));
    await files.sweep();
    const list = await done(files, record);
    assert.equal(list.files.length, 1);
    await files.stop();
  });
});
