/**
 * What clicking a row of the drops panel does to the shared filter: it narrows the filter to the
 * drops that row counts (and a second click on the same row takes that part out again). The
 * flags are chosen so they combine with any namespace selection.
 */
import {
  DEFAULT_WORKLOAD_LABEL_KEYS,
  labelValue,
  OTHER_KEY,
  RESERVED_IDENTITIES,
  type FilterFlag,
  type FilterFlagName,
  type FlowEndpoint,
} from '@starmap/core';
import { cloneState, combinationError, sameFilter, type SharedFilter } from '../filters/filterModel';

export type DropDimension = 'reason' | 'namespace' | 'source' | 'destination' | 'node';

/** Keys that stand for a bucket of many, not something a filter can name. */
const UNFILTERABLE_KEYS = new Set([OTHER_KEY, '(unknown)', '']);

export function isFilterableKey(key: string): boolean {
  return !UNFILTERABLE_KEYS.has(key);
}

const NAMESPACE_LABEL = 'k8s:io.kubernetes.pod.namespace';
const IP_LIKE = /^(\d{1,3}(\.\d{1,3}){3}|[0-9a-f]*:[0-9a-f:.]*)$/i;
/** Kinds `workloadName` gives names it made up rather than read from the flow's `workloads`. */
const DERIVED_KINDS = new Set(['', 'reserved', 'fqdn', 'ip', 'cidr']);

type Side = 'from' | 'to';
const ENDPOINT_FLAGS = ['label', 'workload', 'pod', 'identity', 'ip', 'fqdn'] as const;

function sideFlag(side: Side, kind: (typeof ENDPOINT_FLAGS)[number]): FilterFlagName {
  return `${side}-${kind}` as FilterFlagName;
}

function flag(name: FilterFlagName, value: string): FilterFlag {
  return { flag: name, value, negated: false };
}

/**
 * Flags that select one endpoint of the drops panel (`namespace/workload`, a reserved identity,
 * a DNS name or an IP) on one side. `sample` is an endpoint seen with that key in the live flows,
 * so the flags match how its name was found: the flow's own workload, a naming label, or the
 * pod name.
 */
export function endpointFlags(side: Side, key: string, sample?: FlowEndpoint): FilterFlag[] {
  const slash = key.indexOf('/');
  if (slash > 0) {
    const namespace = key.slice(0, slash);
    const workload = key.slice(slash + 1);
    const inNamespace = flag(sideFlag(side, 'label'), `${NAMESPACE_LABEL}=${namespace}`);
    if (!sample || !DERIVED_KINDS.has(sample.workloadKind)) return [inNamespace, flag(sideFlag(side, 'workload'), workload)];
    for (const labelKey of DEFAULT_WORKLOAD_LABEL_KEYS) {
      if (labelValue(sample.labels, labelKey) === workload) return [inNamespace, flag(sideFlag(side, 'label'), `${labelKey}=${workload}`)];
    }
    // Named after its pods: a pod name prefix (which carries the namespace itself).
    return [flag(sideFlag(side, 'pod'), `${namespace}/${workload}`)];
  }
  if (Object.hasOwn(RESERVED_IDENTITIES, key) && (!sample || sample.reserved.includes(key) || sample.workloadKind === 'reserved')) {
    return [flag(sideFlag(side, 'identity'), key)];
  }
  if (sample?.ip === key || (!sample?.names.includes(key) && IP_LIKE.test(key))) return [flag(sideFlag(side, 'ip'), key)];
  return [flag(sideFlag(side, 'fqdn'), key)];
}

function sameFlag(a: FilterFlag, b: FilterFlag): boolean {
  return a.flag === b.flag && a.value === b.value && a.negated === b.negated;
}

function isEndpointFlag(f: FilterFlag, side: Side): boolean {
  return !f.negated && (ENDPOINT_FLAGS as readonly string[]).some((kind) => f.flag === sideFlag(side, kind as (typeof ENDPOINT_FLAGS)[number]));
}

/** The filter narrowed to one row (`sample`: a live endpoint for source/destination keys). */
export function narrowToRow(current: SharedFilter, dimension: DropDimension, key: string, sample?: FlowEndpoint): SharedFilter {
  const next: SharedFilter = { namespaces: [...current.namespaces], rest: cloneState(current.rest) };
  const rest = next.rest;
  if (dimension === 'reason') {
    rest.dropReasons = [key];
    return next;
  }
  // The other rows count drops only: keep the view on them.
  rest.verdicts = ['DROPPED'];
  if (dimension === 'namespace') next.namespaces = [key];
  else if (dimension === 'node') rest.nodes = [key];
  else {
    const side: Side = dimension === 'source' ? 'from' : 'to';
    rest.advanced = [...rest.advanced.filter((f) => !isEndpointFlag(f, side)), ...endpointFlags(side, key, sample)];
    // A pod name prefix names its namespace; upstream refuses it beside --namespace.
    if (combinationError(next)) next.namespaces = [];
  }
  return next;
}

/** True when the filter already narrows to this row (a click would change nothing). */
export function isRowActive(current: SharedFilter, dimension: DropDimension, key: string, sample?: FlowEndpoint): boolean {
  if (dimension === 'reason') return current.rest.dropReasons.length === 1 && current.rest.dropReasons[0] === key;
  if (dimension === 'namespace') return current.namespaces.length === 1 && current.namespaces[0] === key;
  if (dimension === 'node') return current.rest.nodes.length === 1 && current.rest.nodes[0] === key;
  return sameFilter(current, narrowToRow(current, dimension, key, sample));
}

/** The filter with this row's part taken out again (the second click on an active row). */
export function widenFromRow(current: SharedFilter, dimension: DropDimension, key: string, sample?: FlowEndpoint): SharedFilter {
  const next: SharedFilter = { namespaces: [...current.namespaces], rest: cloneState(current.rest) };
  if (dimension === 'reason') next.rest.dropReasons = next.rest.dropReasons.filter((r) => r !== key);
  else if (dimension === 'namespace') next.namespaces = next.namespaces.filter((n) => n !== key);
  else if (dimension === 'node') next.rest.nodes = next.rest.nodes.filter((n) => n !== key);
  else {
    const side: Side = dimension === 'source' ? 'from' : 'to';
    const own = endpointFlags(side, key, sample);
    next.rest.advanced = next.rest.advanced.filter((f) => !own.some((o) => sameFlag(f, o)));
  }
  return next;
}

/**
 * For each wanted key, a live endpoint the drops panel names so, preferring one seen in a
 * dropped flow. One pass over the flows, however many keys.
 */
export function sampleEndpoints(
  flows: readonly { verdict: string; source: FlowEndpoint; destination: FlowEndpoint }[],
  side: 'source' | 'destination',
  keys: ReadonlySet<string>,
  labelOf: (ep: FlowEndpoint) => string,
): Map<string, FlowEndpoint> {
  const found = new Map<string, FlowEndpoint>();
  const fromDrop = new Set<string>();
  for (const f of flows) {
    if (fromDrop.size === keys.size) break;
    const ep = f[side];
    const key = labelOf(ep);
    if (!keys.has(key) || fromDrop.has(key)) continue;
    if (f.verdict === 'DROPPED') {
      found.set(key, ep);
      fromDrop.add(key);
    } else if (!found.has(key)) found.set(key, ep);
  }
  return found;
}
