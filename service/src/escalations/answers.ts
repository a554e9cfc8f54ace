// What the service tells each side about an escalation: the agent's view (room, code, link) and a
// guest's or expert's join details. Nothing in a guest's answer opens an agent route.
import { formatCode, type Escalation, type IceServer, type JoinDetails, type SharedCase } from '../../../src/protocol/index.js';
import { redactFields } from '../redaction/redact.js';
import { turnServers } from '../turn.js';
import { ECHOTEST, mintJanusToken } from '../janus/janus-token.js';
import { isConsult } from './consult.js';
import type { Deps } from './deps.js';
import { lobbyOf } from './lobby.js';
import type { EscalationRecord, ExpertRecord, Invitation } from './records.js';

/** TURN credentials of the participant's own, when the service has TURN servers. */
function ice(deps: Deps, participant: string): { iceServers?: IceServer[] } {
  const servers = turnServers(deps.turn, participant, deps.limits.roomTokenTtlSeconds, deps.now());
  return servers.length ? { iceServers: servers } : {};
}

export function guestUrl(deps: Deps, invitation: Invitation): string {
  return `${deps.guestBaseUrl}#code=${invitation.linkToken}`;
}

export function agentView(deps: Deps, record: EscalationRecord): Escalation {
  const agentId = String(record.room.agentId);
  return {
    id: record.id,
    host: {
      server: deps.janus.member(record.room.server).server.wsUrl,
      room: String(record.room.room),
      token: record.room.hostToken,
      participantId: agentId,
      agentId,
      ...(record.agentName ? { displayName: record.agentName } : {}),
      ...ice(deps, agentId),
    },
    // A consult has no way in for a customer.
    ...(isConsult(record)
      ? { guestCode: '', guestUrl: '', consult: true }
      : { guestCode: formatCode(record.guest.code), guestUrl: guestUrl(deps, record.guest) }),
    expiresAt: record.guest.expiresAt,
  };
}

export function joinDetails(
  deps: Deps,
  record: EscalationRecord,
  invitation: Invitation,
  expert: ExpertRecord | undefined,
  guestToken: string,
  guestTokenExpiresAt: number,
): JoinDetails {
  return {
    server: deps.janus.member(record.room.server).server.wsUrl,
    room: String(record.room.room),
    token: invitation.janusToken!,
    participantId: String(invitation.participantId),
    agentId: String(record.room.agentId),
    ...ice(deps, String(invitation.participantId)),
    role: expert ? 'expert' : 'guest',
    displayName: expert ? expert.name : (record.interaction.customerName ?? 'Customer'),
    mode: record.mode,
    guestToken,
    guestTokenExpiresAt,
    networkTestToken: mintJanusToken({
      secret: deps.janus.tokenSecret,
      plugins: [ECHOTEST],
      ttlSeconds: deps.limits.networkTestTokenTtlSeconds,
    }),
    // A customer needs no lobby: only an expert's answer says whether the room lets them in yet.
    ...(expert ? { admitted: lobbyOf(expert) !== 'waiting', ...expertsOwn(deps, record, expert) } : {}),
  };
}

/**
 * What only an expert gets: the inviting agent's name and, when the agent shared it, the case,
 * masked. Built from named fields, so nothing else of the record can slip into a guest's answer.
 */
function expertsOwn(
  deps: Deps,
  record: EscalationRecord,
  expert: ExpertRecord,
): Pick<JoinDetails, 'invitedBy' | 'sharedCase' | 'consult'> {
  const own = {
    ...(record.agentName ? { invitedBy: record.agentName } : {}),
    // So their page does not look for a customer on video.
    ...(isConsult(record) ? { consult: true } : {}),
  };
  if (!expert.shareCase) return own;
  const { customerName, caseNumber, issue, notes } = record.interaction;
  const present: Record<string, string> = Object.fromEntries(
    Object.entries({ customerName, caseNumber, issue, notes }).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== '',
    ),
  );
  const sharedCase: SharedCase = redactFields(present, deps.redaction).fields;
  return { ...own, sharedCase };
}
