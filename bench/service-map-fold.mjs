// Fold throughput of the service-map aggregator (the server's hot path), on ~200k synthetic
// normalized flows (varied namespaces, workloads, pods, ports, verdicts, replies, services, L7,
// world peers, spread over 10 minutes so the 5-minute window slides) and on the real bookinfo
// flows repeated. Also prints snapshot/delta cost and size. Not a test.
// Needs `pnpm --filter @starmap/proto build && pnpm --filter @starmap/core build` first.
// Usage: node bench/service-map-fold.mjs
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ServiceMapAggregator } from '../packages/core/dist/service-map/index.js';
import { normalizeFlow } from '../packages/core/dist/flows/normalize.js';
import { getFlowsResponseFromJson } from '../packages/proto/dist/index.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const FLOWS = 200_000;
const T0 = 1_700_000_000_000;

// Deterministic so runs compare.
let seed = 42;
function random() {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (list) => list[Math.floor(random() * list.length)];

const SUFFIX = 'bcdfghjklmnpqrstvwxz2456789';
const suffix = (n) => Array.from({ length: n }, () => pick(SUFFIX)).join('');

// 20 namespaces × 25 workloads × 3 pods, each pod with its labels and identity.
const pods = [];
let identity = 1000;
for (let n = 0; n < 20; n++) {
  const ns = `team-${n}`;
  for (let w = 0; w < 25; w++) {
    const app = `app-${w}`;
    const hash = suffix(9);
    const id = identity++;
    const labels = [
      `k8s:app=${app}`,
      `k8s:io.kubernetes.pod.namespace=${ns}`,
      `k8s:io.cilium.k8s.namespace.labels.kubernetes.io/metadata.name=${ns}`,
      `k8s:io.cilium.k8s.policy.serviceaccount=${app}`,
      'k8s:version=v1',
    ];
    for (let p = 0; p < 3; p++) {
      pods.push({ ns, app, podName: `${app}-${hash}-${suffix(5)}`, labels, identity: id, ip: `10.${n}.${w}.${p}`, port: 8000 + (w % 10), node: `node-${(w + p) % 6}` });
    }
  }
}
const externals = [
  { labels: ['reserved:world'], identity: 2, ip: '1.1.1.1', names: ['one.one.one.one'], port: 443 },
  { labels: ['reserved:world'], identity: 2, ip: '142.250.1.1', names: ['www.google.com'], port: 443 },
  ...Array.from({ length: 50 }, (_, i) => ({ labels: ['reserved:world'], identity: 2, ip: `203.0.113.${i}`, names: [], port: 443 })),
  { labels: ['reserved:host'], identity: 1, ip: '192.168.0.1', names: [], port: 10250 },
  { labels: ['reserved:remote-node'], identity: 6, ip: '192.168.0.2', names: [], port: 4240 },
  { labels: ['reserved:kube-apiserver', 'reserved:world'], identity: 7, ip: '10.96.0.1', names: [], port: 443 },
];

function podEndpoint(p, port, service) {
  return {
    identity: p.identity,
    namespace: p.ns,
    podName: p.podName,
    workload: p.app,
    workloadKind: '',
    labels: p.labels,
    reserved: [],
    clusterName: '',
    ip: p.ip,
    port,
    names: [],
    service,
  };
}

function externalEndpoint(x, port) {
  const reserved = x.labels.map((l) => l.slice('reserved:'.length));
  return {
    identity: x.identity,
    namespace: '',
    podName: '',
    workload: x.names[0] ?? reserved[0],
    workloadKind: 'reserved',
    labels: x.labels,
    reserved,
    clusterName: '',
    ip: x.ip,
    port,
    names: x.names,
    service: null,
  };
}

const VERDICTS = [...Array(18).fill('FORWARDED'), 'DROPPED', 'REDIRECTED'];
const DROPS = [
  [133, 'POLICY_DENIED'],
  [181, 'POLICY_DENY'],
  [155, 'CT_UNKNOWN_L4_PROTOCOL'],
];

// Each workload calls a few others (mostly in its own namespace), as services do; the
// all-to-all variant instead spreads flows over every pair and runs into the edge cap.
const workloadPods = new Map();
for (const p of pods) {
  const key = `${p.ns}/${p.app}`;
  if (!workloadPods.has(key)) workloadPods.set(key, []);
  workloadPods.get(key).push(p);
}
const workloadKeys = [...workloadPods.keys()];
const dependencies = new Map(
  workloadKeys.map((key) => {
    const ns = key.split('/')[0];
    const local = workloadKeys.filter((k) => k.startsWith(`${ns}/`) && k !== key);
    return [key, [pick(local), pick(local), pick(local), pick(workloadKeys), pick(workloadKeys)]];
  }),
);
const externalDependencies = new Map(workloadKeys.map((key) => [key, [pick(externals), pick(externals)]]));

function syntheticFlow(i, allToAll) {
  const client = pick(pods);
  const external = random() < 0.08;
  const server = external ? pick(allToAll ? externals : externalDependencies.get(`${client.ns}/${client.app}`)) : allToAll ? pick(pods) : pick(workloadPods.get(pick(dependencies.get(`${client.ns}/${client.app}`))));
  const port = server.port;
  const service = !external && random() < 0.3 ? { namespace: server.ns, name: server.app } : null;
  const clientEp = podEndpoint(client, 30000 + Math.floor(random() * 30000), null);
  const serverEp = external ? externalEndpoint(server, port) : podEndpoint(server, port, service);
  const r = random();
  const isReply = r < 0.45 ? true : r < 0.95 ? false : null;
  const verdict = pick(VERDICTS);
  const drop = verdict === 'DROPPED' ? pick(DROPS) : [0, ''];
  const l7 =
    random() < 0.1
      ? isReply
        ? { type: 'RESPONSE', latencyNs: Math.floor(random() * 50e6), dns: null, http: { method: 'GET', url: '/', code: random() < 0.05 ? 503 : 200, protocol: 'HTTP/1.1' }, kafka: null }
        : { type: 'REQUEST', latencyNs: 0, dns: null, http: { method: 'GET', url: '/', code: 0, protocol: 'HTTP/1.1' }, kafka: null }
      : null;
  const ts = T0 + Math.floor((i / FLOWS) * 600_000);
  return {
    id: `f${i}`,
    time: '',
    ts,
    verdict,
    dropReason: drop[0],
    dropReasonName: drop[1],
    type: l7 ? 'L7' : 'L3_L4',
    ipVersion: 4,
    protocol: 'TCP',
    source: isReply ? serverEp : clientEp,
    destination: isReply ? clientEp : serverEp,
    tcpFlags: ['ACK'],
    icmp: null,
    nodeName: client.node,
    isReply,
    trafficDirection: 'EGRESS',
    observationPoint: pick(['TO_STACK', 'TO_ENDPOINT', 'TO_OVERLAY', 'TO_PROXY']),
    sockXlatePoint: '',
    eventType: 4,
    eventSubType: 0,
    interfaceName: '',
    l7,
    summary: '',
    allowedBy: [],
    deniedBy: [],
    encrypted: false,
  };
}

function realFlows(count) {
  const dir = path.resolve(repoRoot, '../shared/real-data/hubble-flows');
  const files = ['basic-sample-400-tcp-flows.jsonl', 'basic-sample-400-udp-flows.jsonl', 'basic-sample-348-http-flows.jsonl'];
  const base = files.flatMap((f) =>
    readFileSync(path.join(dir, f), 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => normalizeFlow(getFlowsResponseFromJson(JSON.parse(l)).flow)),
  );
  const out = [];
  // Repeat the capture on one clock, 1,148 flows per simulated second.
  for (let i = 0; out.length < count; i++) {
    for (const f of base) {
      if (out.length >= count) break;
      out.push({ ...f, ts: T0 + i * 1000 + (out.length % 1000) });
    }
  }
  return out;
}

function foldRate(map, flows, shiftMs) {
  const start = process.hrtime.bigint();
  if (shiftMs === 0) {
    for (let i = 0; i < flows.length; i++) map.fold(flows[i]);
  } else {
    // Same flows later in time: the map already knows the topology (the server's steady state).
    for (let i = 0; i < flows.length; i++) {
      const f = flows[i];
      f.ts += shiftMs;
      map.fold(f);
    }
  }
  return flows.length / (Number(process.hrtime.bigint() - start) / 1e9);
}

function measure(label, flows) {
  const fmt = (n) => Math.round(n).toLocaleString('en-US');
  // Warm-up on a separate aggregator so the JIT has seen the code.
  const warm = new ServiceMapAggregator();
  for (let i = 0; i < Math.min(flows.length, 50_000); i++) warm.fold(flows[i]);
  const cold = [];
  for (let round = 0; round < 3; round++) cold.push(foldRate(new ServiceMapAggregator(), flows, 0));
  const map = new ServiceMapAggregator();
  foldRate(map, flows, 0);
  const span = flows[flows.length - 1].ts - flows[0].ts + 1000;
  const steady = [];
  for (let round = 0; round < 3; round++) steady.push(foldRate(map, flows, span));
  cold.sort((a, b) => a - b);
  steady.sort((a, b) => a - b);
  console.log(`${label}: ${flows.length.toLocaleString('en-US')} flows`);
  console.log(`  fold into a new map:       ${fmt(cold[1])} flows/s (median of 3; best ${fmt(cold[2])})`);
  console.log(`  fold into a warm map:      ${fmt(steady[1])} flows/s (median of 3; best ${fmt(steady[2])})`);
  let start = process.hrtime.bigint();
  const snapshot = map.snapshot();
  const snapshotMs = Number(process.hrtime.bigint() - start) / 1e6;
  const bytes = JSON.stringify(snapshot).length;
  console.log(`  map: ${snapshot.nodes.length} nodes, ${snapshot.edges.length} edges; snapshot() ${snapshotMs.toFixed(1)} ms, ${(bytes / 1024).toFixed(0)} KiB JSON`);
  map.drainDelta();
  const next = flows.slice(-2000).map((f) => ({ ...f, ts: f.ts + 500 }));
  for (const f of next) map.fold(f);
  start = process.hrtime.bigint();
  const delta = map.drainDelta();
  const deltaMs = Number(process.hrtime.bigint() - start) / 1e6;
  console.log(
    `  delta after 2,000 more flows: ${delta.nodes.length} nodes, ${delta.edges.length} edges changed; drainDelta() ${deltaMs.toFixed(1)} ms, ${(JSON.stringify(delta).length / 1024).toFixed(0)} KiB JSON`,
  );
  const memory = process.memoryUsage();
  console.log(`  stats: ${JSON.stringify(map.stats())}; heap used ${(memory.heapUsed / 2 ** 20).toFixed(0)} MiB`);
}

measure('synthetic, 500 workloads with 5 dependencies each', Array.from({ length: FLOWS }, (_, i) => syntheticFlow(i, false)));
measure('synthetic, all-to-all (edge cap reached)', Array.from({ length: FLOWS }, (_, i) => syntheticFlow(i, true)));
measure('real bookinfo flows repeated', realFlows(FLOWS));
