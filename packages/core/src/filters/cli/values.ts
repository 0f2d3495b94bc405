/**
 * Value checks and canonical spellings for `hubble observe` filter flags. Where upstream is
 * case-sensitive (verdicts, drop reasons, type names) we accept any case and normalise to the
 * spelling upstream accepts, so every command we print runs unchanged.
 */
import { dropReasonByName } from '../../drops/catalogue.js';
import { IPVersion, TrafficDirection, Verdict } from '../enums.js';
import type { EventTypeFilterInput, FilterableTCPFlags, WorkloadFilterInput } from '../types.js';
import { AGENT_SUBTYPES, EVENT_TYPE_AGENT, EVENT_TYPE_TRACE, EVENT_TYPES, lookup, RESERVED_IDENTITIES, TRACE_SUBTYPES } from './monitor.js';

/** A value a flag does not accept; the message says what it expects. */
export class ValueError extends Error {}

const UINT32_MAX = 0xffffffff;
const INT32_MAX = 0x7fffffff;
const UINT64_MAX = (1n << 64n) - 1n;

function oneOf(names: readonly string[]): string {
  return names.join(', ');
}

// ---------------------------------------------------------------- verdict, drop reason

export const VERDICT_NAMES: readonly string[] = Object.keys(Verdict);

export function normalizeVerdict(raw: string): string {
  const name = raw.toUpperCase();
  if (!Object.hasOwn(Verdict, name)) {
    throw new ValueError(`unknown verdict ${JSON.stringify(raw)} (expected one of ${oneOf(VERDICT_NAMES.filter((v) => v !== 'VERDICT_UNKNOWN'))})`);
  }
  return name;
}

export function verdictNumber(name: string): number {
  return Verdict[name as keyof typeof Verdict];
}

export function normalizeDropReason(raw: string): string {
  if (raw === '') throw new ValueError('empty drop reason');
  const name = raw.toUpperCase();
  if (!dropReasonByName(name)) throw new ValueError(`unknown drop reason ${JSON.stringify(raw)} (expected a DropReason name such as POLICY_DENIED)`);
  return name;
}

export function dropReasonNumber(name: string): number {
  return (dropReasonByName(name) as { code: number }).code;
}

// ---------------------------------------------------------------- L3/L4

export const PROTOCOLS: readonly string[] = ['icmp', 'icmpv4', 'icmpv6', 'sctp', 'tcp', 'udp', 'dns', 'http', 'kafka'];

export function normalizeProtocol(raw: string): string {
  const p = raw.toLowerCase();
  if (!PROTOCOLS.includes(p)) throw new ValueError(`unknown protocol ${JSON.stringify(raw)} (expected one of ${oneOf(PROTOCOLS)})`);
  return p;
}

export function normalizeTrafficDirection(raw: string): string {
  const d = raw.toLowerCase();
  if (d !== 'ingress' && d !== 'egress') throw new ValueError(`invalid traffic direction ${JSON.stringify(raw)}, expected ingress or egress`);
  return d;
}

export function trafficDirectionNumber(value: string): number {
  return value === 'ingress' ? TrafficDirection.INGRESS : TrafficDirection.EGRESS;
}

/** Upstream maps these spellings to IPv4 / IPv6 and anything else to "not IP"; we only take `none` for that. */
export function normalizeIpVersion(raw: string): string {
  const v = raw.toLowerCase();
  if (['4', 'v4', 'ipv4', 'ip4'].includes(v)) return 'v4';
  if (['6', 'v6', 'ipv6', 'ip6'].includes(v)) return 'v6';
  if (v === 'none') return 'none';
  throw new ValueError(`invalid IP version ${JSON.stringify(raw)} (expected v4, v6 or none)`);
}

export function ipVersionNumber(value: string): number {
  if (value === 'v4') return IPVersion.IPv4;
  if (value === 'v6') return IPVersion.IPv6;
  return IPVersion.IP_NOT_USED;
}

const TCP_FLAGS = ['SYN', 'FIN', 'RST', 'PSH', 'ACK', 'URG', 'ECE', 'CWR', 'NS'] as const;

export function normalizeTcpFlags(raw: string): string {
  const names = raw.split(',').map((f) => f.toUpperCase());
  for (const [i, name] of names.entries()) {
    if (!(TCP_FLAGS as readonly string[]).includes(name)) {
      throw new ValueError(`unknown tcp flag ${JSON.stringify(raw.split(',')[i])} (expected a comma-separated list of ${oneOf(TCP_FLAGS)})`);
    }
  }
  return names.join(',');
}

export function tcpFlagsObject(value: string): FilterableTCPFlags {
  const out: Record<string, boolean> = {};
  for (const name of value.split(',')) out[name] = true;
  return out as FilterableTCPFlags;
}

// ---------------------------------------------------------------- numbers

/** Go's strconv.ParseUint(s, 0, 32): 0x / 0o / 0b / leading-0 octal prefixes and `_` between digits. */
export function parseGoUintBase0(raw: string): number | undefined {
  let body = raw;
  let base = 10;
  let prefixed = false;
  if (/^0[xX]/.test(raw)) [base, body, prefixed] = [16, raw.slice(2), true];
  else if (/^0[oO]/.test(raw)) [base, body, prefixed] = [8, raw.slice(2), true];
  else if (/^0[bB]/.test(raw)) [base, body, prefixed] = [2, raw.slice(2), true];
  else if (raw.length > 1 && raw.startsWith('0')) [base, body, prefixed] = [8, raw.slice(1), true];
  if (body.includes('_')) {
    // `_` only separates digits, or follows a base prefix.
    const ok = prefixed ? /^_?[0-9a-zA-Z]+(_[0-9a-zA-Z]+)*$/ : /^[0-9a-zA-Z]+(_[0-9a-zA-Z]+)*$/;
    if (!ok.test(body)) return undefined;
    body = body.replace(/_/g, '');
  }
  const digits = { 2: /^[01]+$/, 8: /^[0-7]+$/, 10: /^[0-9]+$/, 16: /^[0-9a-fA-F]+$/ }[base] as RegExp;
  if (!digits.test(body)) return undefined;
  const value = parseInt(body, base);
  return value <= UINT32_MAX ? value : undefined;
}

