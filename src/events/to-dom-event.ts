// Turns what the escalation machine emits into the package's DOM events, dispatched on the host element.
import type { EscalationEmitted } from '../core/machine/types.js';
import { EscalationStateChangeEvent } from './escalation-state-change.js';
import { EscalationLinkEvent } from './escalation-link.js';
import { EscalationLinkDeliveryEvent } from './escalation-link-delivery.js';
import { EscalationGuestProgressEvent } from './escalation-guest-progress.js';
import { EscalationExpertEvent } from './escalation-expert.js';
import { EscalationFallbackEvent } from './escalation-fallback.js';
import { EscalationCallbackRequestEvent } from './escalation-callback-request.js';
import { EscalationClosedEvent } from './escalation-closed.js';
import { EscalationNewLinkRequestEvent } from './escalation-new-link-request.js';
import { EscalationSnapshotEvent } from './escalation-snapshot.js';

/** The DOM event for one emitted announcement. */
export function toDomEvent(emitted: EscalationEmitted): Event {
  const { type, ...detail } = emitted;
  switch (type) {
    case 'stateChange':
      return new EscalationStateChangeEvent(detail as Omit<Extract<EscalationEmitted, { type: 'stateChange' }>, 'type'>);
    case 'linkReady':
      return new EscalationLinkEvent(detail as Omit<Extract<EscalationEmitted, { type: 'linkReady' }>, 'type'>);
    case 'linkDelivery':
      return new EscalationLinkDeliveryEvent(detail as Omit<Extract<EscalationEmitted, { type: 'linkDelivery' }>, 'type'>);
    case 'guestProgress':
      return new EscalationGuestProgressEvent(detail as Omit<Extract<EscalationEmitted, { type: 'guestProgress' }>, 'type'>);
    case 'expertStatus':
      return new EscalationExpertEvent(detail as Omit<Extract<EscalationEmitted, { type: 'expertStatus' }>, 'type'>);
    case 'fallback':
      return new EscalationFallbackEvent(detail as Omit<Extract<EscalationEmitted, { type: 'fallback' }>, 'type'>);
    case 'callbackRequest':
      return new EscalationCallbackRequestEvent(detail as Omit<Extract<EscalationEmitted, { type: 'callbackRequest' }>, 'type'>);
    case 'newLinkRequest':
      return new EscalationNewLinkRequestEvent(detail as Omit<Extract<EscalationEmitted, { type: 'newLinkRequest' }>, 'type'>);
    case 'snapshot':
      return new EscalationSnapshotEvent(detail as Omit<Extract<EscalationEmitted, { type: 'snapshot' }>, 'type'>);
    case 'closed':
      return new EscalationClosedEvent(detail as Omit<Extract<EscalationEmitted, { type: 'closed' }>, 'type'>);
  }
}
