// The tests' Janus and escalation service, as a test-runner plugin: started with the runner's
// server and stopped with it, serving the tests what they need (URLs, fresh rooms made with the
// admin key and their tokens, agents' sign-in tokens) and restarting them when a test asks
// (`executeServerCommand('janus-restart')`).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startJanus } from './janus.mjs';
import { randomBytes } from 'node:crypto';
import { pino } from 'pino';
import {
  ECHOTEST,
  JanusRooms,
  mintDevAgentToken,
  mintJanusToken,
  randomJanusId,
  sha256Hex,
  startService,
  turnServers,
  VIDEOROOM,
  webhookSender,
} from '@escalate-video/service';
import { cdnSizes, SIZE_BUDGETS, SIZE_TARGETS } from './bundle-sizes.mjs';
import { startCoturn } from './coturn.mjs';
import { startSmsProvider } from './sms-provider.mjs';
import { isRoot } from './system-deps.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** A Janus whose starter died without stopping it: still running under that pid, and still janus. */
function stopOrphanedJanus(pidFile) {
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8'));
  try {
    if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'janus') process.kill(pid, 'SIGKILL');
  } catch {
    // Gone already.
  }
}

/** Removes run folders of earlier test runs whose process is gone (their logs are stale). */
function sweepRunDirs() {
  const runs = join(root, '.run');
  if (!existsSync(runs)) return;
  for (const name of readdirSync(runs)) {
    const pid = Number(/^janus-(?:bench-)?(\d+)$/.exec(name)?.[1]);
    if (!pid || pid === process.pid) continue;
    try {
      process.kill(pid, 0);
    } catch {
      stopOrphanedJanus(join(runs, name, 'janus.pid'));
      stopOrphanedJanus(join(runs, name, 'no-echotest', 'janus.pid'));
      rmSync(join(runs, name), { recursive: true, force: true });
    }
  }
}

/**
 * Answers the test page's camera and microphone requests as a person at the browser's prompt
 * would: `granted` or `denied`. For Chromium started without the fake UI, and set before the page
 * first asks: once an origin was denied, this Chromium keeps denying it whatever is set later.
 */
async function setMediaPermission(session, setting) {
  const page = session.browser.getPage(session.id);
  const cdp = await page.createCDPSession();
  try {
    const origin = new URL(page.url()).origin;
    // The runner opens each test page in a browser context of its own: the setting goes there.
    const context = page.browserContext().id ? { browserContextId: page.browserContext().id } : {};
    for (const name of ['camera', 'microphone'])
      await cdp.send('Browser.setPermission', { origin, permission: { name }, setting, ...context });
  } finally {
    await cdp.detach();
  }
  return true;
}

/** Every rule `network-impaired` adds is tagged with this comment, so it can take them all out again. */
const IMPAIRMENT = ['-m', 'comment', '--comment', 'escalate-impairment'];

/**
 * `{ loss: 0.1, rateKbit: 300 }` impairs UDP (media) inside this run's namespace; `{}` puts it
 * back. Loss: iptables' statistic match. The cap: iptables' hashlimit, a policer that drops what
 * goes over the rate. (tc's tbf would shape, but here local media travels over loopback, which
 * also carries the browser's DevTools connection; and this kernel has no classful qdisc to shape
 * UDP alone.)
 */
function impairNetwork({ loss, rateKbit }) {
  for (const line of execFileSync('iptables', ['-S', 'INPUT'], { encoding: 'utf8' }).split('\n')) {
    if (line.includes('escalate-impairment'))
      execFileSync('iptables', [
        '-D',
        ...line
          .replace(/^-A /, '')
          .split(' ')
          .map((word) => word.replace(/^"|"$/g, '')),
      ]);
  }
  if (loss)
    execFileSync('iptables', [
      '-I',
      'INPUT',
      '-p',
      'udp',
      ...IMPAIRMENT,
      '-m',
      'statistic',
      '--mode',
      'random',
      '--probability',
      String(loss),
      '-j',
      'DROP',
    ]);
  if (rateKbit) {
    const bytesPerSecond = `${Math.max(1, Math.round(rateKbit / 8))}kb/s`;
    execFileSync('iptables', [
      '-I',
      'INPUT',
      '-p',
      'udp',
      ...IMPAIRMENT,
      '-m',
      'hashlimit',
      '--hashlimit-name',
      'escalate-cap',
      '--hashlimit-above',
      bytesPerSecond,
      '--hashlimit-burst',
      '32kb',
      '-j',
      'DROP',
    ]);
  }
}

/** A contact-center flow's API key of this run (tenant-1): it may create escalations and send their links. */
const flowKey = `evk_${randomBytes(24).toString('hex')}`;
/** The service's last warnings and errors, kept so a test that times out can show them. */
const serviceWarnings = [];
const serviceLogger = pino(
  { name: 'escalate-service', level: 'warn' },
  {
    write(line) {
      serviceWarnings.push(line.trim());
      if (serviceWarnings.length > 30) serviceWarnings.shift();
    },
  },
);

