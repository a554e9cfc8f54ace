// `npm test`: installs the Debian packages that are missing, type-checks and builds, then runs
// every test group in Chromium (the runner starts a Janus of the project's own), inside a private
// network namespace when running as root. Arguments go to web-test-runner.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runInNamespace } from './netns.mjs';
import { runCommand } from './run-command.mjs';
import { ensureSystemPackages, isRoot } from './system-deps.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const started = Date.now();

async function buildAndTest() {
  if (process.env.ESCALATE_SKIP_BUILD !== '1') {
    // House rules first (Prettier's layout, ESLint), then types (src, tests and the service,
    // strict), the generated manifest, then the builds: the service (the runner starts it) and
    // the bundles the CDN test loads; then the package as npm packs it (publint, its types).
    for (const script of ['format:check', 'lint', 'typecheck', 'manifest:check', 'build', 'package:check']) {
      const step = spawnSync('npm', ['run', '--silent', script], { stdio: 'inherit', cwd: root });
      if (step.status !== 0) return step.status ?? 1;
    }
  }
  // The service's own tests, in Node over real HTTP against a Janus they start (no browser);
  // `npm test -- --group service` runs only them.
  const serviceOnly = args.join(' ') === '--group service';
  if (args.length === 0 || serviceOnly) {
    const service = await runCommand('npm', ['run', '--silent', 'test:service'], { cwd: root });
    if (service !== 0 || serviceOnly) return service;
  }
  // The runner starts Janus itself (scripts/janus-plugin.mjs), so tests can restart it.
  const wtr = join(root, 'node_modules', '@web', 'test-runner', 'dist', 'bin.js');
  const code = await runCommand(process.execPath, [wtr, ...args], { cwd: root });
  // A full run ends with the demo as `npm start` brings it up (it needs Janus, as e2e does).
  if (code !== 0 || args.length > 0 || !existsSync('/usr/bin/janus')) return code;
  return runCommand(process.execPath, [join(root, 'scripts', 'demo-check.mjs')], { cwd: root });
}

ensureSystemPackages();
const useNamespace = isRoot() && !process.env.ESCALATE_NETNS && process.env.ESCALATE_NO_NETNS !== '1';
const code = useNamespace ? await runInNamespace(fileURLToPath(import.meta.url), args, 'escalate-test-') : await buildAndTest();
if (!process.env.ESCALATE_NETNS) console.log(`npm test took ${((Date.now() - started) / 1000).toFixed(1)} s`);
process.exit(code);
