// Memory: the real server (own process, default ring size and map window) fed 20,000 flows/s by
// the stand-in relay while one browser reads the flow stream and watches the map (all
// namespaces); every 5 s, RSS is sampled and then the live heap after a forced full collection
// (one major GC per 5 s is the measuring cost); then the rate drops to zero. Memory must plateau.
// The bounded default (90 s + 15 s) fits the 2-minute budget of a benchmark; the full
// 10-minute run of the issue is `BENCH_MEMORY_SECONDS=600 pnpm bench memory`.
// Usage: node bench/memory.mjs (prints JSON)
import { startBlastServer, startServerChild } from './lib/children.mjs';
import { MiB, sleep, slope } from './lib/stats.mjs';
import { BenchClient } from './lib/ws-client.mjs';

const RATE = Number(process.env.BENCH_MEMORY_RATE ?? 20_000);
export const LOAD_SECONDS = Number(process.env.BENCH_MEMORY_SECONDS ?? 90);
const IDLE_SECONDS = Number(process.env.BENCH_MEMORY_IDLE_SECONDS ?? 15);
const SAMPLE_MS = 5_000;

/** RSS as it is, then the live heap after a full collection (the garbage sawtooth hides trends). */
async function sample(server, t0, phase) {
  const s = await server.ask('gc');
  if (!s.collected) throw new Error('the server child needs --expose-gc');
  return {
    t: Math.round((performance.now() - t0) / 1000),
    phase,
    rssMiB: s.before.rss / MiB,
    heapMiB: s.before.heapUsed / MiB,
    liveHeapMiB: s.memory.heapUsed / MiB,
    externalMiB: s.memory.external / MiB,
    flowsReceived: s.flowsReceived,
    ringFlows: s.ringFlows,
  };
}

export async function memory() {
  const relay = await startBlastServer({ rate: RATE, stamp: true });
  const server = await startServerChild(relay.address, { execArgv: ['--expose-gc'] });
  const browser = new BenchClient(server.url, [], { mapSubscribe: true });
  try {
    await browser.connect();
    const t0 = performance.now();
    const samples = [await sample(server, t0, 'load')];
    for (let t = SAMPLE_MS; t <= LOAD_SECONDS * 1000; t += SAMPLE_MS) {
      await sleep(t0 + t - performance.now());
      samples.push(await sample(server, t0, 'load'));
    }
    relay.send({ type: 'rate', rate: 0 });
    const idleStart = performance.now() - t0;
    for (let t = SAMPLE_MS; t <= IDLE_SECONDS * 1000; t += SAMPLE_MS) {
      await sleep(t0 + idleStart + t - performance.now());
      samples.push(await sample(server, t0, 'idle'));
    }
    if (browser.errors.length) throw new Error(`browser: ${browser.errors[0]}`);

    const load = samples.filter((s) => s.phase === 'load');
    const lastThird = load.slice(Math.floor((load.length * 2) / 3));
    const perMinute = (key) => slope(lastThird.map((s) => s.t), lastThird.map((s) => s[key])) * 60;
    const atThird = load[Math.floor(load.length / 3)];
    const endOfLoad = load[load.length - 1];
    const endOfIdle = samples[samples.length - 1];
    return {
      rate: RATE,
      loadSeconds: LOAD_SECONDS,
      idleSeconds: IDLE_SECONDS,
      browserFlowsPerSecond: browser.window().flowsPerSecond,
      rssAtThirdMiB: atThird.rssMiB,
      rssEndOfLoadMiB: endOfLoad.rssMiB,
      rssEndOfIdleMiB: endOfIdle.rssMiB,
      rssSlopeLastThirdMiBPerMin: perMinute('rssMiB'),
      liveHeapSlopeLastThirdMiBPerMin: perMinute('liveHeapMiB'),
      liveHeapAtThirdMiB: atThird.liveHeapMiB,
      liveHeapEndOfLoadMiB: endOfLoad.liveHeapMiB,
      liveHeapEndOfIdleMiB: endOfIdle.liveHeapMiB,
      samples,
    };
  } finally {
    browser.close();
    await server.stop();
    await relay.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await memory(), null, 2));
  process.exit(0);
}
