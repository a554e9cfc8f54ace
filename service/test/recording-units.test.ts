// Recording's small parts on their own: reading what Janus 1.1.2 writes (its file names and the
// `.mjr` header) without trusting it, the room guard putting out a participant who had Janus
// record them without consent (and telling a restarted Janus to go on recording a room that
// was), and the configuration of where recordings go.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { ConfigError, loadConfig, serviceOptions } from '../src/config.js';
import type { JanusServer } from '../src/janus/janus-api.js';
import type { JanusMember } from '../src/janus/janus-pool.js';
import type { JanusRoom } from '../src/janus/janus-rooms.js';
import { RoomGuard, type GuardedRoom } from '../src/janus/room-guard.js';
import { createLogger } from '../src/logger.js';
import { readHeader, recordedPart } from '../src/recordings/mjr.js';

const folder = mkdtempSync(join(tmpdir(), 'recording-units-'));
after(() => rmSync(folder, { recursive: true, force: true }));

describe('what Janus writes when it records a room', () => {
  it('is named per publisher and stream; anything else is not a recording', () => {
    assert.deepEqual(recordedPart('videoroom-1234-user-777-1796216770579472-audio-0.mjr'), {
      name: 'videoroom-1234-user-777-1796216770579472-audio-0.mjr',
      room: 1234,
      participantId: 777,
      kind: 'audio',
      unfinished: false,
    });
    assert.equal(recordedPart('videoroom-1234-user-777-1796216770579701-video-1.mjr.tmp')?.unfinished, true);
    assert.equal(recordedPart('videoroom-1-user-2-3-data-2.mjr')?.kind, 'data');
    for (const name of [
      'janus-recording-12345.mjr',
      'videoroom-1234-user-777-179-audio-0.mjr.tmp/../../x',
      '../videoroom-1234-user-777-179-audio-0.mjr',
      'videoroom-1234-user-abc-179-audio-0.mjr',
      'videoroom-1234-user-777-179-screen-0.mjr',
      'my-own-name-audio-0.mjr',
    ])
      assert.equal(recordedPart(name), undefined, name);
  });

  it('has a header saying what it holds and when it began; a file with nothing in it has none', async () => {
    const write = (name: string, bytes: Buffer) => {
      writeFileSync(join(folder, name), bytes);
      return join(folder, name);
    };
    const json = Buffer.from('{"t": "v", "c": "VP8", "s": 1796216770579702, "u": 1796216770777294}');
    const size = Buffer.alloc(2);
    size.writeUInt16BE(json.length);
    assert.deepEqual(
      await readHeader(write('video.mjr', Buffer.concat([Buffer.from('MJR00002'), size, json, Buffer.from('MEET')]))),
      {
        kind: 'video',
        codec: 'vp8',
        createdAt: 1796216770579,
        firstFrameAt: 1796216770777,
      },
    );
    assert.equal(await readHeader(write('empty.mjr', Buffer.from('MJR00002'))), undefined, 'no frame yet');
    assert.equal(
      await readHeader(write('short.mjr', Buffer.concat([Buffer.from('MJR00002'), size, json.subarray(0, 10)]))),
      undefined,
    );
    assert.equal(await readHeader(write('old.mjr', Buffer.from('MEETECHO\0\0audio'))), undefined, 'not the 1.x format');
    assert.equal(await readHeader(write('text.mjr', Buffer.from('{"t":"a"}'))), undefined);
  });
});

/** A Janus server as the guard sees it, with rooms and an admin API that do what the test says. */
function fakeMember(publishers: { room: number; id: number; token: string; recording: boolean }[], markerGone = false) {
  const calls: string[] = [];
  const rooms = {
    exists: async () => !markerGone,
    createMarker: async () => void calls.push('marker'),
    restoreAllowList: async (room: JanusRoom) => void calls.push(`allow ${room.room}`),
    enableRecording: async (room: JanusRoom, record: boolean) => void calls.push(`record ${room.room} ${record}`),
    revoke: async (room: JanusRoom, tokens: readonly string[], ids: readonly number[]) =>
      void calls.push(`revoke ${room.room} ${tokens.join()} ${ids.join()}`),
  };
  const member = {
    id: 'janus-1',
    server: {} as JanusServer,
    rooms,
    admin: { publishers: async () => publishers },
    up: true,
  } as unknown as JanusMember;
  return { member, calls };
}

const guarded = (room: number, record: boolean, mayRecord: boolean): GuardedRoom => ({
  room: { room, secret: 's' },
  identities: new Map([[7, 'customer-token']]),
  record,
  mayRecord,
});

