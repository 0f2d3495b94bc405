import type { ReplayStatus } from '@starmap/core';

/** Replay speeds offered (the server takes 0.5–20). */
export const REPLAY_SPEEDS = [0.5, 1, 2, 5, 10, 20] as const;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/**
 * A recorded time in UTC: `2021-11-10 10:40:58.123 UTC`; milliseconds only when the recording
 * is short enough for them to matter.
 */
export function formatRecordedTime(ms: number, spanMs: number): string {
  if (!Number.isFinite(ms)) return '—';
  const d = new Date(ms);
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return `${date} ${time}${spanMs < 10 * 60_000 ? `.${pad(d.getUTCMilliseconds(), 3)}` : ''} UTC`;
}

/** A duration as a clock: `0:07.3` under a minute's worth of precision, `12:04`, `1:02:03`. */
export function formatOffset(ms: number, withTenths = false): string {
  const safe = Math.max(0, Number.isFinite(ms) ? ms : 0);
  const totalSeconds = Math.floor(safe / 1000);
  const h = Math.floor(totalSeconds / 3600);
  const m = Math.floor((totalSeconds % 3600) / 60);
  const s = totalSeconds % 60;
  const tenths = withTenths ? `.${Math.floor((safe % 1000) / 100)}` : '';
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}${tenths}` : `${m}:${pad(s)}${tenths}`;
}

export function formatBytes(bytes: number): string {
  if (!(bytes > 0)) return '0 B';
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(1)} kB`;
  if (bytes < 1_000_000_000) return `${(bytes / 1_000_000).toFixed(1)} MB`;
  return `${(bytes / 1_000_000_000).toFixed(2)} GB`;
}

export function formatSpeed(speed: number): string {
  return `${speed}×`;
}

/**
 * Where the replay is now, between two status reports: the last reported time moved on by the
 * speed while playing; past the end it wraps when looping and stops otherwise.
 */
export function currentReplayTime(
  replay: Pick<ReplayStatus, 'recordedTime' | 'start' | 'end' | 'playing' | 'ended' | 'speed' | 'loop'>,
  reportedAt: number,
  now: number,
): number {
  if (!replay.playing || replay.ended) return replay.recordedTime;
  const at = replay.recordedTime + Math.max(0, now - reportedAt) * replay.speed;
  if (at <= replay.end) return at;
  const span = replay.end - replay.start;
  if (!replay.loop || !(span > 0)) return replay.end;
  return replay.start + ((at - replay.start) % span);
}

/** Slider step: about a thousand positions over the recording, at least a millisecond. */
export function seekStep(start: number, end: number): number {
  return Math.max(1, Math.round((end - start) / 1000));
}
