// Janus as the service leaves it: no session without a signed token, rooms hidden, only the
// participants the service admitted get in (an expert only once the agent let them out of the
// lobby), a renewed guest is put out and stays out, and the HTTP API is not where browsers reach
// Janus. (The role a display claims is tested in the browser: test/e2e/janus-lock.test.ts.)
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ECHOTEST, mintJanusToken, VIDEOROOM } from '../src/janus/janus-token.js';
import type { Escalation, ExpertInvitation, JoinDetails } from '../../src/protocol/index.js';
import { linkToken, startHarness, type Harness } from './support/harness.js';
import { JanusTestClient } from './support/janus-client.js';

let h: Harness;
let escalation: Escalation;
let guest: JoinDetails;
const clients: JanusTestClient[] = [];

before(async () => {
  h = await startHarness('janus-lock');
  escalation = await h.escalate();
  guest = await h.redeem(linkToken(escalation.guestUrl));
});
after(async () => {
  await Promise.all(clients.map((client) => client.close()));
  await h.stop();
});

function client(token: string): JanusTestClient {
  const made = new JanusTestClient(h.janus.httpUrl, token);
  clients.push(made);
  return made;
}

const room = () => Number(escalation.host.room);
const join = (token: string, extra: Record<string, unknown> = {}, inRoom = room()) => ({
  request: 'join',
  room: inRoom,
  ptype: 'publisher',
  display: 'someone',
  token,
  ...extra,
});

describe('Janus sessions need a signed token', () => {
  it('refuses a session without a token, with an expired one, or a forged one', async () => {
    assert.equal(await client('').open(), 403, 'no token');
    assert.equal(
      await client(mintJanusToken({ secret: h.janus.tokenSecret, plugins: [VIDEOROOM], ttlSeconds: -60 })).open(),
      403,
      'expired',
    );
    assert.equal(
      await client(mintJanusToken({ secret: 'not-the-secret', plugins: [VIDEOROOM], ttlSeconds: 600 })).open(),
      403,
      'forged',
    );
    const [data] = guest.token.split(':');
    assert.equal(
      await client(
        `${data!.replace(/^\d+/, String(Math.floor(Date.now() / 1000) + 86_400))}:${guest.token.split(':')[1]}`,
      ).open(),
      403,
      'expiry moved on',
    );
  });

  it("scopes a token to its plugins: the network test's token opens no room, a room token no network test", async () => {
    assert.equal(await client(guest.networkTestToken).open(VIDEOROOM), 405);
    assert.equal(await client(guest.networkTestToken).open(ECHOTEST), 0);
    assert.equal(await client(guest.token).open(ECHOTEST), 405);
  });
});

