import { expect, fixture, html } from '@open-wc/testing';
import { fromPromise } from 'xstate';
import '../../src/define/escalation-context.js';
import { escalationMachine, type CreateEscalationInput, type Escalation } from '../../src/core/machine/index.js';
import type { EscalationContextElement } from '../../src/elements/escalation-context/escalation-context.js';
import '../support/phase-probe.js';
import type { PhaseProbe } from '../support/phase-probe.js';
import { instantService, smsRequest } from '../support/machine-harness.js';
import { until } from '../support/test-env.js';

const quickService = instantService();

const slowService = escalationMachine.provide({
  actors: {
    createEscalation: fromPromise<Escalation, CreateEscalationInput>(() => new Promise(() => undefined)),
  },
});

/** Counts live subscriptions on an actor, so a test can see that a removed element let go. */
function countSubscriptions(actor: { subscribe: (...args: never[]) => { unsubscribe(): void } }) {
  const counter = { live: 0 };
  const original = actor.subscribe.bind(actor);
  (actor as { subscribe: unknown }).subscribe = (...args: never[]) => {
    const subscription = original(...args);
    counter.live += 1;

    return {
      unsubscribe() {
        counter.live -= 1;

        subscription.unsubscribe();
      },
    };
  };
  return counter;
}

async function twoContexts() {
  const root = await fixture<HTMLDivElement>(html`<div>
    <escalation-context id="a" .machine=${slowService}><phase-probe></phase-probe></escalation-context>
    <escalation-context id="b" .machine=${slowService}></escalation-context>
  </div>`);
  const a = root.querySelector<EscalationContextElement>('#a')!;
  const b = root.querySelector<EscalationContextElement>('#b')!;
  const probe = root.querySelector<PhaseProbe>('phase-probe')!;
  // The contexts' statechart arrives after their first render.
  await Promise.all([a.updateComplete, b.updateComplete]);
  await probe.updateComplete;
  return { root, a, b, probe };
}

describe('ActorSelectorController', () => {
  it('shows the phase of the escalation it sits in', async () => {
    const { a, probe } = await twoContexts();
    expect(probe.shown).to.equal('idle');
    a.send(smsRequest);
    await probe.updateComplete;
    expect(probe.shown).to.equal('requested');
  });

  it('re-renders only when the selected slice changes', async () => {
    const el = await fixture<HTMLElement>(
      html`<escalation-context .machine=${quickService}><phase-probe></phase-probe></escalation-context>`,
    );
    const context = el as EscalationContextElement;
    const probe = el.querySelector<PhaseProbe>('phase-probe')!;
    context.send(smsRequest);
    await until('the link to be out', () => (probe.shown === 'linkSent' ? true : undefined));
    const before = probe.renders;
    // The customer's progress changes the snapshot's context, not its phase.
    context.send({ type: 'GUEST_PROGRESS', step: 'opened' });
    context.send({ type: 'GUEST_PROGRESS', step: 'checking-devices' });
    await probe.updateComplete;
    expect(context.actor!.getSnapshot().context.guestStep).to.equal('checking-devices');
    expect(probe.renders).to.equal(before);
    context.send({ type: 'GUEST_JOINED' });
    await probe.updateComplete;
    expect(probe.shown).to.equal('joined');
    expect(probe.renders).to.equal(before + 1);
  });

  it('follows the element when it moves to another escalation', async () => {
    const { a, b, probe } = await twoContexts();
    probe.phase.actor = undefined;
    const aSubs = countSubscriptions(a.actor!);
    probe.phase.actor = a.actor;
    expect(aSubs.live).to.equal(1);
    b.send(smsRequest);
    b.appendChild(probe);
    await probe.updateComplete;
    expect(probe.shown).to.equal('requested');
    // The old escalation no longer reaches it.
    const renders = probe.renders;
    a.send(smsRequest);
    a.send({ type: 'CANCEL' });
    await probe.updateComplete;
    expect(probe.renders).to.equal(renders);
    expect(probe.shown).to.equal('requested');
    expect(aSubs.live).to.equal(0);
  });

  it('lets go of the actor when the element is removed', async () => {
    const { a, probe } = await twoContexts();
    const actor = a.actor!;
    probe.phase.actor = undefined;
    const subs = countSubscriptions(actor);
    probe.phase.actor = actor;
    expect(subs.live).to.equal(1);
    await probe.updateComplete;
    probe.remove();
    expect(subs.live).to.equal(0);
    const renders = probe.renders;
    a.send(smsRequest);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(probe.renders).to.equal(renders);
    // Back in the page, it catches up with what happened while it was away.
    a.appendChild(probe);
    await probe.updateComplete;
    expect(probe.shown).to.equal('requested');
    expect(subs.live).to.equal(1);
  });
});
