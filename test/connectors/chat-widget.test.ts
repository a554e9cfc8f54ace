import { expect } from '@open-wc/testing';
import '../../src/define/escalation-join-card.js';
import { guestTokenOf, renderJoinCardInto } from '../../src/connectors/chat-widget.js';
import type { EscalationJoinCardElement } from '../../src/elements/escalation-join-card/escalation-join-card.js';

const TOKEN = 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_AbCdE';
const LINK = `https://video.example.com/join#code=${TOKEN}`;
const options = { serviceUrl: 'https://escalations.example.com', guestPage: 'https://video.example.com/join' };

/** A chat widget's message bubble, as a third-party widget draws it. */
function bubble(text: string): HTMLElement {
  const element = Object.assign(document.createElement('p'), { className: 'bubble agent', textContent: text });
  document.body.append(element);
  return element;
}

describe('chat widget: the join card in a message', () => {
  afterEach(() => document.querySelectorAll('.bubble').forEach((element) => element.remove()));

  it('puts a join card for the link into the agent’s message, ready to join', async () => {
    const message = bubble(`Join the video call: ${LINK}`);
    const card = renderJoinCardInto(message, LINK, options) as EscalationJoinCardElement;
    expect(card.parentElement).to.equal(message);
    expect(message.textContent).to.contain('Join the video call');
    await card.updateComplete;
    expect(card.code).to.equal(TOKEN);
    expect(card.serviceUrl).to.equal('https://escalations.example.com');
    expect(card.shadowRoot!.querySelector('[part=join]')).not.to.equal(null);
    // The single-use token stays out of the card's markup, which a widget may save with the
    // transcript (the message's own text is the widget's business).
    expect(card.outerHTML).not.to.contain(TOKEN);
  });

  it('leaves any other link as it is: another site, no token, a token of the wrong form', () => {
    const message = bubble('See https://example.org');
    for (const link of [
      `https://evil.example.net/join#code=${TOKEN}`,
      `https://video.example.com/other#code=${TOKEN}`,
      'https://video.example.com/join',
      'https://video.example.com/join#code=ACD-EFH-JKM',
      `javascript:alert(1)//#code=${TOKEN}`,
      'not a link',
    ])
      expect(renderJoinCardInto(message, link, options), link).to.equal(null);
    expect(message.children).to.have.length(0);
  });

  it('without a guest page, takes any http(s) link that carries a link token', () => {
    expect(guestTokenOf(`https://other.example.com/x#code=${TOKEN}`)).to.equal(TOKEN);
    expect(guestTokenOf(`ftp://other.example.com/x#code=${TOKEN}`)).to.equal(null);
  });

  it('uses the page’s own tag for the card, and says so when it is not defined yet', () => {
    const warnings: unknown[][] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args);
    try {
      const card = renderJoinCardInto(bubble(LINK), LINK, { ...options, tag: 'acme-join-card' });
      expect(card!.localName).to.equal('acme-join-card');
      expect(card!.code).to.equal(TOKEN);
      expect(String(warnings[0]?.[1])).to.contain('<acme-join-card> is not defined yet');
    } finally {
      console.warn = warn;
    }
  });

  it('needs the escalation service’s URL', () => {
    expect(() => renderJoinCardInto(bubble(LINK), LINK, {} as never)).to.throw(TypeError, /serviceUrl/);
  });
});
