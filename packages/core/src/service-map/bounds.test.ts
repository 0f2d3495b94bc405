import { describe, expect, it } from 'vitest';
import type { Flow, FlowEndpoint } from '../flows/types.js';
import { ServiceMapAggregator } from './aggregator.js';
import { makeFlow, pod, seededRandom } from './test-support.js';

const NAMESPACES = ['alpha', 'beta', 'gamma', 'delta', 'eps'];
const PER_NAMESPACE = 1000; // 5,000 distinct workloads

function workloadPool(): FlowEndpoint[] {
  const pool: FlowEndpoint[] = [];
  for (const ns of NAMESPACES) {
    for (let i = 0; i < PER_NAMESPACE; i++) pool.push(pod(ns, `svc${i}-7d9c5b6f4-x2k8p`, { port: 8000 + (i % 50) }));
  }
  return pool;
}

describe('memory bound', () => {
  it('folds 100k flows over 5,000 workloads into at most maxNodes nodes, with per-namespace "more" nodes counting the rest', () => {
    const maxNodes = 500;
    const maxEdges = 2_000;
    const map = new ServiceMapAggregator({ maxNodes, maxEdges });
    const pool = workloadPool();
    const random = seededRandom(7);
    const seen = new Map<string, Set<string>>(NAMESPACES.map((ns) => [ns, new Set()]));
    const flows: Flow[] = [];
    for (let i = 0; i < 100_000; i++) {
      const source = pool[Math.floor(random() * pool.length)]!;
      const destination = pool[Math.floor(random() * pool.length)]!;
      seen.get(source.namespace)!.add(source.workload);
      seen.get(destination.namespace)!.add(destination.workload);
      flows.push(makeFlow({ source, destination, ts: 1_700_000_000_000 + i }));
    }
    map.foldAll(flows);
    const snap = map.snapshot();

    expect(snap.nodes.length).toBeLessThanOrEqual(maxNodes);
    expect(snap.edges.length).toBeLessThanOrEqual(maxEdges);
    // nothing is lost: every flow sits on exactly one edge
    expect(snap.edges.reduce((n, e) => n + e.flows, 0)).toBe(100_000);

    for (const ns of NAMESPACES) {
      const shown = snap.nodes.filter((n) => n.kind === 'workload' && n.namespace === ns).length;
      const more = snap.nodes.find((n) => n.id === `more:ns:${ns}`);
      expect(more, `more node of ${ns}`).toBeDefined();
      expect(more!.kind).toBe('more');
      expect(more!.folded).toBe(seen.get(ns)!.size - shown);
    }
    expect(map.stats().nodeOverflow).toBeGreaterThan(0);
    expect(map.stats().edgeOverflow).toBeGreaterThan(0);
  });

  it('bounds the pods and labels kept per node and says so', () => {
    const map = new ServiceMapAggregator({ maxPodsPerNode: 3, maxLabelsPerNode: 2 });
    const client = pod('shop', 'web-7d9c5b6f4-x2k8p');
    const suffixes = ['x2k8p', 'q9z4w', 'b7c5d', 'zz2rt', 'kk8mn'];
    suffixes.forEach((suffix, i) =>
      map.fold(makeFlow({ source: client, destination: pod('shop', `cart-6b746f74dc-${suffix}`, { port: 80, identity: 10 + i, labels: [`k8s:pod-template=${i}`, 'k8s:app=cart'] }) })),
    );
    const cart = map.snapshot().nodes.find((n) => n.id === 'shop/cart')!;
    expect(cart.pods).toHaveLength(3);
    expect(cart.labels).toHaveLength(2);
    expect(cart.truncated).toBe(true);
    expect(cart.flows.received).toBe(5);
  });

  it('sends overflowing edges to the catch-all edge when even the reserve is full', () => {
    const map = new ServiceMapAggregator({ maxNodes: 1000, maxEdges: 4 });
    const client = pod('shop', 'web-7d9c5b6f4-x2k8p');
    for (let i = 0; i < 20; i++) map.fold(makeFlow({ source: client, destination: pod(`ns${i}`, 'db-0', { port: 5432 }) }));
    const snap = map.snapshot();
    expect(snap.edges.length).toBeLessThanOrEqual(4);
    expect(snap.edges.some((e) => e.id === 'more:all->more:all')).toBe(true);
    expect(snap.edges.reduce((n, e) => n + e.flows, 0)).toBe(20);
    // every edge end is a node of the map
    const ids = new Set(snap.nodes.map((n) => n.id));
    for (const e of snap.edges) {
      expect(ids.has(e.source)).toBe(true);
      expect(ids.has(e.destination)).toBe(true);
    }
  });
});
