// Runs the escalation machine with scripted service and media actors on simulated time, and
// records every call and every emitted announcement, so tests read like what happened.
import { createActor, fromCallback, fromPromise, SimulatedClock } from 'xstate';
import {
  escalationMachine,
  type CloseEscalationInput,
  type CreateEscalationInput,
  type DeliverLinkInput,
  type Escalation,
  type EscalationEmitted,
  type EscalationEvent,
  type EscalationInput,
  type ExpertInvitation,
  type InviteExpertInput,
  type RemoveExpertInput,
  type ProgressListenerInput,
  type RenewLinkInput,
  type RoomListenerInput,
} from '../../src/core/machine/index.js';

export type Outcome = 'ok' | 'fail' | 'hang';

export interface Script {
  /** Outcome of each createEscalation attempt in turn; the last one repeats. */
  create?: Outcome[];
  deliver?: Outcome[];
  /** Outcome of each renewLink before a resend (each success hands out a new code). */
  renew?: Outcome[];
  invite?: Outcome[];
  close?: Outcome[];
}

export function fakeEscalation(id = 'esc-1'): Escalation {
  return {
    id,
    host: { server: 'ws://127.0.0.1:8188', room: '1234', token: 'host-token' },
    guestCode: 'K7QM3PX',
    guestUrl: `https://video.example.test/join/K7QM3PX`,
    expiresAt: 900_000,
  };
}

export const interaction = {
  id: 'call-42',
  channel: 'voice' as const,
  customerName: 'Ada Customer',
  customerPhone: '+15551231234',
};

export const smsRequest: EscalationEvent = {
  type: 'REQUEST',
  interaction,
  delivery: { channel: 'sms', to: '+15551231234' },
};

function take(list: Outcome[] | undefined, index: number): Outcome {
  if (!list || list.length === 0) return 'ok';
  return list[Math.min(index, list.length - 1)]!;
}

async function play(outcome: Outcome, what: string): Promise<void> {
  if (outcome === 'fail') throw new Error(`${what} failed`);
  if (outcome === 'hang') await new Promise(() => undefined);
}

/** Idempotency keys as the service saw them, per call kind. */
export interface SeenKeys {
  create: string[];
  deliver: string[];
  invite: string[];
  close: string[];
}

export function scriptedMachine(
  script: Script,
  calls: string[],
  keys: SeenKeys = { create: [], deliver: [], invite: [], close: [] },
) {
  let creates = 0;
  let delivers = 0;
  let renewals = 0;
  let invites = 0;
  let closes = 0;
  let escalations = 0;
  return escalationMachine.provide({
    actors: {
      createEscalation: fromPromise<Escalation, CreateEscalationInput>(async ({ input }) => {
        // Logged as the n-th distinct key, so tests read "same request" (:0, :0) or "new request" (:1).
        if (!keys.create.includes(input.idempotencyKey)) keys.create.push(input.idempotencyKey);
        const consult = input.consult ? ':consult' : '';
        calls.push(`create:${input.interaction.id}:${keys.create.indexOf(input.idempotencyKey)}${consult}`);
        await play(take(script.create, creates++), 'create');
        escalations += 1;
        const made = fakeEscalation(`esc-${escalations}`);
        return input.consult ? { ...made, guestCode: '', guestUrl: '', consult: true } : made;
      }),
      deliverLink: fromPromise<void, DeliverLinkInput>(async ({ input }) => {
        keys.deliver.push(input.idempotencyKey);
        calls.push(`deliver:${input.delivery.channel}:${input.delivery.to ?? ''}`);
        await play(take(script.deliver, delivers++), 'deliver');
      }),
      renewLink: fromPromise<Escalation, RenewLinkInput>(async ({ input }) => {
        calls.push(`renew:${input.escalation.id}`);
        renewals += 1;
        await play(take(script.renew, renewals - 1), 'renew');
        const code = `NEWCOD${renewals}`;
        return { ...input.escalation, guestCode: code, guestUrl: `https://video.example.test/join/${code}` };
      }),
      inviteExpert: fromPromise<ExpertInvitation, InviteExpertInput>(async ({ input }) => {
        keys.invite.push(input.idempotencyKey);
        calls.push(`invite:${input.expert.address}`);
        await play(take(script.invite, invites++), 'invite');
        return { id: `expert-${invites}`, code: 'EXPERT123', url: 'https://video.example.test/join', expiresAt: 0 };
      }),
      removeExpert: fromPromise<void, RemoveExpertInput>(async ({ input }) => {
        calls.push(`remove-expert:${input.expertId}`);
      }),
      closeEscalation: fromPromise<void, CloseEscalationInput>(async ({ input }) => {
        keys.close.push(input.createKey);
        calls.push(`close:${input.escalation?.id ?? 'pending'}:${input.reason}`);
        await play(take(script.close, closes++), 'close');
      }),
      mediaSession: fromCallback<EscalationEvent, RoomListenerInput>(({ input }) => {
        calls.push(`media:join:${input.escalation.id}:${input.mode}`);
        return () => calls.push('media:leave');
      }),
      guestProgress: fromCallback<EscalationEvent, ProgressListenerInput>(({ input }) => {
        if (!input.escalation) return undefined;
        calls.push(`progress:listen:${input.escalation.id}`);
        return () => calls.push('progress:stop');
      }),
    },
  });
}

