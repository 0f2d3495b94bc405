/**
 * Merging partial maps, e.g. from workers that each folded a share of the flows. Counts add,
 * sets unite, times take the newest; rate and p95 are recomputed from the merged counts, so a
 * merge of maps built from disjoint flows equals the map of all flows — provided the partial
 * maps were taken at the same clock (call `advance(now)` on each first) and no bounded list
 * overflowed. Merged lists are not re-capped, and a workload folded into 'more' nodes by two
 * workers counts twice in `folded`.
 */
import { comparePorts } from './codes.js';
import { quantileFromBins } from './latency.js';
import { rateOf } from './summarize.js';
import type {
  DropReasonCount,
  L7Counters,
  LatencyBin,
  PortFlows,
  ServiceMapEdge,
  ServiceMapNode,
  ServiceMapSnapshot,
  VerdictCounts,
} from './types.js';

function union(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])].sort();
}

function mergePorts(a: readonly PortFlows[], b: readonly PortFlows[]): PortFlows[] {
  const byKey = new Map<string, PortFlows>();
  for (const p of [...a, ...b]) {
    const key = `${p.protocol}/${p.port ?? ''}`;
    const seen = byKey.get(key);
    if (seen) seen.flows += p.flows;
    else byKey.set(key, { ...p });
  }
  return [...byKey.values()].sort(comparePorts);
}

function mergeNode(a: ServiceMapNode, b: ServiceMapNode): ServiceMapNode {
  return {
    ...a,
    workloadKind: a.workloadKind || b.workloadKind,
    pods: union(a.pods, b.pods),
    labels: union(a.labels, b.labels),
    ips: union(a.ips, b.ips),
    k8sNodes: union(a.k8sNodes, b.k8sNodes),
    ports: mergePorts(a.ports, b.ports),
    otherPortFlows: a.otherPortFlows + b.otherPortFlows,
    truncated: a.truncated || b.truncated,
    flows: {
      sent: a.flows.sent + b.flows.sent,
      received: a.flows.received + b.flows.received,
      dropped: a.flows.dropped + b.flows.dropped,
    },
    lastSeen: Math.max(a.lastSeen, b.lastSeen),
    folded: a.folded + b.folded,
  };
}

function mergeVerdicts(a: VerdictCounts, b: VerdictCounts): VerdictCounts {
  const out = { ...a };
  for (const key of Object.keys(b) as (keyof VerdictCounts)[]) out[key] = (out[key] ?? 0) + b[key];
  return out;
}

function mergeDrops(a: readonly DropReasonCount[], b: readonly DropReasonCount[]): DropReasonCount[] {
  const byCode = new Map<number, DropReasonCount>();
  for (const d of [...a, ...b]) {
    const seen = byCode.get(d.code);
    if (seen) seen.flows += d.flows;
    else byCode.set(d.code, { ...d });
  }
  return [...byCode.values()].sort((x, y) => x.code - y.code);
}

function mergeL7(a: L7Counters | null, b: L7Counters | null): L7Counters | null {
  if (!a || !b) return a ?? b;
  const bins = new Map<number, number>();
  for (const [bin, count] of [...a.latencyBins, ...b.latencyBins]) bins.set(bin, (bins.get(bin) ?? 0) + count);
  const latencyBins: LatencyBin[] = [...bins.entries()].sort((x, y) => x[0] - y[0]);
  return {
    requests: a.requests + b.requests,
    responses: a.responses + b.responses,
    errors: a.errors + b.errors,
    p95Ms: quantileFromBins(latencyBins, 0.95),
    latencyBins,
  };
}

function mergeEdge(a: ServiceMapEdge, b: ServiceMapEdge, rateWindowMs: number): ServiceMapEdge {
  const recentFlows = a.recentFlows + b.recentFlows;
  return {
    ...a,
    ports: mergePorts(a.ports, b.ports),
    otherPortFlows: a.otherPortFlows + b.otherPortFlows,
    flows: a.flows + b.flows,
    verdicts: mergeVerdicts(a.verdicts, b.verdicts),
    recentFlows,
    rate: rateOf(recentFlows, rateWindowMs),
    drops: mergeDrops(a.drops, b.drops),
    crossNodeFlows: a.crossNodeFlows + b.crossNodeFlows,
    lastSeen: Math.max(a.lastSeen, b.lastSeen),
    l7: mergeL7(a.l7, b.l7),
  };
}

function mergeById<T extends { id: string }>(a: readonly T[], b: readonly T[], merge: (x: T, y: T) => T): T[] {
  const byId = new Map(a.map((item) => [item.id, item]));
  for (const item of b) {
    const seen = byId.get(item.id);
    byId.set(item.id, seen ? merge(seen, item) : item);
  }
  return [...byId.values()].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
}

/** One map from two partial maps of the same window settings. The result starts a new delta stream (seq 0). */
export function mergeSnapshots(a: ServiceMapSnapshot, b: ServiceMapSnapshot): ServiceMapSnapshot {
  if (a.windowMs !== b.windowMs || a.bucketMs !== b.bucketMs || a.rateWindowMs !== b.rateWindowMs) {
    throw new RangeError(
      `cannot merge service maps with different windows (${a.windowMs}/${a.bucketMs}/${a.rateWindowMs} ms vs ${b.windowMs}/${b.bucketMs}/${b.rateWindowMs} ms)`,
    );
  }
  return {
    seq: 0,
    now: Math.max(a.now, b.now),
    windowMs: a.windowMs,
    bucketMs: a.bucketMs,
    rateWindowMs: a.rateWindowMs,
    nodes: mergeById(a.nodes, b.nodes, mergeNode),
    edges: mergeById(a.edges, b.edges, (x, y) => mergeEdge(x, y, a.rateWindowMs)),
  };
}