describe('escalation rooms', () => {
  it('are not listed to anyone, even a participant of another escalation', async () => {
    const inRoom = client(escalation.host.token);
    await inRoom.open();
    assert.equal(
      (await inRoom.ask(join(escalation.host.token, { id: Number(escalation.host.participantId) })))['videoroom'],
      'joined',
    );
    const other = await h.escalate('agent-9', 'tenant-9');
    const stranger = client(other.host.token);
    assert.equal(await stranger.open(), 0);
    const listed = (await stranger.request({ request: 'list' }))['list'] as { room: number }[];
    assert.ok(!listed.some((entry) => entry.room === room()), 'the room is private');
    assert.ok(!listed.some((entry) => entry.room === Number(other.host.room)), "not even the stranger's own room");
  });

  it("let in only tokens the service put on the room's allow-list", async () => {
    const other = await h.escalate('agent-8');
    const stranger = client(other.host.token);
    await stranger.open();
    const refused = await stranger.ask(join(other.host.token));
    assert.equal(refused['error_code'], 433, 'a valid Janus token of another escalation');
    const noToken = client(other.host.token);
    await noToken.open();
    assert.equal(
      (await noToken.ask({ request: 'join', room: room(), ptype: 'publisher', display: 'x' }))['error_code'],
      433,
      'no room token',
    );
    const customer = client(guest.token);
    await customer.open();
    assert.equal(
      (await customer.ask(join(guest.token, { id: Number(guest.participantId) })))['videoroom'],
      'joined',
      'the guest the service admitted',
    );
  });

  it('put a renewed guest out, and keep them out', async () => {
    const call = await h.escalate();
    const first = await h.redeem(call.guestCode);
    const customer = client(first.token);
    await customer.open();
    assert.equal(
      (await customer.ask(join(first.token, { id: Number(first.participantId) }, Number(call.host.room))))['videoroom'],
      'joined',
    );
    const renewed = await h.call('POST', `/escalations/${call.id}/code`, { bearer: await h.agentToken(), body: {} });
    assert.equal(renewed.status, 200);
    const news = await customer.next();
    assert.deepEqual([news['leaving'], news['reason']], ['ok', 'kicked']);
    const again = client(first.token);
    await again.open();
    assert.equal(
      (await again.ask(join(first.token, {}, Number(call.host.room))))['error_code'],
      433,
      'their token is off the allow-list',
    );
    const next = await h.redeem((renewed.body as Escalation).guestCode);
    const newcomer = client(next.token);
    await newcomer.open();
    assert.equal(
      (await newcomer.ask(join(next.token, { id: Number(next.participantId) }, Number(call.host.room))))['videoroom'],
      'joined',
      'the new link works',
    );
  });

  it('keep an expert waiting in the lobby out until the agent lets them in; one turned away stays out', async () => {
    const call = await h.escalate();
    const owner = await h.agentToken();
    const invite = async (name: string) =>
      (
        await h.call('POST', `/escalations/${call.id}/experts`, {
          bearer: owner,
          body: { address: `${name.toLowerCase()}@example.com`, name },
        })
      ).body as ExpertInvitation;
    const invitation = await invite('Sam');
    const expert = await h.redeem(invitation.code);
    assert.equal(expert.admitted, false);
    const inRoom = Number(call.host.room);
    const waiting = client(expert.token);
    await waiting.open();
    const refused = await waiting.ask(join(expert.token, { id: Number(expert.participantId) }, inRoom));
    assert.deepEqual(
      [refused['error_code'], refused['error']],
      [433, 'Unauthorized (not in the allowed list)'],
      'a valid media token, not on the allow-list yet',
    );
    const admitted = await h.call('POST', `/escalations/${call.id}/experts/${invitation.id}/admit`, { bearer: owner, body: {} });
    assert.equal(admitted.status, 204);
    const letIn = client(expert.token);
    await letIn.open();
    assert.equal(
      (await letIn.ask(join(expert.token, { id: Number(expert.participantId) }, inRoom)))['videoroom'],
      'joined',
      'let in',
    );
    const other = await invite('Kim');
    const turnedAway = await h.redeem(other.code);
    await h.call('POST', `/escalations/${call.id}/experts/${other.id}/decline`, {
      bearer: owner,
      body: { reason: 'no, thanks' },
    });
    const outside = client(turnedAway.token);
    await outside.open();
    assert.equal(
      (await outside.ask(join(turnedAway.token, { id: Number(turnedAway.participantId) }, inRoom)))['error_code'],
      433,
      'turned away',
    );
  });

  it('are destroyed when the escalation closes', async () => {
    const call = await h.escalate();
    const admitted = await h.redeem(call.guestCode);
    assert.equal((await h.call('DELETE', `/escalations/${call.id}?reason=hangup`, { bearer: await h.agentToken() })).status, 204);
    const late = client(admitted.token);
    await late.open();
    assert.equal((await late.ask(join(admitted.token, {}, Number(call.host.room))))['error_code'], 426, 'no such room');
  });
});

