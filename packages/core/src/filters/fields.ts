/**
 * One compiler per FlowFilter field. Each turns the field's values into a predicate over flows,
 * validating them on the way (FilterError). Within a field any value may match (OR); the caller
 * ANDs the fields. The semantics are Hubble's (cilium/cilium pkg/hubble/filters), re-stated:
 * see each compiler's comment for the rule it follows.
 */
import { FilterError } from './errors.js';
import {
  enumLookups,
  filterEnumValue,
  flowEnumValue,
  MESSAGE_TYPE_ACCESS_LOG,
  Verdict,
} from './enums.js';
import { parseIP, parsePrefix, prefixContains, type ParsedPrefix } from './ip.js';
import {
  LabelSelectorSyntaxError,
  parseLabelSelector,
  parsedLabelsOf,
  selectorMatches,
  type LabelRequirement,
} from './labels.js';
import { compileFqdnPatterns, compileNodeNamePatterns, DEFAULT_CLUSTER_NAME, PatternSyntaxError } from './patterns.js';
import { compileGoRegex } from './regex.js';
import type {
  EventTypeFilterInput,
  FilterableEndpoint,
  FilterableFlow,
  FilterableTCPFlags,
  FlowFilterInput,
  FlowPredicate,
  Uint64Like,
  WorkloadFilterInput,
} from './types.js';

export interface CompiledField {
  test: FlowPredicate;
  /** Rough cost so cheap tests run first (1 = a field compare, 3 = a regex or label scan). */
  cost: number;
}

export type FieldCompiler = (values: readonly unknown[], filter: FlowFilterInput) => CompiledField;

function strings(field: string, values: readonly unknown[]): string[] {
  for (const v of values) if (typeof v !== 'string') throw new FilterError(field, v, 'expected a string');
  return values as string[];
}

function booleans(field: string, values: readonly unknown[]): boolean[] {
  for (const v of values) if (typeof v !== 'boolean') throw new FilterError(field, v, 'expected true or false');
  return values as boolean[];
}

function uint32s(field: string, values: readonly unknown[]): Set<number> {
  for (const v of values) {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 0xffffffff) {
      throw new FilterError(field, v, 'expected an unsigned 32-bit integer');
    }
  }
  return new Set(values as number[]);
}

function enums(field: keyof typeof enumLookups, values: readonly unknown[]): Set<number> {
  return new Set(
    values.map((v) => {
      if (typeof v !== 'number' && typeof v !== 'string') throw new FilterError(field, v, 'expected an enum number or name');
      return filterEnumValue(field, v);
    }),
  );
}

function objects<T extends object>(field: string, values: readonly unknown[]): T[] {
  for (const v of values) if (typeof v !== 'object' || v === null) throw new FilterError(field, v, 'expected an object');
  return values as T[];
}

// ---------------------------------------------------------------- endpoints

interface NamespacedName {
  ns: string;
  prefix: string;
}

/**
 * `ns/prefix` selects names starting with prefix in namespace ns (`ns/` = the whole namespace);
 * a value without `/` is a name prefix in the `default` namespace. Like upstream, only the first
 * two `/`-separated parts count, and a flow side with neither namespace nor name never matches.
 */
function namespacedNames(field: string, values: readonly unknown[]): NamespacedName[] {
  return strings(field, values).map((value) => {
    const parts = value.split('/');
    const ns = parts[0] as string;
    if (parts.length > 1) {
      const prefix = parts[1] as string;
      if (ns === '' && prefix === '') throw new FilterError(field, value, 'must be [namespace/][name]');
      return { ns, prefix };
    }
    if (ns === '') throw new FilterError(field, value, 'must be [namespace/][name]');
    return { ns: 'default', prefix: ns };
  });
}

function nameMatcher(
  field: string,
  values: readonly unknown[],
  get: (flow: FilterableFlow) => { namespace?: string | null; name?: string | null } | null | undefined,
): CompiledField {
  const wanted = namespacedNames(field, values);
  return {
    cost: 1,
    test: (flow) => {
      const obj = get(flow);
      const ns = obj?.namespace ?? '';
      const name = obj?.name ?? '';
      if (ns === '' && name === '') return false;
      for (const w of wanted) {
        if (w.ns === ns && (w.prefix === '' || name.startsWith(w.prefix))) return true;
      }
      return false;
    },
  };
}

