// What an agent (or a contact-center flow) does with its escalations: create one per interaction,
// send the link, renew a spent code, invite an expert, close. Callers reach these only after
// authentication and the ownership check.
import { randomBytes, randomUUID } from 'node:crypto';
import { EMAIL, END_REASONS, FALLBACK_REASONS, formatCode, type CloseReason, type ExpertInvitation, type Interaction, type LinkDelivery } from '../../../src/protocol/index.js';
import { ownerId, type OwnerPrincipal } from '../auth/principals.js';
import { HttpError } from '../http/http-error.js';
import { mintJanusToken, VIDEOROOM } from '../janus/janus-token.js';
import { randomJanusId } from '../janus/janus-rooms.js';
import { callingCodeAllowed } from '../limits.js';
import { ProviderRefused, type OutgoingMessage } from '../senders.js';
import { agentView, guestUrl } from './answers.js';
import type { Answer, Deps } from './deps.js';
import { newInvitation } from './invitations.js';
import type { DeliveryRecord, EscalationRecord, ExpertRecord } from './records.js';
import { phone } from './schemas.js';

export interface CreateInput {
  interaction: Interaction;
  delivery: LinkDelivery;
  mode: 'voice' | 'chat';
}

const CLOSE_REASONS = new Set<string>([...END_REASONS, ...FALLBACK_REASONS]);

export class AgentOperations {
  /** Creates under way, per tenant and interaction: a double click waits for the first. */
  private readonly creating = new Map<string, Promise<Answer>>();

  constructor(private readonly deps: Deps) {}

  /**
   * One live escalation per interaction: its own agent (a second tab, a double click) gets the
   * same one back; anyone else is refused and learns nothing of it.
   */
  async create(principal: OwnerPrincipal, input: CreateInput, createScope: string): Promise<Answer> {
    const { store } = this.deps;
    if (store.cancelledCreates.has(createScope)) throw new HttpError('conflict', 'this request was cancelled before it arrived');
    const key = `${principal.tenant}\n${input.interaction.id}`;
    await this.creating.get(key)?.catch(() => undefined);
    const live = store.liveFor(principal.tenant, input.interaction.id);
    if (live) {
      if (live.owner !== ownerId(principal)) throw new HttpError('conflict', 'this interaction already has a live video escalation, started by someone else');
      return { status: 200, body: agentView(this.deps, live) };
    }
    const work = this.make(principal, input, createScope);
    this.creating.set(key, work);
    try {
      return await work;
    } finally {
      this.creating.delete(key);
    }
  }

  private async make(principal: OwnerPrincipal, { interaction, delivery, mode }: CreateInput, createScope: string): Promise<Answer> {
    const { deps } = this;
    const now = deps.now();
    const room = {
      room: randomJanusId(),
      secret: randomBytes(16).toString('hex'),
      agentId: randomJanusId(),
      hostToken: mintJanusToken({ secret: deps.janus.tokenSecret, plugins: [VIDEOROOM], ttlSeconds: deps.limits.roomTokenTtlSeconds }),
    };
    await deps.rooms.create(room, [room.hostToken]);
    // The agent cancelled while the room was being made: it must not outlive the cancel.
    if (deps.store.cancelledCreates.has(createScope)) {
      await deps.rooms.destroy(room);
      throw new HttpError('conflict', 'this request was cancelled while it ran');
    }
    const given = { sms: delivery.channel === 'sms' ? delivery.to : undefined, email: delivery.channel === 'email' ? delivery.to : undefined };
    const own = { sms: interaction.customerPhone ?? null, email: interaction.customerEmail ?? null };
    const record: EscalationRecord = {
      id: randomUUID(),
      tenant: principal.tenant,
      owner: ownerId(principal),
      createScope,
      interaction,
      mode,
      destination: { sms: given.sms ?? own.sms, email: given.email ?? own.email },
      // Another number or address than the interaction's, given at the start, is a change too.
      destinationChanges: (['sms', 'email'] as const)
        .filter((channel) => given[channel] !== undefined && given[channel] !== own[channel])
        .map((channel) => ({ channel, from: own[channel], to: given[channel]!, by: ownerId(principal), at: now })),
      room,
      guest: newInvitation(now + deps.limits.codeTtlSeconds * 1000),
      generation: 1,
      retired: [],
      experts: [],
      status: 'active',
      createdAt: now,
      closedAt: null,
      closeReason: null,
      deliveries: [],
      progress: [],
      newLinkRequests: 0,
      refusedNewLinkRequests: 0,
      newLinkAsked: false,
      callback: null,
      rated: false,
    };
    deps.store.put(record);
    deps.log.info({ escalation: record.id, tenant: record.tenant, by: record.owner }, 'escalation created');
    return { status: 201, body: agentView(deps, record) };
  }

