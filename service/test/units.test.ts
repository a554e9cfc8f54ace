// The service's rules one layer at a time, without a server: codes, client keys, routes, Janus
// tokens, idempotency over time, and the configuration's messages.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { formatCode, isLinkToken, looksLikeCode, matchRoute, normalizeCode, routePath } from '../../src/protocol/index.js';
import { ConfigError, loadConfig, serviceOptions } from '../src/config.js';
import { newCode, newSecretToken } from '../src/escalations/invitations.js';
import { throttleKey } from '../src/http/client-address.js';
import { Idempotency } from '../src/idempotency.js';
import { janusTokenExpiry, mintJanusToken } from '../src/janus/janus-token.js';
import { turnServers } from '../src/turn.js';
import { SqliteStore } from '../src/store/sqlite-store.js';

describe('codes and links', () => {
  it('makes nine-character codes from the unambiguous alphabet, read out in three groups', () => {
    const code = newCode();
    assert.ok(looksLikeCode(code));
    assert.match(formatCode(code), /^[A-Z0-9]{3}-[A-Z0-9]{3}-[A-Z0-9]{3}$/);
    assert.equal(normalizeCode(` ${formatCode(code).toLowerCase()} `), code);
    assert.ok(!looksLikeCode('ACD-EFH-JK0'), 'a zero is not in the alphabet');
  });

  it('makes link tokens of 256 bits that are never mistaken for codes', () => {
    const token = newSecretToken();
    assert.equal(Buffer.from(token, 'base64url').length, 32);
    assert.ok(isLinkToken(token));
    assert.ok(!isLinkToken(newCode()));
  });
});

describe('throttle keys', () => {
  it('counts IPv4 clients by address and IPv6 clients by their /64', () => {
    assert.equal(throttleKey('203.0.113.9'), '203.0.113.9');
    assert.equal(throttleKey('2001:db8:aa:bb:1:2:3:4'), throttleKey('2001:db8:aa:bb:ffff::1'));
    assert.notEqual(throttleKey('2001:db8:aa:bb::1'), throttleKey('2001:db8:aa:bc::1'));
    assert.equal(throttleKey('::ffff:198.51.100.4'), '198.51.100.4', 'an IPv4-mapped address is the IPv4 client');
  });
});

describe('the route table', () => {
  it('matches literal segments before parameters, and decodes parameters', () => {
    assert.deepEqual(matchRoute('DELETE', '/escalations/by-key/abc'), { name: 'closeByKey', params: { key: 'abc' } });
    assert.deepEqual(matchRoute('DELETE', '/escalations/a%20b'), { name: 'closeEscalation', params: { id: 'a b' } });
    assert.deepEqual(matchRoute('PUT', '/escalations'), { name: undefined, pathExists: true });
    assert.deepEqual(matchRoute('GET', '/nowhere'), { name: undefined, pathExists: false });
    assert.deepEqual(
      matchRoute('GET', '/escalations/%E0%A4%A/events'),
      { name: undefined, pathExists: false },
      'a broken escape matches nothing',
    );
    assert.equal(routePath('deliverLink', { id: 'a/b' }), '/escalations/a%2Fb/deliveries');
  });
});

describe('Janus tokens', () => {
  it('are signed as Janus checks them, expire, name their plugins, and are each their own', () => {
    const secret = 'janus-secret-for-tests';
    const token = mintJanusToken({ secret, plugins: ['janus.plugin.videoroom'], ttlSeconds: 60, now: 1_000_000 });
    const [data, signature] = token.split(':') as [string, string];
    assert.equal(signature, createHmac('sha1', secret).update(data).digest('base64'));
    assert.deepEqual(data.split(',').slice(0, 3), ['1000060', 'janus', 'janus.plugin.videoroom']);
    assert.equal(janusTokenExpiry(token), 1_000_060);
    assert.notEqual(token, mintJanusToken({ secret, plugins: ['janus.plugin.videoroom'], ttlSeconds: 60, now: 1_000_000 }));
  });
});

