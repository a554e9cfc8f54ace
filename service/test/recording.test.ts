// Recording with consent, as the people in the call notice it, on both stores and a real Janus:
// the agent asks, everyone is told, Janus records only once the customer agreed (and never when
// they decline), stopping and closing stop it, and after the call the room's real recorded
// streams (sent by a stand-in participant) become playable files the agent can fetch, gone at
// the retention purge.
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { AskNews, GuestAsk, RecordingList, RecordingStatus } from '../../src/protocol/index.js';
import { withoutPersonalData } from '../src/escalations/lifecycle.js';
import { JanusRooms } from '../src/janus/janus-rooms.js';
import { GENEROUS, joinedCall, type JoinedCall } from './support/call-tools.js';
import { openStream, type HeardEvent, type OpenedStream } from './support/event-stream.js';
import { linkToken, outcome, recordingsDirOf, startHarness, type Harness } from './support/harness.js';
import { startTestPostgres, type StartedPostgres } from './support/postgres.js';
import { answer, filesOf, janusRoom, publishInto, recording, status } from './support/recording.js';

let postgres: StartedPostgres;
const harnesses = {} as Record<'SQLite' | 'PostgreSQL', Harness>;

before(async () => {
  postgres = await startTestPostgres('recording');
  harnesses.SQLite = await startHarness('recording', { limits: GENEROUS });
  harnesses.PostgreSQL = await startHarness('recording-pg', {
    limits: GENEROUS,
    databaseUrl: postgres.url,
    janus: harnesses.SQLite.janus,
  });
});
after(async () => {
  await harnesses.PostgreSQL?.stop();
  await harnesses.SQLite?.stop();
  await postgres?.stop();
});

const quietFor = (ms = 300) => new Promise((resolve) => setTimeout(resolve, ms));
const recordingNews = (heard: HeardEvent[]) =>
  heard.filter(({ event }) => event === 'recording').map(({ data }) => (JSON.parse(data) as RecordingStatus).state);

