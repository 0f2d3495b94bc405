/**
 * The `hubble observe` flags Starmap understands, with the FlowFilter field each one fills.
 * Facts from cilium/cilium hubble/cmd/observe/flows.go (flag names, short names, which flags take
 * no value) and flows_filter.go (which field each flag sets, and on which side).
 */
import type { FlowFilterInput } from '../types.js';
import * as v from './values.js';

/** Long names of the filter flags (without dashes). `--not` is not one: it sets `negated` on the next flag. */
export const FILTER_FLAG_NAMES = [
  'namespace', 'from-namespace', 'to-namespace',
  'all-namespaces', 'from-all-namespaces', 'to-all-namespaces',
  'pod', 'from-pod', 'to-pod',
  'label', 'from-label', 'to-label',
  'service', 'from-service', 'to-service',
  'workload', 'from-workload', 'to-workload',
  'identity', 'from-identity', 'to-identity',
  'ip', 'from-ip', 'to-ip', 'snat-ip',
  'fqdn', 'from-fqdn', 'to-fqdn',
  'port', 'from-port', 'to-port',
  'cluster', 'from-cluster', 'to-cluster',
  'verdict', 'drop-reason-desc', 'protocol', 'type', 'traffic-direction', 'tcp-flags',
  'ipv4', 'ipv6', 'ip-version',
  'http-status', 'http-method', 'http-path', 'http-url', 'http-header',
  'node-name', 'node-label', 'interface',
  'uuid', 'trace-id', 'ip-trace-id',
  'encrypted', 'unencrypted',
] as const;

export type FilterFlagName = (typeof FILTER_FLAG_NAMES)[number];

/** One filter flag as typed, value normalised. `negated` means it was preceded by `--not`. */
export interface FilterFlag {
  flag: FilterFlagName;
  /** The (normalised) value; '' for flags that take none (`--all-namespaces`, `--ipv4`, …). */
  value: string;
  negated: boolean;
}

type FieldName = keyof FlowFilterInput & string;

/** Where a flag lands in upstream's pair of filters (source-side "left", destination-side "right"). */
export type FlagTarget =
  /** The same field in both filters: the flag constrains every flow. */
  | { kind: 'both'; field: FieldName; toField: (value: string) => unknown }
  /** A source field in the left filter and a destination field in the right: either side may match. */
  | { kind: 'split'; left: FieldName; right: FieldName; toField: (value: string) => unknown }
  /** A namespace modifier, applied to pod/service fields when the filters are materialised. */
  | { kind: 'namespace'; which: 'ns' | 'srcNs' | 'dstNs' };

export interface FilterFlagSpec {
  name: FilterFlagName;
  short?: string;
  takesValue: boolean;
  /** Checks a value and returns its canonical spelling; throws ValueError. */
  normalize: (raw: string) => string;
  target: FlagTarget;
  /**
   * Check each value on its own by compiling the field, so errors point at the flag. Off for
   * pod/service names, which are only complete once namespaces are applied.
   */
  probe: boolean;
}

const same = (value: string) => value;
const asIs = (raw: string) => raw;
const noValue = () => '';

function both(field: FieldName, toField: (value: string) => unknown = same): FlagTarget {
  return { kind: 'both', field, toField };
}
function split(left: FieldName, right: FieldName, toField: (value: string) => unknown = same): FlagTarget {
  return { kind: 'split', left, right, toField };
}

type SpecInput = Omit<FilterFlagSpec, 'name' | 'takesValue' | 'normalize' | 'probe'> &
  Partial<Pick<FilterFlagSpec, 'takesValue' | 'normalize' | 'probe'>>;

