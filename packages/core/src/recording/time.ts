/**
 * Recording times are RFC 3339 strings (as protojson prints a Timestamp) on disk and
 * nanoseconds since the epoch (bigint) in memory, so Hubble's nanosecond order survives.
 */
import { fromProtoJson, toProtoJson, type google } from '@starmap/proto';

type Timestamp = google.protobuf.Timestamp.$Properties;

/** Nanoseconds since the epoch of a protobuf Timestamp (seconds may be a Long). */
export function timestampToNs(ts: Timestamp | null | undefined): bigint | null {
  if (!ts) return null;
  return BigInt(String(ts.seconds ?? 0)) * 1_000_000_000n + BigInt(ts.nanos ?? 0);
}

export function nsToTimestamp(ns: bigint): { seconds: number; nanos: number } {
  let seconds = ns / 1_000_000_000n;
  let nanos = ns % 1_000_000_000n;
  if (nanos < 0n) {
    seconds -= 1n;
    nanos += 1_000_000_000n;
  }
  return { seconds: Number(seconds), nanos: Number(nanos) };
}

/** Parses an RFC 3339 time to nanoseconds; throws ProtoJsonError with a clear message. */
export function parseRecordingTime(text: unknown): bigint {
  return timestampToNs(fromProtoJson('google.protobuf.Timestamp', text) as Timestamp) as bigint;
}

/** RFC 3339 in UTC with 0, 3, 6 or 9 fractional digits, like protojson. */
export function formatRecordingTime(ns: bigint): string {
  return toProtoJson('google.protobuf.Timestamp', nsToTimestamp(ns)) as string;
}

/** Milliseconds (fractional) of nanoseconds, exact to the float: split so 1e18 ns stays precise. */
export function nsToMs(ns: bigint): number {
  return Number(ns / 1_000_000n) + Number(ns % 1_000_000n) / 1e6;
}

export function msToNs(ms: number): bigint {
  return BigInt(Math.round(ms * 1e6));
}
