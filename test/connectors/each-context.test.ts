import { expect } from '@open-wc/testing';
import { ReactiveElement } from 'lit';
import { connectEachContext, type ConnectableClass, type ControllerHost } from '../../src/connectors/each-context.js';
import type { LinkingTaskEventTarget } from '../../src/connectors/task-target.js';
import type { EscalationEvent, Interaction } from '../../src/core/machine/types.js';
import type { EscalationContextElement } from '../../src/elements/escalation-context/escalation-context.js';

// <escalation-context> itself is what every connector takes, and what connectEachContext takes
// (checked when the tests compile: a change to the element that breaks a connector fails here).
export const elementFits: LinkingTaskEventTarget & ControllerHost = {} as EscalationContextElement;
export const classFits: ConnectableClass<EscalationContextElement> = {} as typeof EscalationContextElement;

/** A Lit element with the context's task surface, defined by each test under its own tag. */
function contextClass() {
  return class extends ReactiveElement {
    interaction: Partial<Interaction> | undefined;
    readonly sent: EscalationEvent[] = [];
    send(event: EscalationEvent): void {
      this.sent.push(event);
    }
  };
}
let tags = 0;

describe('connectEachContext: a connector for every context a desktop puts in the page', () => {
  it('connects each context when it enters the document and disconnects it when it leaves', () => {
    const Context = contextClass();
    const log: string[] = [];
    connectEachContext(Context, (context) => {
      log.push(`connect ${context.id}`);
      return () => log.push(`disconnect ${context.id}`);
    });
    const tag = `test-context-${++tags}`;
    customElements.define(tag, Context);
    const element = Object.assign(document.createElement(tag), { id: 'a' });
    expect(log).to.deep.equal([]);
    document.body.append(element);
    expect(log).to.deep.equal(['connect a']);
    const other = document.createElement('div');
    document.body.append(other);
    other.append(element); // a desktop moving the widget
    element.remove();
    other.remove();
    expect(log).to.deep.equal(['connect a', 'disconnect a', 'connect a', 'disconnect a']);
  });

  it('also connects a context the desktop had put in the page before the class was defined', () => {
    const Context = contextClass();
    const tag = `test-context-${++tags}`;
    const early = Object.assign(document.createElement(tag), { id: 'early' });
    document.body.append(early);
    const connected: string[] = [];
    connectEachContext(Context, (context) => {
      connected.push(context.id);
      context.send({ type: 'WRAPUP' });
      return () => undefined;
    });
    customElements.define(tag, Context);
    expect(connected).to.deep.equal(['early']);
    expect((early as InstanceType<typeof Context>).sent).to.deep.equal([{ type: 'WRAPUP' }]);
    early.remove();
  });
});
