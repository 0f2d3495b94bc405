import { describe, expect, it } from 'vitest';
import { currentReplayTime, formatBytes, formatOffset, formatRecordedTime, seekStep } from './replayFormat';

const T = Date.UTC(2021, 10, 10, 10, 40, 56, 465);

describe('replay text', () => {
  it('shows recorded times in UTC, with milliseconds for short recordings', () => {
    expect(formatRecordedTime(T, 4_000)).toBe('2021-11-10 10:40:56.465 UTC');
    expect(formatRecordedTime(T, 3_600_000)).toBe('2021-11-10 10:40:56 UTC');
    expect(formatRecordedTime(Number.NaN, 1)).toBe('—');
  });

  it('writes offsets and elapsed times as clocks', () => {
    expect(formatOffset(7_350, true)).toBe('0:07.3');
    expect(formatOffset(724_000)).toBe('12:04');
    expect(formatOffset(3_723_000)).toBe('1:02:03');
    expect(formatOffset(-5)).toBe('0:00');
  });

  it('writes sizes in decimal units', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(12_345)).toBe('12.3 kB');
    expect(formatBytes(4_500_000)).toBe('4.5 MB');
  });

  it('moves the time on between reports only while playing, and not past the end', () => {
    const replay = { recordedTime: T, start: T - 1_000, end: T + 4_000, playing: true, ended: false, speed: 2, loop: false };
    expect(currentReplayTime(replay, 1_000, 1_500)).toBe(T + 1_000);
    expect(currentReplayTime(replay, 1_000, 10_000)).toBe(T + 4_000);
    expect(currentReplayTime({ ...replay, playing: false }, 1_000, 1_500)).toBe(T);
    expect(currentReplayTime({ ...replay, ended: true }, 1_000, 1_500)).toBe(T);
    expect(currentReplayTime(replay, 2_000, 1_000)).toBe(T);
    // Looping a 5 s recording that starts 1 s before T: 8 s on from T is 4 s into the next round.
    expect(currentReplayTime({ ...replay, loop: true }, 1_000, 5_000)).toBe(T + 3_000);
  });

  it('gives the seek slider about a thousand steps', () => {
    expect(seekStep(0, 4_000)).toBe(4);
    expect(seekStep(0, 100)).toBe(1);
  });
});
