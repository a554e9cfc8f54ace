// A minimal consumer for element tests: shows the phase of the nearest escalation and counts
// how often it rendered.
import { ContextConsumer } from '@lit/context';
import { html, LitElement } from 'lit';
import { escalationActorContext } from '../../src/context.js';
import { ActorSelectorController } from '../../src/controllers/actor-selector-controller.js';
import { selectPhase } from '../../src/core/machine/selectors.js';

export class PhaseProbe extends LitElement {
  renders = 0;
  readonly phase = new ActorSelectorController(this, selectPhase);
  readonly consumer = new ContextConsumer(this, {
    context: escalationActorContext,
    subscribe: true,
    callback: (actor) => {
      this.phase.actor = actor;
    },
  });

  protected override render() {
    this.renders += 1;
    return html`<output>${this.phase.value ?? 'none'}</output>`;
  }

  get shown(): string {
    return this.renderRoot.querySelector('output')?.textContent ?? '';
  }
}

if (!customElements.get('phase-probe')) customElements.define('phase-probe', PhaseProbe);