const podOf = (ep: FilterableEndpoint | null | undefined) => ({ namespace: ep?.namespace, name: ep?.pod_name });

function labelSelectors(field: string, values: readonly unknown[]): LabelRequirement[][] {
  return strings(field, values).map((selector) => {
    try {
      return parseLabelSelector(selector);
    } catch (err) {
      if (err instanceof LabelSelectorSyntaxError) throw new FilterError(field, selector, err.message);
      throw err;
    }
  });
}

/** Any of the selectors must select the label set (each selector's requirements all hold). */
function labelMatcher(
  field: string,
  values: readonly unknown[],
  get: (flow: FilterableFlow) => readonly string[] | null | undefined,
): CompiledField {
  const selectors = labelSelectors(field, values);
  return {
    cost: 3,
    test: (flow) => {
      const labels = parsedLabelsOf(get(flow));
      for (const s of selectors) if (selectorMatches(s, labels)) return true;
      return false;
    },
  };
}

function identityMatcher(field: string, values: readonly unknown[], side: 'source' | 'destination'): CompiledField {
  const ids = uint32s(field, values);
  return {
    cost: 1,
    test: (flow) => {
      const ep = flow[side];
      return ep != null && ids.has(ep.identity ?? 0);
    },
  };
}

/** A workload filter matches when its name and kind (each empty = any) equal one of the endpoint's workloads. */
function workloadMatcher(field: string, values: readonly unknown[], side: 'source' | 'destination'): CompiledField {
  const wanted = objects<WorkloadFilterInput>(field, values).map((w) => ({ name: w.name ?? '', kind: w.kind ?? '' }));
  return {
    cost: 2,
    test: (flow) => {
      for (const w of flow[side]?.workloads ?? []) {
        for (const f of wanted) {
          if ((f.name === '' || f.name === (w.name ?? '')) && (f.kind === '' || f.kind === (w.kind ?? ''))) return true;
        }
      }
      return false;
    },
  };
}

function clusterNameMatcher(field: string, values: readonly unknown[], side: 'source' | 'destination'): CompiledField {
  const names = strings(field, values);
  if (names.includes('')) throw new FilterError(field, '', 'cluster name must not be empty');
  const set = new Set(names);
  return { cost: 1, test: (flow) => set.has(flow[side]?.cluster_name ?? '') };
}

function fqdnMatcher(field: string, values: readonly unknown[], get: (flow: FilterableFlow) => readonly string[] | null | undefined): CompiledField {
  let re: RegExp;
  try {
    re = compileFqdnPatterns(strings(field, values));
  } catch (err) {
    if (err instanceof PatternSyntaxError) throw new FilterError(field, values, err.message);
    throw err;
  }
  return {
    cost: 3,
    test: (flow) => {
      for (const name of get(flow) ?? []) if (re.test(name)) return true;
      return false;
    },
  };
}

// ---------------------------------------------------------------- L3 / L4

/** Exact addresses compare as strings (as upstream does); values with `/` are CIDR prefixes. */
function ipMatcher(field: string, values: readonly unknown[], get: (flow: FilterableFlow) => string | null | undefined): CompiledField {
  const exact = new Set<string>();
  const prefixes: ParsedPrefix[] = [];
  for (const value of strings(field, values)) {
    if (value.includes('/')) {
      const prefix = parsePrefix(value);
      if (!prefix) throw new FilterError(field, value, 'not a valid CIDR prefix');
      prefixes.push(prefix);
    } else {
      if (!parseIP(value)) throw new FilterError(field, value, 'not a valid IP address');
      exact.add(value);
    }
  }
  return {
    cost: prefixes.length > 0 ? 2 : 1,
    test: (flow) => {
      const ip = get(flow);
      if (!ip) return false;
      if (exact.has(ip)) return true;
      if (prefixes.length === 0) return false;
      const parsed = parseIP(ip);
      if (!parsed) return false;
      for (const p of prefixes) if (prefixContains(p, parsed)) return true;
      return false;
    },
  };
}

