/**
 * The L3/L4 service map as it goes over the wire: plain JSON objects, every list sorted, so
 * that two maps built from the same flows are deep-equal and a browser can keep its copy in
 * sync with `applyDelta`.
 *
 * Every count is "within the window": the aggregator keeps counters in time buckets and a
 * node or edge whose last flow left the window disappears.
 */

export type ServiceMapNodeKind = 'workload' | 'service' | 'reserved' | 'fqdn' | 'ip' | 'more';

/** Flows to one destination port. `port` is null for protocols without ports (ICMP). */
export interface PortFlows {
  protocol: string;
  port: number | null;
  flows: number;
}

export interface ServiceMapNode {
  /**
   * Stable and unique: `<namespace>/<workload>`, `svc:<namespace>/<name>`, `reserved:<identity>`,
   * `fqdn:<name>`, `ip:<address>`, `cidr:<prefix>`, `more:ns:<namespace>`, `more:external`, `more:all`.
   */
  id: string;
  kind: ServiceMapNodeKind;
  /** '' for reserved identities, external peers and the catch-all 'more' node. */
  namespace: string;
  name: string;
  /** 'Deployment', 'DaemonSet'… when a flow said so; '' otherwise. */
  workloadKind: string;
  /** Pod names seen in the window (bounded, sorted). */
  pods: string[];
  /** Labels seen in the window (bounded, sorted; namespace labels left out). */
  labels: string[];
  /** Addresses seen for reserved and external peers (bounded, sorted); empty for workloads and services. */
  ips: string[];
  /** Kubernetes nodes this node's endpoints were observed on (only known for the side local to the observing agent). */
  k8sNodes: string[];
  /** Destination ports of flows to this node (bounded, sorted by protocol then port). */
  ports: PortFlows[];
  /** Flows to ports that did not fit in `ports`. */
  otherPortFlows: number;
  /** True when a bounded list of this node (pods, labels, ips, k8s nodes, ports) had to leave entries out. */
  truncated: boolean;
  /** Flows in the window on edges leaving (sent) and entering (received) this node, and how many of those were dropped. */
  flows: { sent: number; received: number; dropped: number };
  /** Time (ms since epoch) of the newest flow that touched this node. */
  lastSeen: number;
  /** For 'more' nodes: how many distinct workloads/peers were folded into it (a lower bound when `truncated`). */
  folded: number;
}

export interface VerdictCounts {
  forwarded: number;
  dropped: number;
  error: number;
  audit: number;
  redirected: number;
  translated: number;
  traced: number;
  unknown: number;
}

export interface DropReasonCount {
  code: number;
  /** Upstream enum name, e.g. 'POLICY_DENIED'. */
  name: string;
  flows: number;
}

/** [bin index into LATENCY_BOUNDS_MS, count]; only bins with samples are listed. */
export type LatencyBin = [number, number];

export interface L7Counters {
  requests: number;
  responses: number;
  /** Responses that failed: HTTP status ≥ 500, DNS rcode ≠ 0, Kafka error code ≠ 0. */
  errors: number;
  /** 95th percentile of response latency: the upper bound of the histogram bin holding it; null without samples. */
  p95Ms: number | null;
  latencyBins: LatencyBin[];
}

export interface ServiceMapEdge {
  /** `<source id>-><destination id>`. */
  id: string;
  source: string;
  destination: string;
  /** Destination ports with flows (bounded, sorted by protocol then port). */
  ports: PortFlows[];
  otherPortFlows: number;
  /** All flows in the window. */
  flows: number;
  verdicts: VerdictCounts;
  /** Flows in the last `rateWindowMs` of completed buckets (what `rate` is computed from). */
  recentFlows: number;
  /** Flows per second over the last `rateWindowMs` of completed buckets. */
  rate: number;
  /** Drop reasons with counts, sorted by code. */
  drops: DropReasonCount[];
  /** Flows known to have crossed Kubernetes nodes; a lower bound (the rule is in node-crossing.ts). */
  crossNodeFlows: number;
  lastSeen: number;
  l7: L7Counters | null;
}

export interface ServiceMapSnapshot {
  /** Sequence number of the last delta drained before this snapshot; apply deltas with a higher seq. */
  seq: number;
  /** The aggregator's clock (ms since epoch): the newest of flow times and `advance` calls; 0 before any. */
  now: number;
  windowMs: number;
  bucketMs: number;
  rateWindowMs: number;
  /** Sorted by id. */
  nodes: ServiceMapNode[];
  /** Sorted by id. */
  edges: ServiceMapEdge[];
}

/** What changed since the previous delta. Upserts carry the whole current node or edge. */
export interface ServiceMapDelta {
  seq: number;
  now: number;
  nodes: ServiceMapNode[];
  edges: ServiceMapEdge[];
  removedNodes: string[];
  removedEdges: string[];
}

export interface ServiceMapOptions {
  /** Length of the sliding window; default 5 minutes. */
  windowMs?: number;
  /** Granularity at which counts expire; default 10 s. The window must hold at least two buckets. */
  bucketMs?: number;
  /** Span of completed buckets the edge rate is computed over; default 30 s, rounded to whole buckets. */
  rateWindowMs?: number;
  /** Most nodes the map holds, 'more' nodes included; default 2,000. */
  maxNodes?: number;
  /** Most edges the map holds; default 10,000. */
  maxEdges?: number;
  maxPodsPerNode?: number;
  maxLabelsPerNode?: number;
  maxIpsPerNode?: number;
  maxK8sNodesPerNode?: number;
  maxPortsPerNode?: number;
  maxPortsPerEdge?: number;
  /** Distinct folded names remembered across all 'more' nodes (for their `folded` count); default 20,000. */
  maxFoldedTracked?: number;
  /** Keep only flows whose source or destination is in one of these namespaces; empty or absent keeps all. */
  namespaces?: readonly string[];
  /**
   * How peers with the world identity and no DNS name are shown: one node per address (or per
   * CIDR label) with 'ip', or all as `reserved:world` with 'single'. Default 'ip'.
   */
  worldPeers?: 'ip' | 'single';
  /** Show Kubernetes services named by flows as nodes between client and backend; default true. */
  services?: boolean;
}

/** Totals since the aggregator was created (not windowed), for metrics. */
export interface ServiceMapStats {
  folded: number;
  /** Flows older than the window when they arrived. */
  late: number;
  outOfScope: number;
  /** Flows that were not objects with a source and destination, or had no time before any clock existed. */
  invalid: number;
  /** Flows whose endpoint went to a 'more' node because the node cap was reached. */
  nodeOverflow: number;
  /** Flows redirected because the edge cap was reached. */
  edgeOverflow: number;
  /** Flows with is_reply unset whose direction the aggregator guessed to be a reply. */
  guessedReplies: number;
}
