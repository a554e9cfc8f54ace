// What an agent (or a contact-center flow) does with its escalations: create one per interaction,
// send the link, renew a spent code, invite an expert, close. Callers reach these only after
// authentication and the ownership check. Every change goes through `mutate`, so concurrent
// requests (on this instance or another) never undo each other, and every allowance is checked
// and taken in the same write.
import { redactFields, type RedactionRules } from '../redaction/redact.js';
import { randomUUID } from 'node:crypto';
import {
  EMAIL,
  END_REASONS,
  FALLBACK_REASONS,
  formatCode,
  type CloseReason,
  type ExpertInvitation,
  type Interaction,
  type LinkDelivery,
} from '../../../src/protocol/index.js';
import { ownerId, type OwnerPrincipal } from '../auth/principals.js';
import { claimEscalation } from './claims.js';
import { checkSameKind, isConsult, noCustomerInvitation, refuseLinkOfConsult } from './consult.js';
import { HttpError } from '../http/http-error.js';
import { mintJanusToken, VIDEOROOM } from '../janus/janus-token.js';
import { randomJanusId, roomSecret } from '../janus/janus-rooms.js';
import { callingCodeAllowed } from '../limits.js';
import { ProviderRefused, type OutgoingMessage } from '../senders.js';
import type { Versioned } from '../store/contract.js';
import { agentView, guestUrl } from './answers.js';
import type { Answer, Deps } from './deps.js';
import { newInvitation } from './invitations.js';
import { mutate } from './mutate.js';
import { blankHistory, type DeliveryRecord, type EscalationRecord, type ExpertRecord } from './records.js';
import { afterClose, stopBeforeDestroy, stopForNewCustomer, withdrawForNewCustomer } from './recording-news.js';
import { stopAtClose } from './recording-state.js';
import { phone } from './schemas.js';
import { withdrawRequestsOf } from '../pool/withdraw.js';

export interface CreateInput {
  interaction: Interaction;
  delivery: LinkDelivery;
  mode: 'voice' | 'chat';
  /** A consult (consult.ts): agent and experts only. */
  consult?: boolean | undefined;
}

const CLOSE_REASONS = new Set<string>([...END_REASONS, ...FALLBACK_REASONS]);
/** How long a second tab waits for the first one's room to be made. */
const WAIT_FOR_CREATE_MS = 15_000;

export class AgentOperations {
  constructor(private readonly deps: Deps) {}

  /**
   * One live escalation per interaction (the store holds it to that, across instances): its own
   * agent (a second tab, a double click) gets the same one back, if it is of the kind asked for
   * (a consult or a customer's call); anyone else is refused and learns nothing of it.
   */
  async create(principal: OwnerPrincipal, input: CreateInput, createScope: string): Promise<Answer> {
    const { deps } = this;
    if (await deps.store.createCancelled(createScope))
      throw new HttpError('conflict', 'this request was cancelled before it arrived');
    const record = this.newRecord(principal, input, createScope, await this.placeRoom());
    for (;;) {
      const added = await deps.store.insert(record);
      if (added.inserted) break;
      if (added.live.value.owner !== ownerId(principal))
        throw new HttpError('conflict', 'this interaction already has a live video escalation, started by someone else');
      checkSameKind(added.live.value, input.consult === true);
      const ready = await this.whenMade(added.live);
      if (ready) return { status: 200, body: agentView(deps, ready) };
      // The other attempt failed and was taken back: this one makes it.
    }
    const rooms = deps.janus.member(record.room.server).rooms;
    try {
      await rooms.create(record.room, [record.room.hostToken]);
    } catch (error) {
      await deps.store.remove(record.id);
      throw error;
    }
    // The agent cancelled while the room was being made: it must not outlive the cancel.
    if (await deps.store.createCancelled(createScope)) {
      await rooms.destroy(record.room);
      await deps.store.remove(record.id);
      throw new HttpError('conflict', 'this request was cancelled while it ran');
    }
    let made: EscalationRecord;
    try {
      ({ record: made } = await mutate(deps.store, record.id, (current) => {
        // Cancelled by its key while the room was being made: it stays closed.
        if (current.status !== 'creating') throw new HttpError('conflict', 'this request was cancelled while it ran');
        current.status = 'active';
      }));
    } catch (error) {
      await rooms.destroy(record.room).catch(() => undefined);
      throw error;
    }
    deps.log.info(
      { escalation: made.id, tenant: made.tenant, by: made.owner },
      isConsult(made) ? 'consult created' : 'escalation created',
    );
    return { status: 201, body: agentView(deps, made) };
  }

