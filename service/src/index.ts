// @escalate-video/service: the escalation service as a library (start it in-process) and as a
// command (`escalate-service`). The wire contract is the elements' src/protocol/.
export { startService, type RecordingOptions, type RunningService, type ServiceOptions } from './service.js';
export { loadConfig, serviceOptions, ConfigError, type ServiceConfig } from './config.js';
export { outboxSender, webhookSender, type Sender, type OutgoingMessage } from './senders.js';
export { mintJanusToken, janusTokenExpiry, VIDEOROOM, ECHOTEST } from './janus/janus-token.js';
export { JanusRooms, randomJanusId, type JanusRoom } from './janus/janus-rooms.js';
export type { JanusServer } from './janus/janus-api.js';
export { sha256Hex, type ApiKeyConfig } from './auth/api-keys.js';
export type { AgentAuthConfig } from './auth/agent-tokens.js';
export { DEFAULT_LIMITS, type Limits } from './limits.js';
export { turnServers, type TurnConfig } from './turn.js';
export type { EscalationStore, Versioned, CredentialMatch, IdempotentEntry, StoredAnswer } from './store/contract.js';
export { SqliteStore } from './store/sqlite-store.js';
export { PostgresStore } from './store/postgres-store.js';
export { StoreError } from './store/store-error.js';
export type { EscalationRecord, RatingRecord } from './escalations/records.js';
export { mintDevAgentToken, type DevAgentTokenOptions } from './auth/dev-tokens.js';
