import type { Flow, FlowEndpoint } from '../flows/types.js';
import { dropReasonInfo } from './catalogue.js';
import type { DropReasonCategory } from './types.js';

/**
 * "What is being dropped, where, and why": dropped flows counted over a sliding window by
 * reason, namespace, source and destination workload and node, with a small time series per
 * reason. Counts live in time buckets; each bucket holds a bounded number of distinct keys per
 * dimension (the rest is counted under OTHER), so memory stays flat whatever the drop rate.
 */
export const OTHER_KEY = '(other)';

export interface DropCount {
  key: string;
  count: number;
}

export interface DropReasonSummary {
  code: number;
  name: string;
  /** Cilium's own text for the reason. */
  text: string;
  category: DropReasonCategory;
  count: number;
  /** Drops per bucket, oldest first, covering the window. */
  series: number[];
}

export interface DropsSummary {
  windowMs: number;
  bucketMs: number;
  /** End of the window (ms since epoch). */
  now: number;
  total: number;
  byReason: DropReasonSummary[];
  byNamespace: DropCount[];
  bySource: DropCount[];
  byDestination: DropCount[];
  byNode: DropCount[];
}

type Dimension = 'reason' | 'namespace' | 'source' | 'destination' | 'node';
const DIMENSIONS: Dimension[] = ['reason', 'namespace', 'source', 'destination', 'node'];

interface Bucket {
  epoch: number;
  total: number;
  counts: Record<Dimension, Map<string, number>>;
}

export interface DropStatsOptions {
  windowMs?: number;
  bucketMs?: number;
  /** Distinct keys kept per dimension and bucket. */
  maxKeysPerBucket?: number;
}

/** `namespace/workload` for pods, the workload name for reserved identities and external peers. */
export function endpointLabel(ep: FlowEndpoint): string {
  return ep.namespace ? `${ep.namespace}/${ep.workload}` : ep.workload;
}

export class DropStats {
  readonly windowMs: number;
  readonly bucketMs: number;
  private readonly slots: number;
  private readonly maxKeys: number;
  private readonly buckets: (Bucket | undefined)[];
  private newest = 0;

  constructor(options: DropStatsOptions = {}) {
    this.windowMs = options.windowMs ?? 5 * 60_000;
    this.bucketMs = options.bucketMs ?? 10_000;
    this.maxKeys = options.maxKeysPerBucket ?? 500;
    if (!(this.bucketMs > 0) || !(this.windowMs >= this.bucketMs)) throw new RangeError('drop stats need 0 < bucket ≤ window');
    this.slots = Math.ceil(this.windowMs / this.bucketMs);
    this.buckets = new Array<Bucket | undefined>(this.slots);
  }

  observe(f: Flow): void {
    if (f.verdict !== 'DROPPED') return;
    const epoch = Math.floor(f.ts / this.bucketMs);
    if (epoch <= this.newest - this.slots) return; // older than the window
    if (epoch > this.newest) this.newest = epoch;
    const slot = epoch % this.slots;
    let bucket = this.buckets[slot];
    if (!bucket || bucket.epoch !== epoch) {
      if (bucket && bucket.epoch > epoch) return;
      bucket = { epoch, total: 0, counts: { reason: new Map(), namespace: new Map(), source: new Map(), destination: new Map(), node: new Map() } };
      this.buckets[slot] = bucket;
    }
    bucket.total++;
    this.add(bucket, 'reason', String(f.dropReason));
    const namespaces = new Set([f.source.namespace, f.destination.namespace].filter(Boolean));
    for (const ns of namespaces) this.add(bucket, 'namespace', ns);
    this.add(bucket, 'source', endpointLabel(f.source));
    this.add(bucket, 'destination', endpointLabel(f.destination));
    this.add(bucket, 'node', f.nodeName || '(unknown)');
  }

  private add(bucket: Bucket, dimension: Dimension, key: string): void {
    const map = bucket.counts[dimension];
    const current = map.get(key);
    if (current !== undefined) map.set(key, current + 1);
    else if (map.size < this.maxKeys) map.set(key, 1);
    else map.set(OTHER_KEY, (map.get(OTHER_KEY) ?? 0) + 1);
  }

  summary(nowMs: number): DropsSummary {
    const newest = Math.max(Math.floor(nowMs / this.bucketMs), this.newest);
    const oldest = newest - this.slots + 1;
    const totals: Record<Dimension, Map<string, number>> = {
      reason: new Map(),
      namespace: new Map(),
      source: new Map(),
      destination: new Map(),
      node: new Map(),
    };
    const series = new Map<string, number[]>();
    let total = 0;
    for (const bucket of this.buckets) {
      if (!bucket || bucket.epoch < oldest || bucket.epoch > newest) continue;
      total += bucket.total;
      for (const d of DIMENSIONS) {
        for (const [key, n] of bucket.counts[d]) totals[d].set(key, (totals[d].get(key) ?? 0) + n);
      }
      for (const [reason, n] of bucket.counts.reason) {
        let s = series.get(reason);
        if (!s) series.set(reason, (s = new Array<number>(this.slots).fill(0)));
        s[bucket.epoch - oldest] = n;
      }
    }
    const sorted = (m: Map<string, number>): DropCount[] =>
      [...m].map(([key, count]) => ({ key, count })).sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
    return {
      windowMs: this.windowMs,
      bucketMs: this.bucketMs,
      now: (newest + 1) * this.bucketMs,
      total,
      byReason: sorted(totals.reason).map(({ key, count }) => {
        const code = Number(key);
        const info = dropReasonInfo(code);
        return { code, name: info.name, text: info.text, category: info.category, count, series: series.get(key) ?? [] };
      }),
      byNamespace: sorted(totals.namespace),
      bySource: sorted(totals.source),
      byDestination: sorted(totals.destination),
      byNode: sorted(totals.node),
    };
  }
}
