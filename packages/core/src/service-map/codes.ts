/** Small numeric codes for the hot path: counters are indexed, not keyed by strings. */
import type { VerdictCounts } from './types.js';

export const VERDICT_KEYS = [
  'forwarded',
  'dropped',
  'error',
  'audit',
  'redirected',
  'translated',
  'traced',
  'unknown',
] as const satisfies readonly (keyof VerdictCounts)[];

export const VERDICT_COUNT = VERDICT_KEYS.length;
export const VERDICT_DROPPED = 1;
const VERDICT_UNKNOWN = 7;

const VERDICT_INDEX: Readonly<Record<string, number>> = {
  FORWARDED: 0,
  DROPPED: 1,
  ERROR: 2,
  AUDIT: 3,
  REDIRECTED: 4,
  TRANSLATED: 5,
  TRACED: 6,
  VERDICT_UNKNOWN: 7,
};

export function verdictIndex(verdict: string): number {
  return VERDICT_INDEX[verdict] ?? VERDICT_UNKNOWN;
}

export const PROTOCOLS = ['', 'TCP', 'UDP', 'SCTP', 'ICMPv4', 'ICMPv6', 'VRRP', 'IGMP'] as const;

const PROTOCOL_INDEX: Readonly<Record<string, number>> = {
  TCP: 1,
  UDP: 2,
  SCTP: 3,
  ICMPv4: 4,
  ICMPv6: 5,
  VRRP: 6,
  IGMP: 7,
};

export function protocolIndex(protocol: string): number {
  return PROTOCOL_INDEX[protocol] ?? 0;
}

// A (protocol, port) pair as one number so port maps need no string keys. 65536 stands for "no port".
const PORT_SPAN = 65537;
const NO_PORT = 65536;

export function portKey(protocolIdx: number, port: number | null): number {
  const p = port === null || !(port >= 0 && port <= 65535) ? NO_PORT : port;
  return protocolIdx * PORT_SPAN + p;
}

export function portKeyProtocol(key: number): string {
  return PROTOCOLS[Math.floor(key / PORT_SPAN)] ?? '';
}

export function portKeyPort(key: number): number | null {
  const p = key % PORT_SPAN;
  return p === NO_PORT ? null : p;
}

/** Order of `PortFlows` lists: by protocol name, then port (no port first). */
export function comparePorts(a: { protocol: string; port: number | null }, b: { protocol: string; port: number | null }): number {
  if (a.protocol !== b.protocol) return a.protocol < b.protocol ? -1 : 1;
  return (a.port ?? -1) - (b.port ?? -1);
}
