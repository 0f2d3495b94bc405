// Fan-out: the real server (own process) reading a stand-in relay that emits a fixed 20,000
// flows/s, each stamped with its emission time; 1, 10 and 50 WebSocket clients subscribe with
// different namespace sets. Per client: delivered flows/s against what its filter accepts of
// what the relay emitted; latency from relay emission to client receipt; server CPU. Then 10
// clients read while an 11th (all namespaces) reads and then stops reading: server memory and
// the 10 others' figures before and during the stall.
// Usage: node bench/fanout.mjs (prints JSON); `node bench/run.mjs fanout` prints the figures.
import { flowQuery } from '../apps/server/dist/sources/flow-query.js';
import { observer } from '../packages/proto/dist/index.js';
import { startBlastServer, startServerChild } from './lib/children.mjs';
import { encodedFlows } from './lib/flows.mjs';
import { LatencyHistogram, MiB, sleep } from './lib/stats.mjs';
import { BenchClient } from './lib/ws-client.mjs';

const RATE = Number(process.env.BENCH_FANOUT_RATE ?? 20_000);
const WARMUP_MS = 3_000;
const MEASURE_MS = Number(process.env.BENCH_FANOUT_SECONDS ?? 8) * 1000;
const SLOW_MS = Number(process.env.BENCH_SLOW_SECONDS ?? 20) * 1000;
const BEFORE_SLOW_MS = 8_000;
const CLIENT_COUNTS = (process.env.BENCH_FANOUT_CLIENTS ?? '1,10,50').split(',').map(Number);

/** Namespace sets of the demo scenario, as a sidebar would pick them; [] = all namespaces. */
export const NAMESPACE_SETS = [
  [],
  ['shop'],
  ['cilium-test'],
  ['kube-system'],
  ['monitoring'],
  ['cilium-test', 'shop'],
  ['kube-system', 'shop'],
  ['monitoring', 'shop'],
  ['cilium-test', 'kube-system'],
  ['cilium-test', 'monitoring'],
  ['kube-system', 'monitoring'],
  ['default', 'monitoring'],
  ['default', 'kube-system'],
  ['cilium-test', 'kube-system', 'monitoring'],
  ['kube-system', 'monitoring', 'shop'],
];

/** Share of the relay's flows each namespace set lets through (the same frames the relay sends). */
function filterShares(sets) {
  const flows = encodedFlows(Number(process.env.BENCH_DISTINCT_FLOWS ?? 30_000)).map((f) => observer.GetFlowsResponse.decode(f).flow);
  return sets.map((namespaces) => {
    const query = flowQuery(undefined, namespaces);
    return flows.filter((f) => query.everything || query.matches(f)).length / flows.length;
  });
}

const cpuPercent = (a, b, seconds) => (b.cpu.user + b.cpu.system - a.cpu.user - a.cpu.system) / 1e4 / seconds;

/** One measurement window over `clients`: their figures, the server's CPU and the relay's rate. */
async function measureWindow(server, relay, clients, ms) {
  const s0 = await server.ask('stats', { resetLoopDelay: true });
  const r0 = await relay.ask('stats');
  for (const c of clients) c.reset();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await sleep(ms);
  const seconds = (performance.now() - t0) / 1000;
  const clientCpu = process.cpuUsage(cpu0); // this process: the benchmark's WebSocket clients
  const windows = clients.map((c) => c.window());
  const s1 = await server.ask('stats');
  const r1 = await relay.ask('stats');
  const latency = new LatencyHistogram();
  for (const w of windows) latency.addAll(w.latency);
  return {
    seconds,
    windows,
    latency,
    emittedPerSecond: (r1.emitted - r0.emitted) / seconds,
    relayLostPerSecond: (r1.lost - r0.lost) / seconds,
    relayCpuPercent: cpuPercent(r0, r1, seconds),
    serverCpuPercent: cpuPercent(s0, s1, seconds),
    serverEventLoopUtilization: (s1.elu.active - s0.elu.active) / (s1.elu.idle + s1.elu.active - s0.elu.idle - s0.elu.active),
    serverLoopDelayP99Ms: s1.loopDelayP99Ms,
    serverIngestPerSecond: (s1.flowsReceived - s0.flowsReceived) / seconds,
    relayStreams: s1.relayStreams,
    relayStreamsConnected: s1.feedStreams.filter((f) => f.phase === 'connected').length,
    relayStreamReconnects: s1.feedStreams.reduce((n, f) => n + f.reconnects, 0),
    relayStreamErrors: [...new Set(s1.feedStreams.map((f) => f.lastError).filter(Boolean))],
    clientsCpuPercent: (clientCpu.user + clientCpu.system) / 1e4 / seconds,
    serverRssMiB: s1.memory.rss / MiB,
    serverHeapMiB: s1.memory.heapUsed / MiB,
  };
}

async function openClients(url, count, offset = 0) {
  const clients = Array.from({ length: count }, (_, i) => new BenchClient(url, NAMESPACE_SETS[(i + offset) % NAMESPACE_SETS.length]));
  await Promise.all(clients.map((c) => c.connect()));
  return clients;
}