/** Lets the run read the service's own counts at its end (what it refused, and why). */
const metricsToken = randomBytes(16).toString('hex');

/** The service's refusals by error code and its live escalations, from its `/metrics`, as one line. */
async function serviceCounts(url) {
  const text = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } }).then((r) => r.text());
  const refusals = [...text.matchAll(/^escalate_refusals_total\{code="([^"]+)"\} (\d+)/gm)].map(([, code, n]) => `${code} ${n}`);
  const live = /^escalate_active_escalations (\d+)/m.exec(text)?.[1] ?? '?';
  return `refusals by code: ${refusals.join(', ') || 'none'}; escalations still live: ${live}`;
}

/** The tests' agents sign in with tokens from this issuer, signed with a secret of this run. */
const testAuth = {
  issuer: 'escalate-test',
  audience: 'escalate-video',
  secret: randomBytes(32).toString('hex'),
  clockToleranceSeconds: 5,
  tenantClaim: 'tenant',
};

/** `recordingsDir`: where that Janus records this run's rooms (both run here, so the service reads it as Janus writes it). */
function janusServer(janus, recordingsDir) {
  return {
    httpUrl: janus.httpUrl,
    wsUrl: janus.wsUrl,
    roomAdminKey: janus.roomAdminKey,
    tokenSecret: janus.tokenSecret,
    adminUrl: janus.adminUrl,
    adminSecret: janus.adminSecret,
    ...(recordingsDir ? { recordingsDir } : {}),
  };
}

/** A folder of this run's for one Janus's recordings (each room records into a folder of its own in it). */
function recordingsFolder(name) {
  const folder = join(root, '.run', `janus-${process.pid}`, 'recordings', name);
  mkdirSync(folder, { recursive: true });
  return folder;
}

/** DevTools sessions that hold a test page's emulated media features (`media-features`). */
const mediaSessions = new WeakMap();