/** A reserved identity name, or a numeric identity written as Go would parse it, as decimal. */
export function normalizeIdentity(raw: string): string {
  const name = raw.toLowerCase();
  if (lookup(RESERVED_IDENTITIES, name) !== undefined) return name;
  const n = parseGoUintBase0(raw);
  if (n === undefined) {
    throw new ValueError(`invalid security identity ${JSON.stringify(raw)}, expected one of ${oneOf(Object.keys(RESERVED_IDENTITIES))} or a numeric value`);
  }
  return String(n);
}

export function identityNumber(value: string): number {
  return lookup(RESERVED_IDENTITIES, value) ?? Number(value);
}

export function isReservedIdentityName(value: string): boolean {
  return lookup(RESERVED_IDENTITIES, value) !== undefined;
}

export function normalizeIpTraceId(raw: string): string {
  if (!/^[0-9]+$/.test(raw)) throw new ValueError(`invalid IP trace ID ${JSON.stringify(raw)}, expected an unsigned 64-bit integer`);
  const id = BigInt(raw);
  if (id === 0n) throw new ValueError('invalid IP trace ID; must be greater than 0');
  if (id > UINT64_MAX) throw new ValueError(`invalid IP trace ID ${JSON.stringify(raw)}, out of the 64-bit range`);
  return id.toString();
}

/** Numbers stay numbers while exact; larger IDs travel as decimal strings (protobufjs takes both). */
export function ipTraceIdValue(value: string): number | string {
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : value;
}

// ---------------------------------------------------------------- event types

function decimalInt32(raw: string, what: string): number {
  if (!/^[0-9]+$/.test(raw)) return NaN;
  const n = Number(raw);
  if (n > UINT32_MAX) return NaN;
  if (n > INT32_MAX) throw new ValueError(`${what} ${raw} does not fit the int32 event type field`);
  return n;
}

interface ParsedType {
  filter: EventTypeFilterInput;
  canonical: string;
}

/**
 * `TYPE[:SUBTYPE]`. Sub-type names are only looked up when the type was given by name
 * (`trace:to-endpoint`, `agent:policy-updated`); otherwise the sub-type must be a number, as upstream.
 */
export function parseEventType(raw: string): ParsedType {
  const colon = raw.indexOf(':');
  const typeText = (colon < 0 ? raw : raw.slice(0, colon)).toLowerCase();
  const subText = colon < 0 ? undefined : raw.slice(colon + 1);
  const byName = lookup(EVENT_TYPES, typeText);
  const type = byName ?? decimalInt32(typeText, 'type');
  if (Number.isNaN(type)) {
    throw new ValueError(`unknown event type ${JSON.stringify(colon < 0 ? raw : raw.slice(0, colon))}, not a known type name (${oneOf(Object.keys(EVENT_TYPES))}) and not a number`);
  }
  const typeCanonical = byName !== undefined ? typeText : String(type);
  if (subText === undefined) return { filter: { type }, canonical: typeCanonical };
  const subName = subText.toLowerCase();
  let sub: number | undefined;
  let subCanonical: string | undefined;
  if (byName === EVENT_TYPE_TRACE) sub = lookup(TRACE_SUBTYPES, subName);
  else if (byName === EVENT_TYPE_AGENT) sub = lookup(AGENT_SUBTYPES, subName);
  if (sub !== undefined) subCanonical = subName;
  else {
    sub = decimalInt32(subText, 'sub-type');
    if (Number.isNaN(sub)) throw new ValueError(`unknown event sub-type ${JSON.stringify(subText)}, not a known sub-type name and not a number`);
    subCanonical = String(sub);
  }
  return { filter: { type, match_sub_type: true, sub_type: sub }, canonical: `${typeCanonical}:${subCanonical}` };
}

// ---------------------------------------------------------------- names and objects

/** `[kind/]name`, split at the first `/` like upstream's parseWorkload; empty parts mean any. */
export function workloadObject(value: string): WorkloadFilterInput {
  const slash = value.indexOf('/');
  const [kind, name] = slash < 0 ? ['', value] : [value.slice(0, slash), value.slice(slash + 1)];
  const out: WorkloadFilterInput = {};
  if (kind !== '') out.kind = kind;
  if (name !== '') out.name = name;
  return out;
}

export function normalizeHttpHeader(raw: string): string {
  if (!raw.includes(':')) throw new ValueError(`invalid http-header value ${JSON.stringify(raw)}, expected name:value`);
  return raw;
}

export function httpHeaderObject(value: string): { key: string; value: string } {
  const colon = value.indexOf(':');
  return { key: value.slice(0, colon), value: value.slice(colon + 1) };
}

export function normalizeNamespace(raw: string): string {
  if (raw === '') throw new ValueError('empty namespace');
  if (raw.includes('/')) throw new ValueError(`namespace ${JSON.stringify(raw)} must not contain "/"`);
  return raw;
}

export function nonEmpty(what: string): (raw: string) => string {
  return (raw) => {
    if (raw === '') throw new ValueError(`empty ${what}`);
    return raw;
  };
}
