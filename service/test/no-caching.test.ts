// Every answer is one caller's and of this moment: none may be kept by a browser or a proxy. A
// browser keys its cache by URL alone, so a refused `GET /guest/status` kept for one customer's
// token would be what the next customer's page reads (a call they are in, said to be replaced).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { linkToken, startHarness, type Harness } from './support/harness.js';

let h: Harness;
before(async () => {
  h = await startHarness('no-caching');
});
after(() => h.stop());

describe('answers are never cached', () => {
  it('says no-store on answers, refusals and the agent routes alike', async () => {
    const escalation = await h.escalate();
    const guest = await h.redeem(linkToken(escalation.guestUrl));
    const answers = [
      await h.call('GET', '/guest/status', { bearer: guest.guestToken }),
      await h.call('GET', '/guest/status', { bearer: 'not-a-token' }),
      await h.call('POST', '/guest/redeem', { body: { code: 'ACD-EFH-JKM' } }),
      await h.call('POST', `/escalations/${escalation.id}/code`, { bearer: await h.agentToken(), body: {} }),
    ];
    assert.deepEqual(
      answers.map((answer) => answer.status),
      [200, 401, 404, 200],
    );
    for (const answer of answers) assert.equal(answer.headers.get('cache-control'), 'no-store');
  });
});