function summarize(result, shares) {
  const perClient = result.windows.map((w) => {
    const expected = result.emittedPerSecond * shares[NAMESPACE_SETS.indexOf(w.namespaces)];
    return { namespaces: w.namespaces.join(',') || '(all)', delivered: w.flowsPerSecond, expected, missed: w.missedPerSecond, p50: w.p50, p99: w.p99 };
  });
  const mean = (key) => perClient.reduce((n, c) => n + c[key], 0) / perClient.length;
  return {
    clients: perClient.length,
    deliveredPerClient: mean('delivered'),
    expectedPerClient: mean('expected'),
    deliveredTotal: perClient.reduce((n, c) => n + c.delivered, 0),
    missedTotal: perClient.reduce((n, c) => n + c.missed, 0),
    worstDeliveryRatio: Math.min(...perClient.map((c) => (c.expected > 0 ? c.delivered / c.expected : 1))),
    p50: result.latency.quantile(0.5),
    p99: result.latency.quantile(0.99),
    ...Object.fromEntries(Object.entries(result).filter(([k]) => !['windows', 'latency'].includes(k))),
    perClient,
  };
}

export async function fanout({ profileDir = null } = {}) {
  const shares = filterShares(NAMESPACE_SETS);
  const relay = await startBlastServer({ rate: RATE, stamp: true });
  const server = await startServerChild(relay.address, { profileDir, execArgv: ['--expose-gc'] });
  try {
    for (let i = 0; (await server.ask('stats')).flowsReceived === 0; i++) {
      if (i > 100) throw new Error('the server received no flow from the stand-in relay in 10 s');
      await sleep(100);
    }
    await sleep(WARMUP_MS);
    const idle = await measureWindow(server, relay, [], 3_000);
    const out = { rate: RATE, idle: summarizeIdle(idle), runs: [] };

    for (const count of CLIENT_COUNTS) {
      const clients = await openClients(server.url, count);
      await sleep(WARMUP_MS);
      const result = await measureWindow(server, relay, clients, MEASURE_MS);
      for (const c of clients) {
        if (c.errors.length) throw new Error(`client ${c.namespaces}: ${c.errors[0]}`);
        c.close();
      }
      out.runs.push(summarize(result, shares));
      await sleep(1_500); // the server closes the clients' relay streams
    }

    if (SLOW_MS === 0) return out;
    // A stalled tab: 10 readers and one more client (all namespaces) read for a while, then that
    // one stops reading (its socket paused) while the 10 go on. Same connections in both phases.
    const readers = await openClients(server.url, 10);
    const slow = new BenchClient(server.url, []);
    await slow.connect();
    await sleep(WARMUP_MS);
    const samples = [];
    // RSS as it is, and the live heap after a forced full collection (what is really retained).
    const sampleMemory = async (phase) => {
      const s = await server.ask('gc').catch(() => null);
      if (s) samples.push({ t: Math.round(performance.now()), phase, rssMiB: s.before.rss / MiB, liveHeapMiB: s.memory.heapUsed / MiB });
    };
    let phase = 'reading';
    const sampler = setInterval(() => void sampleMemory(phase), 2_000);
    const reading = await measureWindow(server, relay, readers, BEFORE_SLOW_MS);
    await sampleMemory(phase);
    phase = 'stalled';
    slow.pause();
    const stalled = await measureWindow(server, relay, readers, SLOW_MS);
    clearInterval(sampler);
    await sampleMemory(phase);
    for (const c of [...readers, slow]) c.close();
    const of = (p, key) => samples.filter((x) => x.phase === p).map((x) => x[key]);
    const stalledRss = of('stalled', 'rssMiB');
    out.slowClient = {
      seconds: SLOW_MS / 1000,
      rssReadingMaxMiB: Math.max(...of('reading', 'rssMiB')),
      rssStalledMaxMiB: Math.max(...stalledRss),
      liveHeapReadingMaxMiB: Math.max(...of('reading', 'liveHeapMiB')),
      liveHeapStalledMaxMiB: Math.max(...of('stalled', 'liveHeapMiB')),
      // Growth over the second half of the stall: ~0 when the slow client's cost is bounded.
      rssSecondHalfGrowthMiB: stalledRss[stalledRss.length - 1] - stalledRss[Math.floor(stalledRss.length / 2)],
      samples,
      reading: summarize(reading, shares),
      stalled: summarize(stalled, shares),
    };
    return out;
  } finally {
    await server.stop();
    await relay.stop();
  }
}

function summarizeIdle(idle) {
  return {
    serverCpuPercent: idle.serverCpuPercent,
    relayCpuPercent: idle.relayCpuPercent,
    emittedPerSecond: idle.emittedPerSecond,
    serverIngestPerSecond: idle.serverIngestPerSecond,
    serverRssMiB: idle.serverRssMiB,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await fanout({ profileDir: process.env.BENCH_PROFILE_DIR ?? null }), null, 2));
  process.exit(0);
}
