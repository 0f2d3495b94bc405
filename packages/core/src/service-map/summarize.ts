/** Turns bucketed state into the wire shape, summing the buckets still in the window. */
import { comparePorts, portKeyPort, portKeyProtocol, VERDICT_COUNT, VERDICT_KEYS } from './codes.js';
import { sumSlots, type KeyedCounters } from './keyed-counters.js';
import { LATENCY_BIN_COUNT, quantileFromBins } from './latency.js';
import { NODE_COUNTERS, NODE_DROPPED, NODE_RECEIVED, NODE_SENT, type EdgeState, type NodeState } from './state.js';
import type {
  DropReasonCount,
  L7Counters,
  LatencyBin,
  PortFlows,
  ServiceMapEdge,
  ServiceMapNode,
  VerdictCounts,
} from './types.js';

export interface SummaryWindow {
  oldestLiveBucket: number;
  nowBucket: number;
  rateWindowMs: number;
  /** Completed buckets the rate reads: [rateFrom, nowBucket - 1]. */
  rateFrom: number;
}

/** Flows per second; one formula for the aggregator and for merged maps so both agree exactly. */
export function rateOf(recentFlows: number, rateWindowMs: number): number {
  return recentFlows / (rateWindowMs / 1000);
}

function portList(counters: KeyedCounters, live: readonly number[]): PortFlows[] {
  const out: PortFlows[] = [];
  for (const [key, counts] of counters.byKey) {
    const flows = sumSlots(counts, live);
    if (flows > 0) out.push({ protocol: portKeyProtocol(key), port: portKeyPort(key), flows });
  }
  return out.sort(comparePorts);
}

export function summarizeNode(node: NodeState, w: SummaryWindow): ServiceMapNode {
  const live = node.slotsBetween(w.oldestLiveBucket, w.nowBucket, []);
  let sent = 0;
  let received = 0;
  let dropped = 0;
  for (const s of live) {
    const base = s * NODE_COUNTERS;
    sent += node.counts[base + NODE_SENT]!;
    received += node.counts[base + NODE_RECEIVED]!;
    dropped += node.counts[base + NODE_DROPPED]!;
  }
  const otherPortFlows = node.ports.other ? sumSlots(node.ports.other, live) : 0;
  return {
    id: node.id,
    kind: node.kind,
    namespace: node.namespace,
    name: node.name,
    workloadKind: node.workloadKind,
    pods: node.pods?.sorted() ?? [],
    labels: node.labels?.sorted() ?? [],
    ips: node.ips?.sorted() ?? [],
    k8sNodes: node.k8sNodes.sorted(),
    ports: portList(node.ports, live),
    otherPortFlows,
    truncated: otherPortFlows > 0 || truncatedSets(node, w.oldestLiveBucket),
    flows: { sent, received, dropped },
    lastSeen: node.lastSeen,
    folded: node.members?.size ?? 0,
  };
}

function truncatedSets(node: NodeState, old: number): boolean {
  return (
    (node.pods?.truncated(old) ?? false) ||
    (node.labels?.truncated(old) ?? false) ||
    (node.ips?.truncated(old) ?? false) ||
    node.k8sNodes.truncated(old) ||
    node.membersRefusedBucket >= old
  );
}

function l7Counters(edge: EdgeState, live: readonly number[]): L7Counters | null {
  const l7 = edge.l7;
  if (!l7) return null;
  const requests = sumSlots(l7.requests, live);
  const responses = sumSlots(l7.responses, live);
  if (requests === 0 && responses === 0) return null;
  const latencyBins: LatencyBin[] = [];
  for (let bin = 0; bin < LATENCY_BIN_COUNT; bin++) {
    let count = 0;
    for (const s of live) count += l7.latency[s * LATENCY_BIN_COUNT + bin]!;
    if (count > 0) latencyBins.push([bin, count]);
  }
  return {
    requests,
    responses,
    errors: sumSlots(l7.errors, live),
    p95Ms: quantileFromBins(latencyBins, 0.95),
    latencyBins,
  };
}

export function summarizeEdge(edge: EdgeState, w: SummaryWindow): ServiceMapEdge {
  const live = edge.slotsBetween(w.oldestLiveBucket, w.nowBucket, []);
  const verdictTotals = new Array<number>(VERDICT_COUNT).fill(0);
  let flows = 0;
  let recentFlows = 0;
  for (const s of live) {
    const bucket = edge.epochs[s]!;
    const inRate = bucket >= w.rateFrom && bucket < w.nowBucket;
    for (let v = 0; v < VERDICT_COUNT; v++) {
      const c = edge.counts[s * VERDICT_COUNT + v]!;
      verdictTotals[v]! += c;
      flows += c;
      if (inRate) recentFlows += c;
    }
  }
  const verdicts = {} as VerdictCounts;
  VERDICT_KEYS.forEach((key, i) => {
    verdicts[key] = verdictTotals[i]!;
  });
  const drops: DropReasonCount[] = [];
  if (edge.drops) {
    for (const [code, counts] of edge.drops.byKey) {
      const n = sumSlots(counts, live);
      if (n > 0) drops.push({ code, name: edge.dropNames.get(code) ?? '', flows: n });
    }
    drops.sort((a, b) => a.code - b.code);
  }
  return {
    id: edge.id,
    source: edge.source.id,
    destination: edge.destination.id,
    ports: portList(edge.ports, live),
    otherPortFlows: edge.ports.other ? sumSlots(edge.ports.other, live) : 0,
    flows,
    verdicts,
    recentFlows,
    rate: rateOf(recentFlows, w.rateWindowMs),
    drops,
    crossNodeFlows: edge.crossNode ? sumSlots(edge.crossNode, live) : 0,
    lastSeen: edge.lastSeen,
    l7: l7Counters(edge, live),
  };
}
