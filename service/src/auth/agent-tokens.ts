// Agents' bearer tokens: JWTs from the host platform or the integrator's backend, verified with
// jose against a shared HS256 secret or a JWKS URL (RS256/ES256), with issuer, audience, expiry
// and a small clock skew. `sub` names the agent; a tenant claim names the contact center.
import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { HttpError } from '../http/http-error.js';
import type { AgentPrincipal } from './principals.js';

export interface AgentAuthConfig {
  issuer: string;
  audience: string;
  /** HS256 shared secret (at least 32 characters). */
  secret?: string | undefined;
  /** Where the identity provider publishes its public keys (RS256/ES256). */
  jwksUrl?: string | undefined;
  clockToleranceSeconds: number;
  /** The claim that names the tenant. */
  tenantClaim: string;
}

export type AgentVerifier = (token: string) => Promise<AgentPrincipal>;

/** Verified tokens kept for reuse: an agent's desk sends the same token with every request. */
const REMEMBERED = 10_000;

export function agentVerifier(config: AgentAuthConfig): AgentVerifier {
  const { key, algorithms } = verificationKey(config);
  // Token → who it names and until when: the same string verifies the same way until it expires.
  const verified = new Map<string, { principal: AgentPrincipal; until: number }>();
  return async (token) => {
    const known = verified.get(token);
    if (known && Date.now() < known.until) return known.principal;
    verified.delete(token);
    const principal = await verify(token);
    if (verified.size >= REMEMBERED) verified.delete(verified.keys().next().value!);
    verified.set(token, principal);
    return principal.principal;
  };

  async function verify(token: string): Promise<{ principal: AgentPrincipal; until: number }> {
    let payload;
    try {
      ({ payload } = await jwtVerify(token, key as JWTVerifyGetKey, {
        issuer: config.issuer,
        audience: config.audience,
        algorithms,
        clockTolerance: config.clockToleranceSeconds,
        requiredClaims: ['exp', 'sub'],
      }));
    } catch (error) {
      throw new HttpError('unauthorized', refusal(error), {}, 401);
    }
    const tenant = payload[config.tenantClaim];
    if (typeof tenant !== 'string' || tenant === '')
      throw new HttpError('unauthorized', `the token names no tenant (claim "${config.tenantClaim}")`);
    const name = displayNameOf(payload.name);
    return { principal: { kind: 'agent', id: payload.sub!, tenant, ...(name ? { name } : {}) }, until: payload.exp! * 1000 };
  }
}

function verificationKey(config: AgentAuthConfig): { key: Uint8Array | JWTVerifyGetKey; algorithms: string[] } {
  if (config.secret) return { key: new TextEncoder().encode(config.secret), algorithms: ['HS256'] };
  if (config.jwksUrl) return { key: createRemoteJWKSet(new URL(config.jwksUrl)), algorithms: ['RS256', 'ES256'] };
  throw new Error('agent authentication needs a JWT secret or a JWKS URL');
}

/** Longest agent name shown to a customer; a longer one is cut (it still verifies). */
const NAME_MAX = 80;

/** The `name` claim as words to show: text only, no control characters, at most NAME_MAX characters. */
function displayNameOf(claim: unknown): string | undefined {
  if (typeof claim !== 'string') return undefined;
  // Control characters (\p{Cc}) would break a line or hide text on the customer's screen.
  const cleaned = claim.replace(/[\p{Cc}\s]+/gu, ' ').trim();
  return cleaned ? [...cleaned].slice(0, NAME_MAX).join('') : undefined;
}

/** Why a token was refused, in words for the integrator's logs (never the token itself). */
function refusal(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'the sign-in token has expired';
  if (error instanceof errors.JWTClaimValidationFailed) return `the sign-in token's "${error.claim}" claim is not accepted`;
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'the sign-in token is not signed by a trusted key';
  if (error instanceof errors.JOSEAlgNotAllowed)
    return 'the sign-in token is signed with an algorithm this service does not accept';
  if (error instanceof errors.JWKSNoMatchingKey) return 'the sign-in token is signed by an unknown key';
  return 'the sign-in token is not a valid JWT';
}
