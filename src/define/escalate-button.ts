// Side effect: defines <escalate-button>.
import { ContextRoot } from '@lit/context';
import { EscalateButtonElement } from '../elements/escalate-button/escalate-button.js';
import { attachContextRoot } from '../elements/context-root.js';

attachContextRoot(ContextRoot);
EscalateButtonElement.define();

declare global {
  interface HTMLElementTagNameMap {
    'escalate-button': EscalateButtonElement;
  }
}
