// Every DOM event class of the package.
export { EscalationDomEvent } from './escalation-event-base.js';
export { EscalationStateChangeEvent, type EscalationStateChangeDetail } from './escalation-state-change.js';
export { EscalationLinkEvent, type EscalationLinkDetail } from './escalation-link.js';
export { EscalationLinkDeliveryEvent, type EscalationLinkDeliveryDetail } from './escalation-link-delivery.js';
export { EscalationGuestProgressEvent, type EscalationGuestProgressDetail } from './escalation-guest-progress.js';
export { EscalationExpertEvent, type EscalationExpertDetail } from './escalation-expert.js';
export { EscalationFallbackEvent, type EscalationFallbackDetail } from './escalation-fallback.js';
export { EscalationClosedEvent, type EscalationClosedDetail } from './escalation-closed.js';
export { EscalationRoomJoinedEvent, type EscalationRoomJoinedDetail } from './escalation-room-joined.js';
export { EscalationRoomLeftEvent, type EscalationRoomLeftDetail } from './escalation-room-left.js';
export { EscalationParticipantJoinedEvent, type EscalationParticipantJoinedDetail } from './escalation-participant-joined.js';
export { EscalationParticipantLeftEvent, type EscalationParticipantLeftDetail } from './escalation-participant-left.js';
export { EscalationMediaChangeEvent, type EscalationMediaChangeDetail } from './escalation-media-change.js';
export { EscalationRoomErrorEvent, type EscalationRoomErrorDetail } from './escalation-room-error.js';
export { EscalationNewLinkRequestEvent, type EscalationNewLinkRequestDetail } from './escalation-new-link-request.js';
export { EscalationCallbackRequestEvent, type EscalationCallbackRequestDetail } from './escalation-callback-request.js';
export { toDomEvent } from './to-dom-event.js';
export { DeviceCheckResultEvent } from './device-check-result.js';
