// Text forms of google.protobuf.Timestamp and Duration as protojson writes
// and reads them.
export const TIMESTAMP_MIN_SECONDS = -62135596800; // 0001-01-01T00:00:00Z
export const TIMESTAMP_MAX_SECONDS = 253402300799; // 9999-12-31T23:59:59Z
const DURATION_MAX_SECONDS = 315576000000;

/** 0, 3, 6 or 9 fractional digits, the fewest that keep every nanosecond. */
export function formatNanos(nanos: number): string {
  if (nanos === 0) return '';
  if (nanos % 1_000_000 === 0) return `.${String(nanos / 1_000_000).padStart(3, '0')}`;
  if (nanos % 1_000 === 0) return `.${String(nanos / 1_000).padStart(6, '0')}`;
  return `.${String(nanos).padStart(9, '0')}`;
}

/** Returns undefined when out of protojson's range. */
export function formatTimestamp(seconds: number, nanos: number): string | undefined {
  if (seconds < TIMESTAMP_MIN_SECONDS || seconds > TIMESTAMP_MAX_SECONDS) return undefined;
  if (!Number.isInteger(nanos) || nanos < 0 || nanos > 999_999_999) return undefined;
  const iso = new Date(seconds * 1000).toISOString(); // YYYY-MM-DDTHH:MM:SS.000Z for years 1..9999
  return `${iso.slice(0, 19)}${formatNanos(nanos)}Z`;
}

const timestampPattern =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

/** Parses RFC 3339 text; undefined when malformed or out of range. */
export function parseTimestamp(text: string): { seconds: number; nanos: number } | undefined {
  const m = timestampPattern.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day); // not Date.UTC: it maps years 0..99 to 19xx
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined; // e.g. Feb 30
  let seconds = Math.floor(date.getTime() / 1000) + hour * 3600 + minute * 60 + second;
  if (!m[8]) {
    const offsetHours = Number(m[10]);
    const offsetMinutes = Number(m[11]);
    if (offsetHours > 23 || offsetMinutes > 59) return undefined;
    const offset = (offsetHours * 3600 + offsetMinutes * 60) * (m[9] === '-' ? -1 : 1);
    seconds -= offset;
  }
  const nanos = m[7] ? Number(m[7].padEnd(9, '0')) : 0;
  if (seconds < TIMESTAMP_MIN_SECONDS || seconds > TIMESTAMP_MAX_SECONDS) return undefined;
  return { seconds, nanos };
}

/** Duration as "<seconds>[.<fraction>]s"; undefined when invalid. */
export function formatDuration(seconds: bigint, nanos: number): string | undefined {
  if (seconds > BigInt(DURATION_MAX_SECONDS) || seconds < -BigInt(DURATION_MAX_SECONDS)) return undefined;
  if (!Number.isInteger(nanos) || nanos <= -1_000_000_000 || nanos >= 1_000_000_000) return undefined;
  if ((seconds > 0n && nanos < 0) || (seconds < 0n && nanos > 0)) return undefined;
  const negative = seconds < 0n || nanos < 0;
  const abs = seconds < 0n ? -seconds : seconds;
  return `${negative ? '-' : ''}${abs}${formatNanos(Math.abs(nanos))}s`;
}

export function parseDuration(text: string): { seconds: bigint; nanos: number } | undefined {
  const m = /^(-)?(\d+)(?:\.(\d{1,9}))?s$/.exec(text);
  if (!m) return undefined;
  const sign = m[1] ? -1 : 1;
  const abs = BigInt(m[2] as string);
  if (abs > BigInt(DURATION_MAX_SECONDS)) return undefined;
  const nanos = m[3] ? Number(m[3].padEnd(9, '0')) : 0;
  return { seconds: sign < 0 ? -abs : abs, nanos: sign < 0 && nanos !== 0 ? -nanos : nanos };
}

/** FieldMask paths: proto snake_case <-> JSON lowerCamelCase. */
export function fieldPathToJson(path: string): string | undefined {
  if (/[A-Z]/.test(path) || /_(?![a-z])/.test(path)) return undefined; // would not map back
  return path.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

export function fieldPathFromJson(path: string): string | undefined {
  if (path.includes('_')) return undefined;
  return path.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}