  /** Takes over the escalation a contact-center flow started for this agent's interaction. */
  claim(principal: OwnerPrincipal, interactionId: string): Promise<Answer> {
    return claimEscalation(this.deps, principal, interactionId, (live) => this.whenMade(live));
  }

  /** The escalation once its room is made; undefined if its making failed. */
  private async whenMade(live: Versioned<EscalationRecord>): Promise<EscalationRecord | undefined> {
    const giveUpAt = Date.now() + WAIT_FOR_CREATE_MS;
    let current: Versioned<EscalationRecord> | undefined = live;
    while (current?.value.status === 'creating') {
      if (Date.now() > giveUpAt)
        throw new HttpError('unavailable', 'the room for this interaction is still being made; try again');
      await new Promise((resolve) => setTimeout(resolve, 50));
      current = await this.deps.store.get(live.value.id);
    }
    return current?.value.status === 'active' ? current.value : undefined;
  }

  /** The live Janus server with the fewest live rooms (counted in the store, all instances included). */
  private async placeRoom(): Promise<string> {
    const load = new Map<string, number>();
    for (const record of await this.deps.store.live()) {
      const server = this.deps.janus.member(record.room.server).id;
      load.set(server, (load.get(server) ?? 0) + 1);
    }
    return this.deps.janus.pick(load).id;
  }

  private newRecord(
    principal: OwnerPrincipal,
    { interaction, delivery, mode, consult }: CreateInput,
    createScope: string,
    server: string,
  ): EscalationRecord {
    const { deps } = this;
    const now = deps.now();
    const room = randomJanusId();
    // A consult sends nothing to the customer: what its delivery names is not kept.
    const given = {
      sms: !consult && delivery.channel === 'sms' ? delivery.to : undefined,
      email: !consult && delivery.channel === 'email' ? delivery.to : undefined,
    };
    const own = { sms: interaction.customerPhone ?? null, email: interaction.customerEmail ?? null };
    return {
      id: randomUUID(),
      tenant: principal.tenant,
      owner: ownerId(principal),
      ...(principal.kind === 'agent' && principal.name ? { agentName: principal.name } : {}),
      createScope,
      interaction,
      mode,
      destination: { sms: given.sms ?? own.sms, email: given.email ?? own.email },
      // Another number or address than the interaction's, given at the start, is a change too.
      destinationChanges: (['sms', 'email'] as const)
        .filter((channel) => given[channel] !== undefined && given[channel] !== own[channel])
        .map((channel) => ({ channel, from: own[channel], to: given[channel]!, by: ownerId(principal), at: now })),
      room: {
        room,
        secret: roomSecret(deps.janus.tokenSecret, room),
        agentId: randomJanusId(),
        hostToken: mintJanusToken({
          secret: deps.janus.tokenSecret,
          plugins: [VIDEOROOM],
          ttlSeconds: deps.limits.roomTokenTtlSeconds,
        }),
        server,
      },
      guest: (consult ? noCustomerInvitation : newInvitation)(now + deps.limits.codeTtlSeconds * 1000),
      status: 'creating',
      createdAt: now,
      ...blankHistory(),
      ...(consult ? { consult: true } : {}),
    };
  }

