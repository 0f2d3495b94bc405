/** Protobuf Timestamp helpers that keep Hubble's nanosecond precision in text. */

export interface TimestampLike {
  seconds?: number | { toNumber(): number } | null;
  nanos?: number | null;
}

function secondsOf(ts: TimestampLike): number {
  const s = ts.seconds;
  if (s == null) return 0;
  return typeof s === 'number' ? s : s.toNumber();
}

export function timestampToMillis(ts: TimestampLike | null | undefined): number {
  if (!ts) return 0;
  return secondsOf(ts) * 1000 + Math.floor((ts.nanos ?? 0) / 1e6);
}

/** RFC 3339 in UTC with 0, 3, 6 or 9 fractional digits, as protojson prints it. */
export function timestampToIso(ts: TimestampLike | null | undefined): string {
  if (!ts) return '';
  const seconds = secondsOf(ts);
  const nanos = ts.nanos ?? 0;
  const base = new Date(seconds * 1000).toISOString().slice(0, 19);
  if (nanos === 0) return `${base}Z`;
  let frac = String(nanos).padStart(9, '0');
  if (frac.endsWith('000000')) frac = frac.slice(0, 3);
  else if (frac.endsWith('000')) frac = frac.slice(0, 6);
  return `${base}.${frac}Z`;
}

export function millisToTimestamp(ms: number): { seconds: number; nanos: number } {
  const seconds = Math.floor(ms / 1000);
  return { seconds, nanos: Math.round((ms - seconds * 1000) * 1e6) };
}
