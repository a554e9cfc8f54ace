// What Janus 1.1.2's VideoRoom writes when it records a room, read without trusting it: each
// publisher's stream is a file of its own in the room's `rec_dir`, named
// `videoroom-<room>-user-<participant id>-<created, epoch µs>-<audio|video|data>-<m-line index>.mjr`
// (`.mjr.<recordings_tmp_ext>` while Janus still writes it), beginning with `MJR00002`, a 16-bit
// big-endian length and a JSON header: `t` (a, v or d), `c` (the codec), `s` (created, epoch µs),
// `u` (first frame written, epoch µs). A file with no frame has no JSON header yet.
import { open } from 'node:fs/promises';

export interface RecordedPart {
  /** The file's name in the room's folder. */
  name: string;
  room: number;
  participantId: number;
  kind: 'audio' | 'video' | 'data';
  /** Janus still writes it (its name still has the temporary extension). */
  unfinished: boolean;
}

export interface MjrHeader {
  kind: 'audio' | 'video' | 'data';
  codec: string;
  /** Epoch milliseconds: when Janus began recording this stream. */
  createdAt: number;
  /** Epoch milliseconds: its first frame (absent in a file that has none). */
  firstFrameAt: number | undefined;
}

const NAME = /^videoroom-(\d{1,16})-user-(\d{1,16})-\d{1,20}-(audio|video|data)-\d{1,3}\.mjr(\.[A-Za-z0-9]{1,16})?$/;
const MAGIC = 'MJR00002';
const KINDS: Record<string, MjrHeader['kind']> = { a: 'audio', v: 'video', d: 'data' };

/** A file name as Janus names a recorded stream of a publisher; undefined for any other name. */
export function recordedPart(name: string): RecordedPart | undefined {
  const match = NAME.exec(name);
  if (!match) return undefined;
  const [, room, participant, kind, temporary] = match;
  return {
    name,
    room: Number(room),
    participantId: Number(participant),
    kind: kind as RecordedPart['kind'],
    unfinished: temporary !== undefined,
  };
}

/** The header of a `.mjr` file; undefined when it has none (no frame was written) or is not one. */
export async function readHeader(path: string): Promise<MjrHeader | undefined> {
  const file = await open(path, 'r');
  try {
    const head = Buffer.alloc(MAGIC.length + 2 + 0xffff);
    const { bytesRead } = await file.read(head, 0, head.length, 0);
    if (bytesRead < MAGIC.length + 2 || head.toString('latin1', 0, MAGIC.length) !== MAGIC) return undefined;
    const length = head.readUInt16BE(MAGIC.length);
    if (bytesRead < MAGIC.length + 2 + length) return undefined;
    const json: unknown = JSON.parse(head.toString('utf8', MAGIC.length + 2, MAGIC.length + 2 + length));
    if (typeof json !== 'object' || json === null) return undefined;
    const { t, c, s, u } = json as Record<string, unknown>;
    const kind = typeof t === 'string' ? KINDS[t] : undefined;
    if (!kind || typeof c !== 'string' || typeof s !== 'number') return undefined;
    return {
      kind,
      codec: c.toLowerCase(),
      createdAt: Math.floor(s / 1000),
      firstFrameAt: typeof u === 'number' ? Math.floor(u / 1000) : undefined,
    };
  } catch {
    return undefined;
  } finally {
    await file.close();
  }
}
