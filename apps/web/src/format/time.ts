const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `HH:MM:SS.mmm` in the browser's time zone, as the Time column shows it. */
export function formatClock(date: Date): string {
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}

/** The full timestamp for a tooltip: Hubble's own RFC 3339 time (nanoseconds kept) and the local reading. */
export function formatFullTime(rfc3339: string, ts: number): string {
  const local = new Date(ts);
  const day = `${local.getFullYear()}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}`;
  return `${rfc3339}\nlocal ${day} ${formatClock(local)}`;
}

/** `1.2 ms`, `850 µs`, `2.35 s` for an L7 latency given in nanoseconds. */
export function formatLatency(ns: number): string {
  if (!Number.isFinite(ns) || ns <= 0) return '';
  if (ns < 1_000_000) return `${Math.round(ns / 1_000)} µs`;
  if (ns < 1_000_000_000) return `${trim(ns / 1_000_000)} ms`;
  return `${trim(ns / 1_000_000_000)} s`;
}

function trim(value: number): string {
  return value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
}
