/**
 * Folds normalized flows into the service map over a sliding window.
 *
 * Time: counters sit in buckets of `bucketMs`; the window is the newest `buckets` of them. The
 * clock is the newest of the flows' own times and `advance(nowMs)` (use the same clock as the
 * flows: cluster time live, recording time in replay). Flows older than the window are counted
 * as late and ignored. When the clock enters a new bucket, nodes and edges whose newest flow left
 * the window are removed, and those whose totals or rate changed are queued for the next delta.
 *
 * Edges: one per (client node, server node) pair, with a bounded list of destination ports. One
 * edge per port would multiply edges for port-scanning or wide-port services and spend the edge
 * cap on what operators read as a single dependency.
 *
 * Services: a flow that names a destination service is drawn client → service → backend and
 * counted on both edges (so summing every edge counts such flows twice). The second hop is drawn
 * only when the backend is a pod or a reserved identity such as host; a world address behind a
 * service is usually the service's own VIP seen before translation.
 *
 * Hubble reports a packet once per observation point, so a cross-node connection seen by both
 * agents counts twice; the map reports flows as Hubble counts them.
 */
import type { Flow, FlowEndpoint, L7Info } from '../flows/types.js';
import { portKey, protocolIndex, VERDICT_COUNT, VERDICT_DROPPED, verdictIndex } from './codes.js';
import { flowDirection, GUESSED, REPLY } from './direction.js';
import { LATENCY_BIN_COUNT, latencyBin } from './latency.js';
import { NodeIndex } from './node-index.js';
import { crossesNodes, LOCAL_DESTINATION, LOCAL_SOURCE, localSide, PodPlacements } from './node-crossing.js';
import { resolveServiceMapOptions, type ResolvedServiceMapOptions } from './options.js';
import { EdgeState, L7State, NODE_COUNTERS, NODE_DROPPED, NODE_RECEIVED, NODE_SENT, NodeState } from './state.js';
import { summarizeEdge, summarizeNode, type SummaryWindow } from './summarize.js';
import type {
  ServiceMapDelta,
  ServiceMapEdge,
  ServiceMapNode,
  ServiceMapOptions,
  ServiceMapSnapshot,
  ServiceMapStats,
} from './types.js';

/** Identities per node whose labels are recorded; beyond this labels of new identities are skipped. */
const MAX_IDENTITIES_PER_NODE = 64;
const MAX_POD_PLACEMENTS = 50_000;
const NAMESPACE_LABEL_MARK = 'io.cilium.k8s.namespace.labels.';

