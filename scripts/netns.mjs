// A private network namespace for a test run: loopback plus one veth pair on 198.18.0.0/30
// (the benchmarking range), reachable from nowhere else. Janus will not gather ICE candidates
// on loopback, so media runs over the veth address, and it never leaves this namespace.
import { execFileSync } from 'node:child_process';
import { runCommand } from './run-command.mjs';

export const NETNS_ADDRESS = '198.18.0.1';
const PEER_ADDRESS = '198.18.0.2';

function ip(...args) {
  execFileSync('ip', args, { stdio: ['ignore', 'ignore', 'inherit'] });
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Removes namespaces left by earlier runs that died before cleaning up (their pid is gone). */
export function sweepStaleNetns(prefix) {
  let names = [];
  try {
    names = execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' })
      .split('\n')
      .map((line) => line.split(' ')[0]);
  } catch {
    return;
  }
  for (const name of names) {
    const pid = Number(name?.startsWith(prefix) ? name.slice(prefix.length) : NaN);
    if (Number.isInteger(pid) && !alive(pid)) deleteNetns(name);
  }
}

/** A namespace with loopback up and no IPv6 (see below), nothing else yet. */
function createBare(name) {
  try {
    ip('netns', 'add', name);
  } catch (error) {
    throw new Error(
      `Could not create a network namespace (${error.message.split('\n')[0]}). ` +
        'Network namespaces need root and a kernel that allows them; to run Janus on the normal network instead, set ESCALATE_NO_NETNS=1.',
    );
  }
  try {
    // No IPv6: its link-local addresses arrive a moment after the links come up, and Chromium
    // takes that for a network change and fails the page loads under way.
    for (const scope of ['all', 'default']) {
      try {
        execFileSync('ip', ['netns', 'exec', name, 'sh', '-c', `echo 1 > /proc/sys/net/ipv6/conf/${scope}/disable_ipv6`], {
          stdio: 'ignore',
        });
      } catch {
        // A kernel without IPv6 has nothing to disable.
      }
    }
    ip('-n', name, 'link', 'set', 'lo', 'up');
  } catch (error) {
    deleteNetns(name);
    throw error;
  }
}

export function createNetns(name) {
  createBare(name);
  try {
    ip('-n', name, 'link', 'add', 'ev0', 'type', 'veth', 'peer', 'name', 'ev1');
    ip('-n', name, 'addr', 'add', `${NETNS_ADDRESS}/30`, 'dev', 'ev0');
    ip('-n', name, 'addr', 'add', `${PEER_ADDRESS}/30`, 'dev', 'ev1');
    ip('-n', name, 'link', 'set', 'ev0', 'up');
    ip('-n', name, 'link', 'set', 'ev1', 'up');
  } catch (error) {
    deleteNetns(name);
    throw error;
  }
  return { name, address: NETNS_ADDRESS };
}

/** Kills whatever still runs inside the namespace (only this run's processes can be there), then removes it. */
export function deleteNetns(name) {
  try {
    const pids = execFileSync('ip', ['netns', 'pids', name], { encoding: 'utf8' }).split(/\s+/).filter(Boolean);
    for (const pid of pids) {
      try {
        process.kill(Number(pid), 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
  } catch {
    // The namespace may not exist any more.
  }
  try {
    ip('netns', 'delete', name);
  } catch {
    // Already deleted.
  }
}

/**
 * Runs `node script ...args` inside a fresh namespace named `prefix<pid>`, with
 * ESCALATE_NETNS and ESCALATE_ICE_ADDRESS set, and removes the namespace afterwards.
 */
export async function runInNamespace(script, args, prefix) {
  sweepStaleNetns(prefix);
  const name = `${prefix}${process.pid}`;
  const { address } = createNetns(name);
  console.log(`Network namespace ${name} (media on ${address}, nothing else reachable).`);
  try {
    return await runCommand('ip', ['netns', 'exec', name, process.execPath, script, ...args], {
      env: { ...process.env, ESCALATE_NETNS: name, ESCALATE_ICE_ADDRESS: address },
    });
  } finally {
    deleteNetns(name);
  }
}

/**
 * A namespace for the demo's Janus, joined to this namespace by a veth pair: Janus on
 * 198.18.0.1 inside, this side 198.18.0.2, so a browser here reaches it and nothing else does.
 */
export function createDemoNetns(name) {
  createBare(name);
  const outside = `evd${process.pid}`.slice(0, 15);
  try {
    ip('link', 'add', outside, 'type', 'veth', 'peer', 'name', 'ev0', 'netns', name);
    ip('-n', name, 'addr', 'add', `${NETNS_ADDRESS}/30`, 'dev', 'ev0');
    ip('-n', name, 'link', 'set', 'ev0', 'up');
    ip('addr', 'add', `${PEER_ADDRESS}/30`, 'dev', outside);
    ip('link', 'set', outside, 'up');
  } catch (error) {
    deleteNetns(name);
    throw error;
  }
  return { name, address: NETNS_ADDRESS };
}
