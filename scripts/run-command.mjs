// Runs a command with inherited output, passing Ctrl-C and SIGTERM on, and resolves with its exit code.
import { spawn } from 'node:child_process';

export function runCommand(command, args, options = {}) {
  return new Promise((resolveRun) => {
    const child = spawn(command, args, { stdio: 'inherit', ...options });
    const forward = (signal) => child.kill(signal);
    process.on('SIGINT', forward).on('SIGTERM', forward);
    child.once('exit', (code, signal) => {
      process.off('SIGINT', forward).off('SIGTERM', forward);
      resolveRun(code ?? (signal ? 1 : 0));
    });
  });
}
