// `npm run bench`: join-time figures from one run, on this machine, against a Janus of the
// project's own (in a private network namespace when root). Prints median and p90 of:
//   (a) plain janus.js two-party VideoRoom join drawing what the Janus demo draws (the baseline:
//       self-view, remote video, remote sound), and (a') the same drawing only remote video
//   (b) <video-room> cold two-party join
//   (c) a guest joining while the agent already publishes
//   (d) two peer connections in one page, no server (the floor), drawing what (a) draws; (d') as (a')
//   (e) the agent's click until the link is out, with the local reference service
//   (f) the customer opening the link until both sides show video
//   (g) the whole <device-check>, network test against Janus included, until its result
//   (h) as (f), with the device check the join card runs before joining
// each until both sides render a remote frame, with (a) and (b) broken down by the join's steps
// (the page's `escalate-video:*` performance marks); then live peer connections, tracks and JS heap
// over 200 join/leave cycles (BENCH_CYCLES) after 20 to warm up; then the CDN build's weight.
// Every row is printed beside its target. BENCH_RUNS sets the runs per figure (10); BENCH_EACH=1
// prints each run's steps per participant; BENCH_PROFILE=1 where the main thread spent (a) and
// (b), by script and function, and BENCH_TRACE=1 by what it did (script, style, layout, paint).
import { startDevServer } from '@web/dev-server';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { chromiumArgs, chromiumPath } from './chromium.mjs';
import { cdnSizes, SIZE_BUDGETS, SIZE_TARGETS } from './bundle-sizes.mjs';
import { freePort, startJanus } from './janus.mjs';
import { randomBytes } from 'node:crypto';
import {
  ECHOTEST,
  JanusRooms,
  mintDevAgentToken,
  mintJanusToken,
  randomJanusId,
  startService,
  VIDEOROOM,
} from '@escalate-video/service';
import { runInNamespace } from './netns.mjs';
import { heapCounts, printHeapGrowth, profiler, tracer } from './bench-profile.mjs';
import { ensureSystemPackages, isRoot } from './system-deps.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const runs = Number(process.env.BENCH_RUNS ?? 10);
const cycles = Number(process.env.BENCH_CYCLES ?? 200);
const LEAK_WARM_UP_CYCLES = 20;
const CYCLES_A_CALL = 20;

