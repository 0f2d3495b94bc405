/**
 * The service map of real Hubble flows (Istio bookinfo on kind, Cilium authors' test data). The
 * expected map is computed here straight from the raw JSON, by rules stated in this file, never
 * from the aggregator's own output.
 */
import { readFileSync } from 'node:fs';
import { getFlowsResponseFromJson } from '@starmap/proto';
import { describe, expect, it } from 'vitest';
import { normalizeFlow } from '../flows/normalize.js';
import type { Flow } from '../flows/types.js';
import { ServiceMapAggregator } from './aggregator.js';
import { LATENCY_BOUNDS_MS } from './latency.js';

const FILE = '/work/shared/real-data/hubble-flows/basic-sample-400-tcp-flows.jsonl';

/** Raw proto-JSON of the capture, read loosely on purpose. */
type Raw = Record<string, any>;

const rawFlows: Raw[] = readFileSync(FILE, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => (JSON.parse(line) as Raw).flow as Raw);

function normalized(): Flow[] {
  return readFileSync(FILE, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => normalizeFlow(getFlowsResponseFromJson(JSON.parse(line)).flow!));
}

function label(ep: Raw, key: string): string | undefined {
  for (const l of (ep.labels ?? []) as string[]) {
    const body = l.slice(l.indexOf(':') + 1);
    if (body.startsWith(`${key}=`)) return body.slice(key.length + 1);
  }
  return undefined;
}

// The pods of this capture all carry one of these naming labels; a pod seen once without its
// labels (through the proxy, as 'world') is the same pod, so it is named from its other flows.
const podName = new Map<string, string>();
for (const f of rawFlows) {
  for (const ep of [f.source ?? {}, f.destination ?? {}] as Raw[]) {
    const name = label(ep, 'app.kubernetes.io/name') ?? label(ep, 'app');
    if (ep.pod_name && name) podName.set(ep.pod_name, name);
  }
}

/** The node id this file's endpoints should get, by the rules of the service map issue. */
function expectedNodeId(ep: Raw, ip: string): string {
  const ns = ep.namespace || label(ep, 'io.kubernetes.pod.namespace');
  if (ns) return `${ns}/${label(ep, 'app.kubernetes.io/name') ?? label(ep, 'app') ?? podName.get(ep.pod_name)}`;
  const reserved = ((ep.labels ?? []) as string[]).filter((l) => l.startsWith('reserved:')).map((l) => l.slice(9));
  const notWorld = reserved.find((r) => r !== 'world');
  if (notWorld) return `reserved:${notWorld}`;
  return `ip:${ip}`;
}

// Ports the bookinfo, jaeger, collector and health servers listen on in this capture.
const SERVER_PORTS = new Set([9080, 14250, 14268, 14269, 4240, 4244]);

interface ExpectedEdge {
  flows: number;
  verdicts: Record<string, number>;
  crossNode: number;
  requests: number;
  responses: number;
  latenciesMs: number[];
  pods: Set<string>;
}

function expectedMap() {
  const edges = new Map<string, ExpectedEdge>();
  const pods = new Map<string, Set<string>>();
  for (const f of rawFlows) {
    const l4 = f.l4?.TCP ?? f.l4?.UDP ?? {};
    const src = expectedNodeId(f.source ?? {}, f.IP.source);
    const dst = expectedNodeId(f.destination ?? {}, f.IP.destination);
    const reply = f.is_reply === true || (f.is_reply === undefined && SERVER_PORTS.has(l4.source_port) && !SERVER_PORTS.has(l4.destination_port));
    const id = reply ? `${dst}->${src}` : `${src}->${dst}`;
    const e = edges.get(id) ?? { flows: 0, verdicts: {}, crossNode: 0, requests: 0, responses: 0, latenciesMs: [], pods: new Set() };
    e.flows++;
    e.verdicts[f.verdict] = (e.verdicts[f.verdict] ?? 0) + 1;
    const remoteNode = [f.source, f.destination].some((ep: Raw | undefined) => (ep?.labels ?? []).includes('reserved:remote-node'));
    if (f.trace_observation_point === 'TO_OVERLAY' || f.trace_observation_point === 'FROM_OVERLAY' || remoteNode) e.crossNode++;
    if (f.l7?.type === 'REQUEST') e.requests++;
    if (f.l7?.type === 'RESPONSE') {
      e.responses++;
      if (f.l7.latency_ns) e.latenciesMs.push(Number(f.l7.latency_ns) / 1e6);
    }
    edges.set(id, e);
    for (const [ep, nodeId] of [
      [f.source, src],
      [f.destination, dst],
    ] as const) {
      if (ep?.pod_name) {
        const set = pods.get(nodeId) ?? new Set<string>();
        set.add(ep.pod_name);
        pods.set(nodeId, set);
      }
    }
  }
  return { edges, pods };
}

