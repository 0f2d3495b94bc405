export interface SparkBar {
  x: number;
  y: number;
  width: number;
  height: number;
  value: number;
}

/**
 * Bars for a small count series (oldest first), scaled to the tallest; a bucket with any drop
 * gets at least one pixel so a single drop is never invisible.
 */
export function sparkBars(series: readonly number[], width: number, height: number): SparkBar[] {
  if (series.length === 0) return [];
  const peak = Math.max(...series);
  const slot = width / series.length;
  const gap = slot > 3 ? 1 : 0;
  return series.map((value, i) => {
    const h = peak > 0 && value > 0 ? Math.max(1, Math.round((value / peak) * height)) : 0;
    return { x: i * slot, y: height - h, width: Math.max(0.5, slot - gap), height: h, value };
  });
}