describe('the room guard and recording', () => {
  const log = createLogger('silent');
  const customer = (room: number) => ({ room, id: 7, token: 'customer-token', recording: true });

  it('puts out a participant Janus records in a room the customer did not agree to record', async () => {
    const { member, calls } = fakeMember([customer(1), customer(2)]);
    const guard = new RoomGuard(member, async () => [guarded(1, false, false), guarded(2, true, true)], log);
    await guard.check();
    assert.deepEqual(calls, ['revoke 1 customer-token 7'], 'out of room 1, and not back in; room 2 records with consent');
  });

  it('leaves them be when the customer agreed while it looked', async () => {
    const { member, calls } = fakeMember([customer(1)]);
    let reads = 0;
    const guard = new RoomGuard(member, async () => [guarded(1, false, (reads += 1) > 1)], log);
    await guard.check();
    assert.deepEqual(calls, []);
  });

  it('tells a restarted Janus to go on recording the rooms that were, and only those', async () => {
    const { member, calls } = fakeMember([], true);
    const guard = new RoomGuard(member, async () => [guarded(1, true, true), guarded(2, false, false)], log);
    await guard.check();
    assert.deepEqual(calls, ['marker', 'allow 1', 'record 1 true', 'allow 2']);
  });
});

describe('the configuration of recording', () => {
  const valid = {
    ESCALATE_GUEST_URL: 'https://video.example.com/join',
    ESCALATE_DATA_DIR: '/var/lib/escalate',
    ESCALATE_JANUS_HTTP: 'http://127.0.0.1:8088/janus',
    ESCALATE_JANUS_WS: 'wss://janus.example.com/ws',
    ESCALATE_JANUS_ADMIN_KEY: 'room-admin-key',
    ESCALATE_JANUS_TOKEN_SECRET: 'a-long-janus-token-secret',
    ESCALATE_JWT_ISSUER: 'https://login.example.com',
    ESCALATE_JWT_AUDIENCE: 'escalate-video',
    ESCALATE_JWT_SECRET: 'x'.repeat(32),
  };

  it("is off without a Janus recordings folder, and uses Debian's janus-pp-rec by default", () => {
    const options = serviceOptions(loadConfig(valid));
    assert.equal((options.janus as JanusServer[])[0]!.recordingsDir, undefined);
    assert.deepEqual(options.recordings, { dir: undefined, ppRec: 'janus-pp-rec', ppRecTimeoutMs: 600_000 });
  });

  it('takes the folder Janus records into, where files are kept, and the tool', () => {
    const options = serviceOptions(
      loadConfig({
        ...valid,
        ESCALATE_JANUS_RECORDINGS_DIR: '/srv/janus/recordings',
        ESCALATE_RECORDINGS_DIR: '/srv/escalate/recordings',
        ESCALATE_JANUS_PP_REC: '/usr/local/bin/janus-pp-rec',
        ESCALATE_PP_REC_TIMEOUT_SECONDS: '120',
      }),
    );
    assert.equal((options.janus as JanusServer[])[0]!.recordingsDir, '/srv/janus/recordings');
    assert.deepEqual(options.recordings, {
      dir: '/srv/escalate/recordings',
      ppRec: '/usr/local/bin/janus-pp-rec',
      ppRecTimeoutMs: 120_000,
    });
    const servers = serviceOptions(
      loadConfig({
        ...valid,
        ESCALATE_JANUS_HTTP: '',
        ESCALATE_JANUS_WS: '',
        ESCALATE_JANUS_SERVERS: JSON.stringify([
          { id: 'a', httpUrl: 'http://10.0.0.1:8088/janus', wsUrl: 'wss://a.example.com', recordingsDir: '/mnt/a' },
          { id: 'b', httpUrl: 'http://10.0.0.2:8088/janus', wsUrl: 'wss://b.example.com' },
        ]),
      }),
    );
    assert.deepEqual(
      (servers.janus as JanusServer[]).map((server) => server.recordingsDir),
      ['/mnt/a', undefined],
    );
  });

  it('refuses a recordings folder Janus would not take the same way', () => {
    for (const [dir, why] of [
      ['recordings', /must be an absolute path/],
      ['/srv/"quoted"', /must not contain quotes/],
      [`/${'x'.repeat(200)}`, /at most 200 characters/],
    ] as const) {
      assert.throws(
        () => loadConfig({ ...valid, ESCALATE_JANUS_RECORDINGS_DIR: dir }),
        (error: unknown) =>
          error instanceof ConfigError && error.message.includes('ESCALATE_JANUS_RECORDINGS_DIR') && why.test(error.message),
        dir,
      );
    }
  });
});
