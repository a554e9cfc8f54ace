// Stills from the customer's camera: the customer's page sends one for a snapshot ask; the agent
// lists them, fetches one, keeps it for the case with marks and a note (masked, as everything
// kept is), or discards it. A still belongs to the escalation's personal data: those not kept go
// when the call ends, the kept ones at the retention purge (see the stores and lifecycle.ts).
import { randomUUID } from 'node:crypto';
import type {
  AskNews,
  SnapshotMark,
  SnapshotNews,
  SnapshotRecord,
  SnapshotSave,
  SnapshotSaved,
  SnapshotUpload,
} from '../../../src/protocol/index.js';
import { HttpError } from '../http/http-error.js';
import { redact } from '../redaction/redact.js';
import { answeredAlready, askOf } from './asks.js';
import type { Answer, Deps } from './deps.js';
import { ended, onlyCustomer, type GuestSession } from './guest-operations.js';
import { mutate } from './mutate.js';
import type { EscalationRecord, KeptSnapshot } from './records.js';
import { decodeStill } from './still-image.js';

const noSuchStill = () => new HttpError('not-found', 'this escalation has no such still');

export class Snapshots {
  constructor(private readonly deps: Deps) {}

  /** The customer's page sends the still a snapshot ask asked for. */
  async upload(session: GuestSession, upload: SnapshotUpload): Promise<Answer> {
    onlyCustomer(session);
    const { deps } = this;
    const image = decodeStill(upload.type, upload.image);
    const escalationId = session.record.id;
    // The ask is answered first, in one write: of two stills sent for one ask, one is kept.
    await mutate(deps.store, escalationId, (record) => {
      const ask = askOf(record, session, upload.ask);
      if (ask.kind !== 'snapshot') throw new HttpError('bad-request', 'this ask is not for a still');
      if (ask.answered) throw answeredAlready();
      const taken = (record.asks ?? []).filter((entry) => entry.kind === 'snapshot' && entry.outcome === 'done').length;
      if (taken >= deps.limits.snapshotsPerEscalation)
        throw new HttpError('limit-reached', `this escalation has ${taken} stills, the most it may`);
      Object.assign(ask, { answered: true, outcome: 'done' });
    });
    const still: KeptSnapshot = {
      id: randomUUID(),
      escalationId,
      ask: upload.ask,
      type: upload.type,
      width: upload.width,
      height: upload.height,
      takenAt: deps.now(),
      saved: false,
      marks: [],
      note: '',
    };
    try {
      await deps.store.addSnapshot({ ...still, image });
    } catch (error) {
      await this.reopen(escalationId, upload.ask).catch(() => undefined);
      throw error;
    }
    // The call ended while the still was being written: a still not kept does not outlive its call.
    if ((await deps.store.get(escalationId))?.value.status !== 'active') {
      await deps.store.removeSnapshot(escalationId, still.id);
      throw ended();
    }
    const news: SnapshotNews = {
      id: still.id,
      ask: still.ask,
      width: still.width,
      height: still.height,
      takenAt: still.takenAt,
    };
    await deps.hub.send(escalationId, 'snapshot', JSON.stringify(news));
    const answered: AskNews = { id: still.ask, kind: 'snapshot', outcome: 'done' };
    await deps.hub.send(escalationId, 'ask', JSON.stringify(answered));
    return { status: 201, body: { id: still.id } };
  }

  async list(escalation: EscalationRecord): Promise<Answer> {
    const snapshots: SnapshotRecord[] = (await this.deps.store.snapshots(escalation.id)).map(recordOf);
    return { status: 200, body: { snapshots } };
  }

  async get(escalation: EscalationRecord, id: string): Promise<Answer> {
    const still = await this.deps.store.snapshot(escalation.id, id);
    if (!still) throw noSuchStill();
    const answer: SnapshotRecord = { ...recordOf(still), image: still.image.toString('base64') };
    return { status: 200, body: answer };
  }

  /** Keeps a still for the case: the marks must lie on it; the note is kept masked, and the agent told what was. */
  async save(escalation: EscalationRecord, id: string, save: SnapshotSave): Promise<Answer> {
    const { store, redaction } = this.deps;
    const still = (await store.snapshots(escalation.id)).find((candidate) => candidate.id === id);
    if (!still) throw noSuchStill();
    checkMarks(save.marks, still.width, still.height);
    const note = redact(save.note, redaction);
    if (!(await store.keepSnapshot(escalation.id, id, save.marks, note.text))) throw noSuchStill();
    const saved: SnapshotSaved = { note: note.text, masked: note.kinds };
    return { status: 200, body: saved };
  }

  async discard(escalation: EscalationRecord, id: string): Promise<Answer> {
    if (!(await this.deps.store.removeSnapshot(escalation.id, id))) throw noSuchStill();
    return { status: 204, body: undefined };
  }

  /** The still could not be kept: its ask is open again, for the page to send it again. */
  private async reopen(escalationId: string, askId: string): Promise<void> {
    await mutate(this.deps.store, escalationId, (record) => {
      const ask = (record.asks ?? []).find((candidate) => candidate.id === askId);
      if (!ask) return;
      ask.answered = false;
      delete ask.outcome;
    });
  }
}

function recordOf(still: KeptSnapshot): SnapshotRecord {
  const { id, ask, width, height, takenAt, type, saved, marks, note } = still;
  return { id, ask, width, height, takenAt, type, saved, marks, note };
}

/** Every mark on the still: an arrow's ends and a circle's center within it, a circle no larger than it. */
function checkMarks(marks: SnapshotMark[], width: number, height: number): void {
  const within = ([x, y]: [number, number]) => x >= 0 && x <= width && y >= 0 && y <= height;
  marks.forEach((mark, index) => {
    const fits =
      mark.shape === 'arrow'
        ? within(mark.from) && within(mark.to)
        : within(mark.center) && mark.radius <= Math.max(width, height);
    if (!fits) throw new HttpError('bad-request', `mark ${index + 1} does not lie on the still (${width}×${height})`);
  });
}
