// Recording as the service's tests see it: what Janus says of a room (recorded or not, where to,
// locked), a participant's sound and picture sent into a room as real RTP (Janus's VideoRoom
// takes a "remote publisher" on a UDP port; ffmpeg sends Opus and VP8 to it, so Janus writes real
// `.mjr` files without a browser), the agent's recording calls, and a stand-in `janus-pp-rec`.
import { spawn } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RecordingList, RecordingStatus } from '../../../src/protocol/index.js';
import { roomSecret } from '../../src/janus/janus-rooms.js';
import { mintJanusToken, VIDEOROOM } from '../../src/janus/janus-token.js';
import type { JoinedCall } from './call-tools.js';
import type { Answer, Harness } from './harness.js';
import { JanusTestClient } from './janus-client.js';

/** The agent starts or stops recording. */
export function recording(h: Harness, call: JoinedCall, action: 'start' | 'stop' | string): Promise<Answer> {
  return h.call('POST', `/escalations/${call.escalation.id}/recording`, { bearer: call.owner, body: { action } });
}

/** The customer's answer to an ask (for consent: `done` is yes). */
export function answer(h: Harness, token: string, askId: string, outcome: string): Promise<Answer> {
  return h.call('POST', `/guest/asks/${askId}`, { bearer: token, body: { outcome } });
}

export function status(answer: Answer): RecordingStatus['state'] {
  return (answer.body as RecordingStatus).state;
}

/** What Janus says of a room, as its admin sees it: recorded now, where to, and whether only its secret changes that. */
export async function janusRoom(
  h: Harness,
  room: string | number,
): Promise<{ record: boolean; rec_dir: string; lock_record: boolean } | undefined> {
  const client = new JanusTestClient(
    h.janus.httpUrl,
    mintJanusToken({ secret: h.janus.tokenSecret, plugins: [VIDEOROOM], ttlSeconds: 600 }),
  );
  try {
    await client.open();
    const listed = await client.request({ request: 'list', admin_key: h.janus.roomAdminKey });
    const rooms = listed['list'] as { room: number; record: boolean; rec_dir: string; lock_record: boolean }[];
    return rooms.find((entry) => entry.room === Number(room));
  } finally {
    await client.close();
  }
}

/**
 * A participant of the call sends sound and picture for `seconds`, as participant `participantId`:
 * a remote publisher in the room (which only the room's secret adds), fed Opus and VP8 by ffmpeg.
 */
export async function publishInto(h: Harness, room: string, participantId: string, seconds = 2): Promise<() => Promise<void>> {
  const client = new JanusTestClient(
    h.janus.httpUrl,
    mintJanusToken({ secret: h.janus.tokenSecret, plugins: [VIDEOROOM], ttlSeconds: 600 }),
  );
  await client.open();
  const added = await client.request({
    request: 'add_remote_publisher',
    room: Number(room),
    secret: roomSecret(h.janus.tokenSecret, Number(room)),
    id: Number(participantId),
    display: 'a participant',
    streams: [
      { type: 'audio', mid: '0', mindex: 0, codec: 'opus' },
      { type: 'video', mid: '1', mindex: 1, codec: 'vp8' },
    ],
  });
  if (added['videoroom'] !== 'success') throw new Error(`no remote publisher: ${JSON.stringify(added)}`);
  const port = Number(added['port']);
  // Janus tells a remote publisher's streams apart by SSRC: 1000 + 10 × the stream's m-line index.
  const rtp = `rtp://127.0.0.1:${port}`;
  const media = spawn(
    'ffmpeg',
    [
      ...['-hide_banner', '-loglevel', 'error', '-re'],
      ...['-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000', '-f', 'lavfi', '-i', 'testsrc=size=160x120:rate=10'],
      ...['-t', String(seconds), '-map', '0:a', '-c:a', 'libopus', '-ssrc', '1000', '-payload_type', '111', '-f', 'rtp', rtp],
      ...['-t', String(seconds), '-map', '1:v', '-c:v', 'libvpx', '-deadline', 'realtime', '-b:v', '100k'],
      ...['-ssrc', '1010', '-payload_type', '96', '-f', 'rtp', rtp],
    ],
    { stdio: 'ignore' },
  );
  const sent = new Promise<void>((resolve, reject) => {
    media.once('error', (error) => reject(new Error(`ffmpeg could not start (apt-get install ffmpeg): ${error.message}`)));
    media.once('exit', () => resolve());
  });
  return async () => {
    await sent;
    await client.close();
  };
}

/** Waits until the recording's files are made (no longer `processing`); answers the list. */
export async function filesOf(h: Harness, call: JoinedCall, timeoutMs = 20_000): Promise<RecordingList> {
  const giveUpAt = Date.now() + timeoutMs;
  for (;;) {
    const listed = await h.call('GET', `/escalations/${call.escalation.id}/recordings`, { bearer: call.owner });
    if (listed.status !== 200) throw new Error(`listing recordings answered ${listed.status}: ${JSON.stringify(listed.body)}`);
    const list = listed.body as RecordingList;
    if (!list.processing) return list;
    if (Date.now() > giveUpAt) throw new Error(`still processing after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * A stand-in `janus-pp-rec` in `folder`: writes each call's arguments to `calls.log` beside it and
 * a small file at the target (`fail`: refuses sources whose name contains it).
 */
export function fakePpRec(folder: string, fail?: string): { command: string; log: string } {
  const command = join(folder, 'janus-pp-rec');
  const log = join(folder, 'calls.log');
  writeFileSync(
    command,
    [
      '#!/bin/sh',
      `echo "$@" >> '${log}'`,
      ...(fail ? [`case "$1" in *${fail}*) echo "[ERR] could not convert" ; exit 1 ;; esac`] : []),
      'printf "converted from %s" "$1" > "$2"',
      '',
    ].join('\n'),
  );
  chmodSync(command, 0o755);
  return { command, log };
}
