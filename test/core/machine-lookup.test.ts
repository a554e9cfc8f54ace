// When the task reaches the agent, the escalation looks for one a contact-center flow started:
// found, it carries on from where that stands; not found (or the lookup failed), a request the
// agent made meanwhile is made then, not lost.
import { expect } from '@open-wc/testing';
import { createActor, fromPromise, waitFor } from 'xstate';
import {
  escalationMachine,
  selectPhase,
  type ClaimEscalationInput,
  type CreateEscalationInput,
} from '../../src/core/machine/index.js';
import type { ClaimedEscalation, Escalation } from '../../src/core/machine/types.js';
import { fakeEscalation, interaction } from '../support/machine-harness.js';

function lookingUp(claim: () => Promise<ClaimedEscalation | null>) {
  const created: string[] = [];
  const machine = escalationMachine.provide({
    actors: {
      claimEscalation: fromPromise<ClaimedEscalation | null, ClaimEscalationInput>(claim),
      createEscalation: fromPromise<Escalation, CreateEscalationInput>(async ({ input }) => {
        created.push(input.interaction.id);
        return new Promise<Escalation>(() => undefined);
      }),
    },
  });
  const actor = createActor(machine, { input: {} }).start();
  actor.send({ type: 'LOOK_UP', interaction });
  return { actor, created };
}

const later = <T>(value: T, ms = 50): Promise<T> => new Promise<T>((resolve) => setTimeout(() => resolve(value), ms));

describe('escalation machine: picking up what a flow started', () => {
  it('takes the agent back into their own consult after a reload without its saved state, not into a customer call', async () => {
    const consult = { ...fakeEscalation('consult-1'), guestCode: '', guestUrl: '', consult: true };
    const { actor, created } = lookingUp(() => later({ escalation: consult, mode: 'voice', delivery: null, guestStep: null }));
    await waitFor(actor, (snapshot) => selectPhase(snapshot) !== 'idle' && !snapshot.matches('lookingUp'));
    const snapshot = actor.getSnapshot();
    expect(snapshot.matches({ consulting: 'open' })).to.equal(true);
    expect(snapshot.context.consult).to.deep.include({ escalation: consult, open: true });
    expect(created).to.deep.equal([]);
  });

  it('takes over a found escalation where it stands, the link as the flow sent it', async () => {
    const { actor, created } = lookingUp(() =>
      later({
        escalation: fakeEscalation('flow-1'),
        mode: 'voice',
        delivery: { channel: 'sms', to: '+15551231234' },
        guestStep: 'opened',
      }),
    );
    await waitFor(actor, (snapshot) => selectPhase(snapshot) === 'linkSent');
    const { context } = actor.getSnapshot();
    expect([context.escalation!.id, context.delivery, context.guestStep]).to.deep.equal([
      'flow-1',
      { channel: 'sms', to: '+15551231234' },
      'opened',
    ]);
    expect(actor.getSnapshot().matches({ inRoom: { linkSent: { delivery: 'sent' } } }), 'no second link').to.equal(true);
    expect(created).to.deep.equal([]);
    actor.stop();
  });

  it('makes a request the agent made while it looked, once nothing was found', async () => {
    const { actor, created } = lookingUp(() => later(null));
    actor.send({ type: 'REQUEST', interaction, delivery: { channel: 'chat' } });
    expect(selectPhase(actor.getSnapshot()), 'still looking').to.equal('idle');
    await waitFor(actor, (snapshot) => selectPhase(snapshot) === 'requested');
    expect(created).to.deep.equal([interaction.id]);
    actor.stop();
  });

  it('makes it too when the lookup failed', async () => {
    const { actor, created } = lookingUp(() => later(null).then(() => Promise.reject(new Error('service down'))));
    actor.send({ type: 'REQUEST', interaction, delivery: { channel: 'chat' } });
    await waitFor(actor, (snapshot) => selectPhase(snapshot) === 'requested');
    expect(created).to.deep.equal([interaction.id]);
    actor.stop();
  });
});
