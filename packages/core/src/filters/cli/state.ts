/**
 * A structured form of the filter bar for the UI (chips, pickers) that converts to and from
 * hubble flags. Each list field is one upstream flag repeated (values OR, fields AND); flags
 * without a field of their own (negated ones, `--from-*`/`--to-*`, IPs, …) ride along in
 * `advanced`. `dnsQueries` and `text` have no `hubble observe` flag, so they are local-only:
 * the relay never sees them and `compileLocalFilter` applies them to the flows that arrive.
 */
import { compileFlowFilter } from '../compile.js';
import { dropReasonInfo } from '../../drops/catalogue.js';
import { Verdict } from '../enums.js';
import type { FilterableEndpoint, FilterableFlow, FlowPredicate } from '../types.js';
import { FilterArgsError } from './errors.js';
import type { FilterFlag, FilterFlagName } from './flags.js';
import { formatHubbleFilterArgs } from './format.js';
import { parseHubbleFilterArgs } from './parse.js';
import { isReservedIdentityName } from './values.js';

export interface FilterState {
  /** `--namespace`: flows from or to these namespaces. */
  namespaces: string[];
  /** `--pod`: `[namespace/]pod-name-prefix`, either side. */
  pods: string[];
  /** `--workload`: `[kind/]name`, either side. */
  workloads: string[];
  /** `--label`: label selectors, either side. */
  labels: string[];
  /** `--identity` with reserved identity names (`world`, `host`, `kube-apiserver`, …), either side. */
  reservedIdentities: string[];
  /** `--verdict`. */
  verdicts: string[];
  /** `--drop-reason-desc`: DropReason names. */
  dropReasons: string[];
  /** `--protocol`. */
  protocols: string[];
  /** `--port`: source or destination port. */
  ports: string[];
  /** `--to-port`: destination port. */
  toPorts: string[];
  /** `--traffic-direction`: ingress / egress. */
  directions: string[];
  /** `--node-name` patterns. */
  nodes: string[];
  /** `--http-status`: codes or prefixes such as `5+`. */
  httpStatus: string[];
  /** `--http-method`. */
  httpMethods: string[];
  /** `--http-path` regexes. */
  httpPaths: string[];
  /** `--http-url` regexes. */
  httpUrls: string[];
  /** Local-only: DNS query regexes (hubble observe has no flag for them). */
  dnsQueries: string[];
  /** Local-only: free-text words, all of which must occur in the flow. */
  text: string;
  /** Every other flag, in order. */
  advanced: FilterFlag[];
}

type ListField = Exclude<keyof FilterState, 'text' | 'advanced' | 'dnsQueries'>;

/** State list fields and their flags, in the order `filterStateToFlags` writes them. */
const STATE_FLAGS: readonly (readonly [ListField, FilterFlagName])[] = [
  ['namespaces', 'namespace'],
  ['pods', 'pod'],
  ['workloads', 'workload'],
  ['labels', 'label'],
  ['reservedIdentities', 'identity'],
  ['verdicts', 'verdict'],
  ['dropReasons', 'drop-reason-desc'],
  ['protocols', 'protocol'],
  ['ports', 'port'],
  ['toPorts', 'to-port'],
  ['directions', 'traffic-direction'],
  ['nodes', 'node-name'],
  ['httpStatus', 'http-status'],
  ['httpMethods', 'http-method'],
  ['httpPaths', 'http-path'],
  ['httpUrls', 'http-url'],
];

/** State fields the relay cannot filter, with why; the UI can badge them "filtered locally". */
export const LOCAL_ONLY_FILTER_FIELDS: Readonly<Partial<Record<keyof FilterState, string>>> = {
  dnsQueries: 'hubble observe has no DNS query flag',
  text: 'free text has no FlowFilter field',
};

export function emptyFilterState(): FilterState {
  const state = { dnsQueries: [], text: '', advanced: [] } as unknown as FilterState;
  for (const [field] of STATE_FLAGS) state[field] = [];
  return state;
}

/** The flags for a state (local-only fields are not flags). */
export function filterStateToFlags(state: FilterState): FilterFlag[] {
  const flags: FilterFlag[] = [];
  for (const [field, flag] of STATE_FLAGS) {
    for (const value of state[field] ?? []) flags.push({ flag, value, negated: false });
  }
  flags.push(...(state.advanced ?? []));
  return flags;
}

function belongsToState(flag: FilterFlag): ListField | undefined {
  if (flag.negated) return undefined;
  const entry = STATE_FLAGS.find(([, name]) => name === flag.flag);
  if (entry === undefined) return undefined;
  if (entry[0] === 'reservedIdentities' && !isReservedIdentityName(flag.value)) return undefined;
  return entry[0];
}

