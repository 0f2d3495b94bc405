import type { Flow } from '../flows/types.js';

/**
 * Which Service backends actually receive traffic: flows towards a backend address, counted in
 * time buckets over a sliding window. Only addresses registered as backends are counted, so the
 * memory follows the service table, not the flow rate.
 */
export interface BackendTrafficCounts {
  /** Flow events towards the backend in the window (replies excluded). */
  flows: number;
  /** Of those, dropped ones. */
  drops: number;
  /** Time of the last flow seen (ms), or null. */
  lastSeen: number | null;
}

export interface BackendTrafficOptions {
  windowMs?: number;
  bucketMs?: number;
}

interface Counter {
  flows: Int32Array;
  drops: Int32Array;
  /** Bucket number each slot currently holds. */
  epochs: Float64Array;
  lastSeen: number | null;
}

export function backendKey(ip: string, port: number, protocol: string | null | undefined): string {
  return `${ip}|${port}|${(protocol ?? '').toUpperCase()}`;
}

// Translation events carry the service address, not the backend: they never count.
const SKIPPED_VERDICTS = new Set(['TRACED', 'TRANSLATED']);

export class BackendTraffic {
  readonly windowMs: number;
  private readonly bucketMs: number;
  private readonly slots: number;
  private readonly counters = new Map<string, Counter>();

  constructor(options: BackendTrafficOptions = {}) {
    this.windowMs = options.windowMs ?? 5 * 60_000;
    this.bucketMs = options.bucketMs ?? 10_000;
    if (!(this.windowMs > 0) || !(this.bucketMs > 0) || this.bucketMs > this.windowMs) {
      throw new RangeError('backend traffic window and bucket must be positive, bucket ≤ window');
    }
    this.slots = Math.ceil(this.windowMs / this.bucketMs);
  }

  /** The backend addresses to count (keys from `backendKey`); counters of others are dropped. */
  setBackends(keys: Iterable<string>): void {
    const wanted = new Set(keys);
    for (const key of this.counters.keys()) if (!wanted.has(key)) this.counters.delete(key);
    for (const key of wanted) {
      if (!this.counters.has(key)) {
        this.counters.set(key, {
          flows: new Int32Array(this.slots),
          drops: new Int32Array(this.slots),
          epochs: new Float64Array(this.slots).fill(-1),
          lastSeen: null,
        });
      }
    }
  }

  get trackedBackends(): number {
    return this.counters.size;
  }

  observe(f: Flow): void {
    if (f.isReply === true || f.destination.port === null || SKIPPED_VERDICTS.has(f.verdict)) return;
    const counter =
      this.counters.get(backendKey(f.destination.ip, f.destination.port, f.protocol)) ??
      this.counters.get(backendKey(f.destination.ip, f.destination.port, ''));
    if (!counter) return;
    const bucket = Math.floor(f.ts / this.bucketMs);
    const slot = bucket % this.slots;
    if (counter.epochs[slot] !== bucket) {
      if ((counter.epochs[slot] ?? -1) > bucket) return; // older than what the slot holds: outside the window
      counter.epochs[slot] = bucket;
      counter.flows[slot] = 0;
      counter.drops[slot] = 0;
    }
    counter.flows[slot]! += 1;
    if (f.verdict === 'DROPPED') counter.drops[slot]! += 1;
    if (counter.lastSeen === null || f.ts > counter.lastSeen) counter.lastSeen = f.ts;
  }

  counts(key: string, nowMs: number): BackendTrafficCounts {
    const counter = this.counters.get(key);
    if (!counter) return { flows: 0, drops: 0, lastSeen: null };
    const newest = Math.floor(nowMs / this.bucketMs);
    const oldest = newest - this.slots + 1;
    let flows = 0;
    let drops = 0;
    for (let i = 0; i < this.slots; i++) {
      const epoch = counter.epochs[i]!;
      if (epoch >= oldest && epoch <= newest) {
        flows += counter.flows[i]!;
        drops += counter.drops[i]!;
      }
    }
    const lastSeen = counter.lastSeen !== null && counter.lastSeen >= oldest * this.bucketMs ? counter.lastSeen : null;
    return { flows, drops, lastSeen };
  }
}
