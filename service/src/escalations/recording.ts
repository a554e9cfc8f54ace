// Recording a call, only with the customer's consent. The agent asks (an ask of kind `recording`
// on the customer's own stream); everyone in the call is told it is asked for, on, declined or
// stopped; Janus records only once the customer agreed, told with the room's secret, and the
// state says `on` only once Janus took it. Closing the call stops it; what was recorded is then
// turned into files (recordings/recording-files.ts).
import { randomUUID } from 'node:crypto';
import type { AskNews, AskOutcome, GuestAsk, RecordingStatus } from '../../../src/protocol/index.js';
import { HttpError } from '../http/http-error.js';
import { customerAudience } from '../news.js';
import { ensureActive } from './agent-operations.js';
import { answeredAlready, askOf, customerInCall } from './asks.js';
import { refuseAskOfConsult } from './consult.js';
import type { Answer, Deps } from './deps.js';
import { onlyCustomer, type GuestSession } from './guest-operations.js';
import { mutate } from './mutate.js';
import type { EscalationRecord } from './records.js';
import { announce } from './recording-news.js';
import { closePeriod, recordingOf, statusOf } from './recording-state.js';

const notSetUp = () =>
  new HttpError('conflict', "recording is not set up on this service (the room's media server has no recordings folder)");
const notAsking = () => new HttpError('conflict', 'the agent no longer asks to record this call');

export class Recording {
  constructor(private readonly deps: Deps) {}

  /** The agent's `start` (ask the customer) or `stop`. */
  request(escalation: EscalationRecord, action: 'start' | 'stop'): Promise<Answer> {
    return action === 'start' ? this.start(escalation) : this.stop(escalation);
  }

  private async start(escalation: EscalationRecord): Promise<Answer> {
    const { deps } = this;
    const id = randomUUID();
    const at = deps.now();
    const { record } = await mutate(deps.store, escalation.id, (record) => {
      ensureActive(record);
      // Recording needs the customer's consent, and a consult has no customer to give it.
      refuseAskOfConsult(record);
      if (deps.janus.member(record.room.server).rooms.recordingDir(record.room.room) === undefined) throw notSetUp();
      if (!customerInCall(record)) throw new HttpError('conflict', 'no customer is in the call to ask');
      const recording = recordingOf(record, at);
      if (recording.state === 'asking' || recording.state === 'on')
        throw new HttpError('conflict', `recording is ${recording.state === 'on' ? 'on' : 'being asked for'} already`);
      const asks = (record.asks ??= []);
      if (asks.length >= deps.limits.asksPerEscalation)
        throw new HttpError('limit-reached', `this escalation has asked ${asks.length} times, the most it may`);
      asks.push({ id, kind: 'recording', at, generation: record.generation, answered: false });
      Object.assign(recording, { state: 'asking', since: at, ask: id });
    });
    const ask: GuestAsk = { id, ask: { kind: 'recording' }, at };
    await deps.hub.sendToGuest(record.id, customerAudience(record.generation), 'ask', JSON.stringify(ask));
    await announce(deps, record);
    return answered(record);
  }

  /** Stops what records (Janus first: `stopped` only once it stopped), or withdraws the ask. */
  private async stop(escalation: EscalationRecord): Promise<Answer> {
    const { deps } = this;
    const state = escalation.recording?.state;
    if (state === 'on') {
      try {
        await deps.janus.member(escalation.room.server).rooms.enableRecording(escalation.room, false);
      } catch (error) {
        deps.log.warn({ escalation: escalation.id, err: error }, 'Janus did not stop recording');
        throw new HttpError('unavailable', 'the media server did not stop recording; try again');
      }
    }
    const { record } = await mutate(deps.store, escalation.id, (record) => {
      ensureActive(record);
      const recording = record.recording;
      if (!recording || recording.state !== state || (state !== 'on' && state !== 'asking'))
        throw new HttpError('conflict', 'recording is neither on nor being asked for');
      if (state === 'on') closePeriod(recording, deps.now());
      Object.assign(recording, { state: state === 'on' ? 'stopped' : 'off', since: deps.now() });
    });
    await announce(deps, record);
    return answered(record);
  }

  /** The customer answers the consent ask: `done` is their yes (Janus then records), anything else their no. */
  async answer(session: GuestSession, askId: string, outcome: AskOutcome): Promise<Answer> {
    onlyCustomer(session);
    const { deps } = this;
    const { record } = await mutate(deps.store, session.record.id, (record) => {
      const ask = askOf(record, session, askId);
      if (ask.kind !== 'recording') throw new HttpError('bad-request', 'this ask is not for consent to record');
      if (ask.answered) throw answeredAlready();
      const recording = record.recording;
      if (recording?.state !== 'asking' || recording.ask !== askId) throw notAsking();
      Object.assign(ask, { answered: true, outcome });
      if (outcome !== 'done') Object.assign(recording, { state: 'declined', since: deps.now() });
    });
    const news: AskNews = { id: askId, kind: 'recording', outcome };
    await deps.hub.send(record.id, 'ask', JSON.stringify(news));
    if (outcome === 'done') await this.begin(record, askId);
    else await announce(deps, record);
    return { status: 204, body: undefined };
  }

  /** Janus records the room; `on` once it said so, `off` again (the agent hears it) when it would not. */
  private async begin(agreed: EscalationRecord, askId: string): Promise<void> {
    const { deps } = this;
    const member = deps.janus.member(agreed.room.server);
    const from = deps.now();
    let taken = false;
    try {
      await member.rooms.enableRecording(agreed.room, true);
      taken = true;
    } catch (error) {
      deps.log.warn({ escalation: agreed.id, err: error }, 'Janus did not start recording');
    }
    const stillAsked = (record: EscalationRecord) =>
      record.status === 'active' &&
      record.recording?.state === 'asking' &&
      record.recording.ask === askId &&
      deps.janus.member(record.room.server).id === member.id;
    const { record, result: on } = await mutate(deps.store, agreed.id, (record) => {
      if (!stillAsked(record)) return false;
      const recording = record.recording!;
      Object.assign(recording, { state: taken ? 'on' : 'off', since: deps.now() });
      if (!taken) return false;
      recording.periods.push({ from, to: null });
      if (!recording.servers.includes(member.id)) recording.servers.push(member.id);
      return true;
    });
    // Withdrawn, ended or moved meanwhile: Janus must not go on recording what nobody agreed to now.
    if (taken && !on)
      await member.rooms.enableRecording(agreed.room, false).catch((error: unknown) => {
        deps.log.warn({ escalation: agreed.id, err: error }, 'Janus did not stop a recording nobody wants now');
      });
    if (on || !taken) await announce(deps, record);
  }
}

function answered(record: EscalationRecord): Answer {
  const status: RecordingStatus = statusOf(record);
  return { status: 200, body: status };
}
