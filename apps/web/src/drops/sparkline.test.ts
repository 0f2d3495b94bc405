import { describe, expect, it } from 'vitest';
import { sparkBars } from './sparkline';

describe('drop reason sparkline', () => {
  it('scales bars to the peak, oldest on the left', () => {
    const bars = sparkBars([0, 2, 4, 1], 40, 20);
    expect(bars.map((b) => b.height)).toEqual([0, 10, 20, 5]);
    expect(bars.map((b) => b.x)).toEqual([0, 10, 20, 30]);
    expect(bars.every((b) => b.y + b.height === 20)).toBe(true);
    expect(bars[0]?.width).toBe(9);
  });

  it('keeps a lone drop visible next to a large peak', () => {
    expect(sparkBars([1, 1000], 20, 18)[0]?.height).toBe(1);
  });

  it('draws nothing for no data and flat zero for no drops', () => {
    expect(sparkBars([], 40, 20)).toEqual([]);
    expect(sparkBars([0, 0, 0], 30, 20).every((b) => b.height === 0)).toBe(true);
  });
});
