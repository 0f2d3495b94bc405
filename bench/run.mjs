// `pnpm bench [name…]`: the benchmark suite (default: all; names: ingest, scale-out, fanout,
// memory, fold, decode). Each figure is printed as one line with its reference measured in the
// same run and the ratio; results go to bench/results/latest.json.
// Each benchmark runs in its own process, bounded in time; servers bind 127.0.0.1 only.
// Timings are noisy on a shared 2-core machine: the load average is recorded with every run.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';

const here = (f) => fileURLToPath(new URL(f, import.meta.url));
const load = () => loadavg().map((n) => Math.round(n * 100) / 100);
const results = {
  date: new Date().toISOString(),
  cpus: cpus().length,
  node: process.version,
  loadavg: load(),
  note: 'shared machine: other work runs at the same time, so figures are noisy; see loadavg and each benchmark\'s machine load',
  figures: [],
  benchmarks: {},
};

const fmt = (n) => (n === null || n === undefined || Number.isNaN(n) ? 'n/a' : Math.abs(n) < 10 && !Number.isInteger(n) ? n.toFixed(1) : Math.round(n).toLocaleString('en-US'));

function figure(name, value, unit, reference, referenceName, target, detail) {
  const ratio = reference ? value / reference : null;
  results.figures.push({ name, value, unit, reference, referenceName, ratio, target, detail });
  const ratioText = ratio === null ? '' : ` = ${(ratio * 100).toFixed(0)}% of ${referenceName} (${fmt(reference)} ${unit})`;
  console.log(`${name}: ${fmt(value)} ${unit}${ratioText}${target ? `; target ${target}` : ''}${detail ? ` [${detail}]` : ''}`);
}

const DIST = {
  proto: 'packages/proto/dist/index.js',
  core: 'packages/core/dist/index.js',
  sim: 'packages/sim/dist/index.js',
  server: 'apps/server/dist/runtime.js',
};

/** Runs a benchmark script in its own process; resolves with its stdout. */
function runScript(script, timeoutMs, env = {}) {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [here(script)],
      { encoding: 'utf8', maxBuffer: 64 * 2 ** 20, timeout: timeoutMs, killSignal: 'SIGKILL', env: { ...process.env, ...env } },
      (err, stdout, stderr) => {
        if (err) {
          const why = err.killed ? `killed after ${timeoutMs / 1000} s (time budget)` : `exit code ${err.code}`;
          return reject(new Error(`${script}: ${why}\n${stderr.trim()}`));
        }
        resolve(stdout);
      },
    );
  });
}

const json = async (script, timeoutMs) => JSON.parse(await runScript(script, timeoutMs));
const pct = (x) => `${(x * 100).toFixed(0)}%`;

