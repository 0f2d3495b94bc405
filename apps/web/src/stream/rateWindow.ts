const BUCKET_MS = 250;

/**
 * Flows per second over a sliding window, counted by the flows' own timestamps so that a
 * backfill of old flows doesn't read as a burst and a replay with old timestamps still shows
 * its rate. The window ends at "cluster now": the newest timestamp seen, moved forward by the
 * browser time elapsed since it arrived, so the rate decays to 0 when flows stop.
 * Counts every flow received, including ones the bounded list has already evicted.
 */
export class RateWindow {
  private readonly buckets = new Map<number, number>();
  private newestTs = -Infinity;
  private newestReceivedAt = 0;

  constructor(private readonly windowMs = 10_000) {}

  record(timestamps: Iterable<number>, receivedAt: number): void {
    for (const ts of timestamps) {
      const bucket = Math.floor(ts / BUCKET_MS);
      this.buckets.set(bucket, (this.buckets.get(bucket) ?? 0) + 1);
      if (ts > this.newestTs) {
        this.newestTs = ts;
        this.newestReceivedAt = receivedAt;
      }
    }
    this.prune();
  }

  perSecond(now: number): number {
    if (this.newestTs === -Infinity) return 0;
    const end = this.newestTs + Math.max(0, now - this.newestReceivedAt);
    const firstBucket = Math.floor((end - this.windowMs) / BUCKET_MS) + 1;
    let count = 0;
    for (const [bucket, n] of this.buckets) if (bucket >= firstBucket) count += n;
    return count / (this.windowMs / 1000);
  }

  private prune(): void {
    const oldestKept = Math.floor((this.newestTs - 6 * this.windowMs) / BUCKET_MS);
    for (const bucket of this.buckets.keys()) if (bucket < oldestKept) this.buckets.delete(bucket);
  }
}
