// Runs the escalation service as an operator would: its own `escalate-service` command with the
// configuration in environment variables, in a network namespace when given. Resolves once it
// says where it listens; `stop()` ends it by its pid.
import { spawn } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'service', 'dist', 'service', 'src', 'bin.js');

/** `env`: the service's ESCALATE_* settings. */
export function startServiceProcess({ env, netns, timeoutMs = 20_000 }) {
  const command = [process.execPath, bin];
  const child = netns
    ? spawn('ip', ['netns', 'exec', netns, ...command], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
    : spawn(command[0], command.slice(1), { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise((resolveExit) => child.once('exit', (code) => resolveExit(code)));
  const started = new Promise((resolveStarted, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the escalation service did not start in ${timeoutMs / 1000} s:\n${output}`)),
      timeoutMs,
    );
    const read = (chunk) => {
      output += chunk;
      const listening = /escalation service listening on (\S+)/.exec(output);
      if (listening) {
        clearTimeout(timer);
        resolveStarted(listening[1]);
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', (chunk) => {
      output += chunk;
      process.stderr.write(chunk);
    });
    exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the escalation service exited (${code}):\n${output}`));
    });
  });
  return started.then((url) => ({
    url,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  }));
}
