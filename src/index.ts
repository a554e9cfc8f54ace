// Public API of escalate-video. Importing it defines no element: import `escalate-video/define/<tag>.js`
// (or `define/all.js`) for that.
export * from './core/machine/index.js';
// The call's own statechart, and the bridge by which an escalation invokes it.
export * from './core/room/index.js';
export { logger, setLogLevel, getLogLevel, type LogLevel } from './core/logger.js';
export { escalationActorContext, pendingEscalationContext, roomActorContext, type PendingEscalation } from './context.js';
export {
  ActorSelectorController,
  type SnapshotSource,
  type ActorSelectorOptions,
} from './controllers/actor-selector-controller.js';
export { EscalationContextElement } from './elements/escalation-context/escalation-context.js';
export * from './events/index.js';
export { en } from './i18n/english.js';
export type { StringTable } from './i18n/strings.js';
export { setStrings, loadTable } from './i18n/tables.js';
export { strings } from './i18n/whole-strings.js';
export { LANGUAGES, matchLanguage, type Language } from './i18n/languages.js';
export type { Translation } from './i18n/translation.js';
export { LocaleController } from './controllers/locale-controller.js';
export { VideoRoomElement, type RoomState } from './elements/video-room/video-room.js';
export { ExpertDeskElement, readSkills, type DeskService } from './elements/expert-desk/expert-desk.js';
export type * from './core/media/types.js';
export type { ReadableStore } from './core/media/store.js';
export { registerAdapter, loadAdapter, type AdapterName, type AdapterLoader } from './core/media/registry.js';
export type { RedeemedRoom } from './elements/video-room/video-room.js';
export * from './core/service/index.js';
// The words shared with the escalation service: error codes, code and address rules, routes.
export * from './protocol/index.js';
export { EscalateButtonElement, maskAddress, deliveryFor } from './elements/escalate-button/escalate-button.js';
export { interactionContext } from './context.js';
export { EscalationJoinCardElement } from './elements/escalation-join-card/escalation-join-card.js';
export { DeviceCheckElement } from './elements/device-check/device-check.js';
export type { DeviceCheckResult, DeviceCheckReason } from './core/diagnostics/result.js';
export {
  networkThresholds,
  rateNetwork,
  type NetworkMeasurement,
  type NetworkRating,
  type NetworkLimits,
} from './core/diagnostics/network-rating.js';
