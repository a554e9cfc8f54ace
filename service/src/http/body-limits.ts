// How large a request body each route takes: the service's JSON limit, except for a still from the
// customer's camera, which is several megabytes of base64.
import { SNAPSHOT_MAX_BYTES, type RouteName } from '../../../src/protocol/index.js';

/** A still's largest image as base64 (4 characters per 3 bytes), with room for the rest of its JSON. */
export const SNAPSHOT_BODY_BYTES = Math.ceil(SNAPSHOT_MAX_BYTES / 3) * 4 + 16 * 1024;

export function bodyLimit(route: RouteName, jsonLimit: number): number {
  return route === 'guestSnapshot' ? Math.max(jsonLimit, SNAPSHOT_BODY_BYTES) : jsonLimit;
}
