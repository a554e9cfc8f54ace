// The case and what people type, as the service hands them out and keeps them: an expert the
// agent shared the case with sees it masked, a customer never gets any of it; a removed expert is
// out for good; a rating's comment and a closed escalation's case are kept masked.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Escalation, ExpertInvitation, JoinDetails } from '../../src/protocol/index.js';
import { linkToken, outcome, startHarness, type Harness } from './support/harness.js';

let h: Harness;
before(async () => {
  h = await startHarness('case-privacy');
});
after(() => h.stop());

const CASE = {
  caseNumber: 'CASE-48213',
  issue: 'Router blinks red; card 4111 1111 1111 1111 was charged twice',
  notes: 'Call back on +1 (555) 123-4567 or ada.customer@example.com',
};

/** An escalation with a case, by an agent whose sign-in carries their name; and the agent's token. */
async function escalateWithCase(): Promise<{ escalation: Escalation; bearer: string }> {
  const bearer = await h.agentToken('agent-1', 'tenant-1', 600, 'Dana Agent');
  const answer = await h.call('POST', '/escalations', {
    bearer,
    body: {
      interaction: { id: `chat-${crypto.randomUUID()}`, channel: 'chat', customerName: 'Ada Customer', ...CASE },
      delivery: { channel: 'chat' },
      mode: 'chat',
    },
  });
  assert.equal(answer.status, 201);
  return { escalation: answer.body as Escalation, bearer };
}

async function invite(escalation: Escalation, bearer: string, body: Record<string, unknown>): Promise<ExpertInvitation> {
  const answer = await h.call('POST', `/escalations/${escalation.id}/experts`, { bearer, body });
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  return answer.body as ExpertInvitation;
}

const none = (text: string) => {
  for (const value of [CASE.caseNumber, 'Router', '4111', '123-4567', 'ada.customer', 'Dana Agent', 'sharedCase'])
    assert.ok(!text.includes(value), `"${value}" is not in ${text}`);
};

describe('the case as the service hands it out', () => {
  it('gives an expert the agent shared it with the case masked and who invited them; a customer none of it', async () => {
    const { escalation, bearer } = await escalateWithCase();
    const customer = await h.redeem(linkToken(escalation.guestUrl));
    none(JSON.stringify(customer));

    const shared = await h.redeem(
      (await invite(escalation, bearer, { address: '+15550004444', name: 'Sam', shareCase: true })).code,
    );
    assert.equal(shared.role, 'expert');
    assert.equal(shared.invitedBy, 'Dana Agent');
    assert.deepEqual(shared.sharedCase, {
      customerName: 'Ada Customer',
      caseNumber: 'CASE-48213',
      issue: 'Router blinks red; card •••• •••• •••• 1111 was charged twice',
      notes: 'Call back on •••••••67 or •••@example.com',
    });

    const unshared = await h.redeem((await invite(escalation, bearer, { address: '+15550005555', name: 'Kim' })).code);
    assert.equal(unshared.invitedBy, 'Dana Agent');
    assert.equal(unshared.sharedCase, undefined, 'not shared unless the agent said so');

    // Back after a reload: the customer still gets none of it.
    const rejoined = await h.call('POST', '/guest/rejoin', { bearer: customer.guestToken, body: {} });
    none(JSON.stringify(rejoined.body));
  });

  it('puts a removed expert out for good: their token and code stop working, and it is said so', async () => {
    const { escalation, bearer } = await escalateWithCase();
    const invitation = await invite(escalation, bearer, { address: '+15550006666', name: 'Lee' });
    const expert: JoinDetails = await h.redeem(invitation.code);
    const path = `/escalations/${escalation.id}/experts/${invitation.id}`;
    assert.equal((await h.call('DELETE', path, { bearer })).status, 204);
    assert.equal((await h.call('DELETE', path, { bearer })).status, 204, 'removing twice is removing once');
    const back = await h.call('POST', '/guest/rejoin', { bearer: expert.guestToken, body: {} });
    assert.deepEqual(
      [...outcome(back), (back.body as { error: { reason?: string } }).error.reason],
      [410, 'code-expired', 'removed'],
    );
    const again = await h.call('POST', '/guest/redeem', { body: { code: invitation.code } });
    assert.deepEqual(
      [...outcome(again), (again.body as { error: { reason?: string } }).error.reason],
      [410, 'code-expired', 'removed'],
    );
    assert.deepEqual(outcome(await h.call('DELETE', `/escalations/${escalation.id}/experts/nobody`, { bearer })), [
      404,
      'not-found',
    ]);
    // A withdrawn invite that was never used lets no one in either.
    const withdrawn = await invite(escalation, bearer, { address: '+15550007777' });
    assert.equal((await h.call('DELETE', `/escalations/${escalation.id}/experts/${withdrawn.id}`, { bearer })).status, 204);
    assert.equal((await h.call('POST', '/guest/redeem', { body: { code: withdrawn.code } })).status, 410);
  });
});

describe('what is kept beyond the call', () => {
  it('keeps a rating comment masked and tells the customer what was hidden', async () => {
    const { escalation } = await escalateWithCase();
    const customer = await h.redeem(linkToken(escalation.guestUrl));
    const rated = await h.call('POST', '/guest/rating', {
      bearer: customer.guestToken,
      body: { score: 4, comment: 'Fine, but I read out my card 5555 5555 5555 4444 and mail me at ada.rating@example.com' },
    });
    assert.equal(rated.status, 200);
    assert.deepEqual(rated.body, { masked: ['card', 'email'] });
    const kept = h.kept();
    assert.ok(!kept.includes('5555 5555 5555 4444') && !kept.includes('ada.rating@'), 'kept masked');
    assert.ok(kept.includes('•••• •••• •••• 4444'));
    const plain = await h.redeem(linkToken((await escalateWithCase()).escalation.guestUrl));
    const kind = await h.call('POST', '/guest/rating', {
      bearer: plain.guestToken,
      body: { score: 5, comment: 'Order 48213 fixed on 2026-12-01' },
    });
    assert.deepEqual(kind.body, { masked: [] }, 'an order number and a date are not hidden');
  });

  it('keeps a closed escalation’s case masked', async () => {
    const { escalation, bearer } = await escalateWithCase();
    assert.equal((await h.call('DELETE', `/escalations/${escalation.id}?reason=hangup`, { bearer })).status, 204);
    const { interaction } = await h.record(escalation.id);
    assert.equal(interaction.issue, 'Router blinks red; card •••• •••• •••• 1111 was charged twice');
    assert.equal(interaction.notes, 'Call back on •••••••67 or •••@example.com');
    assert.equal(interaction.caseNumber, 'CASE-48213');
  });
});
