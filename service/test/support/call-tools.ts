// A call with a customer in it, for the tests of the agent's asks and the customer's stills: an
// escalation whose customer redeemed their link and whose page said it joined, and stills of
// each type (the service checks how the bytes begin, not the picture).
import { randomBytes } from 'node:crypto';
import type { AskSent, CallAsk, Escalation, JoinDetails, SnapshotImageType } from '../../../src/protocol/index.js';
import { linkToken, type Answer, type Harness } from './harness.js';

/** Throttles out of the way of tests that make many calls from one address. */
export const GENEROUS = {
  guestRequestsPerClient: { points: 100_000, windowSeconds: 60 },
  redeemsPerClient: { points: 100_000, windowSeconds: 60 },
  redeemFailuresPerClient: { points: 100_000, windowSeconds: 60 },
  sendsPerAgent: { points: 100_000, windowSeconds: 60 },
};

export interface JoinedCall {
  escalation: Escalation;
  customer: JoinDetails;
  /** The owning agent's sign-in. */
  owner: string;
}

export async function joinedCall(h: Harness, agent = 'agent-1'): Promise<JoinedCall> {
  const escalation = await h.escalate(agent);
  const customer = await h.redeem(linkToken(escalation.guestUrl));
  const joined = await h.call('POST', '/guest/progress', { bearer: customer.guestToken, body: { report: 'joined' } });
  if (joined.status !== 204) throw new Error(`reporting joined failed: ${joined.status}`);
  return { escalation, customer, owner: await h.agentToken(agent) };
}

/** The agent asks; answers the ask's id (throws when refused). */
export async function ask(h: Harness, call: JoinedCall, what: CallAsk): Promise<string> {
  const answer = await h.call('POST', `/escalations/${call.escalation.id}/asks`, { bearer: call.owner, body: what });
  if (answer.status !== 202) throw new Error(`asking failed: ${answer.status} ${JSON.stringify(answer.body)}`);
  return (answer.body as AskSent).id;
}

const SIGNATURES: Record<SnapshotImageType, Buffer> = {
  'image/jpeg': Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
  'image/png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
};

/** Bytes that begin as a file of `type` does, `size` long in all. */
export function still(type: SnapshotImageType = 'image/jpeg', size = 4096): Buffer {
  const signature = SIGNATURES[type];
  return Buffer.concat([signature, randomBytes(size - signature.length)]);
}

/** The customer's page sends a still for a snapshot ask. */
export function upload(
  h: Harness,
  call: JoinedCall,
  askId: string,
  image: Buffer = still(),
  overrides: Record<string, unknown> = {},
): Promise<Answer> {
  return h.call('POST', '/guest/snapshots', {
    bearer: call.customer.guestToken,
    body: { ask: askId, type: 'image/jpeg', image: image.toString('base64'), width: 640, height: 480, ...overrides },
  });
}

/** Asks for a still and sends one; answers the still's id. */
export async function snapshot(h: Harness, call: JoinedCall, image: Buffer = still()): Promise<string> {
  const sent = await upload(h, call, await ask(h, call, { kind: 'snapshot' }), image);
  if (sent.status !== 201) throw new Error(`sending a still failed: ${sent.status} ${JSON.stringify(sent.body)}`);
  return (sent.body as { id: string }).id;
}

/** A GET event stream's status and refusal code, reading only its head (it never ends by itself). */
export async function streamStatus(url: string, authorization: string | undefined): Promise<[number, string | undefined]> {
  const controller = new AbortController();
  const response = await fetch(url, { headers: authorization ? { authorization } : {}, signal: controller.signal });
  const code = response.ok ? undefined : ((await response.json()) as { error: { code: string } }).error.code;
  controller.abort();
  return [response.status, code];
}
