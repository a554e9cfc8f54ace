// Starts a Janus of the project's own: configs rendered from janus/*.jcfg into a run folder,
// only VideoRoom, EchoTest, HTTP and WebSocket loaded, signed tokens required (token_auth), the
// HTTP and admin APIs on loopback and the WebSocket where browsers reach it. Waits until it
// answers and stops it by its pid. Run directly (`node scripts/janus.mjs`) to keep one up by hand.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const templates = join(root, 'janus');
const wanted = {
  plugins: ['libjanus_videoroom.so', 'libjanus_echotest.so'],
  transports: ['libjanus_http.so', 'libjanus_websockets.so'],
};

function janusLibDir() {
  const candidates = readdirSync('/usr/lib')
    .map((dir) => join('/usr/lib', dir, 'janus'))
    .concat('/usr/lib/janus', '/usr/local/lib/janus', '/opt/janus/lib/janus');
  const found = candidates.find((dir) => existsSync(join(dir, 'plugins', wanted.plugins[0])));
  if (!found) throw new Error('Janus plugins not found; install Janus with: apt-get install -y janus');
  return found;
}

export function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

function render(text, values) {
  return text.replace(/@([A-Z_]+)@/g, (match, key) => {
    if (!(key in values)) throw new Error(`janus config: no value for ${match}`);
    return values[key];
  });
}

function writeConfig(runDir, values, plugins) {
  const configDir = join(runDir, 'config');
  mkdirSync(configDir, { recursive: true });
  mkdirSync(join(runDir, 'none'), { recursive: true });
  for (const file of readdirSync(templates).filter((name) => name.endsWith('.jcfg'))) {
    writeFileSync(
      join(configDir, file),
      render(readFileSync(join(templates, file), 'utf8'), { ...values, CONFIG_DIR: configDir, RUN_DIR: runDir }),
    );
  }
  const lib = janusLibDir();
  for (const [kind, files] of Object.entries({ ...wanted, plugins })) {
    mkdirSync(join(runDir, kind), { recursive: true });
    for (const file of files) symlinkSync(join(lib, kind, file), join(runDir, kind, file));
  }
  return configDir;
}

async function answers(httpUrl) {
  try {
    const response = await fetch(httpUrl, {
      method: 'POST',
      body: JSON.stringify({ janus: 'info', transaction: 'ready' }),
      signal: AbortSignal.timeout(1000),
    });
    const body = await response.json();
    return body.janus === 'server_info';
  } catch {
    return false;
  }
}

function accepts(port, host) {
  return new Promise((resolveAccepts) => {
    const socket = connect(port, host);
    socket.once('connect', () => {
      socket.destroy();
      resolveAccepts(true);
    });
    socket.once('error', () => resolveAccepts(false));
  });
}

/**
 * Starts Janus and resolves once both APIs answer.
 * @param {{ runDir: string, iceAddress?: string, timeoutMs?: number, plugins?: string[] }} options
 * `plugins`: the plugin libraries to load (VideoRoom and EchoTest by default). `bind`: where the
 * WebSocket listens (browsers); the HTTP and admin APIs listen on 127.0.0.1 only (inside `netns`
 * when given), for the escalation service.
 */