  /**
   * Sends the link. SMS and e-mail go to the interaction's own number or address; the agent may
   * give another one (the customer asked), which is logged against them. Capped per escalation,
   * throttled per agent and per tenant, SMS only to the allowed country calling codes.
   */
  async deliver(principal: OwnerPrincipal, escalation: EscalationRecord, delivery: LinkDelivery): Promise<Answer> {
    const { deps } = this;
    refuseLinkOfConsult(escalation);
    const by = ownerId(principal);
    if (delivery.channel === 'chat' || delivery.channel === 'host') {
      const channel = delivery.channel;
      await mutate(deps.store, escalation.id, (record) => {
        ensureActive(record);
        record.deliveries.push({
          id: randomUUID(),
          purpose: 'link',
          channel,
          to: null,
          status: 'handed-to-host',
          by,
          at: deps.now(),
        });
      });
      return { status: 200, body: { channel, status: 'handed-to-host' } };
    }
    const channel = delivery.channel;
    const entryId = randomUUID();
    // The allowance is checked and taken in one write, so concurrent sends cannot pass it together.
    const { record, result: to } = await mutate(deps.store, escalation.id, (record) => {
      ensureActive(record);
      const current = record.destination[channel];
      const to = delivery.to ?? current;
      if (!to)
        throw new HttpError(
          'bad-request',
          `this interaction has no ${channel === 'sms' ? 'phone number' : 'e-mail address'}: give delivery.to`,
        );
      if (channel === 'sms') this.checkCallingCode(to);
      // A failed send counts too: the provider may have sent it before it failed.
      const attempts = record.deliveries.filter((entry) => entry.purpose === 'link' && entry.status !== 'handed-to-host').length;
      if (attempts >= deps.limits.deliveriesPerEscalation) {
        throw new HttpError(
          'limit-reached',
          `this escalation has sent its link ${attempts} times, the most it may; read the code out instead`,
        );
      }
      record.deliveries.push({ id: entryId, purpose: 'link', channel, to, status: 'sending', by, at: deps.now() });
      if (to !== current) {
        record.destinationChanges.push({ channel, from: current, to, by, at: deps.now() });
        record.destination[channel] = to;
      }
      return to;
    });
    if (record.destinationChanges.at(-1)?.to === to && record.destinationChanges.at(-1)?.by === by)
      deps.log.info({ escalation: record.id, by, channel }, 'link destination changed by the agent');
    try {
      await this.takeSendAllowance(principal);
    } catch (error) {
      await mutate(deps.store, record.id, (latest) => {
        latest.deliveries = latest.deliveries.filter((entry) => entry.id !== entryId);
      });
      throw error;
    }
    const text = `Your agent invites you to a video call: ${guestUrl(deps, record.guest)} (code ${formatCode(record.guest.code)})`;
    await this.send(record.id, { channel, to, text }, entryId);
    return { status: 200, body: { channel, status: 'sent' } };
  }

  /**
   * Before a resend: a new code and link when the current ones can no longer let the customer in
   * (expired, already redeemed, or the customer asked), else the same. Whoever redeemed the old
   * one is taken off the room's allow-list and put out; their token stops working; what they
   * agreed to (or were asked) about recording does not carry over to the next one.
   */
  async renew(escalation: EscalationRecord): Promise<Answer> {
    const { deps } = this;
    const spent = (record: EscalationRecord) =>
      record.newLinkAsked || record.guest.redeemedBy !== null || deps.now() > record.guest.expiresAt;
    refuseLinkOfConsult(escalation);
    ensureActive(escalation);
    if (!spent(escalation)) return { status: 200, body: agentView(deps, escalation) };
    const old = escalation.guest;
    // Put out first: if Janus does not answer, nothing has changed and a retry renews.
    if (old.janusToken)
      await deps.janus
        .member(escalation.room.server)
        .rooms.revoke(escalation.room, [old.janusToken], old.participantId ? [old.participantId] : []);
    const { record, result: replaced } = await mutate(deps.store, escalation.id, (record) => {
      ensureActive(record);
      // Renewed by another request meanwhile: that renewal stands.
      if (record.generation !== escalation.generation || !spent(record)) return undefined;
      const previous = record.guest;
      record.retired.push(previous.code, previous.linkToken);
      // What they were recorded as (if anything) stays the customer's.
      if (previous.participantId !== null) (record.formerGuestIds ??= []).push(previous.participantId);
      record.guest = newInvitation(deps.now() + deps.limits.codeTtlSeconds * 1000);
      record.generation += 1;
      record.newLinkAsked = false;
      withdrawForNewCustomer(record, deps.now());
      return previous;
    });
    if (replaced) await stopForNewCustomer(deps, escalation, record);
    // The old code as it was when replaced: redeemed meanwhile, its holder is put out too. (A
    // redeem still under way sees the new generation and takes itself back.)
    if (replaced?.janusToken && replaced.janusToken !== old.janusToken) {
      await deps.janus
        .member(record.room.server)
        .rooms.revoke(record.room, [replaced.janusToken], replaced.participantId ? [replaced.participantId] : []);
    }
    return { status: 200, body: agentView(deps, record) };
  }

