// The real Starmap server (startStarmap, default ring and map window) in its own process, so
// its CPU and memory are measured apart from the benchmark's clients.
// Run as a child process: node starmap-child.mjs <relay host:port>
// IPC: reports {url} when listening; {type:'stats'} answers with CPU, memory, event-loop
// figures and pipeline counters; {type:'gc'} collects (with --expose-gc) and answers with
// memory; {type:'stop'} closes the server and exits.
// BENCH_EXPERIMENT (comma-separated) swaps in design alternatives to measure what they would buy;
// they patch the running server in this process only and are never on by default.
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { parseConfig } from '../../apps/server/dist/config.js';
import { startStarmap } from '../../apps/server/dist/runtime.js';
import { LiveFeeds } from '../../apps/server/dist/sources/live-feeds.js';
import { ClientQueue } from '../../apps/server/dist/hub/client-queue.js';

const hubbleServer = process.argv[2];
if (!hubbleServer) throw new Error('usage: starmap-child.mjs <relay host:port>');

// Experiment 'filter-on-main-stream': serve every filtered subscription from the relay
// source's unfiltered stream (FlowQuery.matches on each flow) instead of one GetFlows stream per
// distinct filter, to measure what that design change would buy.
const EXPERIMENTS = ['filter-on-main-stream', 'cached-flow-json', 'drain-queue'];
const experiments = new Set((process.env.BENCH_EXPERIMENT ?? '').split(',').filter(Boolean));
for (const e of experiments) if (!EXPERIMENTS.includes(e)) throw new Error(`unknown BENCH_EXPERIMENT ${e}; known: ${EXPERIMENTS.join(', ')}`);
if (experiments.has('filter-on-main-stream')) {
  LiveFeeds.prototype.subscribe = function subscribeOnMainStream(query, listener) {
    return this.relay.subscribe((f, raw) => {
      if (query.everything || query.matches(raw)) listener(f, raw);
    });
  };
}

// Experiment 'cached-flow-json': serialize each flow once for all clients (cached per flow
// object) instead of once per client batch, by intercepting JSON.stringify of 'flows' messages.
if (experiments.has('cached-flow-json')) {
  const stringify = JSON.stringify;
  const cache = new WeakMap();
  const flowJson = (f) => {
    let text = cache.get(f);
    if (text === undefined) cache.set(f, (text = stringify(f)));
    return text;
  };
  JSON.stringify = function cachedStringify(value, ...rest) {
    if (rest.length === 0 && value?.type === 'flows' && Array.isArray(value.flows)) {
      return `{"type":"flows","subscription":${value.subscription},"flows":[${value.flows.map(flowJson).join(',')}],"missed":${value.missed}}`;
    }
    return stringify(value, ...rest);
  };
}

// Experiment 'drain-queue': each flush sends everything queued (in messages of at most maxBatch
// flows) instead of one maxBatch, so a client whose filter passes more than maxBatch flows per
// flush interval does not fall behind.
if (experiments.has('drain-queue')) {
  const take = ClientQueue.prototype.take;
  ClientQueue.prototype.take = function takeAll() {
    return take.call(this, Number.MAX_SAFE_INTEGER);
  };
}

const config = parseConfig({
  hubbleServer,
  port: 0,
  host: '127.0.0.1',
  logLevel: 'silent',
  // No agent in the benchmark: a closed port fails each poll at once.
  ciliumApi: 'http://127.0.0.1:9',
});
const starmap = await startStarmap(config, { logger: false });
const { relay, feeds, maps } = starmap.services;

const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();

process.on('message', async (m) => {
  if (m?.type === 'stats') {
    process.send({
      type: 'stats',
      cpu: process.cpuUsage(),
      memory: process.memoryUsage(),
      elu: performance.eventLoopUtilization(),
      loopDelayP99Ms: loopDelay.percentile(99) / 1e6,
      loopDelayMaxMs: loopDelay.max / 1e6,
      flowsReceived: relay.streamState.flowsReceived,
      ringFlows: relay.ring.size,
      relayStreams: feeds.openStreams,
      // Each filtered subscription's own GetFlows stream (a private field, read for diagnosis).
      feedStreams: [...(feeds.feeds?.values() ?? [])].map((f) => ({
        phase: f.stream.state.phase,
        flows: f.stream.state.flowsReceived,
        reconnects: f.stream.state.reconnects,
        lastError: f.stream.state.lastError,
      })),
      serviceMaps: maps.mapCount,
    });
    if (m.resetLoopDelay) loopDelay.reset();
  } else if (m?.type === 'gc') {
    // Needs --expose-gc; without it, the figures are simply taken without a collection.
    const before = process.memoryUsage();
    globalThis.gc?.();
    process.send({ type: 'gc', collected: typeof globalThis.gc === 'function', before, memory: process.memoryUsage(), flowsReceived: relay.streamState.flowsReceived, ringFlows: relay.ring.size });
  } else if (m?.type === 'stop') {
    await starmap.close().catch(() => {});
    process.exit(0);
  }
});
process.on('disconnect', () => process.exit(0));
process.send({ url: starmap.url });