const SPEC_INPUT: Record<FilterFlagName, SpecInput> = {
  namespace: { short: 'n', normalize: v.normalizeNamespace, target: { kind: 'namespace', which: 'ns' } },
  'from-namespace': { normalize: v.normalizeNamespace, target: { kind: 'namespace', which: 'srcNs' } },
  'to-namespace': { normalize: v.normalizeNamespace, target: { kind: 'namespace', which: 'dstNs' } },
  'all-namespaces': { short: 'A', takesValue: false, target: { kind: 'namespace', which: 'ns' } },
  'from-all-namespaces': { takesValue: false, target: { kind: 'namespace', which: 'srcNs' } },
  'to-all-namespaces': { takesValue: false, target: { kind: 'namespace', which: 'dstNs' } },

  pod: { target: split('source_pod', 'destination_pod'), probe: false },
  'from-pod': { target: both('source_pod'), probe: false },
  'to-pod': { target: both('destination_pod'), probe: false },

  label: { short: 'l', target: split('source_label', 'destination_label') },
  'from-label': { target: both('source_label') },
  'to-label': { target: both('destination_label') },

  service: { target: split('source_service', 'destination_service'), probe: false },
  'from-service': { target: both('source_service'), probe: false },
  'to-service': { target: both('destination_service'), probe: false },

  workload: { target: split('source_workload', 'destination_workload', v.workloadObject) },
  'from-workload': { target: both('source_workload', v.workloadObject) },
  'to-workload': { target: both('destination_workload', v.workloadObject) },

  identity: { normalize: v.normalizeIdentity, target: split('source_identity', 'destination_identity', v.identityNumber) },
  'from-identity': { normalize: v.normalizeIdentity, target: both('source_identity', v.identityNumber) },
  'to-identity': { normalize: v.normalizeIdentity, target: both('destination_identity', v.identityNumber) },

  ip: { target: split('source_ip', 'destination_ip') },
  'from-ip': { target: both('source_ip') },
  'to-ip': { target: both('destination_ip') },
  'snat-ip': { target: both('source_ip_xlated') },

  fqdn: { target: split('source_fqdn', 'destination_fqdn') },
  'from-fqdn': { target: both('source_fqdn') },
  'to-fqdn': { target: both('destination_fqdn') },

  port: { target: split('source_port', 'destination_port') },
  'from-port': { target: both('source_port') },
  'to-port': { target: both('destination_port') },

  cluster: { normalize: v.nonEmpty('cluster name'), target: split('source_cluster_name', 'destination_cluster_name') },
  'from-cluster': { normalize: v.nonEmpty('cluster name'), target: both('source_cluster_name') },
  'to-cluster': { normalize: v.nonEmpty('cluster name'), target: both('destination_cluster_name') },

  verdict: { normalize: v.normalizeVerdict, target: both('verdict', v.verdictNumber) },
  'drop-reason-desc': { normalize: v.normalizeDropReason, target: both('drop_reason_desc', v.dropReasonNumber) },
  protocol: { normalize: v.normalizeProtocol, target: both('protocol') },
  type: { short: 't', normalize: (raw) => v.parseEventType(raw).canonical, target: both('event_type', (value) => v.parseEventType(value).filter) },
  'traffic-direction': { normalize: v.normalizeTrafficDirection, target: both('traffic_direction', v.trafficDirectionNumber) },
  'tcp-flags': { normalize: v.normalizeTcpFlags, target: both('tcp_flags', v.tcpFlagsObject) },

  ipv4: { short: '4', takesValue: false, target: both('ip_version', () => v.ipVersionNumber('v4')) },
  ipv6: { short: '6', takesValue: false, target: both('ip_version', () => v.ipVersionNumber('v6')) },
  'ip-version': { normalize: v.normalizeIpVersion, target: both('ip_version', v.ipVersionNumber) },

  'http-status': { target: both('http_status_code') },
  'http-method': { normalize: v.nonEmpty('HTTP method'), target: both('http_method') },
  'http-path': { target: both('http_path') },
  'http-url': { target: both('http_url') },
  'http-header': { normalize: v.normalizeHttpHeader, target: both('http_header', v.httpHeaderObject) },

  'node-name': { target: both('node_name') },
  'node-label': { target: both('node_labels') },
  interface: { normalize: v.nonEmpty('interface name'), target: both('interface', (name) => ({ name })) },

  uuid: { normalize: v.nonEmpty('flow UUID'), target: both('uuid') },
  'trace-id': { normalize: v.nonEmpty('trace ID'), target: both('trace_id') },
  'ip-trace-id': { normalize: v.normalizeIpTraceId, target: both('ip_trace_id', v.ipTraceIdValue) },

  encrypted: { takesValue: false, target: both('encrypted', () => true) },
  unencrypted: { takesValue: false, target: both('encrypted', () => false) },
};

