// The agent's bearer token as the client holds it: asked of the host when there is none, again
// a minute before it expires (read from the JWT's `exp`, not verified: the service does that),
// and once more when the service refuses it.
import type { AgentTokenProvider } from './types.js';

const REFRESH_BEFORE_MS = 60_000;

export class AgentToken {
  private token: string | undefined;

  constructor(private readonly provide: AgentTokenProvider | undefined) {}

  get available(): boolean {
    return this.provide !== undefined;
  }

  async current(): Promise<string | undefined> {
    if (!this.provide) return undefined;
    if (!this.token) this.token = await this.provide('initial');
    else if (expiresWithin(this.token, REFRESH_BEFORE_MS)) this.token = await this.provide('expiring');
    return this.token || undefined;
  }

  /** After a 401: a fresh token from the host, or undefined when it has nothing newer. */
  async refreshed(): Promise<string | undefined> {
    if (!this.provide) return undefined;
    const before = this.token;
    this.token = await this.provide('refused');
    return this.token && this.token !== before ? this.token : undefined;
  }
}

function expiresWithin(token: string, ms: number): boolean {
  const payload = token.split('.')[1];
  if (!payload) return false;
  try {
    const { exp } = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as { exp?: unknown };
    return typeof exp === 'number' && exp * 1000 - Date.now() < ms;
  } catch {
    return false;
  }
}
