// Scale-out ingest, a prototype of the design measured here (not wired into the server): ingest
// is sharded into several GetFlows streams split by node (FlowFilter.node_name whitelists, so
// the relay does the split), each consumed in a worker thread that decodes, normalizes and folds
// into its own service map; every second the workers post snapshots and the main thread merges
// them with mergeSnapshots. Reports total flows/s with 1 worker (one unfiltered stream) and with
// 2 workers, against the stand-in relay sending as fast as each stream is read.
// Usage: node bench/scale-out.mjs (prints JSON)
import { Worker } from 'node:worker_threads';
import { mergeSnapshots } from '../packages/core/dist/index.js';
import { observer } from '../packages/proto/dist/index.js';
import { startBlastServer } from './lib/children.mjs';
import { encodedFlows } from './lib/flows.mjs';
import { cpus } from 'node:os';
import { machineBusyCores, machineCpu, sleep } from './lib/stats.mjs';

const WARMUP_MS = 2_000;
const MEASURE_MS = Number(process.env.BENCH_SCALE_OUT_SECONDS ?? 6) * 1000;
const WORKER_COUNTS = (process.env.BENCH_SCALE_OUT_WORKERS ?? '1,2').split(',').map(Number);

/** Nodes of the stand-in relay's flows with their share, largest first. */
function nodeShares() {
  const counts = new Map();
  const frames = encodedFlows(Number(process.env.BENCH_DISTINCT_FLOWS ?? 30_000));
  for (const f of frames) {
    const node = observer.GetFlowsResponse.decode(f).node_name;
    counts.set(node, (counts.get(node) ?? 0) + 1);
  }
  return [...counts.entries()].map(([node, n]) => ({ node, share: n / frames.length })).sort((a, b) => b.share - a.share);
}

/** Greedy split of the nodes into `count` groups of about equal flow share. */
export function splitNodes(shares, count) {
  const groups = Array.from({ length: count }, () => ({ nodes: [], share: 0 }));
  for (const { node, share } of shares) {
    const lightest = groups.reduce((a, b) => (b.share < a.share ? b : a));
    lightest.nodes.push(node);
    lightest.share += share;
  }
  return groups;
}

async function run(relay, groups) {
  const address = relay.address;
  const counters = new SharedArrayBuffer(8 * groups.length);
  const published = new Float64Array(counters);
  const latest = new Array(groups.length).fill(null);
  const merge = { count: 0, totalMs: 0, maxMs: 0, nodes: 0, edges: 0, snapshotMs: 0, snapshots: 0 };
  const errors = [];
  const workers = groups.map(
    (group, index) =>
      new Worker(new URL('./lib/scale-out-worker.mjs', import.meta.url), {
        workerData: { address, nodes: groups.length > 1 ? group.nodes : null, index, counters, snapshotIntervalMs: 1_000 },
      }),
  );
  for (const w of workers) {
    w.on('error', (err) => errors.push(err.message));
    w.on('message', (m) => {
      if (m.type === 'error') return errors.push(m.message);
      latest[m.index] = m.snapshot;
      merge.snapshotMs += m.snapshotMs;
      merge.snapshots++;
      if (latest.some((s) => s === null)) return;
      const start = performance.now();
      const merged = latest.reduce((a, b) => mergeSnapshots(a, b));
      const ms = performance.now() - start;
      merge.count++;
      merge.totalMs += ms;
      merge.maxMs = Math.max(merge.maxMs, ms);
      merge.nodes = merged.nodes.length;
      merge.edges = merged.edges.length;
    });
  }
  try {
    await sleep(WARMUP_MS);
    const total = () => published.reduce((a, b) => a + b, 0);
    const before = [...published];
    const cpu0 = process.cpuUsage();
    const machine0 = machineCpu();
    const relay0 = await relay.ask('stats');
    const t0 = performance.now();
    await sleep(MEASURE_MS);
    const seconds = (performance.now() - t0) / 1000;
    const after = [...published];
    const cpu = process.cpuUsage(cpu0);
    const relay1 = await relay.ask('stats');
    const machineCores = machineBusyCores(machine0, machineCpu(), cpus().length);
    if (errors.length) throw new Error(`scale-out worker: ${errors[0]}`);
    if (total() === 0) throw new Error('scale-out: no flow reached a worker');
    const flowsPerSecond = (after.reduce((a, b) => a + b, 0) - before.reduce((a, b) => a + b, 0)) / seconds;
    // CPU of this process (workers, their gRPC and GC threads, the merging main thread).
    const ingestCores = (cpu.user + cpu.system) / 1e6 / seconds;
    const relayCores = (relay1.cpu.user + relay1.cpu.system - relay0.cpu.user - relay0.cpu.system) / 1e6 / seconds;
    return {
      workers: groups.length,
      flowsPerSecond,
      ingestCores,
      flowsPerCoreSecond: flowsPerSecond / ingestCores,
      relayCores,
      machineBusyCores: machineCores,
      otherLoadCores: machineCores - ingestCores - relayCores,
      groups: groups.map((g) => ({ nodes: g.nodes, share: g.share })),
      perWorker: after.map((n, i) => (n - before[i]) / seconds),
      merges: merge.count,
      mergeMsAvg: merge.count ? merge.totalMs / merge.count : 0,
      mergeMsMax: merge.maxMs,
      snapshotMsAvg: merge.snapshots ? merge.snapshotMs / merge.snapshots : 0,
      mapNodes: merge.nodes,
      mapEdges: merge.edges,
    };
  } finally {
    for (const w of workers) w.postMessage({ type: 'stop' });
    await Promise.all(workers.map((w) => Promise.race([new Promise((r) => w.once('exit', r)), sleep(3_000).then(() => w.terminate())])));
  }
}

export async function scaleOut() {
  const shares = nodeShares();
  const relay = await startBlastServer();
  try {
    const runs = [];
    for (const count of WORKER_COUNTS) {
      runs.push(await run(relay, splitNodes(shares, count)));
    }
    return { nodes: shares, runs };
  } finally {
    await relay.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await scaleOut(), null, 2));
  process.exit(0);
}
