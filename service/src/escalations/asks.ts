// The agent's asks of the customer's page during a call (a still, the other camera, the torch, a
// zoom level; consent to record is asked by recording.ts), and what comes back. Each ask is kept
// with its escalation (bounded) and relayed to the customer's own event stream; the page's
// answer, and what its camera can do, reach the agent's progress stream. Only the customer who
// was asked answers: never an expert's token, nor the holder of a code renewed since.
import { randomUUID } from 'node:crypto';
import type { AskNews, AskOutcome, AskSent, CallAsk, CameraAbilities, GuestAsk } from '../../../src/protocol/index.js';
import { HttpError } from '../http/http-error.js';
import { customerAudience } from '../news.js';
import { ensureActive } from './agent-operations.js';
import { refuseAskOfConsult } from './consult.js';
import type { Answer, Deps } from './deps.js';
import { checkStanding, ended, onlyCustomer, type GuestSession } from './guest-operations.js';
import { mutate } from './mutate.js';
import type { AskRecord, EscalationRecord } from './records.js';
import type { Recording } from './recording.js';

export class Asks {
  constructor(
    private readonly deps: Deps,
    /** Answers to the consent ask are recording's (recording.ts). */
    private readonly recording: Recording,
  ) {}

  /** The agent asks; the customer's page hears it on its event stream. 409 when no customer is in the call. */
  async ask(escalation: EscalationRecord, ask: CallAsk): Promise<Answer> {
    const { deps } = this;
    const id = randomUUID();
    const at = deps.now();
    const { result: generation } = await mutate(deps.store, escalation.id, (record) => {
      ensureActive(record);
      refuseAskOfConsult(record);
      if (!customerInCall(record)) throw new HttpError('conflict', 'no customer is in the call to ask');
      const asks = (record.asks ??= []);
      if (asks.length >= deps.limits.asksPerEscalation)
        throw new HttpError('limit-reached', `this escalation has asked ${asks.length} times, the most it may`);
      asks.push({ id, kind: ask.kind, at, generation: record.generation, answered: false });
      return record.generation;
    });
    const news: GuestAsk = { id, ask, at };
    await deps.hub.sendToGuest(escalation.id, customerAudience(generation), 'ask', JSON.stringify(news));
    const sent: AskSent = { id };
    return { status: 202, body: sent };
  }

  /** The customer's page answers an ask (a still's `done` comes with the still instead). */
  async answer(session: GuestSession, askId: string, outcome: AskOutcome): Promise<Answer> {
    onlyCustomer(session);
    // An ask's kind never changes, and the page heard of it before this request was read.
    if (session.record.asks?.find((ask) => ask.id === askId)?.kind === 'recording')
      return this.recording.answer(session, askId, outcome);
    const { result: kind } = await mutate(this.deps.store, session.record.id, (record) => {
      const ask = askOf(record, session, askId);
      if (ask.kind === 'recording') throw new HttpError('conflict', 'this ask was made meanwhile; answer it again');
      if (ask.kind === 'snapshot' && outcome === 'done')
        throw new HttpError('bad-request', 'a still is answered by sending it (POST /guest/snapshots)');
      if (ask.answered) throw answeredAlready();
      Object.assign(ask, { answered: true, outcome });
      return ask.kind;
    });
    const news: AskNews = { id: askId, kind, outcome };
    await this.deps.hub.send(session.record.id, 'ask', JSON.stringify(news));
    return { status: 204, body: undefined };
  }

  /** What the customer's camera can do now, for the agent's controls. Sent on each change, so throttled. */
  async camera(session: GuestSession, abilities: CameraAbilities): Promise<Answer> {
    onlyCustomer(session);
    const { record } = session;
    if (record.status !== 'active') throw ended();
    await this.deps.throttles.cameraReportsPerEscalation.take(record.id, 'the camera has been reported too often; wait a moment');
    await this.deps.hub.send(record.id, 'camera', JSON.stringify(abilities));
    return { status: 204, body: undefined };
  }
}

/**
 * The ask `askId` of this escalation, as the customer in `session` may answer it (in a `mutate`,
 * on the latest record): their token still stands, the call is on, and it was asked of them.
 */
export function askOf(record: EscalationRecord, session: GuestSession, askId: string): AskRecord {
  checkStanding(record, session.grant, session.tokenHash);
  if (record.status !== 'active') throw ended();
  const ask = (record.asks ?? []).find((candidate) => candidate.id === askId);
  if (!ask || ask.generation !== session.grant.generation) throw new HttpError('not-found', 'there is no such ask');
  return ask;
}

export const answeredAlready = () => new HttpError('conflict', 'this ask has been answered already');

/** Whether a customer is in the call: their code was redeemed and their page last said it joined (not left). */
export function customerInCall(record: EscalationRecord): boolean {
  if (record.guest.redeemedBy === null) return false;
  const last = [...record.progress].reverse().find((step) => step.report === 'joined' || step.report === 'left');
  return last?.report === 'joined';
}