describe('service map of real bookinfo flows', () => {
  const map = new ServiceMapAggregator();
  map.foldAll(normalized());
  const snap = map.snapshot();
  const expected = expectedMap();

  it('has exactly the edges the raw flows imply, replies folded into their requests', () => {
    expect(snap.edges.map((e) => e.id).sort()).toEqual([...expected.edges.keys()].sort());
    // bookinfo's call graph is among them
    for (const id of ['bookinfo/productpage->bookinfo/details', 'bookinfo/productpage->bookinfo/reviews', 'bookinfo/reviews->bookinfo/ratings']) {
      expect(snap.edges.some((e) => e.id === id), id).toBe(true);
    }
    expect(map.stats().folded).toBe(rawFlows.length);
  });

  it('counts flows and verdicts per edge as the raw flows do', () => {
    for (const edge of snap.edges) {
      const want = expected.edges.get(edge.id)!;
      expect(edge.flows, edge.id).toBe(want.flows);
      expect(edge.verdicts.forwarded, edge.id).toBe(want.verdicts.FORWARDED ?? 0);
      expect(edge.verdicts.redirected, edge.id).toBe(want.verdicts.REDIRECTED ?? 0);
      expect(edge.verdicts.dropped, edge.id).toBe(want.verdicts.DROPPED ?? 0);
    }
  });

  it('marks overlay and remote-node traffic as cross-node', () => {
    for (const edge of snap.edges) expect(edge.crossNodeFlows, edge.id).toBe(expected.edges.get(edge.id)!.crossNode);
    expect(snap.edges.some((e) => e.crossNodeFlows > 0)).toBe(true);
  });

  it('counts L7 requests and responses and the p95 latency bin per edge', () => {
    for (const edge of snap.edges) {
      const want = expected.edges.get(edge.id)!;
      if (want.requests + want.responses === 0) {
        expect(edge.l7, edge.id).toBeNull();
        continue;
      }
      expect(edge.l7, edge.id).toMatchObject({ requests: want.requests, responses: want.responses, errors: 0 });
      const sorted = [...want.latenciesMs].sort((x, y) => x - y);
      const p95 = sorted[Math.ceil(0.95 * sorted.length) - 1];
      expect(edge.l7!.p95Ms, edge.id).toBe(p95 === undefined ? null : LATENCY_BOUNDS_MS.find((b) => b >= p95));
    }
    expect(snap.edges.some((e) => e.l7 !== null && e.l7.p95Ms !== null)).toBe(true);
  });

  it('groups pods into their workloads and lists them', () => {
    const workloadNodes = snap.nodes.filter((n) => n.kind === 'workload');
    expect(workloadNodes.map((n) => n.id).sort()).toEqual([...expected.pods.keys()].filter((id) => !id.includes(':')).sort());
    for (const node of workloadNodes) expect(node.pods, node.id).toEqual([...expected.pods.get(node.id)!].sort());
    expect(snap.nodes.find((n) => n.id === 'bookinfo/reviews')!.pods).toHaveLength(3);
    expect(snap.nodes.find((n) => n.id === 'bookinfo/productpage')!.k8sNodes).toEqual(['kind-control-plane']);
  });

  it('shows host, remote-node and health as reserved nodes', () => {
    const reserved = snap.nodes.filter((n) => n.kind === 'reserved').map((n) => n.id);
    expect(reserved).toEqual(['reserved:health', 'reserved:host', 'reserved:remote-node']);
  });
});
