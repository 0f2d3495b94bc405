// 64-bit integers: the wire runtime represents them as Long objects
// ({ low, high, unsigned }); JSON carries them as decimal strings.
import protobuf from 'protobufjs';

export interface LongLike {
  low: number;
  high: number;
  unsigned: boolean;
}

const TWO_64 = 1n << 64n;
const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;
const UINT64_MAX = TWO_64 - 1n;

export function isLongLike(v: unknown): v is LongLike {
  return typeof v === 'object' && v !== null && typeof (v as LongLike).low === 'number' && typeof (v as LongLike).high === 'number';
}

function longToBigInt(v: LongLike, unsigned: boolean): bigint {
  const bits = (BigInt(v.high >>> 0) << 32n) | BigInt(v.low >>> 0);
  if (unsigned) return bits;
  return bits >= 1n << 63n ? bits - TWO_64 : bits;
}

/** Reads any accepted 64-bit representation as a BigInt, or undefined if it is not one. */
export function int64ToBigInt(v: unknown, unsigned: boolean): bigint | undefined {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number') return Number.isInteger(v) ? BigInt(v) : undefined;
  if (typeof v === 'string') return parseIntegerString(v);
  if (isLongLike(v)) return longToBigInt(v, unsigned);
  return undefined;
}

/** Decimal integer text, optionally with an exponent that keeps it integral ("1e3"). */
export function parseIntegerString(s: string): bigint | undefined {
  const t = s.trim();
  if (t !== s || t === '') return undefined;
  if (/^-?\d+$/.test(t)) return BigInt(t);
  if (/^-?\d+(\.\d+)?[eE][+-]?\d+$/.test(t)) {
    const n = Number(t);
    return Number.isInteger(n) ? BigInt(n) : undefined;
  }
  return undefined;
}

export function inInt64Range(v: bigint, unsigned: boolean): boolean {
  return unsigned ? v >= 0n && v <= UINT64_MAX : v >= INT64_MIN && v <= INT64_MAX;
}

const LongCtor = protobuf.util.Long as unknown as (new (low: number, high: number, unsigned: boolean) => LongLike) | undefined;

/** Builds the runtime's Long for a value (or a number when long.js is absent). */
export function bigIntToLong(v: bigint, unsigned: boolean): LongLike | number {
  const bits = BigInt.asUintN(64, v);
  const low = Number(bits & 0xffffffffn) | 0;
  const high = Number(bits >> 32n) | 0;
  return LongCtor ? new LongCtor(low, high, unsigned) : Number(v);
}