describe('a Janus restart', () => {
  it('does not reopen a room to anyone with a token: the service puts its allow-list back', async () => {
    const call = await h.escalate();
    const first = await h.redeem(call.guestCode);
    const renewed = (await h.call('POST', `/escalations/${call.id}/code`, { bearer: await h.agentToken(), body: {} }))
      .body as Escalation;
    const current = await h.redeem(renewed.guestCode);
    // An expert waiting in the lobby: their token must not come back with the allow-list.
    const invited = (
      await h.call('POST', `/escalations/${call.id}/experts`, {
        bearer: await h.agentToken(),
        body: { address: 'lee@example.com', name: 'Lee' },
      })
    ).body as ExpertInvitation;
    const waiting = await h.redeem(invited.code);
    await h.janus.restart();
    const room = Number(call.host.room);
    const started = Date.now();
    let refused = false;
    while (!refused && Date.now() - started < 5000) {
      const late = client(first.token);
      await late.open();
      refused = (await late.ask(join(first.token, {}, room)))['error_code'] === 433;
      await late.close();
      if (!refused) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.ok(refused, 'the renewed guest is refused again within 5 s of the restart');
    const lobby = client(waiting.token);
    await lobby.open();
    assert.equal(
      (await lobby.ask(join(waiting.token, { id: Number(waiting.participantId) }, room)))['error_code'],
      433,
      'the expert waiting in the lobby is still kept out',
    );
    const admitted = client(current.token);
    await admitted.open();
    assert.equal(
      (await admitted.ask(join(current.token, { id: Number(current.participantId) }, room)))['videoroom'],
      'joined',
      'the current guest still gets in',
    );
    const agent = client(call.host.token);
    await agent.open();
    assert.equal(
      (await agent.ask(join(call.host.token, { id: Number(call.host.participantId) }, room)))['videoroom'],
      'joined',
      'so does the agent',
    );
  });
});

describe("Janus's HTTP API", () => {
  it('listens only on loopback, not on the address browsers reach', async (context) => {
    const browserFacing = new URL(h.janus.wsUrl).hostname;
    if (browserFacing === '127.0.0.1')
      return context.skip('Janus shares loopback with browsers outside the test network namespace (run npm test as root)');
    const port = new URL(h.janus.httpUrl).port;
    await assert.rejects(
      fetch(`http://${browserFacing}:${port}/janus`, { method: 'POST', body: '{"janus":"info","transaction":"t"}' }),
      'the HTTP API is not on the WebSocket address',
    );
    assert.equal(new URL(h.janus.httpUrl).hostname, '127.0.0.1');
  });
});

describe('who joins as whom', () => {
  it("puts out a participant who joined under the agent's id while the agent was away, and keeps them out", async () => {
    const call = await h.escalate();
    const customer = await h.redeem(call.guestCode);
    const room = Number(call.host.room);
    // The customer's own client, modified: it joins as the agent, whose id the room shows everyone.
    const impostor = client(customer.token);
    await impostor.open();
    assert.equal(
      (await impostor.ask(join(customer.token, { id: Number(call.host.agentId), display: '{"n":"Agent","r":"host"}' }, room)))[
        'videoroom'
      ],
      'joined',
    );
    const news = await impostor.next();
    assert.deepEqual([news['leaving'], news['reason']], ['ok', 'kicked'], 'put out within a round of the guard');
    const again = client(customer.token);
    await again.open();
    assert.equal(
      (await again.ask(join(customer.token, { id: Number(customer.participantId) }, room)))['error_code'],
      433,
      'its token is off the allow-list',
    );
    const agent = client(call.host.token);
    await agent.open();
    assert.equal(
      (await agent.ask(join(call.host.token, { id: Number(call.host.participantId) }, room)))['videoroom'],
      'joined',
      'the agent gets their place back',
    );
  });

  it('leaves everyone who joined as themselves alone', async () => {
    const call = await h.escalate();
    const customer = await h.redeem(call.guestCode);
    const room = Number(call.host.room);
    const agent = client(call.host.token);
    await agent.open();
    assert.equal((await agent.ask(join(call.host.token, { id: Number(call.host.participantId) }, room)))['videoroom'], 'joined');
    const guest = client(customer.token);
    await guest.open();
    assert.equal((await guest.ask(join(customer.token, { id: Number(customer.participantId) }, room)))['videoroom'], 'joined');
    await new Promise((resolve) => setTimeout(resolve, 700));
    const listed = client(call.host.token);
    await listed.open();
    const people = ((await listed.request({ request: 'listparticipants', room }))['participants'] as { id: number }[])
      .map((person) => person.id)
      .sort();
    assert.deepEqual(people, [Number(call.host.participantId), Number(customer.participantId)].sort());
  });
});
