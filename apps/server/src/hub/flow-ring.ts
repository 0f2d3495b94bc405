import type { flow } from '@starmap/proto';
import type { Flow } from '@starmap/core';

export interface RingEntry {
  raw: flow.IFlow;
  flow: Flow;
}

/**
 * The most recent flows, bounded: a fixed array written round-robin, plus an id index so a
 * browser can ask for one flow's full original JSON.
 */
export class FlowRing {
  private readonly entries: (RingEntry | undefined)[];
  private readonly byId = new Map<string, RingEntry>();
  private next = 0;
  private count = 0;
  private total = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`ring capacity must be a positive integer, got ${capacity}`);
    this.entries = new Array<RingEntry | undefined>(capacity);
  }

  push(entry: RingEntry): void {
    const old = this.entries[this.next];
    if (old && this.byId.get(old.flow.id) === old) this.byId.delete(old.flow.id);
    this.entries[this.next] = entry;
    this.byId.set(entry.flow.id, entry);
    this.next = (this.next + 1) % this.capacity;
    if (this.count < this.capacity) this.count++;
    this.total++;
  }

  get size(): number {
    return this.count;
  }

  /** Flows ever pushed, including those overwritten since. */
  get pushed(): number {
    return this.total;
  }

  get(id: string): RingEntry | undefined {
    return this.byId.get(id);
  }

  /** Up to `limit` most recent flows matching `keep`, oldest first. */
  recent(limit: number, keep: (f: Flow) => boolean = () => true): Flow[] {
    const out: Flow[] = [];
    for (let i = 1; i <= this.count && out.length < limit; i++) {
      const entry = this.entries[(this.next - i + this.capacity) % this.capacity];
      if (entry && keep(entry.flow)) out.push(entry.flow);
    }
    return out.reverse();
  }
}