const L4_PROTOCOLS = new Set(['tcp', 'udp', 'sctp', 'icmp', 'icmpv4', 'icmpv6']);
const L7_PROTOCOLS = new Set(['dns', 'http', 'kafka']);

/** Protocol names are case-insensitive; `icmp` means either ICMP version; L7 names test the L7 record. */
function protocolMatcher(field: string, values: readonly unknown[]): CompiledField {
  const wanted = new Set<string>();
  for (const value of strings(field, values)) {
    const p = value.toLowerCase();
    if (!L4_PROTOCOLS.has(p) && !L7_PROTOCOLS.has(p)) {
      throw new FilterError(field, value, 'unknown protocol (expected tcp, udp, sctp, icmp, icmpv4, icmpv6, dns, http or kafka)');
    }
    wanted.add(p);
  }
  const icmp4 = wanted.has('icmp') || wanted.has('icmpv4');
  const icmp6 = wanted.has('icmp') || wanted.has('icmpv6');
  const tcp = wanted.has('tcp');
  const udp = wanted.has('udp');
  const sctp = wanted.has('sctp');
  const dns = wanted.has('dns');
  const http = wanted.has('http');
  const kafka = wanted.has('kafka');
  return {
    cost: 1,
    test: (flow) => {
      const l4 = flow.l4;
      if (l4) {
        if (tcp && l4.TCP != null) return true;
        if (udp && l4.UDP != null) return true;
        if (sctp && l4.SCTP != null) return true;
        if (icmp4 && l4.ICMPv4 != null) return true;
        if (icmp6 && l4.ICMPv6 != null) return true;
      }
      const l7 = flow.l7;
      if (l7) {
        if (dns && l7.dns != null) return true;
        if (http && l7.http != null) return true;
        if (kafka && l7.kafka != null) return true;
      }
      return false;
    },
  };
}

function portOf(flow: FilterableFlow, which: 'source_port' | 'destination_port'): number | undefined {
  const l4 = flow.l4;
  if (!l4) return undefined;
  const carrier = l4.TCP ?? l4.UDP ?? l4.SCTP;
  if (carrier == null) return undefined;
  return carrier[which] ?? 0;
}

/** Ports are decimal strings 0-65535 and only TCP, UDP and SCTP flows carry them. */
function portMatcher(field: string, values: readonly unknown[], which: 'source_port' | 'destination_port'): CompiledField {
  const ports = new Set<number>();
  for (const value of strings(field, values)) {
    if (!/^\d{1,5}$/.test(value) || Number(value) > 65535) throw new FilterError(field, value, 'expected a port number 0-65535');
    ports.add(Number(value));
  }
  return {
    cost: 1,
    test: (flow) => {
      const port = portOf(flow, which);
      return port !== undefined && ports.has(port & 0xffff);
    },
  };
}

const TCP_FLAG_NAMES = ['FIN', 'SYN', 'RST', 'PSH', 'ACK', 'URG', 'ECE', 'CWR', 'NS'] as const;

/** A flags filter matches a TCP flow that has at least every flag the filter sets. */
function tcpFlagsMatcher(field: string, values: readonly unknown[]): CompiledField {
  const wanted = objects<FilterableTCPFlags>(field, values).map((f) => TCP_FLAG_NAMES.filter((n) => f[n] === true));
  return {
    cost: 1,
    test: (flow) => {
      const flags = flow.l4?.TCP?.flags;
      if (flags == null) return false;
      return wanted.some((names) => names.every((n) => flags[n] === true));
    },
  };
}

function ipVersionMatcher(values: readonly unknown[]): CompiledField {
  const versions = enums('ip_version', values);
  return { cost: 1, test: (flow) => versions.has(flowEnumValue(enumLookups.ip_version, flow.IP?.ipVersion)) };
}

function encryptedMatcher(field: string, values: readonly unknown[]): CompiledField {
  const wanted = new Set(booleans(field, values));
  return { cost: 1, test: (flow) => wanted.has(flow.IP?.encrypted ?? false) };
}

// ---------------------------------------------------------------- L7

