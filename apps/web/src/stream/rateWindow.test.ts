import { describe, expect, it } from 'vitest';
import { RateWindow } from './rateWindow';

const T0 = Date.UTC(2024, 0, 1, 12, 0, 0);

describe('RateWindow', () => {
  it('is 0 before any flow arrives', () => {
    expect(new RateWindow().perSecond(Date.now())).toBe(0);
  });

  it('averages the flows of the last 10 s', () => {
    const rate = new RateWindow();
    // 50 flows spread over the last 5 s of cluster time.
    const ts = Array.from({ length: 50 }, (_, i) => T0 - i * 100);
    rate.record(ts, 1_000);
    expect(rate.perSecond(1_000)).toBe(5);
  });

  it('leaves out flows older than the window, as a backfill brings', () => {
    const rate = new RateWindow();
    rate.record([T0 - 60_000, T0 - 30_000, T0 - 20_000], 1_000);
    rate.record([T0 - 2_000, T0 - 1_000, T0], 1_000);
    expect(rate.perSecond(1_000)).toBe(0.3);
  });

  it('works with timestamps far from the browser clock (a replay)', () => {
    const rate = new RateWindow();
    const old = Date.UTC(2021, 5, 2, 10, 0, 0);
    rate.record([old - 500, old], 99_999_999);
    expect(rate.perSecond(99_999_999)).toBe(0.2);
  });

  it('decays to 0 when flows stop arriving', () => {
    const rate = new RateWindow();
    rate.record([T0 - 1_000, T0], 5_000);
    expect(rate.perSecond(6_000)).toBe(0.2);
    expect(rate.perSecond(5_000 + 11_000)).toBe(0);
  });
});
