// Side effect: defines <escalation-join-card> (and the <video-room> it shows).
import { EscalationJoinCardElement } from '../elements/escalation-join-card/escalation-join-card.js';
import './video-room.js';

EscalationJoinCardElement.define();

declare global {
  interface HTMLElementTagNameMap {
    'escalation-join-card': EscalationJoinCardElement;
  }
}
