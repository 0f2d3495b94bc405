/**
 * Per-bucket counters keyed by a small number (a port key, a drop reason code), bounded: keys
 * beyond `cap` are counted together as "other". Slots follow the owning entity's bucket ring.
 */
export class KeyedCounters {
  readonly byKey = new Map<number, Uint32Array>();
  other: Uint32Array | null = null;

  constructor(
    readonly slots: number,
    readonly cap: number,
  ) {}

  add(key: number, slot: number): void {
    let counts = this.byKey.get(key);
    if (counts === undefined) {
      if (this.byKey.size >= this.cap) {
        (this.other ??= new Uint32Array(this.slots))[slot]! += 1;
        return;
      }
      counts = new Uint32Array(this.slots);
      this.byKey.set(key, counts);
    }
    counts[slot]! += 1;
  }

  has(key: number): boolean {
    return this.byKey.has(key);
  }

  clearSlot(slot: number): void {
    for (const counts of this.byKey.values()) counts[slot] = 0;
    if (this.other) this.other[slot] = 0;
  }

  /** Forgets keys with no count in the live slots, to make room for new ones. */
  prune(live: readonly number[]): void {
    for (const [key, counts] of this.byKey) {
      if (sumSlots(counts, live) === 0) this.byKey.delete(key);
    }
  }
}

export function sumSlots(counts: Uint32Array, live: readonly number[]): number {
  let total = 0;
  for (const s of live) total += counts[s]!;
  return total;
}
