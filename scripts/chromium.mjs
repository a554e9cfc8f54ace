// One place for how this project starts Chromium: Debian's build, headless, fake media devices,
// and nothing that phones home (this machine has no network beyond the package registries).
import { existsSync } from 'node:fs';

export function chromiumPath() {
  const path = process.env.CHROME_PATH ?? '/usr/bin/chromium';
  if (!existsSync(path)) {
    throw new Error(`Chromium not found at ${path}. Install it with: apt-get install -y chromium (or set CHROME_PATH).`);
  }
  return path;
}

/**
 * `fakeUi: false`: camera and microphone permission is the browser's own (a test sets it with
 * `media-permission`). `fakeDevices: false`: only the machine's real devices (here: none).
 */
export function chromiumArgs({ fakeUi = true, fakeDevices = true } = {}) {
  return [
    '--no-sandbox',
    '--headless=new',
    ...(fakeUi ? ['--use-fake-ui-for-media-stream'] : []),
    ...(fakeDevices ? ['--use-fake-device-for-media-stream'] : []),
    '--allow-loopback-in-peer-connection',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-quic',
    '--no-first-run',
    '--disable-sync',
  ];
}
