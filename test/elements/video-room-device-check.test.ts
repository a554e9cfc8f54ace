// <video-room> and the camera and microphone the person chose or checked: saved choices are used
// when joining; with `check-devices` the room joins at once and checks the connection on the call,
// and shows the device check only when neither camera nor microphone can be used.
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/define/video-room.js';
import type { VideoRoomElement } from '../../src/elements/video-room/video-room.js';
import { LoopbackAdapter } from '../../src/core/media/loopback/loopback-adapter.js';
import { saveChosenDevices } from '../../src/core/devices/device-choices.js';
import { until } from '../support/test-env.js';

const adapter = new LoopbackAdapter({ heartbeatMs: 250, dropAfterMs: 1000 });

async function room(options: { checkDevices?: boolean } = {}) {
  return fixture<VideoRoomElement>(html`<div style="width:640px;height:520px">
    <video-room .mediaAdapter=${adapter} room=${`r-${crypto.randomUUID()}`} participant-role="guest" display-name="Ada Customer" ?check-devices=${options.checkDevices}></video-room>
  </div>`).then((wrapper) => wrapper.querySelector('video-room')!);
}

/** Counts getUserMedia calls (each is a prompt in browsers that do not remember), or refuses them all. */
function watchGetUserMedia(options: { refuse?: boolean } = {}) {
  const original = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
  const watch = { calls: 0, refuse: options.refuse ?? false, restore: () => (navigator.mediaDevices.getUserMedia = original) };
  navigator.mediaDevices.getUserMedia = (constraints) => {
    watch.calls += 1;
    return watch.refuse ? Promise.reject(new DOMException('Requested device not found', 'NotFoundError')) : original(constraints);
  };
  return watch;
}

async function deviceIdOf(label: string): Promise<string> {
  const probe = await navigator.mediaDevices.getUserMedia({ audio: true });
  probe.getTracks().forEach((track) => track.stop());
  return (await navigator.mediaDevices.enumerateDevices()).find((device) => device.label === label)!.deviceId;
}

const stateOf = (el: VideoRoomElement, state: string) => () => (el.state === state ? true : undefined);

describe('<video-room> with chosen and checked devices', function () {
  this.timeout(30_000);
  const rooms: VideoRoomElement[] = [];
  afterEach(async () => {
    await Promise.all(rooms.splice(0).map((el) => el.leave('ended')));
    localStorage.removeItem('escalate-video:devices');
  });

  it('joins with the microphone chosen earlier in <device-check>', async () => {
    saveChosenDevices({ microphone: await deviceIdOf('Fake Audio Input 2') });
    const guest = await room();
    rooms.push(guest);
    await until('waiting', stateOf(guest, 'waiting'));
    expect(guest.localTracks.audio!.label).to.equal('Fake Audio Input 2');
    expect(guest.localTracks.video).not.to.equal(null);
  });

  it('with check-devices, joins at once with the tracks it opened (the browser asks once) and says while it checks the connection', async () => {
    const watch = watchGetUserMedia();
    try {
      const guest = await room({ checkDevices: true });
      rooms.push(guest);
      await until('waiting', stateOf(guest, 'waiting'));
      expect(guest.shadowRoot!.querySelector('device-check'), 'no check to wait through').to.equal(null);
      const notice = () => guest.shadowRoot!.querySelector('[part=notice]')?.textContent ?? '';
      expect(notice()).to.equal('Checking your connection…');
      await expect(guest).to.be.accessible();
      await until('the connection checked', () => (notice() === '' ? true : undefined), 10_000);
      expect(guest.localTracks.audio!.readyState).to.equal('live');
      expect(guest.localTracks.video!.readyState).to.equal('live');
      expect(watch.calls).to.equal(1);
    } finally {
      watch.restore();
    }
  });

  it('with check-devices and no camera or microphone, stays out of the call and says why; checking again once they work joins', async () => {
    const watch = watchGetUserMedia({ refuse: true });
    try {
      const guest = await room({ checkDevices: true });
      rooms.push(guest);
      await until('told', () =>
        guest.shadowRoot!.textContent?.includes('Your camera and microphone cannot be used') ? true : undefined,
      );
      expect(guest.state).to.equal('checking');
      await expect(guest).to.be.accessible();
      // The person plugs a headset in (here: the fake devices come back) and checks again from the keyboard.
      watch.refuse = false;
      const check = guest.shadowRoot!.querySelector('device-check')!;
      const again = check.shadowRoot!.querySelector<HTMLButtonElement>('[part=again]')!;
      again.focus();
      again.click();
      await until('waiting', stateOf(guest, 'waiting'), 15_000);
      expect(guest.localTracks.audio).not.to.equal(null);
    } finally {
      watch.restore();
    }
  });

  it('keeps the choice that still works when the other chosen device is gone', async () => {
    saveChosenDevices({ camera: 'a-camera-since-unplugged', microphone: await deviceIdOf('Fake Audio Input 2') });
    const guest = await room();
    rooms.push(guest);
    await until('waiting', stateOf(guest, 'waiting'));
    expect(guest.localTracks.video, 'the default camera instead').not.to.equal(null);
    expect(guest.localTracks.audio!.label).to.equal('Fake Audio Input 2');
  });

  it('can leave while the check waits, and check and join again from "Rejoin"', async () => {
    const watch = watchGetUserMedia({ refuse: true });
    try {
      const guest = await room({ checkDevices: true });
      rooms.push(guest);
      await until('told', () =>
        guest.shadowRoot!.textContent?.includes('Your camera and microphone cannot be used') ? true : undefined,
      );
      await guest.leave();
      expect(guest.state).to.equal('left');
      watch.refuse = false;
      guest.shadowRoot!.querySelector<HTMLButtonElement>('button.primary')!.click();
      await until('waiting', stateOf(guest, 'waiting'), 15_000);
    } finally {
      watch.restore();
    }
  });
});