for (const storeName of ['SQLite', 'PostgreSQL'] as const) {
  describe(`recording with consent (${storeName})`, () => {
    let h: Harness;
    before(() => {
      h = harnesses[storeName];
    });
    const streams: OpenedStream[] = [];
    after(() => streams.forEach((stream) => stream.close()));
    const opened = async (stream: Promise<OpenedStream>) => {
      streams.push(await stream);
      return streams.at(-1)!;
    };
    const agentStream = (call: JoinedCall) => opened(openStream(`${h.url}/escalations/${call.escalation.id}/events`, call.owner));
    const guestStream = (token: string) => opened(openStream(`${h.url}/guest/events`, token));

    /** A call with a customer and an expert in it, each listening, and the agent listening. */
    async function listenedCall() {
      const call = await joinedCall(h);
      const invite = await h.call('POST', `/escalations/${call.escalation.id}/experts`, {
        bearer: call.owner,
        body: { address: 'sam@example.com', name: 'Sam' },
      });
      const expert = await h.redeem(linkToken((invite.body as { url: string }).url));
      return {
        call,
        expert,
        agent: await agentStream(call),
        customer: await guestStream(call.customer.guestToken),
        expertHears: await guestStream(expert.guestToken),
      };
    }

    /** The consent ask the customer's page heard. */
    async function consentAsk(customer: OpenedStream): Promise<GuestAsk> {
      const heard = await customer.until(1);
      const ask = heard.find(({ event }) => event === 'ask');
      assert.ok(ask, JSON.stringify(heard));
      return JSON.parse(ask.data) as GuestAsk;
    }

    it('asks the customer and tells everyone in the call; Janus records nothing yet', async () => {
      const { call, agent, customer, expertHears } = await listenedCall();
      const started = await recording(h, call, 'start');
      assert.equal(started.status, 200, JSON.stringify(started.body));
      assert.equal(status(started), 'asking');
      assert.ok(Math.abs((started.body as RecordingStatus).since - Date.now()) < 60_000);

      const heard = await customer.until(2);
      assert.deepEqual(
        heard.map(({ event }) => event),
        ['ask', 'recording'],
      );
      const ask = JSON.parse(heard[0]!.data) as GuestAsk;
      assert.deepEqual(ask.ask, { kind: 'recording' });
      assert.deepEqual(JSON.parse(heard[1]!.data), started.body);
      assert.deepEqual(recordingNews(await expertHears.until(1)), ['asking'], 'the expert is told');
      assert.deepEqual(
        expertHears.heard.map(({ event }) => event),
        ['recording'],
        'and is not asked',
      );
      assert.deepEqual(recordingNews(await agent.until(1)), ['asking'], "the agent's stream hears it");

      const room = await janusRoom(h, call.escalation.host.room);
      assert.deepEqual(
        [room?.record, room?.lock_record, room?.rec_dir],
        [false, true, join(recordingsDirOf(h.janus), call.escalation.host.room)],
        'locked against participants, recording into a folder of its own, and not recording',
      );
      const kept = await h.record(call.escalation.id);
      assert.deepEqual([kept.recording?.state, kept.recording?.ask, kept.asks?.at(-1)?.kind], ['asking', ask.id, 'recording']);
      assert.deepEqual(outcome(await recording(h, call, 'start')), [409, 'conflict'], 'asked already');
    });

    it('records once the customer agrees, and says so only then; stops when the agent stops', async () => {
      const { call, agent, customer, expertHears } = await listenedCall();
      await recording(h, call, 'start');
      const ask = await consentAsk(customer);
      assert.equal((await answer(h, call.customer.guestToken, ask.id, 'done')).status, 204);
      const heard = await agent.until(3);
      assert.deepEqual(
        heard.map(({ event }) => event),
        ['recording', 'ask', 'recording'],
      );
      assert.deepEqual(JSON.parse(heard[1]!.data) as AskNews, { id: ask.id, kind: 'recording', outcome: 'done' });
      assert.deepEqual(recordingNews(heard), ['asking', 'on']);
      assert.equal((await janusRoom(h, call.escalation.host.room))?.record, true, 'Janus records the room');
      assert.deepEqual(recordingNews(await customer.until(3)), ['asking', 'on']);
      assert.deepEqual(recordingNews(await expertHears.until(2)), ['asking', 'on']);
      assert.deepEqual(outcome(await recording(h, call, 'start')), [409, 'conflict'], 'on already');
      assert.deepEqual(outcome(await answer(h, call.customer.guestToken, ask.id, 'refused')), [409, 'conflict'], 'answered');

      const stopped = await recording(h, call, 'stop');
      assert.deepEqual([stopped.status, status(stopped)], [200, 'stopped']);
      assert.equal((await janusRoom(h, call.escalation.host.room))?.record, false, 'Janus stopped');
      assert.deepEqual(recordingNews(await agent.until(4)), ['asking', 'on', 'stopped']);
      assert.deepEqual(recordingNews(await expertHears.until(3)), ['asking', 'on', 'stopped']);
      assert.deepEqual(outcome(await recording(h, call, 'stop')), [409, 'conflict'], 'nothing to stop');
      const again = await recording(h, call, 'start');
      assert.deepEqual([again.status, status(again)], [200, 'asking'], 'the agent may ask again');
    });

    it('records nothing when the customer declines, and the call goes on', async () => {
      const { call, agent, customer, expertHears } = await listenedCall();
      await recording(h, call, 'start');
      const ask = await consentAsk(customer);
      assert.equal((await answer(h, call.customer.guestToken, ask.id, 'refused')).status, 204);
      const heard = await agent.until(3);
      assert.deepEqual(JSON.parse(heard[1]!.data) as AskNews, { id: ask.id, kind: 'recording', outcome: 'refused' });
      assert.deepEqual(recordingNews(heard), ['asking', 'declined']);
      assert.deepEqual(recordingNews(await expertHears.until(2)), ['asking', 'declined']);
      assert.equal((await janusRoom(h, call.escalation.host.room))?.record, false);
      assert.equal((await h.record(call.escalation.id)).recording?.periods.length, 0);
      assert.equal((await h.record(call.escalation.id)).status, 'active');
      const again = await recording(h, call, 'start');
      assert.deepEqual([again.status, status(again)], [200, 'asking'], 'asking again is up to the agent');
    });

    it('takes any answer but done as a no', async () => {
      for (const no of ['unsupported', 'failed'] as const) {
        const { call, customer } = await listenedCall();
        await recording(h, call, 'start');
        const ask = await consentAsk(customer);
        assert.equal((await answer(h, call.customer.guestToken, ask.id, no)).status, 204);
        assert.equal((await h.record(call.escalation.id)).recording?.state, 'declined', no);
        assert.equal((await janusRoom(h, call.escalation.host.room))?.record, false, no);
      }
    });

    it('withdraws the ask when the agent stops before the customer answered', async () => {
      const { call, agent, customer } = await listenedCall();
      await recording(h, call, 'start');
      const ask = await consentAsk(customer);
      const withdrawn = await recording(h, call, 'stop');
      assert.deepEqual([withdrawn.status, status(withdrawn)], [200, 'off']);
      assert.deepEqual(recordingNews(await customer.until(3)), ['asking', 'off'], "the customer's page hears it is off");
      assert.deepEqual(outcome(await answer(h, call.customer.guestToken, ask.id, 'done')), [409, 'conflict'], 'too late');
      assert.equal((await janusRoom(h, call.escalation.host.room))?.record, false, 'a late yes records nothing');
      await quietFor();
      assert.deepEqual(recordingNews(agent.heard), ['asking', 'off']);
    });

    it('goes back to off, and says so, when Janus will not record', async () => {
      const { call, agent, customer } = await listenedCall();
      await recording(h, call, 'start');
      const ask = await consentAsk(customer);
      // The room is gone behind the service's back: Janus cannot record it.
      const { room, secret } = (await h.record(call.escalation.id)).room;
      const { httpUrl, wsUrl, roomAdminKey, tokenSecret } = h.janus;
      const direct = new JanusRooms({ httpUrl, wsUrl, roomAdminKey, tokenSecret });
      await direct.destroy({ room, secret });
      direct.close();
      assert.equal((await answer(h, call.customer.guestToken, ask.id, 'done')).status, 204);
      const heard = await agent.until(3);
      assert.deepEqual(recordingNews(heard), ['asking', 'off'], 'never on');
      assert.deepEqual((await h.record(call.escalation.id)).recording?.periods, []);
    });

    it("stops recording for a new customer (a renewed code): the previous one's yes is not theirs", async () => {
      const { call, agent, customer } = await listenedCall();
      await recording(h, call, 'start');
      await answer(h, call.customer.guestToken, (await consentAsk(customer)).id, 'done');
      assert.equal((await janusRoom(h, call.escalation.host.room))?.record, true);
      assert.equal(
        (await h.call('POST', `/escalations/${call.escalation.id}/code`, { bearer: call.owner, body: {} })).status,
        200,
      );
      assert.equal((await janusRoom(h, call.escalation.host.room))?.record, false, 'Janus stopped');
      assert.deepEqual(recordingNews(await agent.until(4)), ['asking', 'on', 'stopped']);
    });

    it('asks only while a customer is in the call and the call is on', async () => {
      const escalation = await h.escalate();
      const owner = await h.agentToken();
      const call = { escalation, owner } as JoinedCall;
      assert.deepEqual(outcome(await recording(h, call, 'start')), [409, 'conflict'], 'nobody redeemed the link');
      const customer = await h.redeem(linkToken(escalation.guestUrl));
      assert.deepEqual(outcome(await recording(h, call, 'start')), [409, 'conflict'], 'not in the call yet');
      await h.call('POST', '/guest/progress', { bearer: customer.guestToken, body: { report: 'joined' } });
      assert.equal((await recording(h, call, 'start')).status, 200);
      await h.call('DELETE', `/escalations/${escalation.id}?reason=hangup`, { bearer: owner });
      assert.deepEqual(outcome(await recording(h, call, 'stop')), [409, 'conflict'], 'the call ended');
      assert.deepEqual(outcome(await recording(h, call, 'start')), [409, 'conflict'], 'the call ended');
      assert.equal((await h.record(escalation.id)).recording?.state, 'off', 'the open ask ended with the call');
    });

    it('checks what is asked: consent is not an ask of askGuest, and the action is start or stop', async () => {
      const call = await joinedCall(h);
      const asked = await h.call('POST', `/escalations/${call.escalation.id}/asks`, {
        bearer: call.owner,
        body: { kind: 'recording' },
      });
      assert.deepEqual(outcome(asked), [400, 'bad-request']);
      assert.match((asked.body as { error: { message: string } }).error.message, /\/recording/);
      for (const body of [{}, { action: 'pause' }, { action: 'START' }, []]) {
        const answered = await h.call('POST', `/escalations/${call.escalation.id}/recording`, { bearer: call.owner, body });
        assert.deepEqual(outcome(answered), [400, 'bad-request'], JSON.stringify(body));
      }
      assert.equal((await h.record(call.escalation.id)).asks, undefined, 'nothing was asked');
    });

    it('tells a stream that opens while recording is asked for or on, first thing (an expert who joins later)', async () => {
      const call = await joinedCall(h);
      await recording(h, call, 'start');
      const late = await guestStream(call.customer.guestToken);
      assert.deepEqual(recordingNews(await late.until(1)), ['asking']);
      const ask = (await h.record(call.escalation.id)).recording!.ask!;
      await answer(h, call.customer.guestToken, ask, 'done');
      const invite = await h.call('POST', `/escalations/${call.escalation.id}/experts`, {
        bearer: call.owner,
        body: { address: 'kim@example.com', name: 'Kim' },
      });
      const expert = await h.redeem(linkToken((invite.body as { url: string }).url));
      const expertHears = await guestStream(expert.guestToken);
      const [first] = await expertHears.until(1);
      assert.equal(first!.event, 'recording');
      assert.equal((JSON.parse(first!.data) as RecordingStatus).state, 'on');
      await recording(h, call, 'stop');
      const afterStop = await guestStream(expert.guestToken);
      await quietFor();
      assert.deepEqual(afterStop.heard, [], 'nothing to say once it is stopped');
    });

    it('stops with the call, and turns what Janus recorded into files the agent can play', async () => {
      const { call, agent, customer } = await listenedCall();
      const { room } = call.escalation.host;
      await recording(h, call, 'start');
      const ask = await consentAsk(customer);
      // The customer sends sound and picture from before they agree until after.
      const sending = await publishInto(h, room, call.customer.participantId!, 3);
      await answer(h, call.customer.guestToken, ask.id, 'done');
      await sending();
      const folder = join(recordingsDirOf(h.janus), room);
      assert.equal(readdirSync(folder).length, 2, 'Janus recorded the sound and the picture');
      const list = `/escalations/${call.escalation.id}/recordings`;
      assert.deepEqual((await h.call('GET', list, { bearer: call.owner })).body, { processing: false, files: [] }, 'in the call');

      assert.equal(
        (await h.call('DELETE', `/escalations/${call.escalation.id}?reason=wrapup`, { bearer: call.owner })).status,
        204,
      );
      assert.deepEqual(recordingNews(await agent.until(4)), ['asking', 'on', 'stopped'], 'stopped with the call');
      const { files, processing } = await filesOf(h, call);
      assert.equal(processing, false);
      assert.deepEqual(files.map(({ participant, kind, type }) => [participant, kind, type]).sort(), [
        ['guest', 'audio', 'audio/ogg'],
        ['guest', 'video', 'video/webm'],
      ]);
      for (const file of files) {
        assert.ok(file.bytes > 1000, `${file.kind}: ${file.bytes} bytes`);
        assert.ok(Math.abs(file.startedAt - Date.now()) < 60_000);
        const fetched = await fetch(`${h.url}${list}/${file.id}`, { headers: { authorization: `Bearer ${call.owner}` } });
        assert.equal(fetched.status, 200);
        assert.equal(fetched.headers.get('content-type'), file.type);
        assert.equal(fetched.headers.get('content-length'), String(file.bytes));
        const bytes = Buffer.from(await fetched.arrayBuffer());
        assert.equal(bytes.length, file.bytes);
        // An Ogg page with Opus in it; a WebM (EBML) file.
        if (file.kind === 'audio') assert.ok(bytes.subarray(0, 4).toString() === 'OggS' && bytes.includes('OpusHead'));
        else assert.equal(bytes.subarray(0, 4).toString('hex'), '1a45dfa3');
      }
      assert.ok(!existsSync(folder), "the recorded streams are deleted, and the room's folder with them");
      assert.deepEqual(
        outcome(await h.call('GET', `${list}/${'0'.repeat(32)}`, { bearer: call.owner })),
        [404, 'not-found'],
        'an id it does not have',
      );
      assert.deepEqual(outcome(await h.call('GET', `${list}/..%2F..%2Fescalations.sqlite`, { bearer: call.owner })), [
        404,
        'not-found',
      ]);

      // The retention purge takes the files with the rest of the personal data.
      const { value, version } = (await h.service.store.get(call.escalation.id))!;
      await h.service.store.purge(withoutPersonalData(value), version, Date.now());
      const purged = (await h.call('GET', list, { bearer: call.owner })).body as RecordingList;
      assert.deepEqual(purged.files, []);
    });

    it('keeps nothing of a call the customer never agreed to record', async () => {
      const { call, customer } = await listenedCall();
      const { room } = call.escalation.host;
      await recording(h, call, 'start');
      const ask = await consentAsk(customer);
      const sending = await publishInto(h, room, call.customer.participantId!, 1);
      await answer(h, call.customer.guestToken, ask.id, 'refused');
      await sending();
      assert.ok(!existsSync(join(recordingsDirOf(h.janus), room)), 'Janus recorded nothing');
      await h.call('DELETE', `/escalations/${call.escalation.id}?reason=wrapup`, { bearer: call.owner });
      assert.deepEqual(await filesOf(h, call), { processing: false, files: [] });
      assert.ok(!existsSync(join(h.recordingFiles, call.escalation.id)));
    });
  });
}

describe('a service without recording set up', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness('recording-off', { limits: GENEROUS, recording: false, janus: harnesses.SQLite.janus });
  });
  after(() => h?.stop());

  it('says recording is not set up, asks nothing, and records nothing', async () => {
    const call = await joinedCall(h);
    const refused = await recording(h, call, 'start');
    assert.deepEqual(outcome(refused), [409, 'conflict']);
    assert.match((refused.body as { error: { message: string } }).error.message, /not set up/);
    assert.equal((await h.record(call.escalation.id)).asks, undefined);
    const room = await janusRoom(h, call.escalation.host.room);
    assert.deepEqual([room?.record, room?.lock_record], [false, true], 'participants cannot record themselves either');
    assert.deepEqual((await h.call('GET', `/escalations/${call.escalation.id}/recordings`, { bearer: call.owner })).body, {
      processing: false,
      files: [],
    });
  });
});
