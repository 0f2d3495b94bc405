import { describe, expect, it } from 'vitest';
import { clockTime, formatWindow, timeAgo } from './timeAgo';

describe('timeAgo', () => {
  const now = Date.parse('2026-01-10T12:00:00.000Z');

  it('counts seconds, minutes, hours and days back from now', () => {
    expect(timeAgo('2026-01-10T11:59:57.000Z', now)).toBe('3 s ago');
    expect(timeAgo('2026-01-10T11:59:00.000Z', now)).toBe('1 min ago');
    expect(timeAgo('2026-01-10T11:15:30.000Z', now)).toBe('44 min ago');
    expect(timeAgo('2026-01-10T09:00:00.000Z', now)).toBe('3 h ago');
    expect(timeAgo('2026-01-08T11:00:00.000Z', now)).toBe('2 d ago');
  });

  it('calls anything under a second, or slightly in the future, "just now"', () => {
    expect(timeAgo('2026-01-10T11:59:59.400Z', now)).toBe('just now');
    expect(timeAgo('2026-01-10T12:00:02.000Z', now)).toBe('just now');
  });

  it('returns null for missing or unreadable times', () => {
    expect(timeAgo(null, now)).toBeNull();
    expect(timeAgo('', now)).toBeNull();
    expect(timeAgo('yesterday', now)).toBeNull();
  });
});

describe('formatWindow', () => {
  it('says windows the way people do', () => {
    expect(formatWindow(300_000)).toBe('5 min');
    expect(formatWindow(60_000)).toBe('1 min');
    expect(formatWindow(90_000)).toBe('90 s');
    expect(formatWindow(150_000)).toBe('2.5 min');
    expect(formatWindow(3_600_000)).toBe('1 h');
    expect(formatWindow(5_400_000)).toBe('1.5 h');
    expect(formatWindow(4_500_000)).toBe('75 min');
    expect(formatWindow(0)).toBe('0 s');
  });
});

describe('clockTime', () => {
  it('prints HH:MM:SS in local time and leaves unreadable text alone', () => {
    const local = new Date(2026, 0, 10, 9, 5, 7);
    expect(clockTime(local.toISOString())).toBe('09:05:07');
    expect(clockTime('not a time')).toBe('not a time');
  });
});
