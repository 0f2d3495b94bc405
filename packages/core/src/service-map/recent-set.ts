/**
 * A bounded set of strings, each remembered with the last time bucket it was seen in, so entries
 * leave with the window. When full, new values are refused and the set says it was truncated.
 */
export class RecentSet {
  readonly entries = new Map<string, number>();
  /** Bucket of the newest refused value; the set counts as truncated while that bucket is in the window. */
  refusedBucket = Number.NEGATIVE_INFINITY;

  constructor(readonly cap: number) {}

  /** Records `value` as seen in `bucket`; true when it was new or last seen in an older bucket. */
  touch(value: string, bucket: number): boolean {
    const prev = this.entries.get(value);
    if (prev === undefined) {
      if (this.entries.size >= this.cap) {
        if (bucket > this.refusedBucket) this.refusedBucket = bucket;
        return false;
      }
      this.entries.set(value, bucket);
      return true;
    }
    if (prev < bucket) {
      this.entries.set(value, bucket);
      return true;
    }
    return false;
  }

  /** Drops entries last seen before `oldestLiveBucket`; returns how many left. */
  prune(oldestLiveBucket: number): number {
    let removed = 0;
    for (const [value, bucket] of this.entries) {
      if (bucket < oldestLiveBucket) {
        this.entries.delete(value);
        removed++;
      }
    }
    return removed;
  }

  truncated(oldestLiveBucket: number): boolean {
    return this.refusedBucket >= oldestLiveBucket;
  }

  sorted(): string[] {
    return [...this.entries.keys()].sort();
  }
}
