// The tags inside a React 19 app, as an integrator writes it with escalate-video/react: React sets
// the interaction and the statechart as properties (not "[object Object]" attributes), its
// `onescalation-…` handlers receive the elements' typed events, the app sends task events through
// a ref, and a new prop reaches the element.
import { expect } from '@open-wc/testing';
import { act, useRef, type RefObject } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import '../../src/define/all.js';
import type {} from '../../src/frameworks/react.js';
import type { Interaction } from '../../src/core/machine/types.js';
import type { EscalationContextElement, EscalationLinkEvent, EscalationStateChangeEvent } from '../../src/index.js';
import { instantService } from '../support/machine-harness.js';
import { until } from '../support/test-env.js';

// React warns unless the test says it drives updates through act().
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

interface DeskProps {
  interaction: Interaction;
  contextRef: RefObject<EscalationContextElement | null>;
  onLink: (event: EscalationLinkEvent) => void;
  onState: (event: EscalationStateChangeEvent) => void;
}

const machine = instantService();

function Desk({ interaction, contextRef, onLink, onState }: DeskProps) {
  return (
    <section className="desk">
      <escalation-context
        ref={contextRef}
        machine={machine}
        interaction={interaction}
        onescalation-link={onLink}
        onescalation-state-change={onState}
      >
        <escalate-button />
      </escalation-context>
    </section>
  );
}

describe('inside React 19', () => {
  let root: Root;
  let host: HTMLElement;
  beforeEach(() => {
    host = document.createElement('div');
    document.body.append(host);
    root = createRoot(host);
  });
  afterEach(() => {
    act(() => root.unmount());
    host.remove();
    localStorage.clear();
    sessionStorage.clear();
  });

  it('renders the tags with properties, hands React typed events, and takes task events from the app', async () => {
    const links: EscalationLinkEvent[] = [];
    const phases: string[] = [];
    const refHolder: { current: RefObject<EscalationContextElement | null> | null } = { current: null };
    function App({ interaction }: { interaction: Interaction }) {
      const contextRef = useRef<EscalationContextElement>(null);
      refHolder.current = contextRef;
      return (
        <Desk
          interaction={interaction}
          contextRef={contextRef}
          onLink={(event) => links.push(event)}
          onState={(event) => phases.push(event.detail.to)}
        />
      );
    }
    const ada: Interaction = { id: 'chat-react', channel: 'chat', customerName: 'Ada' };
    await act(async () => root.render(<App interaction={ada} />));
    const context = host.querySelector<EscalationContextElement>('escalation-context')!;
    expect(refHolder.current!.current).to.equal(context);
    // A property, not an attribute holding "[object Object]".
    expect(context.interaction).to.deep.equal(ada);
    expect(context.hasAttribute('interaction')).to.equal(false);
    await context.updateComplete;
    const button = host.querySelector('escalate-button')!;
    await button.updateComplete;
    const escalate = await until(
      'the escalate button',
      () => button.shadowRoot!.querySelector<HTMLButtonElement>('button.primary:not([disabled])') ?? undefined,
    );
    await act(async () => escalate.click());
    await until('the link in React', () => (links.length ? true : undefined));
    expect(links[0]).to.be.instanceOf(Event);
    expect(links[0]!.type).to.equal('escalation-link');
    expect(links[0]!.detail.channel).to.equal('chat');
    expect(links[0]!.detail.url).to.equal('https://video.example.test/join/K7QM3PX');
    expect(phases).to.include('linkSent');

    // The app's own code ends the task, through the ref.
    await act(async () => refHolder.current!.current!.send({ type: 'TASK_CLOSED' }));
    await until(
      'the escalation closed',
      () => (phases.includes('closed') ? true : undefined),
      5000,
      () => phases,
    );

    // A new interaction from the app reaches the element as a property.
    const grace: Interaction = { id: 'chat-react-2', channel: 'chat', customerName: 'Grace' };
    await act(async () => root.render(<App interaction={grace} />));
    expect(context.interaction).to.deep.equal(grace);
  });
});
