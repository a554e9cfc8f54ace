// `npm test`: installs the Debian packages that are missing, type-checks and builds, then runs
// every test group in Chromium (the runner starts a Janus of the project's own), inside a private
// network namespace when running as root. Arguments go to web-test-runner.
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createNetns, deleteNetns, sweepStaleNetns } from './netns.mjs';
import { ensureSystemPackages, isRoot } from './system-deps.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const started = Date.now();

function run(command, commandArgs, env = process.env) {
  return new Promise((resolveRun) => {
    const child = spawn(command, commandArgs, { stdio: 'inherit', cwd: root, env });
    const forward = (signal) => child.kill(signal);
    process.on('SIGINT', forward).on('SIGTERM', forward);
    child.once('exit', (code, signal) => {
      process.off('SIGINT', forward).off('SIGTERM', forward);
      resolveRun(code ?? (signal ? 1 : 0));
    });
  });
}

/** Re-runs this script inside a fresh network namespace, and removes the namespace afterwards. */
async function inNamespace() {
  sweepStaleNetns('escalate-test-');
  const name = `escalate-test-${process.pid}`;
  const { address } = createNetns(name);
  console.log(`Test network namespace ${name} (media on ${address}, nothing else reachable).`);
  let code = 1;
  try {
    code = await run('ip', ['netns', 'exec', name, process.execPath, fileURLToPath(import.meta.url), ...args], {
      ...process.env,
      ESCALATE_NETNS: name,
      ESCALATE_ICE_ADDRESS: address,
    });
  } finally {
    deleteNetns(name);
  }
  return code;
}

async function buildAndTest() {
  if (process.env.ESCALATE_SKIP_BUILD !== '1') {
    // Types first (src and tests, strict), then the build the CDN test loads.
    for (const script of ['typecheck', 'build']) {
      const step = spawnSync('npm', ['run', '--silent', script], { stdio: 'inherit', cwd: root });
      if (step.status !== 0) return step.status ?? 1;
    }
  }
  // The runner starts Janus itself (scripts/janus-plugin.mjs), so tests can restart it.
  const wtr = join(root, 'node_modules', '@web', 'test-runner', 'dist', 'bin.js');
  return run(process.execPath, [wtr, ...args]);
}

ensureSystemPackages();
const useNamespace = isRoot() && !process.env.ESCALATE_NETNS && process.env.ESCALATE_NO_NETNS !== '1';
const code = useNamespace ? await inNamespace() : await buildAndTest();
if (!process.env.ESCALATE_NETNS) console.log(`npm test took ${((Date.now() - started) / 1000).toFixed(1)} s`);
process.exit(code);
