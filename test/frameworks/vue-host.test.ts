// The tags inside a Vue 3 app, as an integrator writes it (a template, `isCustomElement`, camelCase
// property bindings, `@escalation-…` listeners): Vue sets the interaction and the statechart as
// properties, even a reactive interaction; its listeners receive the elements' typed events; the
// app sends task events through a template ref; a changed interaction reaches the element.
import { expect } from '@open-wc/testing';
import { createApp, nextTick, ref, type App } from 'vue';
import '../../src/define/all.js';
import type {} from '../../src/frameworks/vue.js';
import type { Interaction } from '../../src/core/machine/types.js';
import type { EscalationContextElement, EscalationLinkEvent, EscalationStateChangeEvent } from '../../src/index.js';
import { instantService } from '../support/machine-harness.js';
import { until } from '../support/test-env.js';

describe('inside Vue 3', () => {
  let app: App | undefined;
  let host: HTMLElement;
  beforeEach(() => {
    host = document.createElement('div');
    document.body.append(host);
  });
  afterEach(() => {
    app?.unmount();
    host.remove();
    localStorage.clear();
    sessionStorage.clear();
  });

  it('renders the tags with properties, hands Vue typed events, and takes task events from the app', async () => {
    const links: EscalationLinkEvent[] = [];
    const phases: string[] = [];
    const interaction = ref<Interaction>({ id: 'chat-vue', channel: 'chat', customerName: 'Ada' });
    const context = ref<EscalationContextElement | null>(null);
    const machine = instantService();
    app = createApp({
      setup: () => ({
        interaction,
        context,
        machine,
        onLink: (event: EscalationLinkEvent) => links.push(event),
        onState: (event: EscalationStateChangeEvent) => phases.push(event.detail.to),
      }),
      template: `<section class="desk">
        <escalation-context ref="context" :machine="machine" :interaction="interaction"
          @escalation-link="onLink" @escalation-state-change="onState">
          <escalate-button></escalate-button>
        </escalation-context>
      </section>`,
    });
    app.config.compilerOptions.isCustomElement = (tag) => tag.includes('-');
    app.mount(host);
    await nextTick();
    const element = host.querySelector<EscalationContextElement>('escalation-context')!;
    expect(context.value).to.equal(element);
    expect(element.interaction).to.deep.equal({ id: 'chat-vue', channel: 'chat', customerName: 'Ada' });
    expect(element.hasAttribute('interaction')).to.equal(false);
    await element.updateComplete;
    const button = host.querySelector('escalate-button')!;
    await button.updateComplete;
    const escalate = await until(
      'the escalate button',
      () => button.shadowRoot!.querySelector<HTMLButtonElement>('button.primary:not([disabled])') ?? undefined,
    );
    escalate.click();
    await until('the link in Vue', () => (links.length ? true : undefined));
    expect(links[0]!.type).to.equal('escalation-link');
    expect(links[0]!.detail.channel).to.equal('chat');
    expect(links[0]!.detail.url).to.equal('https://video.example.test/join/K7QM3PX');
    expect(phases).to.include('linkSent');

    context.value!.send({ type: 'TASK_CLOSED' });
    await until(
      'the escalation closed',
      () => (phases.includes('closed') ? true : undefined),
      5000,
      () => phases,
    );

    interaction.value = { id: 'chat-vue-2', channel: 'chat', customerName: 'Grace' };
    await nextTick();
    expect(element.interaction).to.deep.equal({ id: 'chat-vue-2', channel: 'chat', customerName: 'Grace' });
  });
});