const BENCHMARKS = {
  ingest: {
    title: '# Ingest from one GetFlows stream (stand-in relay on loopback, pre-encoded flows)',
    needs: ['proto', 'core', 'sim', 'server'],
    async run() {
      const r = await json('ingest.mjs', 120_000);
      figure('ingest: server pipeline (decode + normalize + ring + service map + subscribers)', r.ingest, 'flows/s', r.raw, 'a bare grpc-js client that only decodes', '≥ 70%',
        `median of ${r.ingestRuns.length} × ${r.seconds} s; runs ${r.ingestRuns.map(fmt).join(' / ')} vs ${r.rawRuns.map(fmt).join(' / ')}`);
      return r;
    },
  },
  'scale-out': {
    title: '# Scale-out ingest: GetFlows streams split by node, one worker thread each, maps merged (a prototype in bench/, not the server)',
    needs: ['proto', 'core', 'sim'],
    async run() {
      const r = await json('scale-out.mjs', 120_000);
      const [one, two] = [r.runs.find((x) => x.workers === 1), r.runs.find((x) => x.workers === 2)];
      for (const x of r.runs) {
        console.log(`  ${x.workers} worker(s): ${fmt(x.flowsPerSecond)} flows/s (${x.perWorker.map(fmt).join(' + ')}), using ${x.ingestCores.toFixed(2)} cores = ${fmt(x.flowsPerCoreSecond)} flows per core-second; ` +
          `relay ${x.relayCores.toFixed(2)} cores, rest of the machine ${x.otherLoadCores.toFixed(2)} of ${results.cpus}; merge ${x.mergeMsAvg.toFixed(1)} ms avg (${x.mapNodes} nodes, ${x.mapEdges} edges)`);
      }
      if (one && two) {
        figure('scale-out: 2 workers (streams split by node_name)', two.flowsPerSecond, 'flows/s', one.flowsPerSecond, '1 worker on one stream', '≥ 160%',
          `nodes ${two.groups.map((g) => `${g.nodes.length} (${pct(g.share)})`).join(' | ')}`);
        figure('scale-out: flows per core-second with 2 workers', two.flowsPerCoreSecond, 'flows/s', one.flowsPerCoreSecond, '1 worker', '≈ 100% (linear)',
          `cores used ${one.ingestCores.toFixed(2)} → ${two.ingestCores.toFixed(2)}; machine busy ${two.machineBusyCores.toFixed(2)} of ${results.cpus} cores`);
      }
      return r;
    },
  },
  fanout: {
    title: '# Fan-out: the real server (own process) at a fixed 20,000 flows/s; WebSocket clients with different namespace filters',
    needs: ['proto', 'core', 'sim', 'server'],
    async run() {
      const r = await json('fanout.mjs', 120_000);
      console.log(`  server with no client: CPU ${fmt(r.idle.serverCpuPercent)}% of a core, relay sending ${fmt(r.idle.emittedPerSecond)} flows/s, server ingesting ${fmt(r.idle.serverIngestPerSecond)} flows/s`);
      const first = r.runs[0];
      const ten = r.runs.find((x) => x.clients === 10);
      for (const x of r.runs) {
        const n = x.clients;
        figure(`fan-out ${n} client(s): delivered per client`, x.deliveredPerClient, 'flows/s', x.expectedPerClient, 'what their filters accept of what the relay emitted', null,
          `total ${fmt(x.deliveredTotal)} flows/s; worst client ${pct(x.worstDeliveryRatio)}; queue drops ${fmt(x.missedTotal)}/s; relay dropped ${fmt(x.relayLostPerSecond)}/s for streams >1 s behind`);
        figure(`fan-out ${n} client(s): latency p99 relay → client`, x.p99, 'ms', x === first ? null : first.p99, `${first.clients} client`, n === 10 ? '< 250 ms' : null, `p50 ${fmt(x.p50)} ms`);
        figure(`fan-out ${n} client(s): server CPU`, x.serverCpuPercent, '% of a core', r.idle.serverCpuPercent, 'the server with no client', null,
          `event loop ${pct(x.serverEventLoopUtilization)} busy; ${x.relayStreams} extra GetFlows streams (${x.relayStreamsConnected} connected${x.relayStreamErrors.length ? `; ${x.relayStreamErrors[0]}` : ''}); main stream ingest ${fmt(x.serverIngestPerSecond)} flows/s; RSS ${fmt(x.serverRssMiB)} MiB; relay ${fmt(x.relayCpuPercent)}%, clients ${fmt(x.clientsCpuPercent)}% of a core`);
      }
      if (r.slowClient) {
        const s = r.slowClient;
        console.log(`  slow client: RSS MiB every 2 s: ${s.samples.map((x) => `${x.phase === 'stalled' ? '*' : ''}${fmt(x.rssMiB)}`).join(' ')} (* = stalled)`);
        console.log(`  slow client: live heap MiB (after a forced GC) every 2 s: ${s.samples.map((x) => `${x.phase === 'stalled' ? '*' : ''}${fmt(x.liveHeapMiB)}`).join(' ')}`);
        figure(`slow client (all namespaces) stalled for ${s.seconds} s: server RSS peak`, s.rssStalledMaxMiB, 'MiB', s.rssReadingMaxMiB, 'the peak while it was reading', 'bounded (≈ 100%)',
          `live heap peak ${fmt(s.liveHeapStalledMaxMiB)} vs ${fmt(s.liveHeapReadingMaxMiB)} MiB; RSS change over the second half of the stall ${fmt(s.rssSecondHalfGrowthMiB)} MiB`);
        figure('slow client: server live heap peak (after GC)', s.liveHeapStalledMaxMiB, 'MiB', s.liveHeapReadingMaxMiB, 'the peak while it was reading', 'bounded (≈ 100%)');
        figure('slow client: delivered per client to the 10 others', s.stalled.deliveredPerClient, 'flows/s', s.reading.deliveredPerClient, 'the same 10 while it was reading', '≈ 100%');
        figure('slow client: latency p99 of the 10 others', s.stalled.p99, 'ms', s.reading.p99, 'the same 10 while it was reading', '≈ 100%', `p50 ${fmt(s.stalled.p50)} vs ${fmt(s.reading.p50)} ms`);
      }
      return r;
    },
  },
  memory: {
    title: '# Memory: server RSS at 20,000 flows/s (default ring and map window; one browser on flows + map), then at 0',
    needs: ['proto', 'core', 'sim', 'server'],
    timeoutMs: () => (Number(process.env.BENCH_MEMORY_SECONDS ?? 90) + Number(process.env.BENCH_MEMORY_IDLE_SECONDS ?? 15) + 30) * 1000,
    async run() {
      const r = await json('memory.mjs', this.timeoutMs());
      const load = r.samples.filter((s) => s.phase === 'load');
      const third = load[Math.floor(load.length / 3)];
      console.log(`  RSS MiB every 5 s: ${r.samples.map((s) => `${s.phase === 'idle' ? '(0/s) ' : ''}${fmt(s.rssMiB)}`).join(' ')}`);
      console.log(`  live heap MiB (after a forced GC) every 5 s: ${r.samples.map((s) => fmt(s.liveHeapMiB)).join(' ')}`);
      figure(`memory: server RSS after ${r.loadSeconds} s at ${fmt(r.rate)} flows/s`, r.rssEndOfLoadMiB, 'MiB', r.rssAtThirdMiB, `RSS at ${third.t} s`, 'plateau (≈ 100%)',
        `slope of the last third: RSS ${fmt(r.rssSlopeLastThirdMiBPerMin)} MiB/min, live heap ${fmt(r.liveHeapSlopeLastThirdMiBPerMin)} MiB/min; live heap ${fmt(r.liveHeapAtThirdMiB)} → ${fmt(r.liveHeapEndOfLoadMiB)} MiB; browser got ${fmt(r.browserFlowsPerSecond)} flows/s`);
      figure(`memory: server RSS ${r.idleSeconds} s after the rate dropped to 0`, r.rssEndOfIdleMiB, 'MiB', r.rssEndOfLoadMiB, 'RSS at the end of the load', '≤ 100%',
        `live heap ${fmt(r.liveHeapEndOfIdleMiB)} MiB`);
      if (r.loadSeconds < 600) console.log(`  (bounded run; the full 10-minute run is BENCH_MEMORY_SECONDS=600 pnpm bench memory)`);
      return r;
    },
  },
  fold: {
    title: '# Service-map fold (one core)',
    needs: ['proto', 'core'],
    async run() {
      const out = await runScript('service-map-fold.mjs', 120_000);
      process.stdout.write(out);
      return { text: out.trim() };
    },
  },
  decode: {
    title: '# Protobuf decode of real flows',
    needs: ['proto'],
    async run() {
      const out = await runScript('proto-decode.mjs', 120_000);
      process.stdout.write(out);
      return { text: out.trim() };
    },
  },
};