  /**
   * Sends the link. SMS and e-mail go to the interaction's own number or address; the agent may
   * give another one (the customer asked), which is logged against them. Capped per escalation,
   * throttled per agent and per tenant, SMS only to the allowed country calling codes.
   */
  async deliver(principal: OwnerPrincipal, record: EscalationRecord, delivery: LinkDelivery): Promise<Answer> {
    const { deps } = this;
    ensureActive(record);
    const by = ownerId(principal);
    if (delivery.channel === 'chat' || delivery.channel === 'host') {
      record.deliveries.push({ purpose: 'link', channel: delivery.channel, to: null, status: 'handed-to-host', by, at: deps.now() });
      deps.store.put(record);
      return { status: 200, body: { channel: delivery.channel, status: 'handed-to-host' } };
    }
    const channel = delivery.channel;
    const current = record.destination[channel];
    const to = delivery.to ?? current;
    if (!to) throw new HttpError('bad-request', `this interaction has no ${channel === 'sms' ? 'phone number' : 'e-mail address'}: give delivery.to`);
    if (channel === 'sms') this.checkCallingCode(to);
    // Counted and reserved before any wait, so concurrent sends cannot pass the cap together. A
    // failed send counts too: the provider may have sent it before it failed.
    const attempts = record.deliveries.filter((entry) => entry.purpose === 'link' && entry.status !== 'handed-to-host').length;
    if (attempts >= deps.limits.deliveriesPerEscalation) {
      throw new HttpError('limit-reached', `this escalation has sent its link ${attempts} times, the most it may; read the code out instead`);
    }
    const entry: DeliveryRecord = { purpose: 'link', channel, to, status: 'sending', by, at: deps.now() };
    record.deliveries.push(entry);
    await this.takeSendAllowance(principal).catch((error: unknown) => {
      record.deliveries.splice(record.deliveries.indexOf(entry), 1);
      throw error;
    });
    if (to !== current) {
      record.destinationChanges.push({ channel, from: current, to, by, at: deps.now() });
      record.destination[channel] = to;
      deps.log.info({ escalation: record.id, by, channel }, 'link destination changed by the agent');
    }
    const text = `Your agent invites you to a video call: ${guestUrl(deps, record.guest)} (code ${formatCode(record.guest.code)})`;
    await this.send(record, entry, text);
    return { status: 200, body: { channel, status: 'sent' } };
  }

  /**
   * Before a resend: a new code and link when the current ones can no longer let the customer in
   * (expired, already redeemed, or the customer asked), else the same. Whoever redeemed the old
   * one is taken off the room's allow-list and put out; their token stops working.
   */
  async renew(record: EscalationRecord): Promise<Answer> {
    const { deps } = this;
    ensureActive(record);
    const old = record.guest;
    if (record.newLinkAsked || old.redeemedBy || deps.now() > old.expiresAt) {
      // Put out first: if Janus does not answer, nothing has changed and a retry renews.
      if (old.janusToken) await deps.rooms.revoke(record.room, [old.janusToken], old.participantId ? [old.participantId] : []);
      record.retired.push(old.code, old.linkToken);
      record.guest = newInvitation(deps.now() + deps.limits.codeTtlSeconds * 1000);
      record.generation += 1;
      record.newLinkAsked = false;
      deps.store.put(record);
    }
    return { status: 200, body: agentView(deps, record) };
  }

