// The built CDN bundle (npm run build) as a page that loads one script tag would use it: the entry
// that defines every element, and the chunks it loads.
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { createJanusRoom, testEnv, until } from '../support/test-env.js';

const bundleUrl = '/dist/cdn/escalate-video.js';

/** Bare module specifiers ("lit", "xstate") would need an import map: a CDN bundle must have none. */
function bareImports(source: string): string[] {
  const found = new Set<string>();
  for (const match of source.matchAll(/(?:\bimport|\bexport)\s*(?:[^'"();]*?\bfrom\s*)?["']([^"']+)["']/g)) {
    if (!/^(\.{0,2}\/|https?:)/.test(match[1]!)) found.add(match[1]!);
  }
  for (const match of source.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g)) {
    if (!/^(\.{0,2}\/|https?:)/.test(match[1]!)) found.add(match[1]!);
  }
  return [...found];
}

describe('CDN bundle', () => {
  it('needs no import map and runs Lit in production mode', async () => {
    const response = await fetch(bundleUrl);
    expect(response.ok, `${bundleUrl} missing: run npm run build`).to.equal(true);
    const source = await response.text();
    expect(bareImports(source)).to.deep.equal([]);
    expect(source).not.to.contain('Lit is in dev mode');
  });

  it('defines <escalation-context>, which works on a page with nothing else', async () => {
    await import(/* @vite-ignore */ bundleUrl);
    expect(customElements.get('escalation-context')).to.be.a('function');
    const el = await fixture<HTMLElement & { send(event: unknown): void }>(
      html`<escalation-context persist-key=""></escalation-context>`,
    );
    await (el as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    expect(el.getAttribute('state')).to.equal('idle');
    expect(el.shadowRoot!.querySelector('[role=status]')!.textContent).to.equal('Video not started');
    await expect(el).to.be.accessible();
    const closed = oneEvent(el, 'escalation-closed');
    el.send({ type: 'TASK_CLOSED' });
    expect((await closed).detail.summary.reason).to.equal('task-closed');
  });

  it('lets the npm copy load on the same page without throwing', async () => {
    await import(/* @vite-ignore */ bundleUrl);
    const cdnClass = customElements.get('escalation-context');
    const warnings: unknown[][] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => void warnings.push(args);
    try {
      await import('../../dist/define/escalation-context.js' as string);
    } finally {
      console.warn = warn;
    }
    expect(customElements.get('escalation-context')).to.equal(cdnClass);
    expect(warnings.map((args) => args.join(' ')).join('\n')).to.contain('already defined by another copy');
  });

  it('fetches the Janus chunk while the customer reads the join card, before Join is pressed', async () => {
    await import(/* @vite-ignore */ bundleUrl);
    const janusChunk = () =>
      performance.getEntriesByType('resource').some((entry) => entry.name.includes('/dist/cdn/chunks/janus-adapter'));
    expect(janusChunk(), 'not before a card is shown').to.equal(false);
    const card = await fixture<HTMLElement>(html`<escalation-join-card code="K7QM-3PXA-9RTB"></escalation-join-card>`);
    await until('the Janus chunk fetched', () => (janusChunk() ? true : undefined), 10_000);
    expect(card.shadowRoot!.querySelector('[part=room]'), 'not joined: Join was not pressed').to.equal(null);
  });

  it("loads janus.js lazily from the bundle, joins a real Janus room, and leaves the page's WebRTC as it was", async () => {
    // A desk's own softphone uses these: joining must not patch them (webrtc-adapter would).
    const before = {
      peerConnection: window.RTCPeerConnection,
      getUserMedia: navigator.mediaDevices.getUserMedia,
      addIceCandidate: RTCPeerConnection.prototype.addIceCandidate,
      setRemoteDescription: RTCPeerConnection.prototype.setRemoteDescription,
    };
    await import(/* @vite-ignore */ bundleUrl);
    const env = await testEnv();
    const { room, token } = await createJanusRoom();
    const el = await fixture<HTMLElement & { state: string; leave(reason: string): Promise<void> }>(
      html`<video-room server=${env.janusWsUrl} room=${room} token=${token} participant-role="host" display-name="Agent"></video-room>`,
    );
    try {
      await until(
        'the bundled <video-room> to wait in the Janus room',
        () => (el.state === 'waiting' ? true : el.state === 'error' ? false : undefined),
        20_000,
      );
      expect(el.state).to.equal('waiting');
      const chunks = performance
        .getEntriesByType('resource')
        .map((entry) => entry.name)
        .filter((name) => name.includes('/dist/cdn/chunks/'));
      expect(chunks.some((name) => name.includes('janus-adapter'))).to.equal(true);
      expect({
        peerConnection: window.RTCPeerConnection,
        getUserMedia: navigator.mediaDevices.getUserMedia,
        addIceCandidate: RTCPeerConnection.prototype.addIceCandidate,
        setRemoteDescription: RTCPeerConnection.prototype.setRemoteDescription,
      }).to.deep.equal(before);
    } finally {
      await el.leave('ended');
    }
  });
});
