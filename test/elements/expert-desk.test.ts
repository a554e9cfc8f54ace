// <expert-desk> with the service's side scripted: skills (a skill that is not one is refused in
// words), available and away from the keyboard, a ring with who asks and the case, passing it,
// taking the next one into the lobby. Axe on each state. (On the real service: e2e/expert-pool.)
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/define/expert-desk.js';
import type { DeskService, ExpertDeskElement } from '../../src/elements/expert-desk/expert-desk.js';
import { readSkills } from '../../src/elements/expert-desk/expert-desk.js';
import type { GuestNews, PoolNews } from '../../src/core/service/types.js';
import type { JoinDetails, PresenceUpdate } from '../../src/protocol/index.js';
import { until } from '../support/test-env.js';

function standIn() {
  const calls: string[] = [];
  let rings: ((news: PoolNews) => void) | undefined;
  let lobby: ((news: GuestNews) => void) | undefined;
  const details: JoinDetails = {
    server: 'ws://127.0.0.1:9/janus',
    room: '1234',
    token: 'expert-media-token',
    role: 'expert',
    displayName: 'Sam Expert',
    mode: 'voice',
    guestToken: 'expert-guest-token',
    guestTokenExpiresAt: Date.now() + 60_000,
    networkTestToken: '',
    admitted: false,
    invitedBy: 'Dana Agent',
  };
  const fail = () => Promise.reject(new Error('not in this test'));
  const service: DeskService = {
    setPresence: async (update: PresenceUpdate) => {
      calls.push(`presence:${update.available}:${update.skills.join(',')}`);
      return { ...update, idleSince: Date.now(), busy: false };
    },
    poolEvents: (listener) => {
      rings = listener;
      calls.push('listening');
      return () => calls.push('stopped');
    },
    acceptOffer: async (id) => (calls.push(`accept:${id}`), details),
    declineOffer: async (id) => void calls.push(`pass:${id}`),
    redeem: fail,
    rejoin: async () => details,
    report: async () => undefined,
    rate: fail,
    status: fail,
    requestCallback: fail,
    askForNewLink: fail,
    guestEvents: (_token, listener) => {
      lobby = listener;
      return () => undefined;
    },
    answerAsk: fail,
    uploadSnapshot: fail,
    reportCamera: async () => undefined,
  };
  return { service, calls, ring: (news: PoolNews) => rings!(news), lobby: () => lobby };
}

const root = (el: ExpertDeskElement) => el.shadowRoot!;
const status = (el: ExpertDeskElement) => root(el).querySelector('[part=status]')!.textContent;

describe('<expert-desk>', () => {
  it('reads skills as the pool takes them', () => {
    expect(readSkills(' Routers, fiber-install routers ')).to.deep.equal(['routers', 'fiber-install']);
    expect(readSkills('routers, fibre & copper')).to.equal(null);
  });

  it('is available for its skills from the keyboard, rings with who asks and the case, passes, and takes a call into the lobby', async () => {
    const { service, calls, ring, lobby } = standIn();
    const el = await fixture<ExpertDeskElement>(html`<expert-desk .service=${service} skills="routers"></expert-desk>`);
    expect(status(el)).to.equal('You are away: no calls ring here.');
    await expect(el).to.be.accessible();

    const input = root(el).querySelector<HTMLInputElement>('input[name=skills]')!;
    input.focus();
    input.value = '';
    await sendKeys({ type: 'routers, fibre & copper' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    expect(root(el).querySelector('#skills-hint')!.textContent).to.contain('lower-case letters');
    expect(calls).to.deep.equal([]);
    input.value = 'routers, fiber-install';
    root(el).querySelector<HTMLButtonElement>('[part~=availability]')!.focus();
    await sendKeys({ press: 'Space' });
    await until('available', () => (calls.includes('presence:true:routers,fiber-install') ? true : undefined)).catch(
      (error: Error) => {
        throw new Error(
          `${error.message}; calls: ${calls.join(' | ')}; status: ${status(el)}; focused: ${root(el).activeElement?.outerHTML}`,
        );
      },
    );
    await el.updateComplete;
    expect(status(el)).to.equal('You are available: agents who need routers and fiber-install can ring you.');
    expect(root(el).querySelector('[part~=availability]')!.getAttribute('aria-pressed')).to.equal('true');

    ring({
      offer: {
        id: 'o-1',
        skill: 'routers',
        agentName: 'Dana Agent',
        caseNumber: 'CS-2291',
        issue: 'Router lights blink red',
        expiresAt: Date.now() + 15_000,
      },
    });
    await el.updateComplete;
    const offer = root(el).querySelector('[part=offer]')!;
    expect(offer.querySelector('h3')!.textContent).to.equal('Dana Agent asks for help with routers');
    expect(offer.textContent).to.contain('CS-2291');
    expect(offer.querySelector('.rings')!.textContent).to.match(/^Ringing: 1[45] sec left to answer$/);
    await until('Accept focused', () => (root(el).activeElement?.textContent === 'Accept' ? true : undefined));
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    await until('passed', () => (calls.includes('pass:o-1') ? true : undefined));
    await el.updateComplete;
    expect(root(el).querySelector('[part=offer]')).to.equal(null);

    // A ring another expert took: gone, and said so.
    ring({ offer: { id: 'o-2', skill: 'routers', agentName: 'Dana Agent', expiresAt: Date.now() + 15_000 } });
    await el.updateComplete;
    ring({ offerGone: 'o-2' });
    await el.updateComplete;
    expect(root(el).querySelector('.gone')!.textContent).to.contain('taken by another expert');

    ring({ offer: { id: 'o-3', skill: 'routers', agentName: 'Dana Agent', expiresAt: Date.now() + 15_000 } });
    await el.updateComplete;
    await until('Accept focused', () => (root(el).activeElement?.textContent === 'Accept' ? true : undefined));
    await sendKeys({ press: 'Enter' });
    await until('accepted', () => (calls.includes('accept:o-3') ? true : undefined));
    const room = await until('the call’s room', () => root(el).querySelector('[part=call] [part=room]') ?? undefined, 10_000);
    await until(
      'waiting in the lobby',
      () => (room.shadowRoot?.textContent?.includes('Waiting for the agent to let you into the call') ? true : undefined),
      10_000,
    );
    expect(lobby()).to.be.a('function');
    await expect(el).to.be.accessible();
  });
});
