// The agent's sign-in as the client holds it: asked for once, again shortly before it expires,
// and again when the service refuses it; never more often than that.
import { expect } from '@open-wc/testing';
import { AgentToken } from '../../src/core/service/agent-token.js';

/** An unsigned JWT-shaped token expiring in `seconds` (the client reads `exp`, the service verifies). */
function jwtExpiringIn(seconds: number): string {
  const encode = (value: object) => btoa(JSON.stringify(value)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  return `${encode({ alg: 'HS256' })}.${encode({ sub: 'agent', exp: Math.floor(Date.now() / 1000) + seconds, jti: Math.random() })}.signature`;
}

describe('the agent token the client holds', () => {
  it('asks the host once while the token has more than a minute left', async () => {
    const asked: string[] = [];
    const token = new AgentToken((reason) => {
      asked.push(reason);
      return jwtExpiringIn(3600);
    });
    await token.current();
    await token.current();
    await token.current();
    expect(asked).to.deep.equal(['initial']);
  });

  it('asks again within a minute of expiry, and after a refusal', async () => {
    const asked: string[] = [];
    const token = new AgentToken((reason) => {
      asked.push(reason);
      return jwtExpiringIn(reason === 'initial' ? 30 : 3600);
    });
    await token.current();
    await token.current();
    expect(await token.refreshed()).to.be.a('string');
    expect(asked).to.deep.equal(['initial', 'expiring', 'refused']);
  });

  it('does not retry with the same token the service just refused', async () => {
    const fixed = jwtExpiringIn(3600);
    const token = new AgentToken(() => fixed);
    await token.current();
    expect(await token.refreshed()).to.equal(undefined);
  });
});
