// The escalation service: its contract, the HTTP client, and the machine actors built on it.
export type * from './types.js';
export { ServiceError } from './service-error.js';
export { EscalationServiceClient, type EscalationServiceClientOptions } from './http-client.js';
export { serviceActors } from './service-actors.js';
