// <device-check> in Chromium with its fake camera and microphone: every check passes and says so;
// a frame that may not use them gets words for the person and for the site owner.
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/define/device-check.js';
import { setLogLevel } from '../../src/core/logger.js';
import type { MediaAdapter } from '../../src/core/media/types.js';
import type { DeviceCheckElement } from '../../src/elements/device-check/device-check.js';
import type { DeviceCheckResultEvent } from '../../src/events/device-check-result.js';
import { until } from '../support/test-env.js';
import { checkLine, checkStates, devicePicker } from '../support/device-check-view.js';

describe('<device-check>', () => {
  afterEach(() => localStorage.clear());

  it('passes fake devices, previews the camera, meters the microphone, and reports a result', async () => {
    const el = await fixture<DeviceCheckElement>(html`<device-check></device-check>`);
    const { detail } = (await oneEvent(el, 'device-check-result')) as DeviceCheckResultEvent;
    expect(detail).to.deep.equal({
      video: true,
      audio: true,
      network: 'untested',
      reasons: ['network-untested'],
      recommendAudioOnly: false,
    });
    expect(el.result).to.deep.equal(detail);
    await el.updateComplete;
    expect(checkStates(el)).to.deep.include({ Browser: 'ok', Permission: 'ok', Camera: 'ok', Microphone: 'ok' });
    const preview = el.shadowRoot!.querySelector<HTMLVideoElement>('video[part=preview]')!;
    await until('preview frames', () => (preview.videoWidth > 0 ? true : undefined));
    // The fake microphone plays a beep: the meter moves.
    await until(
      'the meter to move',
      () => (Number(el.shadowRoot!.querySelector('[role=meter]')!.getAttribute('aria-valuenow')) > 0 ? true : undefined),
      5000,
    );
    expect(el.shadowRoot!.querySelector('[part=summary]')!.textContent).to.equal('Ready for video.');
    await expect(el).to.be.accessible();
    el.remove();
    expect(el.media.video).to.equal(null);
  });

  it('runs the camera preview steadily while the microphone meter moves (no reload on each redraw)', async () => {
    const el = await fixture<DeviceCheckElement>(html`<device-check></device-check>`);
    await oneEvent(el, 'device-check-result');
    const preview = el.shadowRoot!.querySelector<HTMLVideoElement>('video[part=preview]')!;
    await until('preview frames', () => (preview.videoWidth > 0 ? true : undefined));
    let reloads = 0;
    preview.addEventListener('emptied', () => reloads++);
    const meter = () => el.shadowRoot!.querySelector('[role=meter]')!.getAttribute('aria-valuenow');
    const levels = new Set<string | null>();
    const sampling = setInterval(() => levels.add(meter()), 50);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    clearInterval(sampling);
    expect(levels.size, 'the meter redrew the check').to.be.greaterThan(2);
    expect(el.shadowRoot!.querySelector('video[part=preview]')).to.equal(preview);
    expect(reloads, 'times the preview was reset in 1.5 s').to.equal(0);
    el.remove();
  });

  it('reports no camera when the camera is unplugged during the check', async () => {
    const el = await fixture<DeviceCheckElement>(html`<device-check></device-check>`);
    await oneEvent(el, 'device-check-result');
    const changed = oneEvent(el, 'device-check-result');
    // A stopped track fires no 'ended'; an unplugged device does. Dispatching it is what Chromium does then.
    el.media.video!.dispatchEvent(new Event('ended'));
    const { detail } = (await changed) as DeviceCheckResultEvent;
    expect(detail.video).to.equal(false);
    expect(detail.reasons).to.include('no-camera');
    await el.updateComplete;
    expect(checkStates(el).Camera).to.equal('fail');
  });

  it('in a frame that may not use camera or microphone, says so to the person and to the site owner', async () => {
    const frame = document.createElement('iframe');
    frame.allow = "camera 'none'; microphone 'none'";
    frame.src = '/test/support/device-check-page.html';
    document.body.append(frame);
    try {
      const el = (await until(
        'the check in the frame',
        () => frame.contentDocument?.querySelector('device-check') ?? undefined,
        10_000,
      )) as DeviceCheckElement;
      const finished = el.result
        ? Promise.resolve({ detail: el.result } as DeviceCheckResultEvent)
        : new Promise<DeviceCheckResultEvent>((resolve) =>
            el.addEventListener('device-check-result', (event) => resolve(event as DeviceCheckResultEvent), { once: true }),
          );
      const { detail } = await finished;
      expect(detail.video).to.equal(false);
      expect(detail.audio).to.equal(false);
      expect(detail.reasons.slice(0, 4)).to.deep.equal([
        'frame-blocks-camera',
        'frame-blocks-microphone',
        'camera-denied',
        'microphone-denied',
      ]);
      await el.updateComplete;
      expect(el.shadowRoot!.textContent).to.contain('add allow="camera; microphone" to the iframe');
      expect(el.shadowRoot!.querySelector('[part=summary]')!.textContent).to.equal('Video will not work yet.');
    } finally {
      frame.remove();
    }
  });

  it('uses and remembers the microphone picked from the keyboard, checking again with it', async () => {
    const el = await fixture<DeviceCheckElement>(html`<device-check></device-check>`);
    await oneEvent(el, 'device-check-result');
    await el.updateComplete;
    const picker = devicePicker(el, 'Microphone');
    picker.focus();
    expect(el.shadowRoot!.activeElement).to.equal(picker);
    const option = [...picker.options].find((candidate) => candidate.textContent === 'Fake Audio Input 1')!;
    // What arrow keys on a focused select do: change the value, then fire change.
    picker.value = option.value;
    const rechecked = oneEvent(el, 'device-check-result');
    picker.dispatchEvent(new Event('change'));
    await rechecked;
    expect(el.media.audio!.label).to.equal('Fake Audio Input 1');
    expect(JSON.parse(localStorage.getItem('escalate-video:devices')!)).to.deep.equal({ microphone: option.value });
    await expect(el).to.be.accessible();
  });

  it('compact, for a chat pane: every check on a line, no camera preview', async () => {
    const el = await fixture<DeviceCheckElement>(html`<div style="width:320px"><device-check compact></device-check></div>`).then(
      (wrapper) => wrapper.querySelector('device-check')!,
    );
    await oneEvent(el, 'device-check-result');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part=preview]')).to.equal(null);
    const rows = [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part=check]')];
    expect(rows).to.have.length(6);
    // On a 320 px phone column a passed check takes one line, its full words still read out.
    const passed = rows.filter((row) => row.dataset.state === 'ok' && !row.textContent!.includes('Connection'));
    expect(passed.length).to.be.greaterThan(3);
    for (const row of passed) expect(row.getBoundingClientRect().height, row.textContent!).to.be.at.most(40);
    expect(rows[2]!.textContent).to.contain('Your camera works');
    expect(el.getBoundingClientRect().height, 'the whole check').to.be.at.most(360);
    await expect(el).to.be.accessible();
  });

  it('updates its pickers when devices come and go (devicechange)', async () => {
    const el = await fixture<DeviceCheckElement>(html`<device-check></device-check>`);
    await oneEvent(el, 'device-check-result');
    await el.updateComplete;
    const microphones = () => devicePicker(el, 'Microphone').options.length;
    expect(microphones()).to.equal(3);
    // Chromium's fake devices never change, so the list the browser gives is trimmed here: a
    // headset unplugged takes one microphone away, and the browser says so by devicechange.
    const original = navigator.mediaDevices.enumerateDevices.bind(navigator.mediaDevices);
    navigator.mediaDevices.enumerateDevices = async () =>
      (await original()).filter((device) => device.label !== 'Fake Audio Input 2');
    try {
      navigator.mediaDevices.dispatchEvent(new Event('devicechange'));
      await until('the picker to drop it', () => (microphones() === 2 ? true : undefined));
    } finally {
      navigator.mediaDevices.enumerateDevices = original;
    }
  });

  it('says the connection was not tested when the media adapter offers no network test', async () => {
    // A page's own adapter that can join calls but cannot measure the path to its server.
    const adapter: MediaAdapter = { name: 'no-test', join: () => Promise.reject(new Error('a check joins no call')) };
    const el = await fixture<DeviceCheckElement>(
      html`<device-check server="wss://media.invalid" .mediaAdapter=${adapter}></device-check>`,
    );
    const { detail } = (await oneEvent(el, 'device-check-result')) as DeviceCheckResultEvent;
    expect(detail).to.deep.include({ video: true, audio: true, network: 'untested', recommendAudioOnly: false });
    await el.updateComplete;
    const row = checkLine(el, 'Connection');
    expect(row.dataset.state).to.equal('warn');
    expect(row.textContent).to.contain('this kind of video server has no connection test');
    expect(el.shadowRoot!.querySelector('[part=summary]')!.textContent).to.equal('Ready for video.');
    await expect(el).to.be.accessible();
  });

  it('still finishes, the connection untested, when its media adapter cannot be loaded', async () => {
    setLogLevel('silent');
    try {
      const el = await fixture<DeviceCheckElement>(
        html`<device-check server="wss://media.invalid" adapter="no-such-adapter"></device-check>`,
      );
      const { detail } = (await oneEvent(el, 'device-check-result')) as DeviceCheckResultEvent;
      expect(detail).to.deep.include({ network: 'untested', recommendAudioOnly: false });
      await el.updateComplete;
      expect(checkLine(el, 'Connection').dataset.state).to.equal('warn');
      expect(checkLine(el, 'Connection').textContent).to.contain('the test could not be run');
    } finally {
      setLogLevel('warn');
    }
  });

  it('moved in the page mid-check, checks again and still reports', async () => {
    const el = await fixture<DeviceCheckElement>(html`<device-check></device-check>`);
    const elsewhere = await fixture<HTMLDivElement>(html`<div></div>`);
    const result = oneEvent(el, 'device-check-result');
    elsewhere.append(el);
    expect(((await result) as DeviceCheckResultEvent).detail.video).to.equal(true);
    expect(el.media.video!.readyState).to.equal('live');
  });
});
