/**
 * Per-bucket counters keyed by a small number (a port key, a drop reason code), bounded: keys
 * beyond `cap` are counted together as "other". Slots follow the owning entity's bucket ring
 * (`epochs`). Keys whose counts left the window stay until room is needed (readers skip zeros).
 */
export class KeyedCounters {
  readonly byKey = new Map<number, Uint32Array>();
  other: Uint32Array | null = null;

  constructor(
    readonly slots: number,
    readonly cap: number,
    private readonly epochs: Float64Array,
  ) {}

  add(key: number, slot: number): void {
    let counts = this.byKey.get(key);
    if (counts === undefined) {
      // The slot being written holds the newest bucket this entity knows, so anything older than a
      // window before it is gone.
      if (this.byKey.size >= this.cap) this.dropExpired(this.epochs[slot]! - this.slots + 1);
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

  /** Forgets keys with no count in buckets from `oldestLiveBucket` on. */
  dropExpired(oldestLiveBucket: number): void {
    for (const [key, counts] of this.byKey) {
      let live = false;
      for (let s = 0; s < this.slots && !live; s++) live = counts[s]! > 0 && this.epochs[s]! >= oldestLiveBucket;
      if (!live) this.byKey.delete(key);
    }
  }
}

export function sumSlots(counts: Uint32Array, live: readonly number[]): number {
  let total = 0;
  for (const s of live) total += counts[s]!;
  return total;
}
