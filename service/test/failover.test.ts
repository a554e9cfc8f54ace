// Several Janus servers: new rooms spread over the live ones, and the join details name the
// server; a server that dies gets no new rooms, and its calls move to a live one (same room number,
// same participants allowed) without a new link: the agent's stream hears where, a guest's rejoin
// answers it. (The browsers' side of the move is test/e2e/janus-failover.test.ts.)
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Escalation } from '../../src/protocol/index.js';
import { openStream } from './support/event-stream.js';
import { linkToken, startHarness, type Harness } from './support/harness.js';
import { JanusTestClient } from './support/janus-client.js';
import { startTestJanus, type StartedJanus } from './support/janus.js';

let h: Harness;
let first: StartedJanus;
let second: StartedJanus;

before(async () => {
  first = await startTestJanus('failover-1');
  second = await startTestJanus('failover-2', first);
  h = await startHarness('failover', { janus: first, moreJanus: [second], janusCheckEveryMs: 500 });
});
after(async () => {
  await h.stop();
  await first.stop();
  await second.stop().catch(() => undefined);
});

const serverOf = (escalation: Escalation) => escalation.host.server;

describe('two Janus servers', () => {
  it('spreads new rooms over both, and the join details name the server', async () => {
    const made = await Promise.all(Array.from({ length: 4 }, () => h.escalate()));
    const servers = made.map(serverOf);
    assert.deepEqual(new Set(servers), new Set([h.janus.wsUrl, second.wsUrl]));
    for (const escalation of made) {
      const guest = await h.redeem(escalation.guestCode);
      assert.equal(guest.server, escalation.host.server, "the customer's details name the room's server");
    }
  });

  it('moves the calls of a server that died to the live one, and sends new rooms there only', async () => {
    let onSecond: Escalation | undefined;
    for (let i = 0; i < 6 && !onSecond; i += 1) {
      const made = await h.escalate();
      if (serverOf(made) === second.wsUrl) onSecond = made;
    }
    assert.ok(onSecond, 'a call on the second server');
    const guest = await h.redeem(linkToken(onSecond.guestUrl));
    const stream = await openStream(`${h.url}/escalations/${onSecond.id}/events`, await h.agentToken());
    try {
      const killed = Date.now();
      await second.stop();
      const [moved] = await stream.until(1, 15_000);
      const movedAfter = Date.now() - killed;
      assert.equal(moved!.event, 'moved');
      assert.deepEqual(JSON.parse(moved!.data), { server: h.janus.wsUrl });
      console.log(`# the call moved ${movedAfter} ms after its Janus was killed`);
      assert.ok(movedAfter < 10_000);
      const back = (await h.call('POST', '/guest/rejoin', { bearer: guest.guestToken, body: {} })).body as {
        server: string;
        room: string;
      };
      assert.deepEqual(
        [back.server, back.room],
        [h.janus.wsUrl, onSecond.host.room],
        "the guest's rejoin answers the new place, same room",
      );
      // Both may join the new room with the tokens they had; nobody else may.
      for (const [token, id] of [
        [onSecond.host.token, onSecond.host.participantId],
        [guest.token, guest.participantId],
      ] as const) {
        const client = new JanusTestClient(h.janus.httpUrl, token);
        await client.open();
        const joined = await client.ask({
          request: 'join',
          room: Number(onSecond.host.room),
          ptype: 'publisher',
          display: 'x',
          token,
          id: Number(id),
        });
        assert.equal(joined['videoroom'], 'joined');
        await client.close();
      }
      const outsider = (await h.escalate()).host.token;
      const stranger = new JanusTestClient(h.janus.httpUrl, outsider);
      await stranger.open();
      assert.equal(
        (
          await stranger.ask({
            request: 'join',
            room: Number(onSecond.host.room),
            ptype: 'publisher',
            display: 'x',
            token: outsider,
          })
        )['error_code'],
        433,
        "another call's token does not open the moved room",
      );
      await stranger.close();
      const after = await Promise.all(Array.from({ length: 3 }, () => h.escalate()));
      assert.deepEqual(new Set(after.map(serverOf)), new Set([h.janus.wsUrl]), 'new rooms go to the live server only');
    } finally {
      stream.close();
    }
  });
});
