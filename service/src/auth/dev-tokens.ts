// Agent tokens for development, demos and tests, signed with the service's own HS256 secret. In
// production the host platform or the integrator's backend issues agents' tokens instead.
import { SignJWT } from 'jose';

export interface DevAgentTokenOptions {
  secret: string;
  issuer: string;
  audience: string;
  agent: string;
  tenant: string;
  /** The agent's name, as the standard `name` claim (what the customer sees). */
  name?: string;
  /** Seconds until it expires (negative: already expired). */
  ttlSeconds?: number;
  tenantClaim?: string;
}

export function mintDevAgentToken({
  secret,
  issuer,
  audience,
  agent,
  tenant,
  name,
  ttlSeconds = 3600,
  tenantClaim = 'tenant',
}: DevAgentTokenOptions): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ [tenantClaim]: tenant, ...(name ? { name } : {}) })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(issuer)
    .setAudience(audience)
    .setSubject(agent)
    .setIssuedAt(now)
    .setExpirationTime(now + ttlSeconds)
    .sign(new TextEncoder().encode(secret));
}