  /** An expert gets a code and link of their own (single use, expiring), by SMS or e-mail. */
  async inviteExpert(principal: OwnerPrincipal, record: EscalationRecord, invite: { address: string; name?: string | undefined }): Promise<Answer> {
    const { deps } = this;
    ensureActive(record);
    const channel = invite.address.startsWith('+') ? 'sms' : 'email';
    if (channel === 'sms') {
      const checked = phone('address').safeParse(invite.address);
      if (!checked.success) throw new HttpError('bad-request', checked.error.issues[0]!.message);
      this.checkCallingCode(invite.address);
    } else if (!EMAIL.test(invite.address)) {
      throw new HttpError('bad-request', 'address must be an E.164 phone number or an e-mail address');
    }
    if (record.experts.length >= deps.limits.expertInvitesPerEscalation) {
      throw new HttpError('limit-reached', `this escalation has invited ${record.experts.length} experts, the most it may`);
    }
    const by = ownerId(principal);
    const expert: ExpertRecord = { id: randomUUID(), name: invite.name ?? 'Expert', address: invite.address, invitedAt: deps.now(), ...newInvitation(deps.now() + deps.limits.codeTtlSeconds * 1000) };
    // Reserved before any wait, as link sends are.
    record.experts.push(expert);
    const entry: DeliveryRecord = { purpose: 'expert', channel, to: invite.address, status: 'sending', by, at: deps.now() };
    await this.takeSendAllowance(principal).catch((error: unknown) => {
      record.experts.splice(record.experts.indexOf(expert), 1);
      throw error;
    });
    deps.store.put(record);
    const url = guestUrl(deps, expert);
    await this.send(record, entry, `You are invited to join a customer video call as the expert: ${url} (code ${formatCode(expert.code)})`);
    const invitation: ExpertInvitation = { code: formatCode(expert.code), url, expiresAt: expert.expiresAt };
    return { status: 200, body: invitation };
  }

  /** Destroys the room; every code and media token stops letting anyone in. Closing twice is fine. */
  async close(record: EscalationRecord, reason: string): Promise<Answer> {
    checkCloseReason(reason);
    if (record.status === 'active') {
      await this.deps.rooms.destroy(record.room);
      markClosed(record, reason as CloseReason, this.deps.now());
      this.deps.store.put(record);
    }
    return { status: 204, body: undefined };
  }

  /** Closes what a create call with this scoped key made; if it has not arrived, it never will. */
  async closeByKey(createScope: string, reason: string): Promise<Answer> {
    checkCloseReason(reason);
    const record = this.deps.store.byCreateScope(createScope);
    if (record) return this.close(record, reason);
    this.deps.store.cancelledCreates.set(createScope, this.deps.now());
    this.deps.store.save();
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
    await throttles.sendsPerTenant.take(principal.tenant, 'this contact center has sent too many messages; wait before sending more');
  }

  /** Sends one message and records how it went on `entry` (a link send, or an expert invite's). */
  private async send(record: EscalationRecord, entry: DeliveryRecord, text: string): Promise<void> {
    const { deps } = this;
    if (!record.deliveries.includes(entry)) record.deliveries.push(entry);
    const channel = entry.channel as OutgoingMessage['channel'];
    try {
      await deps.send({ channel, to: entry.to!, text });
      entry.status = 'sent';
    } catch (error) {
      entry.status = 'failed';
      entry.error = error instanceof Error ? error.message : String(error);
      deps.log.warn({ escalation: record.id, channel, err: error }, 'a message could not be sent');
      // The provider's answer may be told; nothing else of ours (paths, hosts) is.
      const why = error instanceof ProviderRefused ? error.message : `the ${channel} sender failed`;
      throw new HttpError('delivery-failed', `the ${channel} could not be sent: ${why}`);
    } finally {
      entry.at = deps.now();
      deps.store.put(record);
    }
  }
}

function checkCloseReason(reason: string): void {
  if (!CLOSE_REASONS.has(reason)) throw new HttpError('bad-request', `reason must be one of ${[...CLOSE_REASONS].join(', ')}`);
}

export function ensureActive(record: EscalationRecord): void {
  if (record.status !== 'active') throw new HttpError('conflict', 'this escalation has ended');
}

export function markClosed(record: EscalationRecord, reason: CloseReason, now: number): void {
  record.status = 'closed';
  record.closedAt = now;
  record.closeReason = reason;
}