function quantile(values, q) {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

const median = (values) => {
  const sorted = [...values].sort((x, y) => x - y);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

async function bench() {
  const janus = await startJanus({
    runDir: join(root, '.run', `janus-bench-${process.pid}`),
    iceAddress: process.env.ESCALATE_ICE_ADDRESS,
  });
  const port = await freePort();
  const janusServer = {
    httpUrl: janus.httpUrl,
    wsUrl: janus.wsUrl,
    roomAdminKey: janus.roomAdminKey,
    tokenSecret: janus.tokenSecret,
    adminUrl: janus.adminUrl,
    adminSecret: janus.adminSecret,
  };
  const auth = {
    issuer: 'escalate-bench',
    audience: 'escalate-video',
    secret: randomBytes(32).toString('hex'),
    clockToleranceSeconds: 5,
    tenantClaim: 'tenant',
  };
  const service = await startService({
    janus: janusServer,
    auth,
    corsOrigins: [`http://127.0.0.1:${port}`],
    dataDir: join(root, '.run', `janus-bench-${process.pid}`, 'service'),
    guestBaseUrl: 'http://127.0.0.1/demo/guest.html',
    logLevel: 'warn',
  });
  const agentToken = await mintDevAgentToken({ ...auth, agent: 'bench-agent', tenant: 'bench', ttlSeconds: 24 * 3600 });
  const echoToken = () => mintJanusToken({ secret: janus.tokenSecret, plugins: [ECHOTEST], ttlSeconds: 600 });
  const rooms = new JanusRooms(janusServer);
  const server = await startDevServer({
    config: {
      rootDir: root,
      hostname: '127.0.0.1',
      port,
      // Lit and XState as a customer's page runs them: their production builds, not the dev ones.
      nodeResolve: { exportConditions: ['production'] },
      plugins: [esbuildPlugin({ ts: true, tsconfig: join(root, 'tsconfig.json'), target: 'es2021' })],
    },
    readCliArgs: false,
    readFileConfig: false,
    logStartMessage: false,
    autoExitProcess: false,
  });
  const browser = await puppeteer.launch({ executablePath: chromiumPath(), args: [...chromiumArgs(), '--js-flags=--expose-gc'] });
  try {
    const page = await browser.newPage();
    page.on('pageerror', (error) => console.error('page error:', error.message));
    page.on('console', (message) => message.type() === 'error' && console.error('page console:', message.text()));
    await page.goto(`http://127.0.0.1:${port}/test/bench/bench.html`);
    await page.waitForFunction('window.bench !== undefined', { timeout: 60_000 });
    // A locked room, as the service makes them, and the one media token on its allow-list.
    const room = async () => {
      const token = mintJanusToken({ secret: janus.tokenSecret, plugins: [VIDEOROOM], ttlSeconds: 3600 });
      const number = randomJanusId();
      await rooms.create({ room: number, secret: randomBytes(12).toString('hex') }, [token]);
      return { room: number, token };
    };
    const measure = (name, ...params) => page.evaluate((fn, fnParams) => window.bench[fn](...fnParams), name, params);

    // One warm-up of each, not counted: first loads of code and codecs.
    await measure('directPair');
    await measure('plainJanusPair', janus.wsUrl, await room());
    await measure('elementPair', janus.wsUrl, await room());
    await measure('deviceCheck', janus.wsUrl, echoToken());

    const figures = { a: [], p: [], b: [], c: [], d: [], q: [], e: [], f: [], g: [], h: [] };
    const phases = { a: [], b: [] };
    const once = {
      a: async () => measure('plainJanusPair', janus.wsUrl, await room(), 'demo'),
      p: async () => measure('plainJanusPair', janus.wsUrl, await room(), 'bare'),
      b: async () => measure('elementPair', janus.wsUrl, await room()),
      c: async () => measure('guestJoinsWaitingAgent', janus.wsUrl, await room()),
      d: async () => measure('directPair', 'demo'),
      q: async () => measure('directPair', 'bare'),
      e: async () => measure('clickToLinkSent', service.url, agentToken),
      f: async () => measure('guestOpensLink', service.url, agentToken),
      g: async () => measure('deviceCheck', janus.wsUrl, echoToken()),
      h: async () => measure('guestOpensLink', service.url, agentToken, true),
    };
    const order = Object.keys(once);
    const profiling = process.env.BENCH_PROFILE ? profiler(await page.createCDPSession()) : undefined;
    const tracing = process.env.BENCH_TRACE ? tracer(page) : undefined;
    // Each watch wraps the run of (a) and (b): `during(key, run)` measures what `run` does.
    for (const watch of [profiling, tracing].filter(Boolean)) {
      for (const key of ['a', 'b']) {
        const run = once[key];
        once[key] = () => watch.during(key, run);
      }
    }
    for (let i = 0; i < runs; i += 1) {
      // Each figure takes each place in the round in turn, so none always runs after the same one.
      for (let k = 0; k < order.length; k += 1) {
        const key = order[(i + k) % order.length];
        const result = await once[key]();
        figures[key].push(typeof result === 'number' ? result : result.ms);
        if (typeof result !== 'number') phases[key]?.push(result.phases);
        // BENCH_EACH=1: each participant's steps, run by run, to see who waited where.
        if (process.env.BENCH_EACH && typeof result !== 'number') console.log(`\n(${key}) ${JSON.stringify(result.byWho)}`);
      }
      process.stdout.write(`\rrun ${i + 1}/${runs}`);
    }
    process.stdout.write('\n');
    const labels = {
      a: '(a) plain janus.js, two-party join',
      p: "(a') as (a), remote video only, no sound",
      b: '(b) <video-room>, cold two-party join',
      c: '(c) guest joins an agent already publishing',
      d: '(d) two peer connections, no server (floor)',
      q: "(d') as (d), remote video only, no sound",
      e: '(e) click to "link sent", local service',
      f: '(f) guest opens the link to both on video',
      g: '(g) <device-check>, whole, with network test',
      h: '(h) as (f), through the device check',
    };
    console.log(
      `\nFigures in ms, ${runs} runs each: (a)–(d), (f) and (h) until both sides render a remote frame, (e) until the link is out, (g) until the check's result:`,
    );
    console.log('figure'.padEnd(48) + 'median'.padStart(8) + 'p90'.padStart(8));
    for (const key of order) {
      console.log(
        labels[key].padEnd(48) + median(figures[key]).toFixed(0).padStart(8) + quantile(figures[key], 0.9).toFixed(0).padStart(8),
      );
    }
    printPhases(phases);
    profiling?.print();
    tracing?.print();
    const ratio = (x, y) => median(figures[x]) / median(figures[y]);
    const verdict = (ok) => (ok ? 'met' : 'NOT met');
    console.log('\nAgainst the targets (medians):');
    console.log(`  (b)/(a) = ${ratio('b', 'a').toFixed(2)}  target at most 1.00: ${verdict(ratio('b', 'a') <= 1)}`);
    console.log(`  (c)/(d) = ${ratio('c', 'd').toFixed(2)}  target at most 1.10: ${verdict(ratio('c', 'd') <= 1.1)}`);
    console.log(
      `  for reference, against pages that draw only the remote video: (b)/(a') = ${ratio('b', 'p').toFixed(2)}, (c)/(d') = ${ratio('c', 'q').toFixed(2)}`,
    );
    console.log(`  (h)/(f) = ${ratio('h', 'f').toFixed(2)}  target at most 1.30: ${verdict(ratio('h', 'f') <= 1.3)}`);
    console.log(`  (e)     = ${median(figures.e).toFixed(0)} ms  target under 100 ms: ${verdict(median(figures.e) < 100)}`);
    console.log(`  (f)/(a) = ${ratio('f', 'a').toFixed(2)}  target under 1.50: ${verdict(ratio('f', 'a') < 1.5)}`);
    console.log(`  (g)     = ${median(figures.g).toFixed(0)} ms  target under 3000 ms: ${verdict(median(figures.g) < 3000)}`);

    const client = await page.createCDPSession();
    const heap = async () => {
      await client.send('HeapProfiler.collectGarbage');
      return (await client.send('Runtime.getHeapUsage')).usedSize;
    };
    const heapSizes = [];
    const counts = [];
    // The first cycles compile and optimise the code they run (V8 keeps that code on the heap):
    // growth is counted from the end of a warm-up, so what it shows is what the cycles keep.
    // Cycles run in the page CYCLES_A_CALL at a time: each call from here compiles a script in
    // the page, and a call a cycle would weigh on the heap being measured.
    const runCycles = async (count) => {
      for (let done = 0; done < count; done += CYCLES_A_CALL) {
        const rooms = await Promise.all(Array.from({ length: Math.min(CYCLES_A_CALL, count - done) }, room));
        await measure('cycles', janus.wsUrl, rooms);
      }
    };
    await runCycles(LEAK_WARM_UP_CYCLES);
    heapSizes.push(await heap());
    if (profiling) counts.push(await heapCounts(client));
    await runCycles(cycles);
    heapSizes.push(await heap());
    if (profiling) printHeapGrowth(counts[0], await heapCounts(client), cycles);
    const live = await page.evaluate(() => window.bench.liveResources());
    const growth = (heapSizes[1] - heapSizes[0]) / heapSizes[0];
    console.log(`\nAfter ${LEAK_WARM_UP_CYCLES} + ${cycles} join/leave cycles of a <video-room> pair:`);
    console.log(
      `  live peer connections: ${live.peerConnections}, live tracks: ${live.tracks}  target 0 and 0: ${live.peerConnections + live.tracks === 0 ? 'met' : 'NOT met'}`,
    );
    console.log(
      `  JS heap after ${LEAK_WARM_UP_CYCLES} warm-up cycles: ${(heapSizes[0] / 1e6).toFixed(2)} MB, after ${cycles} more: ${(heapSizes[1] / 1e6).toFixed(2)} MB, growth ${(growth * 100).toFixed(1)} % (${((heapSizes[1] - heapSizes[0]) / cycles / 1024).toFixed(2)} KB a cycle)  target within 10 %: ${Math.abs(growth) <= 0.1 ? 'met' : 'NOT met'}`,
    );
    printCdnSizes();
  } finally {
    await browser.close();
    await server.stop();
    await service.stop();
    await janus.stop();
  }
}

const STEPS = [
  ['join-start', 'element given the room'],
  ['adapter-loaded', 'media code loaded'],
  ['session-open', 'WebSocket and session open'],
  ['joined', 'joined as publisher'],
  ['media-ready', 'camera and microphone open'],
  ['offer-sent', 'offer sent'],
  ['answer-applied', 'answer applied'],
  ['send-ice-connected', 'sending ICE connected'],
  ['remote-track', 'first remote track'],
  ['first-frame', 'first remote frame shown'],
  ['long-tasks', "main thread's long tasks, in all"],
];

/** (a) and (b) step by step: medians of when the later of the two participants reached each step. */
function printPhases(phases) {
  const at = (key, step) => {
    const values = phases[key].map((run) => run[step]).filter((value) => value !== undefined);
    return values.length ? median(values).toFixed(0) : '–';
  };
  console.log('\nThe two-party join step by step, ms since it started (medians; the later participant):');
  console.log('step'.padEnd(48) + '(a) plain'.padStart(11) + '(b) ours'.padStart(11));
  for (const [step, label] of STEPS) console.log(label.padEnd(48) + at('a', step).padStart(11) + at('b', step).padStart(11));
}

/** The CDN build's weight as of the last `npm run build` (gzip). */
function printCdnSizes() {
  const sizes = cdnSizes(join(root, 'dist', 'cdn'));
  if (!sizes) return console.log('\nCDN sizes: no build in dist/cdn (run `npm run build`).');
  console.log('\nCDN build, gzip (as last built):');
  console.log(
    `  desk, before <escalate-button> works: ${sizes.deskKb.toFixed(1)} KB  target at most ${SIZE_TARGETS.deskKb} KB: ${sizes.deskKb <= SIZE_TARGETS.deskKb ? 'met' : 'NOT met'} (build test budget ${SIZE_BUDGETS.deskKb})`,
  );
  console.log(
    `    then the desk's statechart, fetched after the button is drawn (a press waits for it): ${sizes.deskStatechartKb.toFixed(1)} KB`,
  );
  console.log(
    `  guest's joined room, Janus included: ${sizes.guestRoomKb.toFixed(1)} KB  target at most ${SIZE_TARGETS.guestRoomKb} KB: ${sizes.guestRoomKb <= SIZE_TARGETS.guestRoomKb ? 'met' : 'NOT met'} (build test budget ${SIZE_BUDGETS.guestRoomKb})`,
  );
  console.log(`  every element (escalate-video.js and its static imports): ${sizes.allKb.toFixed(1)} KB`);
}

ensureSystemPackages(['chromium', 'janus', 'iproute2']);
if (isRoot() && !process.env.ESCALATE_NETNS && process.env.ESCALATE_NO_NETNS !== '1') {
  process.exit(await runInNamespace(fileURLToPath(import.meta.url), process.argv.slice(2), 'escalate-bench-'));
}
await bench();
process.exit(0);
