// The elements on pages served with a strict Content-Security-Policy (scripts/csp-pages.mjs: own
// origin only, no inline script or style, no eval): an agent's desk and a customer's page make a
// whole call on the real Janus and service, and the whole device check runs, network test
// included, with not one violation; the microphone meter moves (an inline style, once blocked,
// left it stuck at full).
import { expect } from '@open-wc/testing';
import type { EscalationContextElement } from '../../src/elements/escalation-context/escalation-context.js';
import type { EscalationJoinCardElement } from '../../src/elements/escalation-join-card/escalation-join-card.js';
import type { VideoRoomElement } from '../../src/elements/video-room/video-room.js';
import { agentButton, closeFrames, frame, tileVideoFrames } from '../support/desk.js';
import { janusToken, testEnv, until } from '../support/test-env.js';

type CspWindow = Window & { cspViolations?: string[] };

function violationsIn(page: HTMLIFrameElement): string[] {
  const seen = (page.contentWindow as CspWindow | null)?.cspViolations;
  if (!seen) throw new Error(`no violation watch on ${page.src}: was the page served?`);
  return seen;
}

async function element<T extends Element>(page: HTMLIFrameElement, selector: string): Promise<T> {
  return await until(
    `${selector} on ${new URL(page.src).search}`,
    () => page.contentDocument?.querySelector<T>(selector) ?? undefined,
    20_000,
  );
}

describe('under a strict Content-Security-Policy', () => {
  afterEach(() => closeFrames());

  it('makes a whole call, agent to customer, with no violation', async () => {
    const env = await testEnv();
    const deskPage = frame(`/test/support/csp/page.html?${new URLSearchParams({ part: 'desk', service: env.serviceUrl })}`);
    const context = await element<EscalationContextElement>(deskPage, 'escalation-context');
    await until('the escalation statechart', () => context.actor ?? undefined, 20_000);
    const link = new Promise<string>((resolve) =>
      context.addEventListener('escalation-link', (event) => resolve(event.detail.code), { once: true }),
    );
    agentButton(context).press('Escalate to video');
    const code = await link;

    const guestPage = frame(
      `/test/support/csp/page.html?${new URLSearchParams({ part: 'guest', service: env.serviceUrl, code })}`,
    );
    const card = await element<EscalationJoinCardElement>(guestPage, 'escalation-join-card');
    const join = await until(
      'the join button',
      () => card.shadowRoot?.querySelector<HTMLButtonElement>('button[part=join]') ?? undefined,
    );
    join.click();
    const customerRoom = await until(
      'the customer’s room',
      () => card.shadowRoot?.querySelector<VideoRoomElement>('video-room') ?? undefined,
    );
    const agentRoom = context.querySelector<VideoRoomElement>('video-room')!;
    await until('the agent to see the customer', () => tileVideoFrames(agentRoom), 30_000);
    await until('the customer to see the agent', () => tileVideoFrames(customerRoom), 30_000);
    await until('the agent told', () => (agentButton(context).status() === 'On video' ? true : undefined), 10_000);
    agentButton(context).press('End video');
    await until('the call ended', () => (context.state === 'closed' ? true : undefined), 10_000);

    expect(violationsIn(deskPage), 'the agent’s desk').to.deep.equal([]);
    expect(violationsIn(guestPage), 'the customer’s page').to.deep.equal([]);
  });

  it('runs the whole device check, network test included, with no violation and a meter that moves', async () => {
    const env = await testEnv();
    const params = new URLSearchParams({ part: 'device-check', server: env.janusWsUrl, token: await janusToken('echotest') });
    const page = frame(`/test/support/csp/page.html?${params}`);
    const check = await element<HTMLElement>(page, 'device-check');
    const meterWidths = new Set<string>();
    const watchMeter = setInterval(() => {
      const bar = check.shadowRoot?.querySelector<HTMLElement>('[part=meter] > span');
      if (bar) meterWidths.add(bar.style.inlineSize);
    }, 50);
    try {
      await until('the check’s result', () => (check as HTMLElement & { result: unknown }).result ?? undefined, 20_000);
    } finally {
      clearInterval(watchMeter);
    }
    expect(check.shadowRoot!.textContent).to.not.contain('not tested');
    expect(meterWidths.size, `the meter showed ${[...meterWidths].join(', ')}`).to.be.greaterThan(1);
    expect(violationsIn(page)).to.deep.equal([]);
  });
});