/** Lets resolved promises (service calls) deliver their results to the actor. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i += 1) await new Promise((resolve) => setTimeout(resolve, 0));
}

/** `actors`: more of the machine's effects, scripted by the test itself (they replace the harness's). */
export function startHarness(
  script: Script = {},
  input: EscalationInput = {},
  actors: Parameters<ReturnType<typeof scriptedMachine>['provide']>[0]['actors'] = {},
) {
  const calls: string[] = [];
  const keys: SeenKeys = { create: [], deliver: [], invite: [], close: [] };
  const emitted: EscalationEmitted[] = [];
  const clock = new SimulatedClock();
  const machine = scriptedMachine(script, calls, keys).provide({ actors });
  const actor = createActor(machine, { clock, input });
  actor.on('*', (event) => emitted.push(event));
  actor.start();
  return {
    actor,
    calls,
    keys,
    emitted,
    clock,
    machine,
    send: (event: EscalationEvent) => actor.send(event),
    /** Advances simulated time, then lets promises settle. */
    async advance(ms: number) {
      clock.increment(ms);
      await settle();
    },
    emittedOf<T extends EscalationEmitted['type']>(type: T) {
      return emitted.filter((event): event is Extract<EscalationEmitted, { type: T }> => event.type === type);
    },
    phases() {
      return emitted.filter((event) => event.type === 'stateChange').map((event) => (event as { to: string }).to);
    },
  };
}

export type Harness = ReturnType<typeof startHarness>;

/** Requests by SMS and waits until the link is out. */
export async function toLinkSent(harness: Harness): Promise<void> {
  harness.send(smsRequest);
  await settle();
}

/** Requests, then the guest joins. */
export async function toJoined(harness: Harness): Promise<void> {
  await toLinkSent(harness);
  harness.send({ type: 'GUEST_JOINED' });
  await settle();
}

/** A machine whose service answers at once and always says yes: for element tests. */
export function instantService(escalation: () => Escalation = () => fakeEscalation()) {
  return escalationMachine.provide({
    actors: {
      createEscalation: fromPromise<Escalation, CreateEscalationInput>(async () => escalation()),
      deliverLink: fromPromise<void, DeliverLinkInput>(async () => undefined),
      inviteExpert: fromPromise<ExpertInvitation, InviteExpertInput>(async () => ({
        id: 'expert-1',
        code: 'EXPERT123',
        url: 'https://video.example.test/join',
        expiresAt: 0,
      })),
      closeEscalation: fromPromise<void, CloseEscalationInput>(async () => undefined),
    },
  });
}