function byId(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function isL7Error(l7: L7Info): boolean {
  if (l7.http && l7.http.code >= 500) return true;
  if (l7.dns && l7.dns.rcode !== 0) return true;
  if (l7.kafka && l7.kafka.errorCode !== 0) return true;
  return false;
}

export class ServiceMapAggregator {
  readonly options: ResolvedServiceMapOptions;
  private readonly index: NodeIndex;
  private readonly edges = new Map<string, EdgeState>();
  private readonly placements = new PodPlacements(MAX_POD_PLACEMENTS);
  private nowMs = Number.NEGATIVE_INFINITY;
  private nowBucket = Number.NEGATIVE_INFINITY;
  private seq = 0;
  private drainGeneration = 0;
  private dirtyNodes: NodeState[] = [];
  private dirtyEdges: EdgeState[] = [];
  private removedNodeIds: string[] = [];
  private removedEdgeIds: string[] = [];
  private readonly counters: ServiceMapStats = {
    folded: 0,
    late: 0,
    outOfScope: 0,
    invalid: 0,
    nodeOverflow: 0,
    edgeOverflow: 0,
    guessedReplies: 0,
  };

  constructor(options: ServiceMapOptions = {}) {
    this.options = resolveServiceMapOptions(options);
    this.index = new NodeIndex(this.options, (node) => this.markNode(node));
  }

  get nodeCount(): number {
    return this.index.nodes.size;
  }

  get edgeCount(): number {
    return this.edges.size;
  }

  stats(): ServiceMapStats {
    return { ...this.counters, nodeOverflow: this.index.overflowed };
  }

  foldAll(flows: Iterable<Flow>): void {
    for (const flow of flows) this.fold(flow);
  }

  /** Adds one flow. Malformed input is counted in `stats().invalid`, never thrown. */
  fold(flow: Flow): void {
    if (flow === null || typeof flow !== 'object' || !flow.source || !flow.destination) {
      this.counters.invalid++;
      return;
    }
    try {
      this.foldFlow(flow);
    } catch {
      // A flow that is not shaped like a normalized flow (say, an endpoint without its lists).
      this.counters.invalid++;
    }
  }

  private foldFlow(flow: Flow): void {
    const src = flow.source;
    const dst = flow.destination;
    const srcNs = this.index.namespaceOf(src);
    const dstNs = this.index.namespaceOf(dst);
    const scope = this.options.namespaces;
    if (scope !== null && !scope.has(srcNs) && !scope.has(dstNs)) {
      this.counters.outOfScope++;
      return;
    }
    let ts = flow.ts;
    if (!(ts > 0) || !Number.isFinite(ts)) {
      // A flow without a time is taken as happening now; before any clock exists it cannot be placed.
      if (this.nowMs === Number.NEGATIVE_INFINITY) {
        this.counters.invalid++;
        return;
      }
      ts = this.nowMs;
    }
    if (ts > this.nowMs) this.moveClock(ts);
    const bucket = Math.floor(ts / this.options.bucketMs);
    if (bucket <= this.nowBucket - this.options.buckets) {
      this.counters.late++;
      return;
    }
    this.counters.folded++;

    const protocolIdx = protocolIndex(flow.protocol);
    const direction = flowDirection(flow, protocolIdx, srcNs, dstNs, this.index);
    const reply = (direction & REPLY) !== 0;
    if ((direction & GUESSED) !== 0 && reply) this.counters.guessedReplies++;
    const client = reply ? dst : src;
    const server = reply ? src : dst;
    const clientNs = reply ? dstNs : srcNs;
    const serverNs = reply ? srcNs : dstNs;

    const local = localSide(flow);
    const cross = crossesNodes(flow, local, srcNs, dstNs, this.placements, bucket);
    const clientIsLocal = local === (reply ? LOCAL_DESTINATION : LOCAL_SOURCE);
    const serverIsLocal = local === (reply ? LOCAL_SOURCE : LOCAL_DESTINATION);
    const port = portKey(protocolIdx, server.port);
    const verdict = verdictIndex(flow.verdict);

    const clientNode = this.index.resolve(client, clientNs, bucket);
    this.touchEndpoint(clientNode, client, bucket, ts, clientIsLocal ? flow.nodeName : '');
    const service = this.options.services ? server.service : null;
    if (service && service.name) {
      const serviceNode = this.index.resolveService(service, bucket);
      this.touchNode(serviceNode, bucket, ts);
      this.record(clientNode, serviceNode, flow, bucket, ts, port, verdict, cross);
      if (this.index.isBackend(server, serverNs)) {
        const serverNode = this.index.resolve(server, serverNs, bucket);
        this.touchEndpoint(serverNode, server, bucket, ts, serverIsLocal ? flow.nodeName : '');
        this.record(serviceNode, serverNode, flow, bucket, ts, port, verdict, cross);
      }
    } else {
      const serverNode = this.index.resolve(server, serverNs, bucket);
      this.touchEndpoint(serverNode, server, bucket, ts, serverIsLocal ? flow.nodeName : '');
      this.record(clientNode, serverNode, flow, bucket, ts, port, verdict, cross);
    }
  }

  /** Moves the clock forward (never back) and expires what left the window. */
  advance(nowMs: number): void {
    if (typeof nowMs !== 'number' || !Number.isFinite(nowMs)) {
      throw new RangeError(`service map advance() needs a finite time in ms, got ${String(nowMs)}`);
    }
    if (nowMs > this.nowMs) this.moveClock(nowMs);
  }

  snapshot(): ServiceMapSnapshot {
    const w = this.summaryWindow();
    const nodes: ServiceMapNode[] = [];
    for (const node of this.index.nodes.values()) nodes.push(summarizeNode(node, w));
    const edges: ServiceMapEdge[] = [];
    for (const edge of this.edges.values()) edges.push(summarizeEdge(edge, w));
    return {
      seq: this.seq,
      now: this.clock(),
      windowMs: this.options.windowMs,
      bucketMs: this.options.bucketMs,
      rateWindowMs: this.options.rateWindowMs,
      nodes: nodes.sort(byId),
      edges: edges.sort(byId),
    };
  }

  /** Nodes and edges added or changed since the previous drain (whole objects), and ids removed. */
  drainDelta(): ServiceMapDelta {
    const w = this.summaryWindow();
    const nodes: ServiceMapNode[] = [];
    for (const node of this.dirtyNodes) if (!node.removed) nodes.push(summarizeNode(node, w));
    const edges: ServiceMapEdge[] = [];
    for (const edge of this.dirtyEdges) if (!edge.removed) edges.push(summarizeEdge(edge, w));
    // An id removed and then created again within one drain is an upsert, not a removal.
    const removedNodes = [...new Set(this.removedNodeIds)].filter((id) => !this.index.nodes.has(id)).sort();
    const removedEdges = [...new Set(this.removedEdgeIds)].filter((id) => !this.edges.has(id)).sort();
    this.dirtyNodes = [];
    this.dirtyEdges = [];
    this.removedNodeIds = [];
    this.removedEdgeIds = [];
    this.drainGeneration++;
    this.seq++;
    return { seq: this.seq, now: this.clock(), nodes: nodes.sort(byId), edges: edges.sort(byId), removedNodes, removedEdges };
  }

  private clock(): number {
    return this.nowMs === Number.NEGATIVE_INFINITY ? 0 : this.nowMs;
  }

  private summaryWindow(): SummaryWindow {
    const nowBucket = this.nowBucket;
    return {
      nowBucket,
      oldestLiveBucket: nowBucket - this.options.buckets + 1,
      rateWindowMs: this.options.rateWindowMs,
      rateFrom: nowBucket - this.options.rateBuckets,
    };
  }

  private markNode(node: NodeState): void {
    if (node.dirtyMark !== this.drainGeneration) {
      node.dirtyMark = this.drainGeneration;
      this.dirtyNodes.push(node);
    }
  }

  private markEdge(edge: EdgeState): void {
    if (edge.dirtyMark !== this.drainGeneration) {
      edge.dirtyMark = this.drainGeneration;
      this.dirtyEdges.push(edge);
    }
  }

  private touchNode(node: NodeState, bucket: number, ts: number): number {
    const slot = node.slotFor(bucket, ts);
    this.markNode(node);
    return slot;
  }

  /** What the endpoint itself tells about its node: pods, addresses, labels, the k8s node it runs on. */
  private touchEndpoint(node: NodeState, ep: FlowEndpoint, bucket: number, ts: number, k8sNode: string): void {
    this.touchNode(node, bucket, ts);
    if (node.kind === 'more') return;
    // Once per pod and bucket, remember the pod's workload for its label-less flows.
    if (node.pods && ep.podName && node.pods.touch(ep.podName, bucket)) this.index.learnPodWorkload(ep, node);
    if (node.ips && ep.ip) node.ips.touch(ep.ip, bucket);
    if (k8sNode) node.k8sNodes.touch(k8sNode, bucket);
    if (!node.workloadKind && node.kind === 'workload' && ep.workloadKind) node.workloadKind = ep.workloadKind;
    const identities = node.identities;
    const labels = node.labels;
    // An endpoint with a reserved identity (a pod seen as 'world' by the proxy) says nothing about the pod's labels.
    if (identities && labels && ep.labels && (node.kind !== 'workload' || ep.reserved.length === 0)) {
      // Labels belong to the identity; re-reading them once per identity and bucket keeps them fresh cheaply.
      const seen = identities.get(ep.identity);
      if (seen === undefined ? identities.size < MAX_IDENTITIES_PER_NODE : seen < bucket) {
        identities.set(ep.identity, bucket);
        for (const label of ep.labels) {
          if (!label.includes(NAMESPACE_LABEL_MARK)) labels.touch(label, bucket);
        }
      }
    }
  }

  private record(
    from: NodeState,
    to: NodeState,
    flow: Flow,
    bucket: number,
    ts: number,
    port: number,
    verdict: number,
    cross: boolean,
  ): void {
    const edge = this.edgeFor(from, to);
    if (edge.destination !== to || edge.source !== from) this.counters.edgeOverflow++;
    const slot = edge.slotFor(bucket, ts);
    this.markEdge(edge);
    edge.counts[slot * VERDICT_COUNT + verdict]! += 1;
    edge.ports.add(port, slot);
    const dropped = verdict === VERDICT_DROPPED;
    if (dropped && flow.dropReason > 0) {
      edge.dropCounters().add(flow.dropReason, slot);
      if (!edge.dropNames.has(flow.dropReason)) edge.dropNames.set(flow.dropReason, flow.dropReasonName || `DROP_REASON_${flow.dropReason}`);
    }
    if (cross) (edge.crossNode ??= new Uint32Array(edge.slots))[slot]! += 1;
    if (flow.l7) this.recordL7(edge, slot, flow.l7);

    const a = edge.source;
    const b = edge.destination;
    const sa = this.touchNode(a, bucket, ts);
    a.counts[sa * NODE_COUNTERS + NODE_SENT]! += 1;
    if (dropped) a.counts[sa * NODE_COUNTERS + NODE_DROPPED]! += 1;
    const sb = this.touchNode(b, bucket, ts);
    b.counts[sb * NODE_COUNTERS + NODE_RECEIVED]! += 1;
    if (dropped && b !== a) b.counts[sb * NODE_COUNTERS + NODE_DROPPED]! += 1;
    b.ports.add(port, sb);
  }

  private recordL7(edge: EdgeState, slot: number, l7: L7Info): void {
    const state = (edge.l7 ??= new L7State(edge.slots));
    if (l7.type === 'REQUEST') {
      state.requests[slot]! += 1;
    } else if (l7.type === 'RESPONSE') {
      state.responses[slot]! += 1;
      if (isL7Error(l7)) state.errors[slot]! += 1;
      if (l7.latencyNs > 0) state.latency[slot * LATENCY_BIN_COUNT + latencyBin(l7.latencyNs / 1e6)]! += 1;
    }
  }

  /**
   * The edge for a pair, within the edge cap: past the regular share, the destination is shown
   * as its namespace's 'more' node; with the cap full, everything goes to `more:all->more:all`.
   */
  private edgeFor(from: NodeState, to: NodeState): EdgeState {
    const existing = from.out.get(to);
    if (existing) return existing;
    const { maxEdges, moreEdgeReserve } = this.options;
    if (this.edges.size < maxEdges - moreEdgeReserve) return this.createEdge(from, to);
    if (this.edges.size < maxEdges - 1) {
      const more = to.kind === 'more' ? to : this.index.moreFor(to.namespace);
      return from.out.get(more) ?? this.createEdge(from, more);
    }
    const more = to.kind === 'more' ? to : this.index.existingMore(to.namespace);
    const toMore = more ? from.out.get(more) : undefined;
    if (toMore) return toMore;
    const all = this.index.catchAllNode();
    return all.out.get(all) ?? this.createEdge(all, all);
  }

  private createEdge(from: NodeState, to: NodeState): EdgeState {
    const edge = new EdgeState(`${from.id}->${to.id}`, from, to, this.options);
    from.out.set(to, edge);
    this.edges.set(edge.id, edge);
    return edge;
  }

  private moveClock(ms: number): void {
    this.nowMs = ms;
    const bucket = Math.floor(ms / this.options.bucketMs);
    if (bucket <= this.nowBucket) return;
    const previous = this.nowBucket;
    this.nowBucket = bucket;
    if (previous !== Number.NEGATIVE_INFINITY) this.expire(previous, bucket);
  }

  /**
   * The clock went from bucket b0 to b1. Buckets that left the window, and buckets that entered
   * or left the rate span, change the totals of every node and edge holding data in them.
   */
  private expire(b0: number, b1: number): void {
    const n = this.options.buckets;
    const k = this.options.rateBuckets;
    const oldestLive = b1 - n + 1;
    // Buckets that left the window: totals drop and bounded lists may shed entries.
    const expired: number[] = [];
    // Buckets that entered or left the rate span: only the rate changes.
    const rateShift: number[] = [];
    if (b1 - b0 < n) {
      for (let x = b0 - n + 1; x <= b1 - n; x++) expired.push(x);
      for (let x = b0 - k; x <= Math.min(b0 - 1, b1 - k - 1); x++) rateShift.push(x);
      if (b1 - k <= b0) rateShift.push(b0);
    }
    for (const edge of this.edges.values()) {
      if (edge.lastBucket < oldestLive) {
        this.removeEdge(edge);
      } else if (edge.hasAnyBucket(expired) || edge.hasAnyBucket(rateShift)) {
        this.markEdge(edge);
      }
    }
    for (const node of this.index.nodes.values()) {
      if (node.lastBucket < oldestLive) {
        this.removeNode(node);
      } else if (node.hasAnyBucket(expired)) {
        this.markNode(node);
        this.pruneNode(node, oldestLive);
      }
      // Nodes carry no rate, so a shift of the rate span does not change them.
    }
    this.placements.prune(oldestLive);
  }

  private pruneNode(node: NodeState, oldestLive: number): void {
    // Served ports feed the reply guess, so they are dropped as soon as they leave the window.
    node.ports.dropExpired(oldestLive);
    node.pods?.prune(oldestLive);
    node.labels?.prune(oldestLive);
    node.ips?.prune(oldestLive);
    node.k8sNodes.prune(oldestLive);
    if (node.identities) {
      for (const [identity, bucket] of node.identities) if (bucket < oldestLive) node.identities.delete(identity);
    }
    this.index.pruneMembers(node, oldestLive);
  }

  private removeEdge(edge: EdgeState): void {
    this.edges.delete(edge.id);
    edge.source.out.delete(edge.destination);
    edge.removed = true;
    this.removedEdgeIds.push(edge.id);
  }

  private removeNode(node: NodeState): void {
    this.index.remove(node);
    node.removed = true;
    this.removedNodeIds.push(node.id);
  }
}
