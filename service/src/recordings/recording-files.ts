// A recording after its call: turned into playable files once (by whichever instance claims it in
// the store: the one that closed the call, or any instance's sweep when that one could not),
// listed and served to the escalation's agent, and deleted with the escalation's personal data at
// the retention purge. The files are kept under `dir/<escalation id>/`; with several instances
// that folder must be one they all share.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { open, rm } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { RecordingFile, RecordingList } from '../../../src/protocol/index.js';
import type { Answer } from '../escalations/deps.js';
import type { EscalationRecord, KeptRecordingFile } from '../escalations/records.js';
import { everRecorded } from '../escalations/recording-state.js';
import { HttpError } from '../http/http-error.js';
import type { JanusPool } from '../janus/janus-pool.js';
import type { Logger } from '../logger.js';
import type { EscalationStore } from '../store/contract.js';
import type { PostProcessor } from './pp-rec.js';
import { roomFolders, turnIntoFiles } from './recording-job.js';

export interface RecordingFilesOptions {
  store: EscalationStore;
  janus: JanusPool;
  log: Logger;
  now: () => number;
  /** Where the playable files are kept. */
  dir: string;
  tool: PostProcessor;
  /** The longest to wait for Janus to finish a destroyed room's files. */
  settleMs: number;
}

/** A claim this old belongs to an instance that died (or hangs): another takes the work over. */
const STALE_CLAIM_MS = 30 * 60_000;
/** A call whose recording failed this often is left as it is (its parts go at the retention). */
const MAX_ATTEMPTS = 5;
const SWEEP_BATCH = 100;
const ID = /^[0-9a-f]{32}$/;
/** Escalation ids are the service's own UUIDs; nothing else ever names a folder. */
const ESCALATION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const EXTENSIONS: Record<KeptRecordingFile['type'], string> = { 'video/webm': 'webm', 'audio/ogg': 'opus' };

const noSuchFile = () => new HttpError('not-found', 'this escalation has no such recording file');

export class RecordingFiles {
  /** This instance, in its claims. */
  private readonly instance = randomUUID();
  private readonly running = new Set<Promise<void>>();
  /** Stops conversions under way when the service stops (their calls are swept again later). */
  private readonly stopped = new AbortController();
  private sweeping = false;

  constructor(private readonly options: RecordingFilesOptions) {}

  /** Whether any Janus server records (has a recordings folder). */
  get setUp(): boolean {
    return this.options.janus.all().some((member) => member.server.recordingsDir !== undefined);
  }

  /** Says at start what would keep recordings from becoming files: no post-processing tool. */
  async checkTool(): Promise<void> {
    if (!this.setUp) return;
    const found = await new Promise<boolean>((resolve) =>
      execFile(this.options.tool.command, ['--help'], { timeout: 5000 }, (error) =>
        resolve(!error || (error as NodeJS.ErrnoException).code !== 'ENOENT'),
      ),
    );
    if (!found)
      this.options.log.warn(
        { tool: this.options.tool.command },
        'janus-pp-rec was not found (apt-get install janus-tools): recorded calls will not become files',
      );
  }

  /** A call was closed here: its recording becomes files now, in the background. */
  afterClose(escalationId: string): void {
    if (this.setUp && !this.stopped.signal.aborted) this.track(this.run(escalationId));
  }

  /**
   * Starts on what no instance did (or finished): closed calls whose recording is not done and
   * not being done. In the background: converting may take a while, and the lifecycle goes on.
   */
  async sweep(): Promise<void> {
    if (!this.setUp || this.sweeping || this.stopped.signal.aborted) return;
    const due = await this.options.store.recordingJobsDue(this.options.now() - STALE_CLAIM_MS, SWEEP_BATCH);
    if (due.length === 0) return;
    this.sweeping = true;
    this.track(
      (async () => {
        for (const id of due) if (!this.stopped.signal.aborted) await this.run(id);
      })().finally(() => (this.sweeping = false)),
    );
  }

