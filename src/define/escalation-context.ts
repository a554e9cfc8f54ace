// Side effect: defines <escalation-context>.
import { ContextRoot } from '@lit/context';
import { EscalationContextElement } from '../elements/escalation-context/escalation-context.js';
import { attachContextRoot } from '../elements/context-root.js';

attachContextRoot(ContextRoot);
EscalationContextElement.define();

declare global {
  interface HTMLElementTagNameMap {
    'escalation-context': EscalationContextElement;
  }
}
