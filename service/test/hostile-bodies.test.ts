// Hostile requests: oversized, wrong types, not objects, deeply nested, keys that reach object
// prototypes (in bodies, paths and keys), control and text-direction characters. Each gets a
// clear 4xx with its code; none gets a 5xx; nothing the service keeps changes.
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { Escalation, JoinDetails } from '../../src/protocol/index.js';
import { codeOf, startHarness, type Answer, type CallOptions, type Harness } from './support/harness.js';

let h: Harness;
let escalation: Escalation;
let guest: JoinDetails;
let agent: string;

before(async () => {
  h = await startHarness('hostile');
  escalation = await h.escalate();
  guest = await h.redeem(escalation.guestCode);
  agent = await h.agentToken();
});
after(() => h.stop());

/** What the service keeps, as read from its database. */
const stored = () => h.kept();

const nest = (depth: number): unknown => (depth === 0 ? 'deep' : { a: nest(depth - 1) });
const valid = () => ({
  interaction: { id: `call-${Math.random()}`, channel: 'chat', customerName: 'Ada' },
  delivery: { channel: 'chat' },
  mode: 'chat',
});

interface Case {
  what: string;
  method: string;
  path: () => string;
  options: () => CallOptions;
  status: number;
  code: string;
}

const asAgent = (options: CallOptions = {}): CallOptions => ({ bearer: agent, ...options });
const asGuest = (options: CallOptions = {}): CallOptions => ({ bearer: guest.guestToken, ...options });

