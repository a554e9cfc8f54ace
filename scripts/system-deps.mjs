// Makes sure the Debian packages the tests need are here: installs them with apt-get when
// running as root, otherwise stops and says exactly what to install. Never skips silently.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Debian package → a file that proves it is installed. */
export const systemPackages = {
  chromium: '/usr/bin/chromium',
  janus: '/usr/bin/janus',
  iproute2: '/usr/sbin/ip',
  // Drops media for a while in the test namespace, to test recovery from a network blip.
  iptables: '/usr/sbin/iptables',
  // The escalation service's store for several instances; the tests start a cluster of their own.
  postgresql: '/usr/lib/postgresql/15/bin/initdb',
  // TURN: the relay-only tests start one inside the test namespace.
  coturn: '/usr/bin/turnserver',
  // janus-pp-rec: the service turns recorded calls into playable files with it.
  'janus-tools': '/usr/bin/janus-pp-rec',
  // Sends a test participant's sound and picture to Janus as RTP, for the service's recording test.
  ffmpeg: '/usr/bin/ffmpeg',
};

export function isRoot() {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

export function ensureSystemPackages(names = Object.keys(systemPackages)) {
  const missing = names.filter((name) => !existsSync(systemPackages[name]));
  if (missing.length === 0) return;
  if (!isRoot()) {
    console.error(
      `Missing Debian packages: ${missing.join(' ')}.\nInstall them with:\n  sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}`,
    );
    process.exit(1);
  }
  console.log(`Installing Debian packages: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', ...missing], { stdio: 'inherit', env });
  const still = missing.filter((name) => !existsSync(systemPackages[name]));
  if (still.length) {
    console.error(`apt-get did not install: ${still.join(' ')}`);
    process.exit(1);
  }
}
