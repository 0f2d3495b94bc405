/**
 * The aggregator's mutable state for one node or edge. Counters live in a ring of time buckets:
 * slot `bucket % slots` holds the bucket recorded in `epochs`; a slot is cleared when a newer
 * bucket claims it, so expiry costs nothing per flow.
 */
import { VERDICT_COUNT } from './codes.js';
import { KeyedCounters } from './keyed-counters.js';
import { LATENCY_BIN_COUNT } from './latency.js';
import { RecentSet } from './recent-set.js';
import type { ResolvedServiceMapOptions } from './options.js';
import type { ServiceMapNodeKind } from './types.js';

export abstract class BucketedState {
  readonly epochs: Float64Array;
  /** Newest bucket with a flow; the entity is gone once this leaves the window. */
  lastBucket = Number.NEGATIVE_INFINITY;
  lastSeen = 0;
  /** Drain generation in which this entity was last queued as changed. */
  dirtyMark = -1;
  removed = false;

  constructor(readonly slots: number) {
    this.epochs = new Float64Array(slots).fill(Number.NEGATIVE_INFINITY);
  }

  /** Slot for `bucket`, cleared first if it still holds an older bucket. */
  slotFor(bucket: number, ts: number): number {
    const s = bucket % this.slots;
    if (this.epochs[s] !== bucket) {
      this.clearSlot(s);
      this.epochs[s] = bucket;
    }
    if (bucket > this.lastBucket) this.lastBucket = bucket;
    if (ts > this.lastSeen) this.lastSeen = ts;
    return s;
  }

  /** Whether any of `buckets` holds data for this entity. */
  hasAnyBucket(buckets: readonly number[]): boolean {
    for (const b of buckets) {
      if (this.epochs[b % this.slots] === b) return true;
    }
    return false;
  }

  /** Slots whose bucket lies in [from, to]. */
  slotsBetween(from: number, to: number, out: number[]): number[] {
    out.length = 0;
    for (let s = 0; s < this.slots; s++) {
      const b = this.epochs[s]!;
      if (b >= from && b <= to) out.push(s);
    }
    return out;
  }

  protected abstract clearSlot(slot: number): void;
}

/** Counter layout of a node, per slot. */
export const NODE_SENT = 0;
export const NODE_RECEIVED = 1;
export const NODE_DROPPED = 2;
export const NODE_COUNTERS = 3;

export class NodeState extends BucketedState {
  readonly counts: Uint32Array;
  readonly ports: KeyedCounters;
  readonly pods: RecentSet | null;
  readonly labels: RecentSet | null;
  readonly ips: RecentSet | null;
  readonly k8sNodes: RecentSet;
  /** For 'more' nodes: names folded into it, with the bucket last seen. */
  readonly members: Map<string, number> | null;
  membersRefusedBucket = Number.NEGATIVE_INFINITY;
  /** Identities whose labels were recorded, with the bucket they were last refreshed in. */
  readonly identities: Map<number, number> | null;
  /** Edges leaving this node, by destination node. */
  readonly out = new Map<NodeState, EdgeState>();
  workloadKind = '';
  /** Key of this node in the index map that holds it (see NodeIndex). */
  indexKey = '';

  constructor(
    readonly id: string,
    readonly kind: ServiceMapNodeKind,
    readonly namespace: string,
    readonly name: string,
    options: ResolvedServiceMapOptions,
  ) {
    super(options.buckets);
    this.counts = new Uint32Array(options.buckets * NODE_COUNTERS);
    this.ports = new KeyedCounters(options.buckets, options.maxPortsPerNode, this.epochs);
    this.k8sNodes = new RecentSet(options.maxK8sNodesPerNode);
    const isMore = kind === 'more';
    const isPeer = kind === 'reserved' || kind === 'fqdn' || kind === 'ip';
    this.pods = kind === 'workload' ? new RecentSet(options.maxPodsPerNode) : null;
    this.ips = isPeer ? new RecentSet(options.maxIpsPerNode) : null;
    this.labels = kind === 'workload' || isPeer ? new RecentSet(options.maxLabelsPerNode) : null;
    this.identities = this.labels ? new Map() : null;
    this.members = isMore ? new Map() : null;
  }

  protected clearSlot(slot: number): void {
    this.counts.fill(0, slot * NODE_COUNTERS, slot * NODE_COUNTERS + NODE_COUNTERS);
    this.ports.clearSlot(slot);
  }
}

export class L7State {
  readonly requests: Uint32Array;
  readonly responses: Uint32Array;
  readonly errors: Uint32Array;
  readonly latency: Uint32Array;

  constructor(slots: number) {
    this.requests = new Uint32Array(slots);
    this.responses = new Uint32Array(slots);
    this.errors = new Uint32Array(slots);
    this.latency = new Uint32Array(slots * LATENCY_BIN_COUNT);
  }

  clearSlot(slot: number): void {
    this.requests[slot] = 0;
    this.responses[slot] = 0;
    this.errors[slot] = 0;
    this.latency.fill(0, slot * LATENCY_BIN_COUNT, (slot + 1) * LATENCY_BIN_COUNT);
  }
}

/** Drop reason codes an edge remembers separately; Cilium defines fewer than this. */
const MAX_DROP_REASONS_PER_EDGE = 256;

export class EdgeState extends BucketedState {
  /** Per slot: one counter per verdict (see VERDICT_KEYS). */
  readonly counts: Uint32Array;
  readonly ports: KeyedCounters;
  drops: KeyedCounters | null = null;
  readonly dropNames = new Map<number, string>();
  crossNode: Uint32Array | null = null;
  l7: L7State | null = null;

  constructor(
    readonly id: string,
    readonly source: NodeState,
    readonly destination: NodeState,
    options: ResolvedServiceMapOptions,
  ) {
    super(options.buckets);
    this.counts = new Uint32Array(options.buckets * VERDICT_COUNT);
    this.ports = new KeyedCounters(options.buckets, options.maxPortsPerEdge, this.epochs);
  }

  dropCounters(): KeyedCounters {
    return (this.drops ??= new KeyedCounters(this.slots, MAX_DROP_REASONS_PER_EDGE, this.epochs));
  }

  protected clearSlot(slot: number): void {
    this.counts.fill(0, slot * VERDICT_COUNT, slot * VERDICT_COUNT + VERDICT_COUNT);
    this.ports.clearSlot(slot);
    this.drops?.clearSlot(slot);
    if (this.crossNode) this.crossNode[slot] = 0;
    this.l7?.clearSlot(slot);
  }
}