const requested = process.argv.slice(2);
const unknown = requested.filter((n) => !(n in BENCHMARKS));
if (unknown.length) {
  console.error(`unknown benchmark ${unknown.join(', ')}; choose from: ${Object.keys(BENCHMARKS).join(', ')}`);
  process.exit(2);
}
const names = requested.length ? requested : Object.keys(BENCHMARKS);

console.log(`Starmap benchmarks — ${results.cpus} cores, Node ${results.node}, load average ${results.loadavg.join(' ')} (shared machine: figures are noisy)`);
let failed = 0;
for (const name of names) {
  const bench = BENCHMARKS[name];
  console.log(`\n${bench.title}`);
  const missing = bench.needs.filter((d) => !existsSync(here(`../${DIST[d]}`)));
  if (missing.length) {
    console.log(`skipped: ${missing.map((d) => DIST[d]).join(', ')} not built; run \`pnpm build\` first`);
    results.benchmarks[name] = { skipped: `not built: ${missing.map((d) => DIST[d]).join(', ')}` };
    failed++;
    continue;
  }
  const loadBefore = load();
  const t0 = performance.now();
  try {
    const data = await bench.run();
    results.benchmarks[name] = { seconds: Math.round((performance.now() - t0) / 100) / 10, loadavgBefore: loadBefore, loadavgAfter: load(), data };
  } catch (err) {
    console.log(`failed: ${err.message}`);
    results.benchmarks[name] = { failed: err.message, loadavgBefore: loadBefore, loadavgAfter: load() };
    failed++;
  }
  console.log(`  (${((performance.now() - t0) / 1000).toFixed(0)} s; load average ${loadBefore.join(' ')} → ${load().join(' ')})`);
}

mkdirSync(here('./results'), { recursive: true });
writeFileSync(here('./results/latest.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log('\nwritten: bench/results/latest.json');
process.exit(failed ? 1 : 0);