  /** An expert gets a code and link of their own (single use, expiring), by SMS or e-mail. */
  async inviteExpert(
    principal: OwnerPrincipal,
    escalation: EscalationRecord,
    invite: { address: string; name?: string | undefined; shareCase?: boolean | undefined },
  ): Promise<Answer> {
    const { deps } = this;
    const channel = invite.address.startsWith('+') ? 'sms' : 'email';
    if (channel === 'sms') {
      const checked = phone('address').safeParse(invite.address);
      if (!checked.success) throw new HttpError('bad-request', checked.error.issues[0]!.message);
      this.checkCallingCode(invite.address);
    } else if (!EMAIL.test(invite.address)) {
      throw new HttpError('bad-request', 'address must be an E.164 phone number or an e-mail address');
    }
    const by = ownerId(principal);
    const expert: ExpertRecord = {
      id: randomUUID(),
      name: invite.name ?? 'Expert',
      address: invite.address,
      invitedAt: deps.now(),
      shareCase: invite.shareCase === true,
      ...newInvitation(deps.now() + deps.limits.codeTtlSeconds * 1000),
    };
    const entryId = randomUUID();
    // Checked and taken in one write, as link sends are.
    await mutate(deps.store, escalation.id, (record) => {
      ensureActive(record);
      // Invites by address are what is sent; experts rung from the pool have allowances of their own.
      const invited = record.experts.filter((candidate) => !candidate.pool).length;
      if (invited >= deps.limits.expertInvitesPerEscalation) {
        throw new HttpError('limit-reached', `this escalation has invited ${invited} experts, the most it may`);
      }
      record.experts.push(expert);
      record.deliveries.push({
        id: entryId,
        purpose: 'expert',
        channel,
        to: invite.address,
        status: 'sending',
        by,
        at: deps.now(),
      });
    });
    try {
      await this.takeSendAllowance(principal);
    } catch (error) {
      await mutate(deps.store, escalation.id, (record) => {
        record.experts = record.experts.filter((candidate) => candidate.id !== expert.id);
        record.deliveries = record.deliveries.filter((entry) => entry.id !== entryId);
      });
      throw error;
    }
    const url = guestUrl(deps, expert);
    const call = isConsult(escalation) ? 'a video consult with the agent' : 'a customer video call as the expert';
    await this.send(
      escalation.id,
      { channel, to: invite.address, text: `You are invited to join ${call}: ${url} (code ${formatCode(expert.code)})` },
      entryId,
    );
    const invitation: ExpertInvitation = { id: expert.id, code: formatCode(expert.code), url, expiresAt: expert.expiresAt };
    return { status: 200, body: invitation };
  }

  /** Destroys the room; every code and media token stops letting anyone in. Closing twice is fine. */
  /**
   * Takes an expert out of the call, or withdraws an invite not yet used: off the room's
   * allow-list and put out first (if Janus does not answer, nothing changed and a retry removes),
   * then their code, link and token stop working. The agent's page hears that the expert left.
   */
  async removeExpert(escalation: EscalationRecord, expertId: string): Promise<Answer> {
    const expert = escalation.experts.find((candidate) => candidate.id === expertId);
    if (!expert) throw new HttpError('not-found', 'this escalation has no such expert');
    if (expert.removedAt !== undefined || escalation.status !== 'active') return { status: 204, body: undefined };
    if (expert.janusToken)
      await this.deps.janus
        .member(escalation.room.server)
        .rooms.revoke(escalation.room, [expert.janusToken], expert.participantId ? [expert.participantId] : []);
    const { result: latest } = await mutate(this.deps.store, escalation.id, (record) => {
      const current = record.experts.find((candidate) => candidate.id === expertId)!;
      current.removedAt = this.deps.now();
      return { ...current };
    });
    // Redeemed while this ran: that way in is put out too (the redeem sees the removal and gives up).
    if (latest.janusToken && latest.janusToken !== expert.janusToken)
      await this.deps.janus
        .member(escalation.room.server)
        .rooms.revoke(escalation.room, [latest.janusToken], latest.participantId ? [latest.participantId] : [])
        .catch(() => undefined);
    if (latest.redeemedBy !== null) await this.deps.hub.send(escalation.id, 'expert', 'left');
    return { status: 204, body: undefined };
  }

  async close(escalation: EscalationRecord, reason: string): Promise<Answer> {
    checkCloseReason(reason);
    if (escalation.status !== 'active') return { status: 204, body: undefined };
    await stopBeforeDestroy(this.deps, escalation);
    await this.deps.janus.member(escalation.room.server).rooms.destroy(escalation.room);
    const { record } = await mutate(this.deps.store, escalation.id, (latest) => {
      if (latest.status === 'active') markClosed(latest, reason as CloseReason, this.deps.now(), this.deps.redaction);
    });
    await afterClose(this.deps, escalation, record);
    await withdrawRequestsOf(this.deps, record).catch((error: unknown) =>
      this.deps.log.warn({ escalation: escalation.id, err: error }, 'requests for an expert could not be withdrawn yet'),
    );
    // Stills the agent did not keep for the case end with the call (or at the lifecycle's next round).
    await this.deps.store
      .removeUnkeptSnapshots(escalation.id)
      .catch((error: unknown) =>
        this.deps.log.warn({ escalation: escalation.id, err: error }, 'stills not kept could not be removed yet'),
      );
    // The call moved to another server meanwhile (its first one died): that room goes too.
    if (this.deps.janus.member(record.room.server).id !== this.deps.janus.member(escalation.room.server).id) {
      await this.deps.janus.member(record.room.server).rooms.destroy(record.room);
    }
    return { status: 204, body: undefined };
  }

