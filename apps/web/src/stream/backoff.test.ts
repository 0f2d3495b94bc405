import { describe, expect, it } from 'vitest';
import { reconnectDelayMs } from './backoff';

describe('reconnectDelayMs', () => {
  const noJitter = () => 0.5;

  it('starts at half a second and doubles with each failed attempt', () => {
    expect([1, 2, 3, 4].map((a) => reconnectDelayMs(a, noJitter))).toEqual([500, 1000, 2000, 4000]);
  });

  it('never waits longer than 15 s', () => {
    expect(reconnectDelayMs(30, noJitter)).toBe(15_000);
    expect(reconnectDelayMs(1000, () => 0.999)).toBeLessThanOrEqual(18_000);
  });

  it('spreads retries by up to 20 % either way', () => {
    expect(reconnectDelayMs(3, () => 0)).toBe(1600);
    expect(reconnectDelayMs(3, () => 1)).toBe(2400);
  });
});