function requireL7EventType(field: string, values: readonly unknown[], filter: FlowFilterInput): void {
  const types = filter.event_type ?? [];
  if (types.length > 0 && !types.some((t) => t?.type === MESSAGE_TYPE_ACCESS_LOG)) {
    throw new FilterError(field, values, `filtering by ${field} requires the event_type filter to include L7 events (type ${MESSAGE_TYPE_ACCESS_LOG})`);
  }
}

/** `404` matches exactly, `4+` / `40+` match a prefix of the three-digit code; code 0 never matches. */
function httpStatusMatcher(field: string, values: readonly unknown[], filter: FlowFilterInput): CompiledField {
  requireL7EventType(field, values, filter);
  const full = new Set<string>();
  const prefixes: string[] = [];
  for (const value of strings(field, values)) {
    if (/^[1-5][0-9]{2}$/.test(value)) full.add(value);
    else if (/^[1-5][0-9]?\+$/.test(value)) prefixes.push(value.slice(0, -1));
    else throw new FilterError(field, value, "expected a status code like '404' or a prefix like '5+' or '40+'");
  }
  return {
    cost: 1,
    test: (flow) => {
      const code = flow.l7?.http?.code ?? 0;
      if (code === 0) return false;
      const text = String(code).padStart(3, '0');
      if (full.has(text)) return true;
      return prefixes.some((p) => text.startsWith(p));
    },
  };
}

function httpMethodMatcher(field: string, values: readonly unknown[], filter: FlowFilterInput): CompiledField {
  requireL7EventType(field, values, filter);
  const methods = new Set(strings(field, values).map((m) => m.toLowerCase()));
  return {
    cost: 1,
    test: (flow) => {
      const method = flow.l7?.http?.method;
      return !!method && methods.has(method.toLowerCase());
    },
  };
}

/**
 * The path of an HTTP request URL, as Go's url.ParseRequestURI gives it: from an absolute path or
 * an absolute URI (query cut off, percent-escapes decoded). null when the URL is not one of those.
 */
