// A contact-center flow (an API key) starts the escalation before the call reaches an agent: it
// creates the room and texts the caller. When the task arrives, the agent's page claims it: the
// escalation becomes that agent's (same room, same link), and the page learns where it stands.
import type { ClaimedEscalation, LinkDelivery } from '../../../src/protocol/index.js';
import { ownerId, type OwnerPrincipal } from '../auth/principals.js';
import { HttpError } from '../http/http-error.js';
import { mintJanusToken, VIDEOROOM } from '../janus/janus-token.js';
import type { Versioned } from '../store/contract.js';
import { agentView } from './answers.js';
import type { Answer, Deps } from './deps.js';
import { mutate } from './mutate.js';
import type { EscalationRecord } from './records.js';

const nothingToClaim = () => new HttpError('not-found', 'no video escalation of a flow waits for this interaction');

/**
 * The agent's own escalation of this interaction (a reload claims again), or one a flow started;
 * never another agent's, of which the agent learns nothing (the same 404 as none at all).
 */
export async function claimEscalation(
  deps: Deps,
  principal: OwnerPrincipal,
  interactionId: string,
  whenMade: (live: Versioned<EscalationRecord>) => Promise<EscalationRecord | undefined>,
): Promise<Answer> {
  if (principal.kind !== 'agent') throw new HttpError('forbidden', 'only an agent takes over an escalation');
  const me = ownerId(principal);
  const claimable = (record: EscalationRecord) => record.owner === me || record.owner.startsWith('service:');
  const found = await deps.store.liveFor(principal.tenant, interactionId);
  if (!found || !claimable(found.value)) throw nothingToClaim();
  const made = await whenMade(found);
  if (!made) throw nothingToClaim();
  // The flow was given the host's media token with its create answer: the agent gets one of its
  // own, and the flow's stops working, so only the agent can take the host's place in the room.
  const handingOver = made.owner !== me;
  const hostToken = handingOver
    ? mintJanusToken({ secret: deps.janus.tokenSecret, plugins: [VIDEOROOM], ttlSeconds: deps.limits.roomTokenTtlSeconds })
    : made.room.hostToken;
  const rooms = deps.janus.member(made.room.server).rooms;
  if (handingOver) await rooms.allow(made.room, [hostToken]);
  const { record, result: handedOver } = await mutate(deps.store, made.id, (latest) => {
    if (latest.status !== 'active' || !claimable(latest)) throw nothingToClaim();
    if (latest.owner === me) return false;
    deps.log.info(
      { escalation: latest.id, tenant: latest.tenant, from: latest.owner, by: me },
      'escalation claimed by the agent',
    );
    latest.owner = me;
    latest.room.hostToken = hostToken;
    if (principal.name) latest.agentName = principal.name;
    return true;
  }).catch(async (error: unknown) => {
    if (handingOver) await rooms.revoke(made.room, [hostToken], []).catch(() => undefined);
    throw error;
  });
  // The old host token out; or, when another request of this agent's claimed it first, the new one.
  if (handingOver) await rooms.revoke(made.room, [handedOver ? made.room.hostToken : hostToken], []).catch(() => undefined);
  const claimed: ClaimedEscalation = {
    escalation: agentView(deps, record),
    mode: record.mode,
    delivery: lastLinkDelivery(record),
    guestStep: record.progress.at(-1)?.report ?? null,
  };
  return { status: 200, body: claimed };
}

/** How the customer's link went out last (not an expert's invite, not a failed send). */
function lastLinkDelivery(record: EscalationRecord): LinkDelivery | null {
  const last = record.deliveries.filter((entry) => entry.purpose === 'link' && entry.status !== 'failed').at(-1);
  return last ? { channel: last.channel, ...(last.to ? { to: last.to } : {}) } : null;
}
