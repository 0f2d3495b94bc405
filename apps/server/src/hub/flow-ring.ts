import { observer, type flow } from '@starmap/proto';
import { normalizeFlow, type Flow } from '@starmap/core';

interface Slot {
  id: string;
  /** The GetFlowsResponse as received: a flat byte array costs the garbage collector nothing to trace. */
  bytes: Buffer;
}

/**
 * The most recent flows, bounded: a fixed array written round-robin, plus an id index so a
 * browser can ask for one flow's full original JSON. Flows are kept encoded and decoded again
 * on the rare reads (a new map, a relay outage), which keeps the hot path and the heap small.
 */
export class FlowRing {
  private readonly slots: (Slot | undefined)[];
  private readonly byId = new Map<string, Slot>();
  private next = 0;
  private count = 0;
  private total = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`ring capacity must be a positive integer, got ${capacity}`);
    this.slots = new Array<Slot | undefined>(capacity);
  }

  push(id: string, bytes: Buffer): void {
    const old = this.slots[this.next];
    if (old && this.byId.get(old.id) === old) this.byId.delete(old.id);
    const slot = { id, bytes };
    this.slots[this.next] = slot;
    this.byId.set(id, slot);
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

  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** The original flow with this id, decoded, if it is still held. */
  get(id: string): flow.IFlow | undefined {
    const slot = this.byId.get(id);
    return slot ? decodeFlow(slot.bytes) : undefined;
  }

  /** Up to `limit` most recent flows whose original matches `keep`, normalized, oldest first. */
  recent(limit: number, keep: (raw: flow.IFlow) => boolean = () => true): Flow[] {
    const out: Flow[] = [];
    for (let i = 1; i <= this.count && out.length < limit; i++) {
      const slot = this.slots[(this.next - i + this.capacity) % this.capacity];
      if (!slot) continue;
      const raw = decodeFlow(slot.bytes);
      // Filters read Hubble's own fields, so only the flows that pass are normalized.
      if (raw && keep(raw)) out.push(normalizeFlow(raw));
    }
    return out.reverse();
  }
}

function decodeFlow(bytes: Buffer): flow.IFlow | undefined {
  return observer.GetFlowsResponse.decode(bytes).flow ?? undefined;
}
