// TURN credentials by coturn's shared-secret scheme (the "TURN REST API"): the username is the
// expiry (epoch seconds) and an id, the password an HMAC-SHA1 of the username keyed by the secret
// coturn also holds (`use-auth-secret`, `static-auth-secret`). Each participant gets their own,
// expiring with their room token; nothing is stored.
import { createHmac } from 'node:crypto';
import type { IceServer } from '../../src/protocol/index.js';

export interface TurnConfig {
  /** e.g. `turn:turn.example.com:3478?transport=udp`, `turns:turn.example.com:443?transport=tcp`. */
  urls: string[];
  /** coturn's `static-auth-secret`. */
  secret: string;
}

export function turnServers(
  config: TurnConfig | undefined,
  participant: string,
  ttlSeconds: number,
  now = Date.now(),
): IceServer[] {
  if (!config || config.urls.length === 0) return [];
  const username = `${Math.floor(now / 1000) + ttlSeconds}:${participant}`;
  const credential = createHmac('sha1', config.secret).update(username).digest('base64');
  return [{ urls: config.urls, username, credential }];
}
