// Server-to-server credentials: an API key per contact-center flow, scoped to one tenant and to
// the routes it needs. The configuration holds only each key's SHA-256, never the key.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { RouteName } from '../../../src/protocol/index.js';
import type { ServicePrincipal } from './principals.js';

export interface ApiKeyConfig {
  id: string;
  tenant: string;
  /** Hex SHA-256 of the key. */
  sha256: string;
  routes: readonly RouteName[];
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export type ApiKeyVerifier = (key: string) => ServicePrincipal | undefined;

export function apiKeyVerifier(keys: readonly ApiKeyConfig[]): ApiKeyVerifier {
  const known = keys.map((entry) => ({ entry, digest: Buffer.from(entry.sha256, 'hex') }));
  return (key) => {
    const digest = Buffer.from(sha256Hex(key), 'hex');
    // Compared in constant time, and against every key, so timing tells nothing.
    let found: ApiKeyConfig | undefined;
    for (const candidate of known)
      if (candidate.digest.length === digest.length && timingSafeEqual(candidate.digest, digest)) found = candidate.entry;
    return found ? { kind: 'service', id: found.id, tenant: found.tenant, routes: new Set(found.routes) } : undefined;
  };
}
