// A redeem waits on Janus to put the guest on the room's allow-list; the agent may renew the code
// meanwhile. One layer, with Janus stood in for by a room list that answers when told to.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { Escalation, JoinDetails } from '../../src/protocol/index.js';
import { AgentOperations } from '../src/escalations/agent-operations.js';
import { throttlesFor, type Deps } from '../src/escalations/deps.js';
import { GuestOperations } from '../src/escalations/guest-operations.js';
import type { JanusRoom, JanusRooms } from '../src/janus/janus-rooms.js';
import { JanusPool } from '../src/janus/janus-pool.js';
import { DEFAULT_LIMITS } from '../src/limits.js';
import { createLogger } from '../src/logger.js';
import { ProgressHub } from '../src/progress-hub.js';
import { RecordingFiles } from '../src/recordings/recording-files.js';
import { SqliteStore } from '../src/store/sqlite-store.js';
import { mutate } from '../src/escalations/mutate.js';

/** Janus's room list as the operations use it; `allow` waits until `release()`. */
class SlowRooms {
  readonly allowed = new Set<string>();
  waiting: (() => void)[] = [];
  async create(_room: JanusRoom, tokens: readonly string[]) {
    tokens.forEach((token) => this.allowed.add(token));
  }
  async allow(_room: JanusRoom, tokens: readonly string[]) {
    await new Promise<void>((resolve) => this.waiting.push(resolve));
    tokens.forEach((token) => this.allowed.add(token));
  }
  async revoke(_room: JanusRoom, tokens: readonly string[]) {
    tokens.forEach((token) => this.allowed.delete(token));
  }
  async destroy() {}
  release() {
    for (const resolve of this.waiting.splice(0)) resolve();
  }
}

const folder = mkdtempSync(join(tmpdir(), 'redeem-race-'));
after(() => rmSync(folder, { recursive: true, force: true }));

function operations() {
  const rooms = new SlowRooms();
  const limits = { ...DEFAULT_LIMITS, smsCallingCodes: ['1'] };
  const log = createLogger('silent');
  const store = new SqliteStore(mkdtempSync(join(folder, 'store-')));
  const janus = new JanusPool([
    {
      httpUrl: 'http://127.0.0.1:1/janus',
      wsUrl: 'ws://127.0.0.1:1',
      roomAdminKey: 'admin-key',
      tokenSecret: 'token-secret-for-tests',
    },
  ]);
  janus.member(undefined).rooms = rooms as unknown as JanusRooms;
  const deps: Deps = {
    store,
    janus,
    limits,
    send: async () => undefined,
    hub: new ProgressHub(store, Date.now, log),
    throttles: throttlesFor(limits, log),
    log,
    guestBaseUrl: 'https://video.example.com/join',
    turn: undefined,
    redaction: {},
    recordings: new RecordingFiles({
      store,
      janus,
      log,
      now: Date.now,
      dir: join(folder, 'recordings'),
      tool: { command: 'janus-pp-rec', timeoutMs: 10_000 },
      settleMs: 1000,
    }),
    now: Date.now,
  };
  return { rooms, deps, agent: new AgentOperations(deps), guest: new GuestOperations(deps) };
}

describe('a redeem under way when the agent renews the code', () => {
  it('is refused, and leaves neither its media token on the allow-list nor a token for the new code', async () => {
    const { rooms, deps, agent, guest } = operations();
    const principal = { kind: 'agent', id: 'a1', tenant: 't1' } as const;
    const escalation = (
      await agent.create(
        principal,
        { interaction: { id: 'call-1', channel: 'chat' }, delivery: { channel: 'chat' }, mode: 'chat' },
        'scope',
      )
    ).body as Escalation;
    // Someone is redeeming the code when the customer asks for a new link and the agent sends it.
    const first = guest.redeem(escalation.guestCode, 'client-1');
    while (rooms.waiting.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const { record } = await mutate(deps.store, escalation.id, (latest) => {
      latest.newLinkAsked = true;
    });
    const renewed = (await agent.renew(record)).body as Escalation;
    assert.notEqual(renewed.guestCode, escalation.guestCode);
    rooms.release();
    await assert.rejects(first, (error: { code?: string }) => error.code === 'code-expired');
    assert.equal(
      (await deps.store.get(escalation.id))!.value.guest.redeemedBy,
      null,
      'the new code is still free for the customer',
    );
    const customer = guest.redeem(renewed.guestCode, 'client-2');
    while (rooms.waiting.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    rooms.release();
    const details = (await customer).body as JoinDetails;
    assert.deepEqual(
      [...rooms.allowed].sort(),
      [escalation.host.token, details.token].sort(),
      'only the agent and the current customer are allowed',
    );
  });
});
