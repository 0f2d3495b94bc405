/**
 * Response latency as a fixed log-scale histogram (four bins per decade, 0.1 ms to 100 s).
 * Fixed bins make partial maps mergeable exactly (add the bins) and keep memory per edge
 * constant, at the price of a p95 known only to within one bin (~78 % wide).
 */

export const LATENCY_BOUNDS_MS: readonly number[] = Array.from({ length: 25 }, (_, i) =>
  Number((10 ** ((i - 4) / 4)).toPrecision(3)),
);

/** Bins: one per bound (latency ≤ bound) plus one for everything slower than the last bound. */
export const LATENCY_BIN_COUNT = LATENCY_BOUNDS_MS.length + 1;

export function latencyBin(latencyMs: number): number {
  let lo = 0;
  let hi = LATENCY_BOUNDS_MS.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (latencyMs <= (LATENCY_BOUNDS_MS[mid] as number)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Upper bound of the bin holding the p-th quantile; the last bound when it lies beyond it; null without samples. */
export function quantileFromBins(bins: readonly (readonly [number, number])[], q: number): number | null {
  let total = 0;
  for (const [, count] of bins) total += count;
  if (total === 0) return null;
  const rank = Math.ceil(q * total);
  let seen = 0;
  const sorted = [...bins].sort((a, b) => a[0] - b[0]);
  const last = LATENCY_BOUNDS_MS[LATENCY_BOUNDS_MS.length - 1] as number;
  for (const [bin, count] of sorted) {
    seen += count;
    if (seen >= rank) return LATENCY_BOUNDS_MS[bin] ?? last;
  }
  return last;
}
