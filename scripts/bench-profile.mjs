// BENCH_PROFILE=1 for `npm run bench`: samples the page's main thread (the DevTools CPU profiler)
// while (a) and (b) run, and prints where each spent its time, by script and by function, so a
// slower join shows which code it waited for.
const SAMPLING_MICROSECONDS = 200;

/** Adds `amount` to what `map` holds under `key` (nothing yet: 0). */
function add(map, key, amount) {
  map.set(key, (map.get(key) ?? 0) + amount);
}

/** Starts sampling on the page's CDP session; the returned function stops and keeps the profile under `key`. */
export function profiler(client) {
  const profiles = {};
  return {
    async during(key, run) {
      await client.send('Profiler.enable');
      await client.send('Profiler.setSamplingInterval', { interval: SAMPLING_MICROSECONDS });
      await client.send('Profiler.start');
      try {
        return await run();
      } finally {
        const { profile } = await client.send('Profiler.stop');
        (profiles[key] ??= []).push(profile);
      }
    },
    print() {
      for (const [key, list] of Object.entries(profiles)) printProfiles(key, list);
    },
  };
}

/** Self time in ms, summed over the runs and divided by their number, by script and by function. */
function printProfiles(key, list) {
  const byScript = new Map();
  const byFunction = new Map();
  for (const profile of list) {
    const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
    const deltas = profile.timeDeltas;
    profile.samples.forEach((id, i) => {
      const node = nodes.get(id);
      const ms = (deltas[i + 1] ?? deltas[i] ?? 0) / 1000 / list.length;
      const frame = node.callFrame;
      const script = frame.url ? frame.url.replace(/^https?:\/\/[^/]+/, '').replace(/\?.*$/, '') : frame.functionName;
      add(byScript, script, ms);
      const fn = `${frame.functionName || '(anonymous)'} ${script}:${frame.lineNumber + 1}`;
      add(byFunction, fn, ms);
    });
  }
  const top = (map, n) => [...map].sort((x, y) => y[1] - x[1]).slice(0, n);
  console.log(`\n(${key}) main thread by script, ms a run:`);
  for (const [name, ms] of top(byScript, 15)) console.log(`  ${ms.toFixed(1).padStart(7)}  ${name}`);
  console.log(`(${key}) main thread by function, ms a run:`);
  for (const [name, ms] of top(byFunction, 25)) console.log(`  ${ms.toFixed(1).padStart(7)}  ${name}`);
}

/** Objects on the page's JS heap by constructor (or kind): count and self size, from a heap snapshot. */
export async function heapCounts(client) {
  let text = '';
  const onChunk = ({ chunk }) => (text += chunk);
  client.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  await client.send('HeapProfiler.collectGarbage');
  await client.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  client.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  const snapshot = JSON.parse(text);
  const fields = snapshot.snapshot.meta.node_fields;
  const types = snapshot.snapshot.meta.node_types[0];
  const width = fields.length;
  const [typeAt, nameAt, sizeAt] = ['type', 'name', 'self_size'].map((field) => fields.indexOf(field));
  const counts = new Map();
  const nodes = snapshot.nodes;
  for (let i = 0; i < nodes.length; i += width) {
    const type = types[nodes[i + typeAt]];
    const name = type === 'object' || type === 'closure' ? snapshot.strings[nodes[i + nameAt]] : `(${type})`;
    const entry = counts.get(name) ?? { count: 0, size: 0 };
    entry.count += 1;
    entry.size += nodes[i + sizeAt];
    counts.set(name, entry);
  }
  return counts;
}

/** What grew between two `heapCounts`, largest first. */
export function printHeapGrowth(before, after, cycles) {
  const growth = [...after]
    .map(([name, { count, size }]) => [name, count - (before.get(name)?.count ?? 0), size - (before.get(name)?.size ?? 0)])
    .filter(([, count, size]) => count > 0 || size > 0)
    .sort((x, y) => y[2] - x[2])
    .slice(0, 30);
  console.log(`\nJS heap growth over ${cycles} cycles, by constructor (objects, bytes):`);
  for (const [name, count, size] of growth)
    console.log(`  ${String(count).padStart(7)} ${String(size).padStart(9)}  ${name.slice(0, 90)}`);
}

const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'toplevel', 'v8', 'blink', 'cc', 'media'];

/**
 * BENCH_TRACE=1: a Chromium trace of each run of (a) and (b), summed by what the page's main
 * thread did (script, style, layout, paint, compositing, media), self time, ms a run: where a
 * slower join spent the time its scripts do not account for.
 */
export function tracer(page) {
  const totals = {};
  return {
    async during(key, run) {
      await page.tracing.start({ categories: TRACE_CATEGORIES });
      try {
        return await run();
      } finally {
        const trace = JSON.parse(Buffer.from(await page.tracing.stop()).toString('utf8'));
        const summary = (totals[key] ??= { runs: 0, byName: new Map() });
        summary.runs += 1;
        for (const [name, ms] of mainThreadSelfTimes(trace.traceEvents)) add(summary.byName, name, ms);
      }
    },
    print() {
      const keys = Object.keys(totals);
      const names = new Set(keys.flatMap((key) => [...totals[key].byName.keys()]));
      const per = (key, name) => (totals[key].byName.get(name) ?? 0) / totals[key].runs;
      const rows = [...names]
        .sort((x, y) => Math.max(...keys.map((k) => per(k, y))) - Math.max(...keys.map((k) => per(k, x))))
        .slice(0, 30);
      console.log(`\nThe page's main thread, self time by trace event, ms a run:`);
      console.log('event'.padEnd(44) + keys.map((key) => `(${key})`.padStart(10)).join(''));
      for (const name of rows)
        console.log(name.slice(0, 43).padEnd(44) + keys.map((key) => per(key, name).toFixed(1).padStart(10)).join(''));
    },
  };
}

/** Self time of each complete event on the busiest renderer main thread, by event name. */
function mainThreadSelfTimes(events) {
  const mains = events.filter(
    (event) => event.ph === 'M' && event.name === 'thread_name' && event.args?.name === 'CrRendererMain',
  );
  const count = (main) => events.filter((event) => event.pid === main.pid && event.tid === main.tid).length;
  const main = mains.sort((x, y) => count(y) - count(x))[0];
  if (!main) return new Map();
  const complete = events
    .filter((event) => event.pid === main.pid && event.tid === main.tid && event.ph === 'X' && event.dur !== undefined)
    .sort((x, y) => x.ts - y.ts || y.dur - x.dur);
  const self = new Map();
  const stack = [];
  for (const event of complete) {
    while (stack.length && stack.at(-1).ts + stack.at(-1).dur <= event.ts) stack.pop();
    const parent = stack.at(-1);
    if (parent) add(self, parent.name, -event.dur / 1000);
    add(self, event.name, event.dur / 1000);
    stack.push(event);
  }
  return self;
}