  /** Stops the conversions under way and waits for them to give their claims back (the store must outlive them). */
  async stop(): Promise<void> {
    this.stopped.abort();
    await Promise.all(this.running);
  }

  async list(record: EscalationRecord): Promise<Answer> {
    const { store } = this.options;
    const files: RecordingFile[] = (await store.recordingFiles(record.id)).map(
      ({ id, participant, kind, type, bytes, startedAt }) => ({ id, participant, kind, type, bytes, startedAt }),
    );
    const job = everRecorded(record) && record.status === 'closed' ? await store.recordingJob(record.id) : undefined;
    const processing = everRecorded(record) && record.status === 'closed' && !job?.done;
    const list: RecordingList = { processing, files };
    return { status: 200, body: list };
  }

  /** Streams one file with its own content type and length. */
  async send(record: EscalationRecord, id: string, response: ServerResponse): Promise<null> {
    if (!ID.test(id)) throw noSuchFile();
    const file = await this.options.store.recordingFile(record.id, id);
    if (!file) throw noSuchFile();
    const path = join(this.folderOf(record.id), `${file.id}.${EXTENSIONS[file.type]}`);
    const handle = await open(path, 'r').catch(() => undefined);
    if (!handle) throw noSuchFile();
    let streaming = false;
    try {
      const { size } = await handle.stat();
      response.writeHead(200, {
        'content-type': file.type,
        'content-length': String(size),
        'content-disposition': `attachment; filename="recording-${file.id}.${EXTENSIONS[file.type]}"`,
        'x-content-type-options': 'nosniff',
      });
      streaming = true;
      await pipeline(handle.createReadStream(), response);
    } catch (error) {
      if (!streaming) throw error;
      // The client went away, or the disk failed halfway: the answer is cut short.
      response.destroy();
    } finally {
      if (!streaming) await handle.close();
    }
    return null;
  }

  /** Deletes an escalation's recording: its files here, and whatever Janus left in its room's folders. */
  async remove(record: EscalationRecord): Promise<void> {
    await rm(this.folderOf(record.id), { recursive: true, force: true });
    for (const { dir } of roomFolders(this.options.janus, record)) await rm(dir, { recursive: true, force: true });
  }

  /** Where an escalation's files are kept. */
  folderOf(escalationId: string): string {
    if (!ESCALATION_ID.test(escalationId)) throw new Error(`not an escalation id: ${JSON.stringify(escalationId)}`);
    return join(this.options.dir, escalationId);
  }

  /** Claims one call's recording and turns it into files; a failure leaves it for the next sweep. */
  private async run(escalationId: string): Promise<void> {
    const { store, log, now } = this.options;
    if (!(await store.claimRecordingJob(escalationId, this.instance, now(), now() - STALE_CLAIM_MS))) return;
    try {
      const record = (await store.get(escalationId))?.value;
      if (record?.status !== 'closed') return void (await store.releaseRecordingJob(escalationId, this.instance));
      await turnIntoFiles({ ...this.options, signal: this.stopped.signal, folderOf: (id) => this.folderOf(id) }, record);
      await store.finishRecordingJob(escalationId, this.instance, now());
    } catch (error) {
      const attempts = (await store.recordingJob(escalationId).catch(() => undefined))?.attempts ?? 0;
      if (attempts >= MAX_ATTEMPTS && !this.stopped.signal.aborted) {
        log.error({ escalation: escalationId, err: error }, 'a recording could not be turned into files; given up');
        await store.finishRecordingJob(escalationId, this.instance, now()).catch(() => undefined);
      } else {
        log.warn({ escalation: escalationId, err: error }, 'a recording could not be turned into files yet; trying again');
        await store.releaseRecordingJob(escalationId, this.instance).catch(() => undefined);
      }
    }
  }

  private track(work: Promise<void>): void {
    const tracked = work.catch((error: unknown) =>
      this.options.log.warn({ err: error }, 'turning a recording into files failed; the next sweep tries again'),
    );
    this.running.add(tracked);
    void tracked.finally(() => this.running.delete(tracked));
  }
}
