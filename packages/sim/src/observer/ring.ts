/** A fixed-capacity ring of flows, oldest overwritten first, like Hubble's per-node buffer. */
import type { Flow } from '../flows/factory.js';

export interface StoredFlow {
  /** Arrival order across all rings (merging rings by seq gives the global order). */
  seq: number;
  timeNs: bigint;
  /** Hubble's node name (`cluster/node`). */
  nodeName: string;
  flow: Flow;
}

export class FlowRing {
  private readonly slots: (StoredFlow | undefined)[];
  private head = 0;
  private length = 0;
  private seenCount = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new Error(`ring capacity must be a positive integer, got ${capacity}`);
    this.slots = new Array<StoredFlow | undefined>(capacity);
  }

  push(entry: StoredFlow): void {
    this.slots[(this.head + this.length) % this.capacity] = entry;
    if (this.length < this.capacity) this.length++;
    else this.head = (this.head + 1) % this.capacity;
    this.seenCount++;
  }

  get size(): number {
    return this.length;
  }

  /** Flows ever pushed, including overwritten ones. */
  get seen(): number {
    return this.seenCount;
  }

  /** Oldest first. */
  toArray(): StoredFlow[] {
    const out: StoredFlow[] = [];
    for (let i = 0; i < this.length; i++) out.push(this.slots[(this.head + i) % this.capacity] as StoredFlow);
    return out;
  }
}