export function requestPath(url: string): string | null {
  let rest: string;
  if (url.startsWith('/')) {
    rest = url;
  } else {
    const scheme = /^[A-Za-z][A-Za-z0-9+.-]*:/.exec(url);
    if (!scheme) return null;
    rest = url.slice(scheme[0].length);
    if (rest.startsWith('//')) {
      const end = rest.slice(2).search(/[/?]/);
      rest = end < 0 ? '' : rest.slice(2 + end);
    } else if (!rest.startsWith('/')) {
      return ''; // opaque URI such as mailto:x has no path
    }
  }
  const q = rest.indexOf('?');
  const raw = q < 0 ? rest : rest.slice(0, q);
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

function httpRegexMatcher(
  field: string,
  values: readonly unknown[],
  filter: FlowFilterInput,
  pick: (url: string) => string | null,
): CompiledField {
  requireL7EventType(field, values, filter);
  const res = strings(field, values).map((p) => compileGoRegex(field, p));
  return {
    cost: 3,
    test: (flow) => {
      const url = flow.l7?.http?.url;
      if (!url) return false;
      const subject = pick(url);
      if (subject === null) return false;
      return res.some((re) => re.test(subject));
    },
  };
}

/** A header filter matches when the request carries a header with exactly that key and value. */
function httpHeaderMatcher(field: string, values: readonly unknown[], filter: FlowFilterInput): CompiledField {
  requireL7EventType(field, values, filter);
  const wanted = objects<{ key?: string | null; value?: string | null }>(field, values).map((h) => ({
    key: h.key ?? '',
    value: h.value ?? '',
  }));
  return {
    cost: 2,
    test: (flow) => {
      for (const h of flow.l7?.http?.headers ?? []) {
        const key = h.key ?? '';
        const value = h.value ?? '';
        if (wanted.some((w) => w.key === key && w.value === value)) return true;
      }
      return false;
    },
  };
}

function dnsQueryMatcher(field: string, values: readonly unknown[]): CompiledField {
  const res = strings(field, values).map((p) => compileGoRegex(field, p));
  return {
    cost: 3,
    test: (flow) => {
      const dns = flow.l7?.dns;
      if (dns == null) return false;
      const query = dns.query ?? '';
      return res.some((re) => re.test(query));
    },
  };
}

// ---------------------------------------------------------------- flow metadata

function verdictMatcher(values: readonly unknown[]): CompiledField {
  const verdicts = enums('verdict', values);
  return { cost: 1, test: (flow) => verdicts.has(flowEnumValue(enumLookups.verdict, flow.verdict)) };
}

/** Only dropped flows have a drop reason to match. */
function dropReasonMatcher(values: readonly unknown[]): CompiledField {
  const reasons = enums('drop_reason_desc', values);
  return {
    cost: 1,
    test: (flow) =>
      flowEnumValue(enumLookups.verdict, flow.verdict) === Verdict.DROPPED &&
      reasons.has(flowEnumValue(enumLookups.drop_reason_desc, flow.drop_reason_desc)),
  };
}

function trafficDirectionMatcher(values: readonly unknown[]): CompiledField {
  const directions = enums('traffic_direction', values);
  return {
    cost: 1,
    test: (flow) => directions.has(flowEnumValue(enumLookups.traffic_direction, flow.traffic_direction)),
  };
}

/**
 * Matches is_reply. A flow that does not know (is_reply unset) never matches, except a dropped
 * one, which counts as not a reply (upstream keeps that for older clients).
 */
function replyMatcher(field: string, values: readonly unknown[]): CompiledField {
  const wanted = new Set(booleans(field, values));
  return {
    cost: 1,
    test: (flow) => {
      const r = flow.is_reply;
      if (r == null) {
        return flowEnumValue(enumLookups.verdict, flow.verdict) === Verdict.DROPPED && wanted.has(false);
      }
      return wanted.has(typeof r === 'boolean' ? r : (r.value ?? false));
    },
  };
}

/** type 0 matches any type; the sub type only counts when match_sub_type is set. */
function eventTypeMatcher(field: string, values: readonly unknown[]): CompiledField {
  const wanted = objects<EventTypeFilterInput>(field, values).map((t) => ({
    type: t.type ?? 0,
    matchSub: t.match_sub_type ?? false,
    sub: t.sub_type ?? 0,
  }));
  return {
    cost: 1,
    test: (flow) => {
      const ev = flow.event_type;
      if (ev == null) return false;
      const type = ev.type ?? 0;
      const sub = ev.sub_type ?? 0;
      return wanted.some((w) => (w.type === 0 || w.type === type) && (!w.matchSub || w.sub === sub));
    },
  };
}

function nodeNameMatcher(field: string, values: readonly unknown[]): CompiledField {
  let re: RegExp;
  try {
    re = compileNodeNamePatterns(strings(field, values));
  } catch (err) {
    if (err instanceof PatternSyntaxError) throw new FilterError(field, values, err.message);
    throw err;
  }
  return {
    cost: 3,
    test: (flow) => {
      const name = flow.node_name ?? '';
      if (name === '') return false;
      return re.test(name.includes('/') ? name : `${DEFAULT_CLUSTER_NAME}/${name}`);
    },
  };
}

function exactStringMatcher(field: string, values: readonly unknown[], get: (flow: FilterableFlow) => string | null | undefined): CompiledField {
  const wanted = new Set(strings(field, values));
  return { cost: 1, test: (flow) => wanted.has(get(flow) ?? '') };
}

function uint64Text(field: string, value: unknown): string {
  const text = typeof value === 'object' && value !== null ? String(value) : String(value as string | number | bigint);
  if (!/^\d+$/.test(text)) throw new FilterError(field, value, 'expected an unsigned 64-bit integer');
  return BigInt(text).toString();
}

function ipTraceIdMatcher(field: string, values: readonly unknown[]): CompiledField {
  const wanted = new Set(values.map((v) => uint64Text(field, v)));
  return {
    cost: 1,
    test: (flow) => {
      const holder = flow.ip_trace_id;
      if (holder == null) return false;
      const id: Uint64Like = holder.trace_id ?? 0;
      return wanted.has(String(id));
    },
  };
}

/** An interface filter matches on index (when > 0) and name (when set). */
function interfaceMatcher(field: string, values: readonly unknown[]): CompiledField {
  const wanted = objects<{ index?: number | null; name?: string | null }>(field, values).map((i) => ({
    index: i.index ?? 0,
    name: i.name ?? '',
  }));
  return {
    cost: 1,
    test: (flow) => {
      const iface = flow.interface;
      if (iface == null) return false;
      return wanted.some((w) => (w.index === 0 || w.index === (iface.index ?? 0)) && (w.name === '' || w.name === (iface.name ?? '')));
    },
  };
}

// ---------------------------------------------------------------- the table

/** Every FlowFilter field we evaluate. Fields not listed here are refused (see compile.ts). */
export const FIELD_COMPILERS: Readonly<Record<string, FieldCompiler>> = {
  uuid: (v) => exactStringMatcher('uuid', v, (f) => f.uuid),
  source_ip: (v) => ipMatcher('source_ip', v, (f) => f.IP?.source),
  source_ip_xlated: (v) => ipMatcher('source_ip_xlated', v, (f) => f.IP?.source_xlated),
  destination_ip: (v) => ipMatcher('destination_ip', v, (f) => f.IP?.destination),
  source_pod: (v) => nameMatcher('source_pod', v, (f) => podOf(f.source)),
  destination_pod: (v) => nameMatcher('destination_pod', v, (f) => podOf(f.destination)),
  source_service: (v) => nameMatcher('source_service', v, (f) => f.source_service),
  destination_service: (v) => nameMatcher('destination_service', v, (f) => f.destination_service),
  source_fqdn: (v) => fqdnMatcher('source_fqdn', v, (f) => f.source_names),
  destination_fqdn: (v) => fqdnMatcher('destination_fqdn', v, (f) => f.destination_names),
  source_label: (v) => labelMatcher('source_label', v, (f) => f.source?.labels),
  destination_label: (v) => labelMatcher('destination_label', v, (f) => f.destination?.labels),
  node_labels: (v) => labelMatcher('node_labels', v, (f) => f.node_labels),
  source_identity: (v) => identityMatcher('source_identity', v, 'source'),
  destination_identity: (v) => identityMatcher('destination_identity', v, 'destination'),
  source_workload: (v) => workloadMatcher('source_workload', v, 'source'),
  destination_workload: (v) => workloadMatcher('destination_workload', v, 'destination'),
  source_cluster_name: (v) => clusterNameMatcher('source_cluster_name', v, 'source'),
  destination_cluster_name: (v) => clusterNameMatcher('destination_cluster_name', v, 'destination'),
  traffic_direction: trafficDirectionMatcher,
  verdict: verdictMatcher,
  drop_reason_desc: dropReasonMatcher,
  interface: (v) => interfaceMatcher('interface', v),
  event_type: (v) => eventTypeMatcher('event_type', v),
  http_status_code: (v, ff) => httpStatusMatcher('http_status_code', v, ff),
  http_method: (v, ff) => httpMethodMatcher('http_method', v, ff),
  http_path: (v, ff) => httpRegexMatcher('http_path', v, ff, requestPath),
  http_url: (v, ff) => httpRegexMatcher('http_url', v, ff, (url) => url),
  http_header: (v, ff) => httpHeaderMatcher('http_header', v, ff),
  protocol: (v) => protocolMatcher('protocol', v),
  source_port: (v) => portMatcher('source_port', v, 'source_port'),
  destination_port: (v) => portMatcher('destination_port', v, 'destination_port'),
  reply: (v) => replyMatcher('reply', v),
  dns_query: (v) => dnsQueryMatcher('dns_query', v),
  tcp_flags: (v) => tcpFlagsMatcher('tcp_flags', v),
  node_name: (v) => nodeNameMatcher('node_name', v),
  ip_version: ipVersionMatcher,
  trace_id: (v) => exactStringMatcher('trace_id', v, (f) => f.trace_context?.parent?.trace_id),
  ip_trace_id: (v) => ipTraceIdMatcher('ip_trace_id', v),
  encrypted: (v) => encryptedMatcher('encrypted', v),
};
