// The escalation service: its contract, the HTTP client, and the machine actors built on it.
export type * from './types.js';
export { ServiceError } from './service-error.js';
export { EscalationServiceClient, type EscalationServiceClientOptions } from './http-client.js';
export { GuestServiceClient } from './guest-client.js';
export { ExpertDeskClient } from './desk-client.js';
export { serviceActors } from './service-actors.js';
