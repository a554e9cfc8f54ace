// The promises every store makes, as one suite that runs against each real store (SQLite, and
// PostgreSQL where the test run started one).
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { newInvitation } from '../../src/escalations/invitations.js';
import { mutate } from '../../src/escalations/mutate.js';
import { blankHistory, type EscalationRecord, type KeptSnapshotImage } from '../../src/escalations/records.js';
import { withoutPersonalData } from '../../src/escalations/lifecycle.js';
import type { EscalationStore, StoredEvent } from '../../src/store/contract.js';
import type { ExpertRequestRecord, RingRecord } from '../../src/pool/records.js';

export function escalationRecord(overrides: Partial<EscalationRecord> = {}): EscalationRecord {
  const now = Date.now();
  return {
    id: randomUUID(),
    tenant: 'tenant-1',
    owner: 'agent:agent-1',
    createScope: `scope-${randomUUID()}`,
    interaction: { id: `call-${randomUUID()}`, channel: 'chat', customerName: 'Ada' },
    mode: 'chat',
    destination: { sms: null, email: null },
    destinationChanges: [],
    room: { room: 1234, secret: 'secret', agentId: 5678, hostToken: 'host-token' },
    guest: newInvitation(now + 60_000),
    status: 'active',
    createdAt: now,
    ...blankHistory(),
    ...overrides,
  };
}

/** A still of `escalationId`, as the service keeps one when it arrives. */
export function keptSnapshot(escalationId: string, overrides: Partial<KeptSnapshotImage> = {}): KeptSnapshotImage {
  return {
    id: randomUUID(),
    escalationId,
    ask: randomUUID(),
    type: 'image/jpeg',
    width: 640,
    height: 480,
    takenAt: Date.now(),
    saved: false,
    marks: [],
    note: '',
    image: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), randomBytes(1000)]),
    ...overrides,
  };
}

