// <device-check> in a Chromium without fake devices, on a machine that has no camera or
// microphone of its own (these test machines): allowed, but nothing to use.
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../src/define/device-check.js';
import type { DeviceCheckElement } from '../../src/elements/device-check/device-check.js';
import type { DeviceCheckResultEvent } from '../../src/events/device-check-result.js';

describe('<device-check> with no camera or microphone at all', function () {
  this.timeout(30_000);

  it('says none was found, offers no pickers, and reports neither video nor audio', async () => {
    await executeServerCommand('media-permission', { setting: 'granted' });
    const inputs = (await navigator.mediaDevices.enumerateDevices()).filter((device) => device.kind !== 'audiooutput');
    expect(
      inputs.map((device) => device.label),
      'this test needs a machine without camera or microphone',
    ).to.deep.equal([]);

    const el = await fixture<DeviceCheckElement>(html`<device-check></device-check>`);
    const { detail } = (await oneEvent(el, 'device-check-result')) as DeviceCheckResultEvent;
    expect(detail).to.deep.include({ video: false, audio: false });
    expect(detail.reasons).to.include.members(['no-camera', 'no-microphone']);
    await el.updateComplete;
    const text = el.shadowRoot!.textContent!;
    expect(text).to.contain('No camera was found.');
    expect(text).to.contain('No microphone was found.');
    expect(text).not.to.contain('blocked');
    expect(el.shadowRoot!.querySelector('select')).to.equal(null);
    expect(el.shadowRoot!.querySelector('[role=meter]')).to.equal(null);
    await expect(el).to.be.accessible();
  });
});