const CASES: Case[] = [
  {
    what: 'a body over 16 KB',
    method: 'POST',
    path: () => '/escalations',
    options: () => asAgent({ body: { ...valid(), pad: 'x'.repeat(20_000) } }),
    status: 413,
    code: 'payload-too-large',
  },
  {
    what: 'a body that is not JSON',
    method: 'POST',
    path: () => '/escalations',
    options: () => asAgent({ raw: '{"interaction":' }),
    status: 400,
    code: 'bad-request',
  },
  {
    what: 'text instead of JSON',
    method: 'POST',
    path: () => '/escalations',
    options: () => asAgent({ raw: 'hello', headers: { 'content-type': 'text/plain' } }),
    status: 415,
    code: 'unsupported-media-type',
  },
  {
    what: 'an array body',
    method: 'POST',
    path: () => '/escalations',
    options: () => asAgent({ raw: '[]' }),
    status: 400,
    code: 'bad-request',
  },
  {
    what: 'a string body',
    method: 'POST',
    path: () => '/guest/rating',
    options: () => asGuest({ raw: '"5"' }),
    status: 400,
    code: 'bad-request',
  },
  {
    what: 'a null body',
    method: 'POST',
    path: () => '/guest/progress',
    options: () => asGuest({ raw: 'null' }),
    status: 400,
    code: 'bad-request',
  },
  {
    what: 'a number body',
    method: 'POST',
    path: () => '/guest/redeem',
    options: () => ({ raw: '123' }),
    status: 400,
    code: 'bad-request',
  },
  {
    what: 'interaction as a string',
    method: 'POST',
    path: () => '/escalations',
    options: () => asAgent({ body: { ...valid(), interaction: 'call-1' } }),
    status: 400,
    code: 'bad-request',
  },
  {
    what: 'mode as a number',
    method: 'POST',
    path: () => '/escalations',
    options: () => asAgent({ body: { ...valid(), mode: 5 } }),
    status: 400,
    code: 'bad-request',
  },
  {
    what: 'delivery as an array',
    method: 'POST',
    path: () => '/escalations',
    options: () => asAgent({ body: { ...valid(), delivery: [] } }),
    status: 400,
    code: 'bad-request',
  },
  {
    what: 'a score as text',
    method: 'POST',
    path: () => '/guest/rating',
    options: () => asGuest({ body: { score: '5' } }),
    status: 400,
    code: 'bad-request',
  },
  {
    what: 'a report as a number',
    method: 'POST',
    path: () => '/guest/progress',
    options: () => asGuest({ body: { report: 3 } }),
    status: 400,
    code: 'bad-request',
  },
  {
    what: 'a phone as a number',
    method: 'POST',
    path: () => '/guest/callback',
    options: () => asGuest({ body: { phone: 15551231234 } }),
    status: 400,
    code: 'bad-request',
  },
  {
    what: 'a code as an object',
    method: 'POST',
    path: () => '/guest/redeem',
    options: () => ({ body: { code: { $ne: '' } } }),
    status: 400,
    code: 'bad-request',
  },
  {
    what: 'nesting 40 levels deep',
    method: 'POST',
    path: () => '/escalations',
    options: () => asAgent({ body: { ...valid(), extra: nest(40) } }),
    status: 400,
    code: 'bad-request',
  },
  {
    what: 'a __proto__ key',
    method: 'POST',
    path: () => '/escalations',
    options: () => asAgent({ raw: JSON.stringify(valid()).replace(/^\{/, '{"__proto__":{"owner":"agent:mallory"},') }),
    status: 400,
    code: 'bad-request',
  },
  {
    what: 'a nested constructor.prototype',
    method: 'POST',
    path: () => '/escalations',
    options: () =>
      asAgent({
        raw: '{"interaction":{"id":"x","channel":"chat","constructor":{"prototype":{"admin":true}}},"delivery":{"channel":"chat"},"mode":"chat"}',
      }),
    status: 400,
    code: 'bad-request',
  },
  {
    what: 'a __proto__ key in a guest body',
    method: 'POST',
    path: () => '/guest/rating',
    options: () => asGuest({ raw: '{"score":5,"__proto__":{"rated":false}}' }),
    status: 400,
    code: 'bad-request',
  },
  {
    what: '__proto__ as an escalation id',
    method: 'POST',
    path: () => '/escalations/__proto__/deliveries',
    options: () => asAgent({ body: { channel: 'chat' } }),
    status: 404,
    code: 'not-found',
  },
  {
    what: 'constructor as an escalation id',
    method: 'DELETE',
    path: () => '/escalations/constructor?reason=hangup',
    options: () => asAgent(),
    status: 404,
    code: 'not-found',
  },
  {
    what: 'hasOwnProperty as an escalation id',
    method: 'GET',
    path: () => '/escalations/hasOwnProperty/events',
    options: () => asAgent(),
    status: 404,
    code: 'not-found',
  },
  {
    what: 'a path that climbs',
    method: 'POST',
    path: () => '/escalations/..%2F..%2Fguest/code',
    options: () => asAgent({ body: {} }),
    status: 404,
    code: 'not-found',
  },
  {
    what: 'a broken escape in a path',
    method: 'POST',
    path: () => '/escalations/%E0%A4%A/code',
    options: () => asAgent({ body: {} }),
    status: 404,
    code: 'not-found',
  },
  {
    what: 'a close reason of __proto__',
    method: 'DELETE',
    path: () => `/escalations/${escalation.id}?reason=__proto__`,
    options: () => asAgent(),
    status: 400,
    code: 'bad-request',
  },
  {
    what: 'an Idempotency-Key too long to be a key',
    method: 'POST',
    path: () => `/escalations/${escalation.id}/code`,
    options: () => asAgent({ body: {}, key: 'k'.repeat(500) }),
    status: 400,
    code: 'bad-request',
  },
  {
    what: 'a control character in a name',
    method: 'POST',
    path: () => '/escalations',
    options: () => asAgent({ body: { ...valid(), interaction: { id: 'x', channel: 'chat', customerName: 'Ada\u0007' } } }),
    status: 400,
    code: 'bad-request',
  },
  {
    what: 'a NUL in an interaction id',
    method: 'POST',
    path: () => '/escalations',
    options: () => asAgent({ body: { ...valid(), interaction: { id: 'call\u0000-1', channel: 'chat' } } }),
    status: 400,
    code: 'bad-request',
  },
  {
    what: 'half a character (a lone surrogate) in a name',
    method: 'POST',
    path: () => '/escalations',
    options: () => asAgent({ raw: JSON.stringify(valid()).replace('"Ada"', '"Zo\\ud83d"') }),
    status: 400,
    code: 'bad-request',
  },
  {
    what: 'a right-to-left override in a comment',
    method: 'POST',
    path: () => '/guest/rating',
    options: () => asGuest({ body: { score: 5, comment: 'great \u202egnp.exe' } }),
    status: 400,
    code: 'bad-request',
  },
  {
    what: 'a bidi isolate in a new-link reason',
    method: 'POST',
    path: () => '/guest/new-link',
    options: () => asGuest({ body: { reason: '\u2066hidden\u2069' } }),
    status: 400,
    code: 'bad-request',
  },
  {
    what: 'a bidi isolate in an expert name',
    method: 'POST',
    path: () => `/escalations/${escalation.id}/experts`,
    options: () => asAgent({ body: { address: 'sam@example.com', name: 'Sam\u2067' } }),
    status: 400,
    code: 'bad-request',
  },
  {
    what: 'control and bidi characters in an e-mail address',
    method: 'POST',
    path: () => `/escalations/${escalation.id}/deliveries`,
    options: () => asAgent({ body: { channel: 'email', to: 'a\u0000\u202e@evil.example' } }),
    status: 400,
    code: 'bad-request',
  },
  {
    what: 'a control character in an expert address',
    method: 'POST',
    path: () => `/escalations/${escalation.id}/experts`,
    options: () => asAgent({ body: { address: 'x\u0007\u2066@b.example' } }),
    status: 400,
    code: 'bad-request',
  },
  {
    what: 'control characters in a create key in the path',
    method: 'DELETE',
    path: () => '/escalations/by-key/%00%E2%80%AEkey?reason=cancelled',
    options: () => asAgent(),
    status: 400,
    code: 'bad-request',
  },
  {
    what: 'a create key in the path too long to be a key',
    method: 'DELETE',
    path: () => `/escalations/by-key/${'k'.repeat(6000)}?reason=cancelled`,
    options: () => asAgent(),
    status: 400,
    code: 'bad-request',
  },
  {
    what: 'a close reason of __proto__ by key',
    method: 'DELETE',
    path: () => '/escalations/by-key/some-key?reason=__proto__',
    options: () => asAgent(),
    status: 400,
    code: 'bad-request',
  },
  {
    what: 'an unknown route',
    method: 'POST',
    path: () => '/admin/rooms',
    options: () => asAgent({ body: {} }),
    status: 404,
    code: 'not-found',
  },
  {
    what: 'a method the route does not take',
    method: 'PUT',
    path: () => '/escalations',
    options: () => asAgent({ body: valid() }),
    status: 405,
    code: 'not-found',
  },
];

describe('hostile requests', () => {
  for (const hostile of CASES) {
    it(`${hostile.what}: ${hostile.status} ${hostile.code}, and nothing kept changes`, async () => {
      const before = stored();
      const answer: Answer = await h.call(hostile.method, hostile.path(), hostile.options());
      assert.deepEqual([answer.status, codeOf(answer)], [hostile.status, hostile.code], JSON.stringify(answer.body));
      assert.ok(typeof (answer.body as { error: { message: string } }).error.message === 'string');
      assert.equal(stored(), before);
    });
  }

  it('a request line that is not a path: 400, not a 5xx', async () => {
    const { port, hostname } = new URL(h.url);
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), hostname, () => socket.end('GET http://[ HTTP/1.1\r\nHost: x\r\n\r\n'));
      let text = '';
      socket.on('data', (chunk: Buffer) => (text += chunk));
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
    assert.match(reply, /^HTTP\/1\.1 400 /);
    assert.match(reply, /"code":"bad-request"/);
  });

  it('left the escalation and its guest as they were', async () => {
    assert.deepEqual((await h.call('GET', '/guest/status', { bearer: guest.guestToken })).body, {
      active: true,
      callbackOffered: false,
    });
    assert.equal(({} as Record<string, unknown>)['owner'], undefined, 'no prototype was touched');
    assert.equal((await h.record(escalation.id)).owner, 'agent:agent-1');
  });
});