/** `open` gives a store that is empty, or at least shares nothing with another test's records. */
export function storeContract(name: string, open: () => Promise<EscalationStore>): void {
  describe(`${name} store`, () => {
    it('keeps an escalation and answers it with its version', async () => {
      const store = await open();
      const record = escalationRecord();
      assert.deepEqual(await store.insert(record), { inserted: true });
      assert.deepEqual(await store.get(record.id), { value: record, version: 1 });
      assert.equal(await store.get(randomUUID()), undefined);
    });

    it('holds one live escalation per tenant and interaction, and lets the next one in once it closed', async () => {
      const store = await open();
      const first = escalationRecord({ status: 'creating' });
      await store.insert(first);
      const second = escalationRecord({ interaction: first.interaction });
      const refused = await store.insert(second);
      assert.equal(refused.inserted, false);
      assert.equal(!refused.inserted && refused.live.value.id, first.id);
      assert.deepEqual(
        await store.insert(escalationRecord({ interaction: first.interaction, tenant: 'tenant-2' })),
        { inserted: true },
        'another tenant',
      );
      await mutate(store, first.id, (record) => {
        record.status = 'closed';
        record.closedAt = Date.now();
      });
      assert.deepEqual(await store.insert(second), { inserted: true });
    });

    it('writes only over the version it read', async () => {
      const store = await open();
      const record = escalationRecord();
      await store.insert(record);
      assert.equal(await store.replace({ ...record, rated: true }, 1), true);
      assert.equal(await store.replace({ ...record, rated: false }, 1), false, 'someone wrote in between');
      assert.deepEqual(await store.get(record.id), { value: { ...record, rated: true }, version: 2 });
    });

    it('loses no change when many are made at once', async () => {
      const store = await open();
      const record = escalationRecord();
      await store.insert(record);
      await Promise.all(
        Array.from({ length: 20 }, () => mutate(store, record.id, (latest) => void (latest.newLinkRequests += 1))),
      );
      assert.equal((await store.get(record.id))!.value.newLinkRequests, 20);
    });

    it('finds an escalation by its codes and links, old ones and experts’ included', async () => {
      const store = await open();
      const record = escalationRecord();
      await store.insert(record);
      const old = record.guest;
      const expert = {
        id: randomUUID(),
        name: 'Sam',
        address: 'sam@example.com',
        invitedAt: Date.now(),
        ...newInvitation(Date.now() + 60_000),
      };
      await mutate(store, record.id, (latest) => {
        latest.retired.push(latest.guest.code, latest.guest.linkToken);
        latest.guest = newInvitation(Date.now() + 60_000);
        latest.experts.push(expert);
      });
      const current = (await store.get(record.id))!.value.guest;
      assert.equal((await store.byCredential(current.code))?.retired, false);
      assert.equal((await store.byCredential(current.linkToken))?.record.id, record.id);
      assert.equal((await store.byCredential(old.code))?.retired, true);
      assert.equal((await store.byCredential(old.linkToken))?.retired, true);
      assert.equal((await store.byCredential(expert.code))?.expert?.id, expert.id);
      assert.equal(await store.byCredential('NOPE'), undefined);
    });

    it('keeps a consult as one, indexes no customer code for it, and reads an older record as no consult', async () => {
      const store = await open();
      const customerless = { ...newInvitation(Date.now() + 60_000), code: '', linkToken: '' };
      const consults = [
        escalationRecord({ consult: true, guest: customerless }),
        escalationRecord({ consult: true, guest: customerless }),
      ];
      for (const consult of consults)
        assert.deepEqual(await store.insert(consult), { inserted: true }, 'no empty code is held by the first');
      assert.equal((await store.get(consults[0]!.id))?.value.consult, true);
      assert.equal(await store.byCredential(''), undefined);
      const older = escalationRecord();
      await store.insert(older);
      assert.equal((await store.get(older.id))?.value.consult, undefined);
    });

    it('finds an escalation by its create scope, lists the live ones, and forgets a removed one', async () => {
      const store = await open();
      const making = escalationRecord({ status: 'creating' });
      const closed = escalationRecord({ status: 'closed', closedAt: Date.now() });
      await store.insert(making);
      await store.insert(closed);
      assert.equal((await store.byCreateScope(making.createScope))?.value.id, making.id);
      const live = (await store.live()).map((record) => record.id);
      assert.ok(live.includes(making.id) && !live.includes(closed.id));
      await store.remove(making.id);
      assert.equal(await store.get(making.id), undefined);
      assert.equal(await store.byCredential(making.guest.code), undefined, 'its codes go with it');
    });

    it('keeps guest grants, and gives a single-use one to one taker only', async () => {
      const store = await open();
      const grant = {
        escalationId: randomUUID(),
        kind: 'new-link' as const,
        generation: 1,
        expertId: null,
        expiresAt: Date.now() + 60_000,
      };
      const hash = randomUUID();
      await store.putGrant(hash, grant);
      assert.deepEqual(await store.grant(hash), grant);
      const takers = await Promise.all(Array.from({ length: 5 }, () => store.takeGrant(hash)));
      assert.deepEqual(takers.filter(Boolean), [true]);
      assert.equal(await store.grant(hash), undefined);
    });

    it('lets one claim an idempotency scope, keeps its answer, and forgets it when asked', async () => {
      const store = await open();
      const scope = randomUUID();
      const claims = await Promise.all(Array.from({ length: 5 }, (_, i) => store.claimIdempotent(scope, 'a', i)));
      assert.deepEqual(claims.filter(Boolean), [true], 'one claim among many at once');
      assert.deepEqual(await store.idempotent(scope), { requestHash: 'a', answer: null, at: claims.indexOf(true) }, 'under way');
      await store.settleIdempotent(scope, { status: 201, body: { id: 1 } });
      assert.deepEqual((await store.idempotent(scope))?.answer, { status: 201, body: { id: 1 } });
      assert.equal(await store.claimIdempotent(scope, 'b', 9), false);
      await store.forgetIdempotent(scope);
      assert.equal(await store.idempotent(scope), undefined);
    });

    it('lets one waiter take over an abandoned claim, and an owner give up only its own', async () => {
      const store = await open();
      const scope = randomUUID();
      await store.claimIdempotent(scope, 'a', 100);
      await store.releaseIdempotent(scope, 99);
      assert.ok(await store.idempotent(scope), "another's claim is not given up");
      const takers = await Promise.all(Array.from({ length: 4 }, (_, i) => store.takeOverIdempotent(scope, 100, 200 + i)));
      assert.equal(takers.filter(Boolean).length, 1, 'one waiter takes it over');
      const owner = 200 + takers.indexOf(true);
      assert.equal(await store.takeOverIdempotent(scope, 100, 300), false, 'not twice');
      await store.releaseIdempotent(scope, owner);
      assert.equal(await store.idempotent(scope), undefined);
    });

    it('remembers cancelled creates and ratings', async () => {
      const store = await open();
      const scope = randomUUID();
      assert.equal(await store.createCancelled(scope), false);
      await store.cancelCreate(scope, Date.now());
      await store.cancelCreate(scope, Date.now());
      assert.equal(await store.createCancelled(scope), true);
      const escalationId = randomUUID();
      await store.addRating({ tenant: 't', interactionId: 'i', escalationId, score: 4, comment: 'fine', at: 1 });
      await store.addRating({ tenant: 't', interactionId: 'i', escalationId, score: 5, comment: null, at: 2 });
      assert.deepEqual(
        (await store.ratings())
          .filter((rating) => rating.escalationId === escalationId)
          .map((rating) => [rating.score, rating.comment]),
        [
          [4, 'fine'],
          [5, null],
        ],
      );
    });

    it('keeps news in order, answers what came after an id, and tells every subscriber', async () => {
      const store = await open();
      const heard: StoredEvent[] = [];
      const stop = await store.subscribe((event) => heard.push(event));
      const escalationId = randomUUID();
      const first = await store.addEvent(escalationId, 'progress', 'opened', 1);
      const second = await store.addEvent(escalationId, 'callback', '+15551230000', 2);
      await store.addEvent(randomUUID(), 'progress', 'joined', 3);
      assert.ok(second > first);
      assert.deepEqual(
        (await store.eventsSince(escalationId, 0)).map(({ event, data }) => [event, data]),
        [
          ['progress', 'opened'],
          ['callback', '+15551230000'],
        ],
      );
      assert.deepEqual(
        (await store.eventsSince(escalationId, first)).map(({ id }) => id),
        [second],
      );
      const giveUpAt = Date.now() + 5000;
      while (heard.filter((event) => event.escalationId === escalationId).length < 2 && Date.now() < giveUpAt)
        await new Promise((resolve) => setTimeout(resolve, 20));
      assert.deepEqual(
        heard.filter((event) => event.escalationId === escalationId).map(({ id }) => id),
        [first, second],
      );
      await stop();
    });

    it('counts the streams open on an escalation, and forgets stale and closed ones', async () => {
      const store = await open();
      const escalationId = randomUUID();
      const [s1, s2] = [randomUUID(), randomUUID()];
      await store.openStream(s1, escalationId, 1000);
      await store.openStream(s2, escalationId, 1000);
      assert.equal(await store.openStreams(escalationId, 0), 2);
      await store.touchStreams([s1], 5000);
      assert.equal(await store.openStreams(escalationId, 4000), 1, 'one not seen lately');
      await store.closeStream(s1);
      assert.equal(await store.openStreams(escalationId, 0), 1);
    });

    it("keeps an escalation's stills byte for byte, and keeps, lists and deletes them only through it", async () => {
      const store = await open();
      const record = escalationRecord();
      const other = escalationRecord();
      await store.insert(record);
      await store.insert(other);
      const first = keptSnapshot(record.id, { takenAt: 1000 });
      const second = keptSnapshot(record.id, { takenAt: 2000, type: 'image/png', width: 1920, height: 1080 });
      await store.addSnapshot(second);
      await store.addSnapshot(first);
      const { image: _image, ...listed } = first;
      assert.deepEqual((await store.snapshots(record.id))[0], listed, 'listed without the image');
      assert.deepEqual(
        (await store.snapshots(record.id)).map(({ id }) => id),
        [first.id, second.id],
        'oldest first',
      );
      const fetched = await store.snapshot(record.id, second.id);
      assert.ok(fetched?.image.equals(second.image), 'the same bytes');
      assert.deepEqual({ ...fetched, image: undefined }, { ...second, image: undefined });
      assert.equal(await store.snapshot(other.id, first.id), undefined, 'not through another escalation');
      assert.equal(await store.keepSnapshot(other.id, first.id, [], 'x'), false);
      assert.equal(await store.removeSnapshot(other.id, first.id), false);
      const marks = [{ shape: 'circle' as const, center: [1.5, 2] as [number, number], radius: 3 }];
      assert.equal(await store.keepSnapshot(record.id, first.id, marks, 'the label'), true);
      assert.deepEqual(
        (await store.snapshots(record.id)).map(({ saved, marks, note }) => [saved, marks, note]),
        [
          [true, marks, 'the label'],
          [false, [], ''],
        ],
      );
      assert.equal(await store.removeSnapshot(record.id, second.id), true);
      assert.equal(await store.removeSnapshot(record.id, second.id), false, 'once');
      assert.equal(await store.snapshot(record.id, second.id), undefined);
    });

    it('deletes the stills not kept of closed escalations only, and all of a purged one', async () => {
      const store = await open();
      const live = escalationRecord();
      const closed = escalationRecord();
      await store.insert(live);
      await store.insert(closed);
      const liveStill = keptSnapshot(live.id);
      const dropped = keptSnapshot(closed.id);
      const kept = keptSnapshot(closed.id, { saved: true, note: 'kept' });
      for (const still of [liveStill, dropped, kept]) await store.addSnapshot(still);
      assert.equal(await store.removeUnkeptSnapshots(closed.id), 0, 'not while the call is on');
      await mutate(store, closed.id, (record) => {
        record.status = 'closed';
        record.closedAt = Date.now();
      });
      assert.equal(await store.removeUnkeptSnapshots(live.id), 0, "another escalation's are left alone");
      assert.equal(await store.removeUnkeptSnapshots(), 1, 'every closed one');
      assert.deepEqual(
        (await store.snapshots(closed.id)).map(({ id }) => id),
        [kept.id],
      );
      assert.deepEqual(
        (await store.snapshots(live.id)).map(({ id }) => id),
        [liveStill.id],
      );
      const { value, version } = (await store.get(closed.id))!;
      assert.equal(await store.purge(withoutPersonalData(value), version, Date.now()), true);
      assert.deepEqual(await store.snapshots(closed.id), [], 'the kept one goes at the purge');
      assert.equal((await store.snapshots(live.id)).length, 1);
      await store.remove(live.id);
      assert.deepEqual(await store.snapshots(live.id), [], 'and with an escalation whose making failed');
    });

    it("lets one instance claim a closed call's recording, another take it over only once that claim is stale", async () => {
      const store = await open();
      const now = Date.now();
      const minute = 60_000;
      const live = escalationRecord();
      const closed = escalationRecord({ status: 'closed', closedAt: now - minute, closeReason: 'wrapup' });
      await store.insert(live);
      await store.insert(closed);
      const due = async () =>
        (await store.recordingJobsDue(now - 30 * minute, 1000)).filter((id) => id === live.id || id === closed.id);
      assert.deepEqual(await due(), [closed.id], 'a closed call, never claimed');
      assert.equal(await store.recordingJob(closed.id), undefined);
      assert.equal(await store.claimRecordingJob(closed.id, 'one', now, now - 30 * minute), true);
      assert.equal(await store.claimRecordingJob(closed.id, 'two', now, now - 30 * minute), false, 'claimed already');
      assert.deepEqual(await due(), [], 'not while claimed');
      assert.deepEqual(await store.recordingJob(closed.id), { attempts: 1, done: false });
      await store.releaseRecordingJob(closed.id, 'two');
      assert.equal(await store.claimRecordingJob(closed.id, 'two', now, now - 30 * minute), false, 'only its holder gives it up');
      await store.releaseRecordingJob(closed.id, 'one');
      assert.deepEqual(await due(), [closed.id], 'given up: due again');
      assert.equal(await store.claimRecordingJob(closed.id, 'two', now, now - 30 * minute), true);
      assert.equal(
        await store.claimRecordingJob(closed.id, 'three', now + 31 * minute, now + minute),
        true,
        'a claim older than the stale time is taken over',
      );
      await store.finishRecordingJob(closed.id, 'two', now);
      assert.deepEqual(await store.recordingJob(closed.id), { attempts: 3, done: false }, 'only its holder finishes it');
      await store.finishRecordingJob(closed.id, 'three', now);
      assert.deepEqual(await store.recordingJob(closed.id), { attempts: 3, done: true });
      assert.equal(await store.claimRecordingJob(closed.id, 'four', now + 99 * minute, now + 98 * minute), false, 'done');
      assert.deepEqual(await due(), []);
    });

    it("keeps a recording's files, replaces one made again, and forgets them all at the purge", async () => {
      const store = await open();
      const record = escalationRecord({ status: 'closed', closedAt: Date.now(), closeReason: 'wrapup' });
      const other = escalationRecord();
      await store.insert(record);
      await store.insert(other);
      const file = (id: string, startedAt: number, bytes = 1000) => ({
        id,
        escalationId: record.id,
        participant: 'guest' as const,
        kind: 'audio' as const,
        type: 'audio/ogg' as const,
        bytes,
        startedAt,
      });
      const big = 5 * 2 ** 30;
      await store.addRecordingFile(file('b'.repeat(32), 2000));
      await store.addRecordingFile(file('a'.repeat(32), 1000));
      await store.addRecordingFile({
        ...file('c'.repeat(32), 1500, big),
        kind: 'video',
        type: 'video/webm',
        participant: 'host',
      });
      await store.addRecordingFile(file('a'.repeat(32), 1000, 1234));
      assert.deepEqual(await store.recordingFiles(record.id), [
        file('a'.repeat(32), 1000, 1234),
        { ...file('c'.repeat(32), 1500, big), kind: 'video', type: 'video/webm', participant: 'host' },
        file('b'.repeat(32), 2000),
      ]);
      assert.deepEqual(await store.recordingFile(record.id, 'b'.repeat(32)), file('b'.repeat(32), 2000));
      assert.equal(await store.recordingFile(other.id, 'b'.repeat(32)), undefined, 'not through another escalation');
      const { value, version } = (await store.get(record.id))!;
      assert.equal(await store.purge(withoutPersonalData(value), version, Date.now()), true);
      assert.deepEqual(await store.recordingFiles(record.id), [], 'gone at the purge');
      assert.deepEqual(
        (await store.recordingJobsDue(Date.now(), 1000)).filter((id) => id === record.id),
        [],
        "and a purged call is nobody's to turn into files",
      );
    });

    it('forgets what has run its course, and nothing else', async () => {
      const store = await open();
      const now = Date.now();
      const day = 24 * 60 * 60_000;
      const [oldKey, newKey, oldCancel, newCancel, oldGrant, newGrant] = Array.from({ length: 6 }, () => randomUUID());
      await store.claimIdempotent(oldKey, 'x', now - 2 * day);
      await store.claimIdempotent(newKey, 'x', now);
      await store.cancelCreate(oldCancel, now - 2 * day);
      await store.cancelCreate(newCancel, now);
      const grant = (expiresAt: number) => ({
        escalationId: 'e',
        kind: 'guest' as const,
        generation: 1,
        expertId: null,
        expiresAt,
      });
      await store.putGrant(oldGrant, grant(now - 1));
      await store.putGrant(newGrant, grant(now + day));
      await store.forgetExpired(now, day);
      assert.equal(await store.idempotent(oldKey), undefined);
      assert.ok(await store.idempotent(newKey));
      assert.equal(await store.createCancelled(oldCancel), false);
      assert.equal(await store.createCancelled(newCancel), true);
      assert.equal(await store.grant(oldGrant), undefined);
      assert.ok(await store.grant(newGrant));
    });

    it("forgets an expert desk's rings after a day, and no escalation's news", async () => {
      const store = await open();
      const now = Date.now();
      const day = 24 * 60 * 60_000;
      const desk = `pool:tenant-1/${randomUUID()}`;
      const escalation = randomUUID();
      await store.addEvent(desk, 'offer', '{"id":"old"}', now - 2 * day);
      await store.addEvent(desk, 'offer-gone', '{"id":"new"}', now);
      await store.addEvent(escalation, 'progress', 'opened', now - 2 * day);
      await store.forgetExpired(now, day);
      assert.deepEqual(
        (await store.eventsSince(desk, 0)).map((event) => event.data),
        ['{"id":"new"}'],
      );
      assert.equal((await store.eventsSince(escalation, 0)).length, 1, "an escalation's news waits for its purge");
    });

    it("keeps an expert's presence: skills, and since when they are available, across updates that keep them so", async () => {
      const store = await open();
      const tenant = `tenant-${randomUUID()}`;
      const entry = (available: boolean, at: number, skills = ['routers']) => ({
        tenant,
        expert: 'ann',
        name: 'Ann',
        skills,
        available,
        availableSince: at,
        updatedAt: at,
      });
      assert.deepEqual(await store.putPresence(entry(true, 1000)), entry(true, 1000));
      assert.deepEqual(await store.putPresence(entry(true, 2000, ['routers', 'fiber'])), {
        ...entry(true, 2000, ['routers', 'fiber']),
        availableSince: 1000,
      });
      assert.deepEqual(await store.putPresence(entry(false, 3000)), { ...entry(false, 3000), availableSince: null });
      assert.equal((await store.putPresence(entry(true, 4000))).availableSince, 4000, 'available again since now');
      await store.putPresence({ ...entry(true, 5000), expert: 'ben', name: 'Ben' });
      await store.putPresence({ ...entry(true, 5000), tenant: 'elsewhere' });
      assert.deepEqual(
        (await store.poolOf(tenant)).map((presence) => presence.expert),
        ['ann', 'ben'],
        "one tenant's pool",
      );
      assert.equal((await store.presence(tenant, 'ann'))?.availableSince, 4000);
      assert.equal(await store.presence(tenant, 'nobody'), undefined);
    });

    it('keeps requests for an expert: one open per escalation, one live ring per expert, offers found again', async () => {
      const store = await open();
      const tenant = `tenant-${randomUUID()}`;
      const first = escalationRecord({ tenant });
      const second = escalationRecord({ tenant });
      await store.insert(first);
      await store.insert(second);
      const request = (escalationId: string): ExpertRequestRecord => ({
        id: randomUUID(),
        escalationId,
        tenant,
        requestedBy: 'agent:agent-1',
        skill: 'routers',
        shareCase: false,
        state: 'ringing',
        createdAt: Date.now(),
        overflowAt: Date.now() + 60_000,
        rings: [],
        lookAgainAt: Date.now(),
      });
      const ring = (expert: string): RingRecord => ({
        offer: randomUUID(),
        expert,
        name: expert,
        at: Date.now(),
        expiresAt: Date.now() + 15_000,
        outcome: 'ringing',
      });
      const one = request(first.id);
      assert.equal(await store.addExpertRequest(one), true);
      assert.equal(await store.addExpertRequest(request(first.id)), false, 'one open request per escalation');
      const two = request(second.id);
      assert.equal(await store.addExpertRequest(two), true);

      one.rings.push(ring('ann'));
      assert.equal(await store.replaceExpertRequest(one, 1), 'replaced');
      assert.equal(await store.replaceExpertRequest(one, 1), 'stale', 'only over the version read');
      two.rings.push(ring('ann'));
      assert.equal(await store.replaceExpertRequest(two, 1), 'ring-taken', 'Ann rings for one request at a time');
      assert.deepEqual((await store.expertRequest(two.id))?.version, 1, 'nothing written');
      two.rings = [ring('ben')];
      assert.equal(await store.replaceExpertRequest(two, 1), 'replaced');
      assert.deepEqual((await store.ringingFor(tenant, 'ann'))?.id, one.id);
      assert.deepEqual((await store.expertRequestByOffer(one.rings[0]!.offer))?.value, one);
      assert.deepEqual(
        (await store.openExpertRequests())
          .filter((open) => open.tenant === tenant)
          .map((open) => open.id)
          .sort(),
        [one.id, two.id].sort(),
      );

      // Ann accepts: her ring is no longer live, and Ann may ring for the other request.
      const firstOffer = one.rings[0]!.offer;
      Object.assign(one.rings[0]!, { outcome: 'accepted' });
      Object.assign(one, { state: 'accepted', accepted: { expert: 'ann', at: Date.now(), expertId: 'x-1' } });
      assert.equal(await store.replaceExpertRequest(one, 2), 'replaced');
      assert.equal(await store.ringingFor(tenant, 'ann'), undefined);
      assert.equal((await store.lastAcceptance(tenant, 'ann'))?.id, one.id);
      assert.equal(await store.lastAcceptance(tenant, 'ben'), undefined);
      two.rings[0]!.outcome = 'declined';
      two.rings.push(ring('ann'));
      assert.equal(await store.replaceExpertRequest(two, 2), 'replaced');
      assert.equal(await store.addExpertRequest(request(first.id)), true, 'the next request once the first ended');
      assert.deepEqual(
        (await store.expertRequestsOf(first.id)).map((kept) => kept.state),
        ['accepted', 'ringing'],
      );

      await mutate(store, first.id, (record) => {
        record.status = 'closed';
        record.closedAt = Date.now();
      });
      const { value, version } = (await store.get(first.id))!;
      assert.equal(await store.purge(withoutPersonalData(value), version, Date.now()), true);
      assert.deepEqual(await store.expertRequestsOf(first.id), [], 'gone at the purge');
      assert.equal(await store.expertRequestByOffer(firstOffer), undefined);
      assert.equal((await store.expertRequestsOf(second.id)).length, 1, "another call's stay");
    });
  });
}
