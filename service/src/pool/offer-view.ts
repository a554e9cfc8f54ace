// What each side is shown of a request: the agent its status (who rings, by name), an expert's
// desk the offer (who asks, for which skill, and the case masked when the agent shares it).
import type { ExpertOffer, ExpertRequestStatus } from '../../../src/protocol/index.js';
import { isConsult } from '../escalations/consult.js';
import type { EscalationRecord } from '../escalations/records.js';
import { redactFields, type RedactionRules } from '../redaction/redact.js';
import { liveRing, type ExpertRequestRecord, type RingRecord } from './records.js';

/**
 * A ring shows the gist of the issue (the whole case comes with the join details once accepted),
 * and stays small enough for the news every instance hears (PostgreSQL's NOTIFY takes 8000 bytes).
 */
const OFFER_ISSUE_MAX = 500;

export function requestStatus(request: ExpertRequestRecord): ExpertRequestStatus {
  return {
    id: request.id,
    skill: request.skill,
    state: request.state,
    ringing: liveRing(request)?.name ?? null,
    overflowAt: request.overflowAt,
  };
}

/** Built from named fields, so nothing else of the escalation reaches an expert who has not accepted. */
export function offerOf(
  request: ExpertRequestRecord,
  ring: RingRecord,
  escalation: EscalationRecord,
  rules: RedactionRules,
): ExpertOffer {
  const offer: ExpertOffer = {
    id: ring.offer,
    skill: request.skill,
    agentName: escalation.agentName ?? null,
    // The expert knows before accepting that the customer will not be on video.
    ...(isConsult(escalation) ? { consult: true } : {}),
    expiresAt: ring.expiresAt,
  };
  if (!request.shareCase) return offer;
  const { caseNumber, issue } = escalation.interaction;
  const present: Record<string, string> = Object.fromEntries(
    Object.entries({ caseNumber, issue }).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== '',
    ),
  );
  const masked = redactFields(present, rules).fields;
  if (masked['issue'] && [...masked['issue']].length > OFFER_ISSUE_MAX)
    masked['issue'] = `${[...masked['issue']].slice(0, OFFER_ISSUE_MAX - 1).join('')}…`;
  return { ...offer, ...masked };
}
