// Starts a PostgreSQL cluster of the test run's own (Debian's server binaries, initdb + pg_ctl in
// a folder of its own), on 127.0.0.1 and a free port, with no password on that address only; stops
// it by pg_ctl. PostgreSQL refuses to run as root: as root it runs as the `postgres` user.
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from './janus.mjs';
import { isRoot } from './system-deps.mjs';

function binaries() {
  const base = '/usr/lib/postgresql';
  const version = existsSync(base) ? readdirSync(base).sort().at(-1) : undefined;
  if (!version) throw new Error('PostgreSQL is not installed (apt-get install -y postgresql)');
  return join(base, version, 'bin');
}

/** Runs a PostgreSQL tool, as `postgres` when this process is root. */
function run(tool, args) {
  const command = join(binaries(), tool);
  const [file, argv] = isRoot() ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
  return execFileSync(file, argv, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
}

/** @param {{ runDir: string }} options  @returns {Promise<{ url: string, stop(): Promise<void> }>} */
export async function startPostgres({ runDir }) {
  rmSync(runDir, { recursive: true, force: true });
  const data = join(runDir, 'data');
  const sockets = join(runDir, 'sockets');
  mkdirSync(data, { recursive: true });
  mkdirSync(sockets, { recursive: true });
  if (isRoot()) {
    const { uid, gid } = postgresUser();
    for (const folder of [runDir, data, sockets]) chownSync(folder, uid, gid);
  }
  run('initdb', ['-D', data, '-U', 'escalate', '--auth=trust', '--no-sync', '--encoding=UTF8', '--locale=C']);
  const port = await freePort();
  const options = `-c listen_addresses=127.0.0.1 -p ${port} -k ${sockets} -c fsync=off -c synchronous_commit=off -c max_connections=200`;
  run('pg_ctl', ['-D', data, '-o', options, '-l', join(runDir, 'postgres.log'), '-w', '-t', '30', 'start']);
  return {
    url: `postgres://escalate@127.0.0.1:${port}/postgres`,
    stop: async () => {
      try {
        run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
      } catch {
        // Already stopped.
      }
      rmSync(runDir, { recursive: true, force: true });
    },
  };
}

function postgresUser() {
  const line = execFileSync('getent', ['passwd', 'postgres'], { encoding: 'utf8' }).trim().split(':');
  return { uid: Number(line[2]), gid: Number(line[3]) };
}