/** Sorts flags into a state; `text` words become its free text. */
export function flagsToFilterState(flags: readonly FilterFlag[], text: readonly string[] = []): FilterState {
  const state = emptyFilterState();
  for (const flag of flags) {
    const field = belongsToState(flag);
    if (field === undefined) state.advanced.push({ ...flag });
    else state[field].push(flag.value);
  }
  state.text = text.join(' ');
  return state;
}

/** Reads filter-bar text into a state (throws FilterArgsError like parseHubbleFilterArgs). */
export function filterStateFromText(text: string): FilterState {
  const parsed = parseHubbleFilterArgs(text);
  return flagsToFilterState(parsed.flags, parsed.text);
}

/** Canonical filter-bar text for a state. `dnsQueries` have no text form and are left out. */
export function filterStateToText(state: FilterState): string {
  const words = (state.text ?? '').split(/\s+/).filter((w) => w !== '');
  return formatHubbleFilterArgs(filterStateToFlags(state), words);
}

// ---------------------------------------------------------------- local filtering

const VERDICT_NAMES = new Map(Object.entries(Verdict).map(([name, n]) => [n, name]));

function endpointWords(ep: FilterableEndpoint | null | undefined, out: string[]): void {
  if (!ep) return;
  if (ep.namespace) out.push(ep.namespace);
  if (ep.pod_name) out.push(ep.pod_name, ep.namespace ? `${ep.namespace}/${ep.pod_name}` : ep.pod_name);
  for (const label of ep.labels ?? []) out.push(label);
  for (const w of ep.workloads ?? []) if (w.name) out.push(w.name);
  if (ep.cluster_name) out.push(ep.cluster_name);
}

/** The strings free text is searched in. */
function searchableText(flow: FilterableFlow): string {
  const out: string[] = [];
  endpointWords(flow.source, out);
  endpointWords(flow.destination, out);
  if (flow.IP?.source) out.push(flow.IP.source);
  if (flow.IP?.destination) out.push(flow.IP.destination);
  const ports = flow.l4?.TCP ?? flow.l4?.UDP ?? flow.l4?.SCTP;
  if (ports) out.push(String(ports.source_port ?? 0), String(ports.destination_port ?? 0));
  if (flow.node_name) out.push(flow.node_name);
  out.push(...(flow.source_names ?? []), ...(flow.destination_names ?? []));
  for (const svc of [flow.source_service, flow.destination_service]) {
    if (svc?.name) out.push(svc.namespace ? `${svc.namespace}/${svc.name}` : svc.name);
  }
  if (flow.l7?.dns?.query) out.push(flow.l7.dns.query);
  if (flow.l7?.http) out.push(flow.l7.http.method ?? '', flow.l7.http.url ?? '');
  const verdict = typeof flow.verdict === 'number' ? VERDICT_NAMES.get(flow.verdict as never) : flow.verdict;
  if (verdict) out.push(verdict);
  const reason = flow.drop_reason_desc;
  if (reason != null && reason !== 0) out.push(typeof reason === 'number' ? dropReasonInfo(reason).name : reason);
  return out.join('\n').toLowerCase();
}

/** True when the state has parts the relay cannot apply. */
export function hasLocalOnlyFilters(state: FilterState): boolean {
  return (state.dnsQueries ?? []).length > 0 || (state.text ?? '').trim() !== '';
}

/**
 * The predicate for a state's local-only parts: every DNS query regex list entry ORed (Hubble's
 * dns_query semantics) and every free-text word found, case-insensitively. Everything else is
 * for the relay (see filterFlagsToFlowFilters). Throws FilterArgsError for a bad DNS regex.
 */
export function compileLocalFilter(state: FilterState): FlowPredicate {
  const parts: FlowPredicate[] = [];
  const queries = state.dnsQueries ?? [];
  if (queries.length > 0) {
    try {
      parts.push(compileFlowFilter({ dns_query: queries }));
    } catch (err) {
      if (err instanceof Error) throw new FilterArgsError('dns query', queries, err.message);
      throw err;
    }
  }
  const terms = (state.text ?? '').toLowerCase().split(/\s+/).filter((t) => t !== '');
  if (terms.length > 0) {
    parts.push((flow) => {
      const haystack = searchableText(flow);
      return terms.every((t) => haystack.includes(t));
    });
  }
  if (parts.length === 0) return () => true;
  return (flow) => parts.every((p) => p(flow));
}