export async function startJanus({
  runDir,
  iceAddress,
  timeoutMs = 15000,
  bind = '127.0.0.1',
  netns,
  plugins = wanted.plugins,
  tokenSecret,
  roomAdminKey,
  rtpPorts = '20000-40000',
}) {
  rmSync(runDir, { recursive: true, force: true });
  mkdirSync(runDir, { recursive: true });
  const [httpPort, wsPort, adminPort] = [await freePort(), await freePort(), await freePort()];
  // Several Janus of one deployment share the token secret and the room admin key (rooms move between them).
  const secrets = {
    adminSecret: randomBytes(12).toString('hex'),
    roomAdminKey: roomAdminKey ?? randomBytes(12).toString('hex'),
    tokenSecret: tokenSecret ?? randomBytes(24).toString('hex'),
  };
  const configDir = writeConfig(
    runDir,
    {
      HTTP_PORT: String(httpPort),
      WS_PORT: String(wsPort),
      ADMIN_PORT: String(adminPort),
      ADMIN_SECRET: secrets.adminSecret,
      BIND: bind,
      API_BIND: '127.0.0.1',
      API_ACL: '127.0.0.1',
      ROOM_ADMIN_KEY: secrets.roomAdminKey,
      TOKEN_SECRET: secrets.tokenSecret,
      RTP_PORTS: rtpPorts,
      ICE_ENFORCE: iceAddress ? `\tice_enforce_list = "${iceAddress}"` : '',
    },
    plugins,
  );
  const logFile = join(runDir, 'janus.log');
  const httpUrl = `http://127.0.0.1:${httpPort}/janus`;
  let child;
  let exited = null;
  const spawnJanus = () => {
    exited = null;
    const command = ['janus', '-F', configDir, '-C', join(configDir, 'janus.jcfg'), '-L', logFile, '-N'];
    // In a namespace of its own (the demo as root): the browser reaches it over the veth pair.
    child = netns
      ? spawn('ip', ['netns', 'exec', netns, ...command], { stdio: 'ignore' })
      : spawn(command[0], command.slice(1), { stdio: 'ignore' });
    // Lets a later run stop this Janus if the process that started it dies without cleaning up.
    writeFileSync(join(runDir, 'janus.pid'), String(child.pid));
    child.once('exit', (code, signal) => {
      exited = { code, signal };
    });
  };
  const signal = (name) => {
    try {
      process.kill(child.pid, name);
    } catch {
      // Already gone.
    }
  };
  const stop = () =>
    new Promise((resolveStop) => {
      // The config holds the admin secrets: it goes with the server (the log stays for reading).
      const done = () => {
        rmSync(configDir, { recursive: true, force: true });
        resolveStop();
      };
      if (exited) return done();
      child.once('exit', done);
      signal('SIGTERM');
      setTimeout(() => {
        if (!exited) signal('SIGKILL');
      }, 3000).unref();
    });
  const waitUntilReady = async () => {
    const started = Date.now();
    // In a namespace of its own the HTTP API (loopback there) is out of this side's reach: the
    // WebSocket, which opens after the plugins have loaded, says it is up.
    while (!((netns || (await answers(httpUrl))) && (await accepts(wsPort, bind)))) {
      if (exited || Date.now() - started > timeoutMs) {
        await stop();
        const log = existsSync(logFile) ? readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n') : '(no log)';
        throw new Error(
          `Janus did not come up (${exited ? `exited ${JSON.stringify(exited)}` : 'timed out'}). Last log lines:\n${log}`,
        );
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  spawnJanus();
  const janus = {
    get pid() {
      return child.pid;
    },
    httpUrl,
    wsUrl: `ws://${bind}:${wsPort}`,
    adminUrl: `http://127.0.0.1:${adminPort}/admin`,
    ...secrets,
    logFile,
    stop,
    /** Whether it runs (it was not killed, and did not die). */
    get alive() {
      return !exited;
    },
    /** Kills Janus hard, as a crash would, and leaves it down. */
    async kill() {
      if (exited) return;
      const gone = new Promise((resolveGone) => child.once('exit', resolveGone));
      signal('SIGKILL');
      await gone;
    },
    /** Kills Janus hard (as a crash would) and starts it again on the same ports and config. */
    async restart({ downMs = 0 } = {}) {
      if (!exited) {
        const gone = new Promise((resolveGone) => child.once('exit', resolveGone));
        signal('SIGKILL');
        await gone;
      }
      await new Promise((r) => setTimeout(r, downMs));
      spawnJanus();
      await waitUntilReady();
    },
  };
  await waitUntilReady();
  return janus;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const janus = await startJanus({ runDir: join(root, '.run', 'janus-manual') });
  console.log(`Janus ${janus.pid} up: ${janus.wsUrl} ${janus.httpUrl} (admin ${janus.adminUrl}); Ctrl-C stops it.`);
  const stop = async () => {
    await janus.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
