import { describe, expect, it } from 'vitest';
import { formatClock, formatFullTime, formatLatency } from './time';

describe('formatClock', () => {
  it('prints hours, minutes, seconds and milliseconds with leading zeros', () => {
    expect(formatClock(new Date(2024, 0, 2, 3, 4, 5, 6))).toBe('03:04:05.006');
    expect(formatClock(new Date(2024, 0, 2, 23, 59, 59, 999))).toBe('23:59:59.999');
  });
});

describe('formatFullTime', () => {
  it('keeps the nanoseconds Hubble gave and adds the local date', () => {
    const ts = new Date(2023, 7, 21, 12, 12, 13, 517).getTime();
    expect(formatFullTime('2023-08-21T12:12:13.517394084Z', ts)).toBe(
      '2023-08-21T12:12:13.517394084Z\nlocal 2023-08-21 12:12:13.517',
    );
  });
});

describe('formatLatency', () => {
  it('picks a readable unit', () => {
    expect(formatLatency(850_000)).toBe('850 µs');
    expect(formatLatency(1_234_567)).toBe('1.23 ms');
    expect(formatLatency(45_600_000)).toBe('45.6 ms');
    expect(formatLatency(2_350_000_000)).toBe('2.35 s');
  });

  it('prints nothing when the latency is unknown', () => {
    expect(formatLatency(0)).toBe('');
  });
});