export const FILTER_FLAGS: ReadonlyMap<FilterFlagName, FilterFlagSpec> = new Map(
  FILTER_FLAG_NAMES.map((name) => {
    const input = SPEC_INPUT[name];
    const takesValue = input.takesValue ?? true;
    const spec: FilterFlagSpec = {
      ...input,
      name,
      takesValue,
      normalize: takesValue ? (input.normalize ?? asIs) : noValue,
      probe: input.probe ?? true,
    };
    return [name, spec];
  }),
);

export function isFilterFlagName(name: string): name is FilterFlagName {
  return FILTER_FLAGS.has(name as FilterFlagName);
}

/** Upstream flags we recognise but cannot honour, with the reason we give. */
export const UNSUPPORTED_FILTER_FLAGS: Readonly<Record<string, string>> = {
  'cel-expression': 'CEL expressions are not supported by Starmap',
  'ip-trace-option': 'IP trace option filters are not supported by Starmap',
};

// ---------------------------------------------------------------- non-filter options

export const OUTPUT_FORMATS = ['compact', 'dict', 'json', 'jsonpb', 'table', 'tab'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** The `hubble observe` options besides filters that a pasted command may carry. */
export interface ObserveOptions {
  follow?: boolean;
  /** Last N flows (per Hubble instance behind the relay). */
  last?: number;
  first?: number;
  all?: boolean;
  since?: string;
  until?: string;
  output?: OutputFormat;
  server?: string;
}

export interface OptionSpec {
  name: keyof ObserveOptions;
  short?: string;
  takesValue: boolean;
}

export const OPTION_FLAGS: ReadonlyMap<string, OptionSpec> = new Map(
  (
    [
      { name: 'follow', short: 'f', takesValue: false },
      { name: 'all', takesValue: false },
      { name: 'last', takesValue: true },
      { name: 'first', takesValue: true },
      { name: 'since', takesValue: true },
      { name: 'until', takesValue: true },
      { name: 'output', short: 'o', takesValue: true },
      { name: 'server', takesValue: true },
    ] satisfies OptionSpec[]
  ).map((spec) => [spec.name, spec]),
);

/** Other `hubble observe` options: real, but meaningless or unsafe in a filter bar. */
export const UNSUPPORTED_OPTIONS: ReadonlySet<string> = new Set([
  'allowlist', 'denylist', 'input-file', 'print-raw-filters', 'field-mask', 'use-default-field-masks',
  'numeric', 'ip-translation', 'color', 'time-format', 'print-node-name', 'print-policy-names',
  'silent-errors', 'config', 'debug', 'tls', 'tls-allow-insecure', 'tls-ca-cert-files', 'tls-client-cert-file',
  'tls-client-key-file', 'tls-server-name', 'timeout', 'request-timeout', 'port-forward', 'port-forward-port',
  'kube-context', 'kubeconfig', 'kube-namespace', 'basic-auth-username', 'basic-auth-password',
]);

/** Short flag letter → long name, over filters and options. */
export const SHORT_FLAGS: ReadonlyMap<string, string> = new Map([
  ...[...FILTER_FLAGS.values()].filter((s) => s.short).map((s) => [s.short as string, s.name] as const),
  ...[...OPTION_FLAGS.values()].filter((s) => s.short).map((s) => [s.short as string, s.name] as const),
]);
