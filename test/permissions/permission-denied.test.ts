// <device-check> in a Chromium that asks for camera and microphone as a real one does, with the
// answer set through the browser's own permission settings (DevTools protocol): denied shows the
// way back for this browser and reports no video. (That checking again after allowing passes is
// tested in test/elements/video-room-device-check.test.ts: this Chromium, once it denied an
// origin, keeps denying it.)
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../src/define/device-check.js';
import type { DeviceCheckElement } from '../../src/elements/device-check/device-check.js';
import type { DeviceCheckResultEvent } from '../../src/events/device-check-result.js';
import { checkLine } from '../support/device-check-view.js';

describe('<device-check> when the person blocked camera and microphone', function () {
  this.timeout(30_000);

  it('says they are blocked, gives the steps for this browser, and reports neither video nor audio', async () => {
    await executeServerCommand('media-permission', { setting: 'denied' });
    const el = await fixture<DeviceCheckElement>(html`<device-check></device-check>`);
    const { detail } = (await oneEvent(el, 'device-check-result')) as DeviceCheckResultEvent;
    expect(detail.video).to.equal(false);
    expect(detail.audio).to.equal(false);
    expect(detail.reasons).to.include.members(['camera-denied', 'microphone-denied']);
    await el.updateComplete;
    const text = el.shadowRoot!.textContent!;
    expect(text).to.contain('The camera or microphone is blocked for this site.');
    expect(text).to.contain('Click the camera icon (or the padlock) at the left of the address bar');
    expect(checkLine(el, 'Permission').dataset.state).to.equal('fail');
    expect(el.shadowRoot!.querySelector('[part=summary]')!.textContent).to.equal('Video will not work yet.');
    await expect(el).to.be.accessible();
    // The way back is one keyboard press away.
    const again = el.shadowRoot!.querySelector<HTMLButtonElement>('[part=again]')!;
    again.focus();
    expect(el.shadowRoot!.activeElement).to.equal(again);
  });
});
