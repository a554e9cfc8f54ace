// Starts a coturn TURN server of the test run's own (Debian's `coturn`), inside the run's network
// namespace: it authenticates with the shared secret the escalation service signs credentials
// with, listens and relays on the namespace's address only, and is stopped by its pid.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { freePort } from './janus.mjs';

/** @param {{ runDir: string, address: string }} options */
export async function startCoturn({ runDir, address }) {
  rmSync(runDir, { recursive: true, force: true });
  mkdirSync(runDir, { recursive: true });
  const port = await freePort();
  const secret = randomBytes(24).toString('hex');
  const args = [
    '--no-cli',
    '--no-tls',
    '--no-dtls',
    '--no-stdout-log',
    '--simple-log',
    `--log-file=${join(runDir, 'turn.log')}`,
    `--pidfile=${join(runDir, 'turn.pid')}`,
    `--listening-ip=${address}`,
    `--listening-port=${port}`,
    `--relay-ip=${address}`,
    '--min-port=49160',
    '--max-port=49400',
    '--use-auth-secret',
    `--static-auth-secret=${secret}`,
    '--realm=escalate-video',
    '--fingerprint',
    '--no-multicast-peers',
    '-n',
  ];
  const child = spawn('turnserver', args, { stdio: 'ignore' });
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  // Ready when its TCP listener takes a connection.
  const started = Date.now();
  while (!(await accepts(port, address))) {
    if (exited || Date.now() - started > 10_000) throw new Error(`coturn did not come up (see ${join(runDir, 'turn.log')})`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    urls: [`turn:${address}:${port}?transport=udp`, `turn:${address}:${port}?transport=tcp`],
    secret,
    stop: () =>
      new Promise((resolve) => {
        if (exited) return resolve(undefined);
        child.once('exit', () => resolve(undefined));
        child.kill('SIGTERM');
      }),
  };
}

function accepts(port, host) {
  return new Promise((resolve) => {
    const socket = connect(port, host);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