describe('idempotency over time', () => {
  it('keeps an answer a day, then runs the work again', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'idempotency-'));
    try {
      let now = 0;
      const idempotency = new Idempotency(new SqliteStore(folder), 24 * 60 * 60_000, () => now);
      let runs = 0;
      const work = async () => ({ status: 200, body: { run: (runs += 1) } });
      assert.deepEqual((await idempotency.run('k', { a: 1 }, work)).body, { run: 1 });
      now += 23 * 60 * 60_000;
      assert.deepEqual((await idempotency.run('k', { a: 1 }, work)).body, { run: 1 }, 'replayed within the day');
      now += 2 * 60 * 60_000;
      assert.deepEqual((await idempotency.run('k', { a: 1 }, work)).body, { run: 2 }, 'expired after it');
      await assert.rejects(idempotency.run('k', { a: 2 }, work), /different request/);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('does not keep failures: a retry after one runs again', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'idempotency-'));
    try {
      const idempotency = new Idempotency(new SqliteStore(folder));
      let runs = 0;
      const flaky = async () => {
        runs += 1;
        if (runs === 1) throw new Error('provider down');
        return { status: 200, body: null };
      };
      await assert.rejects(idempotency.run('k', {}, flaky));
      assert.equal((await idempotency.run('k', {}, flaky)).status, 200);
      assert.equal(runs, 2);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('configuration', () => {
  const valid = {
    ESCALATE_GUEST_URL: 'https://video.example.com/join',
    ESCALATE_DATA_DIR: '/var/lib/escalate',
    ESCALATE_JANUS_HTTP: 'http://127.0.0.1:8088/janus',
    ESCALATE_JANUS_WS: 'wss://janus.example.com/ws',
    ESCALATE_JANUS_ADMIN_KEY: 'room-admin-key',
    ESCALATE_JANUS_TOKEN_SECRET: 'a-long-janus-token-secret',
    ESCALATE_JWT_ISSUER: 'https://login.example.com',
    ESCALATE_JWT_AUDIENCE: 'escalate-video',
    ESCALATE_JWT_SECRET: 'x'.repeat(32),
  };

  it('reads a complete configuration from the environment, with defaults', () => {
    const config = loadConfig({
      ...valid,
      ESCALATE_CORS_ORIGINS: 'https://desk.example.com, https://video.example.com',
      ESCALATE_SMS_CALLING_CODES: '1,44',
    });
    assert.equal(config.port, 8001);
    assert.equal(config.host, '127.0.0.1');
    assert.deepEqual(config.corsOrigins, ['https://desk.example.com', 'https://video.example.com']);
    assert.deepEqual(config.limits.smsCallingCodes, ['1', '44']);
    assert.equal(config.auth.clockToleranceSeconds, 30);
  });

  it('names each bad or missing value by its variable', () => {
    const env = {
      ...valid,
      ESCALATE_JANUS_WS: 'http://janus',
      ESCALATE_JWT_SECRET: 'short',
      ESCALATE_PORT: 'eighty',
      ESCALATE_SMS_CALLING_CODES: '1,+44',
      ESCALATE_CORS_ORIGINS: 'https://desk.example.com/app',
    };
    delete (env as Partial<typeof env>).ESCALATE_DATA_DIR;
    assert.throws(
      () => loadConfig(env),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        for (const expected of [
          "ESCALATE_JANUS_WS (janus.wsUrl): Janus's WebSocket URL must be a ws: or wss: URL",
          'ESCALATE_JWT_SECRET (auth.secret): the JWT secret must be at least 32 characters',
          'ESCALATE_PORT (port): port must be a number',
          'ESCALATE_DATA_DIR (dataDir): the data folder is required',
          'ESCALATE_SMS_CALLING_CODES (limits.smsCallingCodes.1): calling codes are 1–4 digits (such as 1 or 44), or *',
          'ESCALATE_CORS_ORIGINS (corsOrigins.0): a CORS origin is scheme://host[:port], nothing more',
        ]) {
          assert.ok(error.message.includes(expected), `${expected}\nin:\n${error.message}`);
        }
        return true;
      },
    );
  });

  it("reads the pool's ring and overflow times, and gives no API key an expert desk's routes", () => {
    const options = serviceOptions(
      loadConfig({ ...valid, ESCALATE_EXPERT_RING_SECONDS: '20', ESCALATE_EXPERT_OVERFLOW_SECONDS: '90' }),
    );
    assert.deepEqual([options.limits?.expertRingSeconds, options.limits?.expertOverflowSeconds], [20, 90]);
    assert.throws(() => loadConfig({ ...valid, ESCALATE_EXPERT_RING_SECONDS: '0' }), /ESCALATE_EXPERT_RING_SECONDS/);
    const key = (routes: string[]) => JSON.stringify([{ id: 'k', tenant: 't', sha256: 'a'.repeat(64), routes }]);
    assert.doesNotThrow(() => loadConfig({ ...valid, ESCALATE_API_KEYS: key(['requestExpert']) }));
    for (const route of ['setPresence', 'poolEvents', 'acceptOffer', 'declineOffer'])
      assert.throws(() => loadConfig({ ...valid, ESCALATE_API_KEYS: key([route]) }), ConfigError, route);
  });

  it('wants exactly one way to verify agents’ tokens', () => {
    assert.throws(
      () => loadConfig({ ...valid, ESCALATE_JWKS_URL: 'https://login.example.com/jwks' }),
      /either a JWT secret \(HS256\) or a JWKS URL/,
    );
    const { ESCALATE_JWT_SECRET: _secret, ...withoutSecret } = valid;
    assert.throws(() => loadConfig(withoutSecret), /either a JWT secret/);
    assert.equal(
      loadConfig({ ...withoutSecret, ESCALATE_JWKS_URL: 'https://login.example.com/jwks' }).auth.jwksUrl,
      'https://login.example.com/jwks',
    );
  });
});

describe('TURN credentials', () => {
  it("are coturn's shared-secret kind: expiring with the room token, each participant's own", () => {
    const servers = turnServers(
      { urls: ['turn:198.18.0.1:3478?transport=udp'], secret: 'coturn-shared-secret' },
      '4242',
      600,
      1_000_000_000,
    );
    assert.equal(servers.length, 1);
    const [server] = servers as [{ urls: string[]; username: string; credential: string }];
    assert.equal(server.username, '1000600:4242');
    assert.equal(server.credential, createHmac('sha1', 'coturn-shared-secret').update('1000600:4242').digest('base64'));
    assert.deepEqual(turnServers(undefined, '4242', 600), [], 'none without TURN configured');
  });
});