  /** Closes what a create call with this scoped key made; if it has not arrived, it never will. */
  async closeByKey(principal: OwnerPrincipal, createScope: string, reason: string): Promise<Answer> {
    checkCloseReason(reason);
    await this.deps.store.cancelCreate(createScope, this.deps.now());
    const made = await this.deps.store.byCreateScope(createScope);
    // Made by this caller's key, but an agent claimed it since (a flow's): it is the agent's to end.
    if (made && made.value.owner !== ownerId(principal)) return { status: 204, body: undefined };
    if (made?.value.status === 'creating') {
      // Still being made: closed now, so the create, when it ends, finds it so and takes its room back.
      await mutate(this.deps.store, made.value.id, (latest) => {
        if (latest.status === 'creating') markClosed(latest, reason as CloseReason, this.deps.now(), this.deps.redaction);
      });
      return { status: 204, body: undefined };
    }
    if (made) return this.close(made.value, reason);
    return { status: 204, body: undefined };
  }

  private checkCallingCode(phoneNumber: string): void {
    if (!callingCodeAllowed(phoneNumber, this.deps.limits.smsCallingCodes)) {
      throw new HttpError('destination-not-allowed', 'this service does not send SMS to that country calling code');
    }
  }

  private async takeSendAllowance(principal: OwnerPrincipal): Promise<void> {
    const { throttles } = this.deps;
    await throttles.sendsPerAgent.take(ownerId(principal), 'this agent has sent too many messages; wait before sending more');
    await throttles.sendsPerTenant.take(
      principal.tenant,
      'this contact center has sent too many messages; wait before sending more',
    );
  }

  /** Sends one message and records how it went on its delivery entry (a link send, or an expert invite's). */
  private async send(escalationId: string, message: OutgoingMessage, entryId: string): Promise<void> {
    const { deps } = this;
    let failure: unknown;
    try {
      await deps.send(message);
    } catch (error) {
      failure = error;
      deps.log.warn({ escalation: escalationId, channel: message.channel, err: error }, 'a message could not be sent');
    }
    await mutate(deps.store, escalationId, (record) => {
      const entry: DeliveryRecord | undefined = record.deliveries.find((candidate) => candidate.id === entryId);
      if (!entry) return;
      entry.status = failure === undefined ? 'sent' : 'failed';
      entry.at = deps.now();
      if (failure !== undefined) entry.error = failure instanceof Error ? failure.message : String(failure);
    });
    if (failure === undefined) return;
    // The provider's answer may be told; nothing else of ours (paths, hosts) is.
    const why = failure instanceof ProviderRefused ? failure.message : `the ${message.channel} sender failed`;
    throw new HttpError('delivery-failed', `the ${message.channel} could not be sent: ${why}`);
  }
}

function checkCloseReason(reason: string): void {
  if (!CLOSE_REASONS.has(reason)) throw new HttpError('bad-request', `reason must be one of ${[...CLOSE_REASONS].join(', ')}`);
}

export function ensureActive(record: EscalationRecord): void {
  if (record.status !== 'active') throw new HttpError('conflict', 'this escalation has ended');
}

/**
 * Closed: recording stops with the call, and from now on it is kept, so the case's free text is
 * kept masked (card numbers, IBANs, ids, e-mail addresses, phone numbers). The interaction's own number and address stay in
 * `destination` until the retention purge, for the agent's callback.
 */
export function markClosed(record: EscalationRecord, reason: CloseReason, now: number, rules: RedactionRules): void {
  record.status = 'closed';
  record.closedAt = now;
  record.closeReason = reason;
  stopAtClose(record, now);
  const { caseNumber, issue, notes } = record.interaction;
  const texts: Record<string, string> = Object.fromEntries(
    Object.entries({ caseNumber, issue, notes }).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
  Object.assign(record.interaction, redactFields(texts, rules).fields);
}
