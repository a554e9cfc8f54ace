// The CDN build's Subresource Integrity list (dist/cdn/integrity.json, written by the build): each
// module's hash is the browser's own for its bytes, and a page that pins a module by it gets that
// module, while a module that does not match is refused.
import { expect } from '@open-wc/testing';

// dist/cdn as a CDN serves it: byte for byte (scripts/cdn-raw.mjs).
const CDN = '/__cdn-raw/';

async function sha384(url: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-384', await (await fetch(url)).arrayBuffer());
  return `sha384-${btoa(String.fromCharCode(...new Uint8Array(digest)))}`;
}

/** Loads a module script pinned by `integrity`; resolves with whether the browser ran it. */
function loadPinned(url: string, integrity: string): Promise<boolean> {
  return new Promise((resolve) => {
    const script = Object.assign(document.createElement('script'), {
      type: 'module',
      src: url,
      integrity,
      crossOrigin: 'anonymous',
    });
    script.addEventListener('load', () => resolve(true));
    script.addEventListener('error', () => resolve(false));
    document.head.append(script);
  });
}

describe('CDN Subresource Integrity', () => {
  it("lists every module the build wrote, each with the browser's hash of its bytes", async () => {
    const hashes = (await (await fetch(`${CDN}integrity.json`)).json()) as Record<string, string>;
    const files = Object.keys(hashes);
    expect(files, 'the entries').to.include.members([
      'escalate-video.js',
      'escalation-context.js',
      'escalate-button.js',
      'video-room.js',
      'escalation-join-card.js',
      'device-check.js',
    ]);
    expect(
      files.some((file) => file.startsWith('chunks/janus-adapter-')),
      'the lazy Janus chunk',
    ).to.equal(true);
    for (const file of files) expect(await sha384(CDN + file), file).to.equal(hashes[file]);
  });

  it('runs a module pinned by its listed hash and refuses one whose bytes do not match', async () => {
    const hashes = (await (await fetch(`${CDN}integrity.json`)).json()) as Record<string, string>;
    // A chunk that only exports (the Spanish words): loading it changes nothing on the page.
    const chunk = Object.keys(hashes).find((file) => file.startsWith('chunks/es-'))!;
    expect(chunk, 'the Spanish chunk').to.be.a('string');
    expect(await loadPinned(`${CDN + chunk}?pinned`, hashes[chunk]!)).to.equal(true);
    const other = Object.values(hashes).find((hash) => hash !== hashes[chunk])!;
    expect(await loadPinned(`${CDN + chunk}?tampered`, other)).to.equal(false);
  });
});