export function janusPlugin() {
  let janus;
  /** A second Janus without the EchoTest plugin, while a test wants one. */
  let janusWithoutEchoTest;
  let service;
  let serviceOptions;
  let smsProvider;
  let rooms;
  let turn;
  /** The second Janus, and its rooms. */
  let janus2;
  let rooms2;
  return {
    name: 'escalate-janus',
    async serverStart({ config }) {
      // As root, media may only flow inside the namespace `npm test` makes; elsewhere there is no Janus.
      if (isRoot() && !process.env.ESCALATE_NETNS && process.env.ESCALATE_NO_NETNS !== '1') {
        console.warn('Not starting Janus: as root, media tests run only through `npm test` (private network namespace).');
        return;
      }
      sweepRunDirs();
      // Browsers reach the WebSocket on the namespace's address; the HTTP API stays on loopback.
      const bind = process.env.ESCALATE_ICE_ADDRESS ?? '127.0.0.1';
      janus = await startJanus({
        runDir: join(root, '.run', `janus-${process.pid}`),
        iceAddress: process.env.ESCALATE_ICE_ADDRESS,
        bind,
      });
      console.log(`Janus ${janus.pid} up at ${janus.wsUrl} (log: ${janus.logFile}).`);
      rooms = new JanusRooms(janusServer(janus));
      // A second Janus of the same deployment (its secrets, other media ports): rooms spread over
      // both, and a test may kill one to see its calls move.
      janus2 = await startJanus({
        runDir: join(root, '.run', `janus-${process.pid}`, 'second'),
        iceAddress: process.env.ESCALATE_ICE_ADDRESS,
        bind,
        tokenSecret: janus.tokenSecret,
        roomAdminKey: janus.roomAdminKey,
        rtpPorts: '10000-19999',
      });
      rooms2 = new JanusRooms(janusServer(janus2));
      // A TURN server beside Janus, inside the namespace, for customers who can only relay.
      if (process.env.ESCALATE_ICE_ADDRESS)
        turn = await startCoturn({
          runDir: join(root, '.run', `janus-${process.pid}`, 'turn'),
          address: process.env.ESCALATE_ICE_ADDRESS,
        });
      // SMS and e-mail leave the service as they would in production: through its webhook sender.
      const token = 'test-provider-token';
      smsProvider = await startSmsProvider({ token });
      const port = config.port ?? 8000;
      serviceOptions = {
        send: webhookSender(smsProvider.url, token),
        janus: [
          { id: 'janus-1', ...janusServer(janus, recordingsFolder('janus-1')) },
          { id: 'janus-2', ...janusServer(janus2, recordingsFolder('janus-2')) },
        ],
        auth: testAuth,
        apiKeys: [
          { id: 'test-flow', tenant: 'tenant-1', sha256: sha256Hex(flowKey), routes: ['createEscalation', 'deliverLink'] },
        ],
        corsOrigins: [`http://localhost:${port}`, `http://127.0.0.1:${port}`, `http://${config.hostname ?? 'localhost'}:${port}`],
        dataDir: join(root, '.run', `janus-${process.pid}`, 'service'),
        guestBaseUrl: 'http://localhost/demo/guest.html',
        // Every customer and expert of the run comes from 127.0.0.1, many at once: the per-client
        // allowance of guest requests (300 a minute, for one real person's page) is the whole run's
        // here. The service's own tests check the allowance itself (abuse.test.ts).
        // A waiting expert whose page went away counts as gone after 2 s (8 by default).
        limits: { smsCallingCodes: ['1'], guestRequestsPerClient: { points: 3000, windowSeconds: 60 }, lobbyGoneSeconds: 2 },
        ...(turn ? { turn: { urls: turn.urls, secret: turn.secret } } : {}),
        logger: serviceLogger,
        metricsToken,
      };
      service = await startService(serviceOptions);
    },
    async serverStop() {
      // Printed so a failure in CI can be read beside what the service refused during the run.
      if (service)
        console.log(`Escalation service at the end of the run: ${await serviceCounts(service.url).catch((e) => e.message)}`);
      await service?.stop();
      await smsProvider?.stop();
      await janus?.stop();
      await janusWithoutEchoTest?.stop();
      await janus2?.stop();
      await turn?.stop();
    },
    async serve(context) {
      // The CDN build's weight (gzip), its budgets and targets, for the build test.
      if (context.path === '/__cdn-sizes.json') {
        const sizes = cdnSizes(join(root, 'dist', 'cdn'));
        return { type: 'json', body: JSON.stringify({ sizes, budgets: SIZE_BUDGETS, targets: SIZE_TARGETS }) };
      }
      if (context.path === '/__test-env.json') {
        return {
          type: 'json',
          body: JSON.stringify({
            janusWsUrl: janus?.wsUrl ?? null,
            janusHttpUrl: janus?.httpUrl ?? null,
            serviceUrl: service?.url ?? null,
            // For the tests that play a contact-center flow (server to server) from the page.
            flowApiKey: flowKey,
            mediaAddress: process.env.ESCALATE_ICE_ADDRESS ?? null,
          }),
        };
      }
      // The demo's customer page (demo/guest.html) asks this, as it does of `npm start`: tests open
      // the very page a customer gets, on this run's service.
      if (context.path === '/demo/config.json' && service) {
        return { type: 'json', body: JSON.stringify({ mode: 'janus', serviceUrl: service.url }) };
      }
      // And the demo desk's sign-in, so tests can open the desk itself (demo/index.html).
      if (context.path === '/demo/agent-token') {
        const token = await mintDevAgentToken({ ...testAuth, agent: 'demo-agent', tenant: 'tenant-1', ttlSeconds: 3600 });
        return { type: 'json', body: JSON.stringify({ token }) };
      }
      // Rooms are made server-side, as the escalation service does: the admin key never reaches a
      // page. Locked as the service's are; the one token answered is on its allow-list.
      if (context.path === '/__janus/rooms' && janus) {
        const token = mintJanusToken({ secret: janus.tokenSecret, plugins: [VIDEOROOM], ttlSeconds: 3600 });
        const room = randomJanusId();
        await rooms.create({ room, secret: randomBytes(12).toString('hex') }, [token]);
        return { type: 'json', body: JSON.stringify({ room: String(room), token }) };
      }
      // A media-server token for one plugin (`videoroom` or `echotest`), as the service mints them.
      if (context.path === '/__janus/token' && janus) {
        const plugin = context.query.plugin === 'echotest' ? ECHOTEST : VIDEOROOM;
        const token = mintJanusToken({
          secret: janus.tokenSecret,
          plugins: [plugin],
          ttlSeconds: Number(context.query.ttl ?? 600),
        });
        return { type: 'json', body: JSON.stringify({ token }) };
      }
      // TURN credentials as the service signs them (`ttl` negative: expired), for the relay tests.
      if (context.path === '/__turn/credentials') {
        // No TURN outside the test namespace: none to hand out.
        if (!turn) return { type: 'json', body: '[]' };
        const servers = turnServers({ urls: turn.urls, secret: turn.secret }, 'test', Number(context.query.ttl ?? 600));
        return { type: 'json', body: JSON.stringify(servers) };
      }
      // An agent's sign-in token, as the host platform would issue it (`ttl` negative: expired).
      if (context.path === '/__test/agent-token') {
        const token = await mintDevAgentToken({
          ...testAuth,
          agent: context.query.agent ?? 'agent-1',
          tenant: context.query.tenant ?? 'tenant-1',
          ...(context.query.name ? { name: context.query.name } : {}),
          ttlSeconds: Number(context.query.ttl ?? 3600),
        });
        return { type: 'json', body: JSON.stringify({ token }) };
      }
      return undefined;
    },
    async executeCommand({ command, payload, session }) {
      if (command === 'media-permission') return setMediaPermission(session, payload.setting);
      // Media features the test page is told, e.g. `[{ name: 'forced-colors', value: 'active' }]`
      // (the runner's own emulateMedia has no forced colours for Chromium); none: back to the real ones.
      if (command === 'media-features') {
        // Through DevTools itself: puppeteer refuses features it does not list (forced-colors).
        // The DevTools session is kept per page: the emulation lasts as long as it does.
        const page = session.browser.getPage(session.id);
        if (!mediaSessions.has(page)) mediaSessions.set(page, await page.createCDPSession());
        await mediaSessions.get(page).send('Emulation.setEmulatedMedia', { features: payload.features ?? [] });
        return true;
      }
      if (command === 'janus-without-echotest') {
        // `{ running: true }` starts it and answers its WebSocket URL and a network-test token for
        // it; `{ running: false }` stops it.
        await janusWithoutEchoTest?.stop();
        janusWithoutEchoTest = undefined;
        if (!payload?.running) return true;
        janusWithoutEchoTest = await startJanus({
          runDir: join(root, '.run', `janus-${process.pid}`, 'no-echotest'),
          iceAddress: process.env.ESCALATE_ICE_ADDRESS,
          plugins: ['libjanus_videoroom.so'],
        });
        const token = mintJanusToken({ secret: janusWithoutEchoTest.tokenSecret, plugins: [ECHOTEST], ttlSeconds: 600 });
        return { server: janusWithoutEchoTest.wsUrl, token };
      }
      if (command === 'janus-restart') {
        if (!janus) throw new Error('no Janus to restart');
        await janus.restart(payload ?? {});
        return true;
      }
      if (command === 'service-restart') {
        // Same data folder and port: what the service knew must still be there. `freshData`: an
        // empty folder instead, as an instance on a lost or unshared database would start, which
        // knows none of the escalations out there; the next restart without it goes back.
        const port = Number(new URL(service.url).port);
        await service.stop();
        const dataDir = payload?.freshData ? `${serviceOptions.dataDir}-fresh-${Date.now()}` : serviceOptions.dataDir;
        // A test may change a limit (a short code lifetime); the next restart without one resets it.
        service = await startService({
          ...serviceOptions,
          dataDir,
          limits: { ...serviceOptions.limits, ...payload?.limits },
          port,
        });
        return true;
      }
      if (command === 'service-log') return serviceWarnings.join('\n');
      if (command === 'service-counts') return serviceCounts(service.url);
      if (command === 'service-reset-throttle') {
        await service.resetThrottles();
        return true;
      }
      if (command === 'service-ratings') return service.store.ratings();
      // Wherever the service put it (a dead Janus has none).
      if (command === 'janus-room-exists') {
        const on = await Promise.all(
          [rooms, rooms2].map((candidate) => candidate.exists(Number(payload.room)).catch(() => false)),
        );
        return on.includes(true);
      }
      // `{ server }`: kills the Janus at that WebSocket URL hard, as a crash would; `janus-revive` starts it again.
      if (command === 'janus-kill') {
        const target = [janus, janus2].find((candidate) => candidate.wsUrl === payload.server);
        if (!target) throw new Error(`no Janus at ${payload.server}`);
        await target.kill();
        return true;
      }
      if (command === 'janus-revive') {
        for (const candidate of [janus, janus2]) if (!candidate.alive) await candidate.restart();
        return true;
      }
      // What the SMS and e-mail provider received, oldest first.
      if (command === 'sms-received') return smsProvider.received;
      if (command === 'sms-provider-down') {
        smsProvider.setDown(Boolean(payload?.down));
        return true;
      }
      if (command === 'network-impaired') {
        if (!process.env.ESCALATE_NETNS)
          throw new Error('impairing the network needs the test network namespace: run `npm test` as root');
        impairNetwork(payload ?? {});
        return true;
      }
      if (command === 'media-blocked') {
        // Only ever inside the namespace this test run made: it drops UDP (media), not the TCP signalling.
        if (!process.env.ESCALATE_NETNS)
          throw new Error('blocking media needs the test network namespace: run `npm test` as root');
        const rule = ['INPUT', '-p', 'udp', '-j', 'DROP'];
        if (payload?.blocked) execFileSync('iptables', ['-I', ...rule]);
        else while (spawnSync('iptables', ['-C', ...rule]).status === 0) execFileSync('iptables', ['-D', ...rule]);
        return true;
      }
      return undefined;
    },
  };
}
