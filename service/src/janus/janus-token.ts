// Janus's signed tokens (core `token_auth` with `token_auth_secret`): `<expiry>,janus,<plugin>…,
// <nonce>:<base64 HMAC-SHA1 of the part before the colon>`. Janus accepts a token until its expiry
// and only for the plugins it lists; the nonce makes each participant's token their own, so the
// same string can also stand in a room's allow-list and be revoked alone.
import { createHmac, randomBytes } from 'node:crypto';

export const VIDEOROOM = 'janus.plugin.videoroom';
export const ECHOTEST = 'janus.plugin.echotest';

export interface JanusTokenOptions {
  secret: string;
  plugins: readonly string[];
  ttlSeconds: number;
  /** Seconds since the epoch; now by default. */
  now?: number;
}

export function mintJanusToken({ secret, plugins, ttlSeconds, now = Date.now() / 1000 }: JanusTokenOptions): string {
  const expiry = Math.floor(now + ttlSeconds);
  const data = [String(expiry), 'janus', ...plugins, randomBytes(12).toString('base64url')].join(',');
  return `${data}:${createHmac('sha1', secret).update(data).digest('base64')}`;
}

/** Epoch seconds a token stops working, as written in it. */
export function janusTokenExpiry(token: string): number {
  return Number(token.split(',', 1)[0]);
}
