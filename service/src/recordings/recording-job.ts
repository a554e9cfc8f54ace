// Turning what Janus recorded of one closed call into playable files: once the room is gone from
// every server it was recorded on (Janus has closed its files), each recorded stream that began
// while the customer agreed, of a participant the service admitted, becomes a file of the
// escalation's (kept in the store, its bytes in the recordings folder); its `.mjr` is then
// deleted. What was recorded without consent, or of no one admitted, is deleted unconverted. A
// stream that fails to convert is logged and kept until the retention; the others go on.
import { createHash } from 'node:crypto';
import { mkdir, readdir, rename, rm, rmdir, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { ParticipantRole } from '../../../src/protocol/index.js';
import type { EscalationRecord, KeptRecordingFile } from '../escalations/records.js';
import { everRecorded, withinConsent } from '../escalations/recording-state.js';
import type { JanusMember, JanusPool } from '../janus/janus-pool.js';
import type { Logger } from '../logger.js';
import type { EscalationStore } from '../store/contract.js';
import { readHeader, recordedPart } from './mjr.js';
import { convert, type PostProcessor } from './pp-rec.js';

export interface JobContext {
  store: EscalationStore;
  janus: JanusPool;
  log: Logger;
  tool: PostProcessor;
  /** The longest to wait for Janus to finish the files of a destroyed room. */
  settleMs: number;
  /** Where an escalation's playable files go. */
  folderOf(escalationId: string): string;
  /** Aborted when the service stops: no new conversion starts, the one under way is killed. */
  signal: AbortSignal;
}

/** A room's recordings folder on one Janus server. */
export interface RoomFolder {
  member: JanusMember;
  dir: string;
}

/** The codecs turned into files: VP8 and VP9 into WebM, Opus into Ogg (`.opus`). */
const FORMATS: Record<string, { kind: 'audio' | 'video'; ext: string; type: KeptRecordingFile['type'] }> = {
  vp8: { kind: 'video', ext: 'webm', type: 'video/webm' },
  vp9: { kind: 'video', ext: 'webm', type: 'video/webm' },
  opus: { kind: 'audio', ext: 'opus', type: 'audio/ogg' },
};

const POLL_MS = 100;

/** The folders a room of this escalation may have recorded into: on each server it was recorded on, and where it is now. */
export function roomFolders(janus: JanusPool, record: EscalationRecord): RoomFolder[] {
  const ids = new Set([...(record.recording?.servers ?? []), janus.member(record.room.server).id]);
  return [...ids].flatMap((id) => {
    const member = janus.member(id);
    const dir = member.rooms.recordingDir(record.room.room);
    return dir === undefined ? [] : [{ member, dir }];
  });
}

export async function turnIntoFiles(context: JobContext, record: EscalationRecord): Promise<void> {
  const folders = roomFolders(context.janus, record);
  // Never agreed to: Janus recorded nothing of it, and anything there (a participant who had
  // themselves recorded) goes unread.
  if (!everRecorded(record)) {
    for (const { dir } of folders) await discardAll(context, record, dir);
    return;
  }
  await roomsGone(record, folders);
  await settled(folders, context.settleMs, context.signal);
  for (const folder of folders) {
    for (const name of await names(folder.dir)) {
      context.signal.throwIfAborted();
      await turnIntoFile(context, record, folder, name);
    }
    // Empty now, unless a part failed (it stays until the retention).
    await rmdir(folder.dir).catch(() => undefined);
  }
}

/** Janus closes a room's files when the room goes: a room still there (its destroy failed) is destroyed now. */
async function roomsGone(record: EscalationRecord, folders: RoomFolder[]): Promise<void> {
  for (const { member } of folders) {
    try {
      if (!(await member.rooms.exists(record.room.room))) continue;
      await member.rooms.enableRecording(record.room, false).catch(() => undefined);
      await member.rooms.destroy(record.room);
    } catch (error) {
      // A server that stopped answering has no room left to close; one that answers must.
      if (member.up) throw error;
    }
  }
}

/** Waits (at most `settleMs`) until Janus has finished every file (none has its temporary extension). */
async function settled(folders: RoomFolder[], settleMs: number, signal: AbortSignal): Promise<void> {
  const giveUpAt = Date.now() + settleMs;
  for (;;) {
    signal.throwIfAborted();
    const unfinished = (await Promise.all(folders.map(({ dir }) => names(dir))))
      .flat()
      .some((name) => recordedPart(name)?.unfinished);
    if (!unfinished || Date.now() > giveUpAt) return;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

async function turnIntoFile(context: JobContext, record: EscalationRecord, folder: RoomFolder, name: string): Promise<void> {
  const { log } = context;
  const source = join(folder.dir, name);
  const where = { escalation: record.id, janus: folder.member.id, file: name };
  const part = recordedPart(name);
  if (!part || part.room !== record.room.room) {
    log.warn(where, 'not a recording of this room: deleted');
    return void (await rm(source, { recursive: true, force: true }));
  }
  const header = part.kind === 'data' ? undefined : await readHeader(source);
  // A data channel's, or a stream with nothing in it: nothing to keep.
  if (!header) return void (await unlink(source).catch(() => undefined));
  if (!withinConsent(record, header.createdAt)) {
    log.warn(where, 'recorded while the customer had not agreed: deleted unheard');
    return void (await unlink(source));
  }
  const participant = roleOf(record, part.participantId);
  if (!participant) {
    log.warn(where, 'recorded a participant the service did not admit: deleted unheard');
    return void (await unlink(source));
  }
  const format = FORMATS[header.codec];
  if (!format || format.kind !== header.kind) {
    log.warn({ ...where, codec: header.codec }, 'a codec not turned into files: kept until the retention');
    return;
  }
  const id = fileId(folder.member.id, name);
  const folderOfFiles = context.folderOf(record.id);
  await mkdir(folderOfFiles, { recursive: true });
  const target = join(folderOfFiles, `${id}.${format.ext}`);
  // The tool takes the format from the extension: the partial file keeps it.
  const partial = join(folderOfFiles, `${id}.partial.${format.ext}`);
  try {
    await convert(context.tool, source, partial, context.signal);
    await rename(partial, target);
  } catch (error) {
    await rm(partial, { force: true });
    // The service stops: this call's recording is taken up again later, from this part on.
    context.signal.throwIfAborted();
    log.warn({ ...where, err: error }, 'a recorded stream could not be turned into a file: kept until the retention');
    return;
  }
  const { size } = await stat(target);
  await context.store.addRecordingFile({
    id,
    escalationId: record.id,
    participant,
    kind: format.kind,
    type: format.type,
    bytes: size,
    startedAt: header.firstFrameAt ?? header.createdAt,
  });
  await unlink(source);
}

async function discardAll(context: JobContext, record: EscalationRecord, dir: string): Promise<void> {
  const found = await names(dir);
  if (found.length > 0)
    context.log.warn(
      { escalation: record.id, files: found.length },
      'recordings of a call nobody agreed to record: deleted unheard',
    );
  await rm(dir, { recursive: true, force: true });
}

/** Who a participant id was: the agent, the customer (of any code), or an expert. */
function roleOf(record: EscalationRecord, participantId: number): ParticipantRole | undefined {
  if (participantId === record.room.agentId) return 'host';
  if (participantId === record.guest.participantId || record.formerGuestIds?.includes(participantId)) return 'guest';
  if (record.experts.some((expert) => expert.participantId === participantId)) return 'expert';
  return undefined;
}

/** The same recorded stream always makes the same file id (a second run after a crash replaces, never doubles). */
function fileId(server: string, name: string): string {
  const finished = name.replace(/\.mjr\..*$/, '.mjr');
  return createHash('sha256').update(`${server}/${finished}`).digest('hex').slice(0, 32);
}

async function names(dir: string): Promise<string[]> {
  return readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
}
