import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff.js';

describe('backoffDelay', () => {
  const options = { initialMs: 100, maxMs: 2_000, jitter: 0.5 };

  it('doubles per attempt until the cap', () => {
    const noJitter = { ...options, jitter: 0 };
    expect([1, 2, 3, 4, 5, 6, 7].map((a) => backoffDelay(a, noJitter))).toEqual([100, 200, 400, 800, 1600, 2000, 2000]);
  });

  it('randomizes within the jitter fraction below the nominal delay', () => {
    expect(backoffDelay(3, options, () => 0)).toBe(200);
    expect(backoffDelay(3, options, () => 0.999999)).toBe(400);
    expect(backoffDelay(50, options, () => 1)).toBe(2000);
  });
});
