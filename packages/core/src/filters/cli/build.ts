/**
 * Turns filter flags into the whitelist/blacklist `hubble observe` would send, re-stating
 * upstream's filterTracker (cilium/cilium hubble/cmd/observe/flows_filter.go):
 *
 *  - flags after `--not` go to the blacklist, the rest to the whitelist; each list is built alike;
 *  - a list is a "left" (source-side) and a "right" (destination-side) FlowFilter, ORed;
 *  - directional flags (`--from-*`, `--to-*`, `--verdict`, `--protocol`, …) set their field in
 *    both, so they constrain every flow; non-directional ones (`--pod`, `--label`, `--ip`,
 *    `--port`, …) set the source field on the left and the destination field on the right;
 *  - repeating a flag adds values to the same field (OR); different flags AND;
 *  - namespaces are applied last: `--from-namespace`/`--to-namespace` qualify the source/
 *    destination pod and service names in both filters, `--namespace` the source names on the
 *    left and the destination names on the right (a missing pod name becomes `ns/`);
 *  - when left and right end up equal only one filter is sent;
 *  - flag pairs upstream refuses (`--ip` with `--from-ip`, `--port` with `--to-port`, …) and
 *    namespaces that contradict a `ns/name` pod or service are errors.
 */
import { compileFlowFilter } from '../compile.js';
import { FilterError } from '../errors.js';
import type { FlowFilterInput } from '../types.js';
import { FilterArgsError, type FilterArgsLocation } from './errors.js';
import { FILTER_FLAGS, isFilterFlagName, type FilterFlag, type FilterFlagName, type FilterFlagSpec } from './flags.js';
import { ValueError } from './values.js';

/** A flag together with where it came from, for error messages. */
export interface LocatedFlag {
  flag: FilterFlag;
  where: FilterArgsLocation;
}

/** Groups of flags that cannot be combined in one list (upstream newFlowFilter's conflicts). */
const CONFLICT_GROUPS: readonly (readonly string[])[] = [
  ['from-fqdn', 'from-ip', 'ip', 'fqdn', 'from-namespace', 'namespace', 'from-all-namespaces', 'all-namespaces'],
  ['from-fqdn', 'from-ip', 'ip', 'fqdn', 'from-pod', 'pod'],
  ['to-fqdn', 'to-ip', 'ip', 'fqdn', 'to-namespace', 'namespace', 'to-all-namespaces', 'all-namespaces'],
  ['to-fqdn', 'to-ip', 'ip', 'fqdn', 'to-pod', 'pod'],
  ['to-pod', 'namespace', 'all-namespaces'],
  ['from-pod', 'namespace', 'all-namespaces'],
  ['to-service', 'namespace', 'all-namespaces'],
  ['from-service', 'namespace', 'all-namespaces'],
  ['label', 'from-label'],
  ['label', 'to-label'],
  ['service', 'from-service'],
  ['service', 'to-service'],
  ['port', 'to-port'],
  ['port', 'from-port'],
  ['identity', 'to-identity'],
  ['identity', 'from-identity'],
  ['workload', 'to-workload'],
  ['workload', 'from-workload'],
  ['encrypted', 'unencrypted'],
];

type MutableFilter = Record<string, unknown[]>;

function namespaceOf(name: string): string {
  const parts = name.split('/');
  return parts.length > 1 ? (parts[0] as string) : '';
}

/** Qualifies bare names with every namespace; names that already carry one stay as they are. */
function addNamespaces(names: readonly unknown[], namespaces: readonly string[]): unknown[] {
  if (namespaces.length === 0 || names.length === 0) return [...names];
  const out: string[] = [];
  for (const name of names as string[]) {
    if (name.includes('/')) out.push(name);
    else for (const ns of namespaces) out.push(`${ns}/${name}`);
  }
  return out;
}

function applyNamespaces(filter: MutableFilter, namespaces: readonly string[], side: 'source' | 'destination'): void {
  const podField = `${side}_pod`;
  const serviceField = `${side}_service`;
  if ((filter[podField]?.length ?? 0) === 0 && (filter[serviceField]?.length ?? 0) === 0) filter[podField] = [''];
  for (const field of [podField, serviceField]) {
    const names = filter[field];
    if (names !== undefined && names.length > 0) filter[field] = addNamespaces(names, namespaces);
  }
}

function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const sorted: Record<string, unknown> = {};
      for (const k of Object.keys(v).sort()) sorted[k] = (v as Record<string, unknown>)[k];
      return sorted;
    }
    return v;
  });
}

/** One of upstream's two filter lists under construction. */
class Tracker {
  left: MutableFilter | null = null;
  right: MutableFilter | null = null;
  ns: string[] = [];
  srcNs: string[] = [];
  dstNs: string[] = [];
  changed: FilterFlagName[] = [];
  /** The flags that went into this list, to blame when the result does not compile. */
  readonly sources: { spec: FilterFlagSpec; located: LocatedFlag }[] = [];

  private side(which: 'left' | 'right'): MutableFilter {
    return (this[which] ??= {});
  }

  private append(which: 'left' | 'right', field: string, value: unknown): void {
    const f = this.side(which);
    (f[field] ??= []).push(value);
  }

  set(spec: FilterFlagSpec, value: string, located: LocatedFlag): void {
    if (!this.changed.includes(spec.name)) this.changed.push(spec.name);
    this.checkConflicts(located);
    this.sources.push({ spec, located });
    const target = spec.target;
    if (target.kind === 'namespace') {
      this[target.which].push(spec.takesValue ? value : '');
    } else {
      // Each side gets its own value object, so the two filters never alias.
      this.append('left', target.kind === 'both' ? target.field : target.left, target.toField(value));
      this.append('right', target.kind === 'both' ? target.field : target.right, target.toField(value));
    }
    this.checkNamespaceConflicts(this.left, located);
    this.checkNamespaceConflicts(this.right, located);
  }

  private checkConflicts(located: LocatedFlag): void {
    for (const group of CONFLICT_GROUPS) {
      for (const flag of group) {
        if (!this.changed.includes(flag as FilterFlagName)) continue;
        for (const other of group) {
          if (other !== flag && this.changed.includes(other as FilterFlagName)) {
            throw new FilterArgsError(`--${located.flag.flag}`, located.flag.value, `filters --${flag} and --${other} cannot be combined`, located.where);
          }
        }
      }
    }
  }

  private checkNamespaceConflicts(filter: MutableFilter | null, located: LocatedFlag): void {
    if (filter === null) return;
    const fail = (reason: string) => {
      throw new FilterArgsError(`--${located.flag.flag}`, located.flag.value, reason, located.where);
    };
    const names = (field: string) => (filter[field] ?? []) as string[];
    const conflicts = (namespaces: readonly string[], list: readonly string[]) => {
      for (const ns of namespaces) {
        for (const name of list) {
          const nn = namespaceOf(name);
          if (nn !== '' && nn !== ns) fail(`namespace conflict: ${JSON.stringify(ns)} does not contain ${JSON.stringify(name)}`);
        }
      }
    };
    conflicts(this.ns, names('source_pod'));
    conflicts(this.ns, names('source_service'));
    conflicts(this.ns, names('destination_pod'));
    conflicts(this.ns, names('destination_service'));
    conflicts(this.srcNs, names('source_pod'));
    conflicts(this.srcNs, names('source_service'));
    conflicts(this.dstNs, names('destination_pod'));
    conflicts(this.dstNs, names('destination_service'));
    for (const side of ['source', 'destination']) {
      for (const pod of names(`${side}_pod`)) {
        const podNs = namespaceOf(pod);
        if (podNs === '') continue;
        for (const svc of names(`${side}_service`)) {
          if (namespaceOf(svc) !== podNs) fail(`namespace of service ${JSON.stringify(svc)} conflicts with pod ${JSON.stringify(pod)}`);
        }
      }
    }
  }

  /** upstream filterTracker.flowFilters() */
  materialize(): FlowFilterInput[] {
    if (this.left === null && this.right === null && this.ns.length === 0 && this.srcNs.length === 0 && this.dstNs.length === 0) {
      return [];
    }
    const left = this.left ?? {};
    const right = this.right ?? {};
    if (this.dstNs.length > 0) {
      applyNamespaces(left, this.dstNs, 'destination');
      applyNamespaces(right, this.dstNs, 'destination');
    }
    if (this.srcNs.length > 0) {
      applyNamespaces(left, this.srcNs, 'source');
      applyNamespaces(right, this.srcNs, 'source');
    }
    if (this.ns.length > 0) {
      applyNamespaces(left, this.ns, 'source');
      applyNamespaces(right, this.ns, 'destination');
    }
    const l = left as FlowFilterInput;
    const r = right as FlowFilterInput;
    return canonicalJson(l) === canonicalJson(r) ? [l] : [l, r];
  }
}

function flagLabel(flag: FilterFlag): string {
  return `--${flag.flag}`;
}

/** Validates and normalises one flag; throws FilterArgsError naming it. */
export function normalizeFlag(flag: FilterFlag, where: FilterArgsLocation): { spec: FilterFlagSpec; flag: FilterFlag } {
  if (typeof flag !== 'object' || flag === null || typeof flag.flag !== 'string' || !isFilterFlagName(flag.flag)) {
    const name = typeof flag === 'object' && flag !== null ? String((flag as { flag?: unknown }).flag) : String(flag);
    throw new FilterArgsError(`--${name}`, flag, 'unknown filter flag', where);
  }
  const spec = FILTER_FLAGS.get(flag.flag) as FilterFlagSpec;
  if (flag.value != null && typeof flag.value !== 'string') {
    throw new FilterArgsError(flagLabel(flag), flag.value, 'expected a string value', where);
  }
  const raw = flag.value ?? '';
  if (!spec.takesValue && raw !== '') {
    throw new FilterArgsError(flagLabel(flag), raw, 'takes no value', where);
  }
  let value: string;
  try {
    value = spec.normalize(raw);
  } catch (err) {
    if (err instanceof ValueError) throw new FilterArgsError(flagLabel(flag), raw, err.message, where);
    throw err;
  }
  if (spec.probe && spec.target.kind !== 'namespace') {
    probe(spec, value, flag, where);
  }
  return { spec, flag: { flag: flag.flag, value, negated: flag.negated === true } };
}

/** Compiles the flag's field on its own, so server-side validation errors name the flag. */
function probe(spec: FilterFlagSpec, value: string, flag: FilterFlag, where: FilterArgsLocation): void {
  const target = spec.target;
  if (target.kind === 'namespace') return;
  const field = target.kind === 'both' ? target.field : target.left;
  try {
    compileFlowFilter({ [field]: [target.toField(value)] } as FlowFilterInput);
  } catch (err) {
    if (err instanceof FilterError) throw new FilterArgsError(flagLabel(flag), value, stripPrefix(err), where);
    throw err;
  }
}

/** FilterError messages start with "invalid <field> filter <value>: "; keep the reason only. */
function stripPrefix(err: FilterError): string {
  const colon = err.message.indexOf(': ');
  return colon >= 0 ? err.message.slice(colon + 2) : err.message;
}

function fieldsOf(spec: FilterFlagSpec): string[] {
  const t = spec.target;
  if (t.kind === 'both') return [t.field];
  if (t.kind === 'split') return [t.left, t.right];
  return ['source_pod', 'destination_pod', 'source_service', 'destination_service'];
}

function compileOrBlame(filters: FlowFilterInput[], tracker: Tracker): void {
  for (const filter of filters) {
    try {
      compileFlowFilter(filter);
    } catch (err) {
      if (!(err instanceof FilterError)) throw err;
      const field = err.field.split('.')[0] as string;
      const culprit = tracker.sources.find((s) => fieldsOf(s.spec).includes(field)) ?? tracker.sources[0];
      const located = culprit?.located;
      let reason = stripPrefix(err);
      if (culprit && culprit.spec.target.kind === 'namespace' && !culprit.spec.takesValue) {
        // hubble turns a lone --*all-namespaces into the name "/", which Hubble's name filter refuses.
        reason += ` (hubble sends ${JSON.stringify(err.value)} for ${flagLabel(culprit.located.flag)} without a pod or service name)`;
      }
      throw new FilterArgsError(located ? flagLabel(located.flag) : null, err.value, reason, located?.where ?? {});
    }
  }
}

export interface BuiltFilters {
  whitelist: FlowFilterInput[];
  blacklist: FlowFilterInput[];
  /** The flags, normalised. */
  flags: FilterFlag[];
}

/** Builds and validates the filter lists for flags in command-line order. */
export function buildFilters(located: readonly LocatedFlag[]): BuiltFilters {
  const white = new Tracker();
  const black = new Tracker();
  const flags: FilterFlag[] = [];
  for (const item of located) {
    const { spec, flag } = normalizeFlag(item.flag, item.where);
    const normalized: LocatedFlag = { flag, where: item.where };
    (flag.negated ? black : white).set(spec, flag.value, normalized);
    flags.push(flag);
  }
  const whitelist = white.materialize();
  const blacklist = black.materialize();
  compileOrBlame(whitelist, white);
  compileOrBlame(blacklist, black);
  return { whitelist, blacklist, flags };
}

/**
 * The whitelist and blacklist `hubble observe` sends for these flags, built exactly as upstream
 * does. Throws FilterArgsError (a FilterError) for unknown flags, invalid values and refused
 * combinations; `flagIndex` on the error points at the offending entry.
 */
export function filterFlagsToFlowFilters(flags: readonly FilterFlag[]): { whitelist: FlowFilterInput[]; blacklist: FlowFilterInput[] } {
  if (!Array.isArray(flags)) throw new FilterArgsError(null, flags, 'expected a list of filter flags');
  const { whitelist, blacklist } = buildFilters(flags.map((flag, flagIndex) => ({ flag, where: { flagIndex } })));
  return { whitelist, blacklist };
}

/** The flags with canonical values, or a FilterArgsError. */
export function normalizeFilterFlags(flags: readonly FilterFlag[]): FilterFlag[] {
  if (!Array.isArray(flags)) throw new FilterArgsError(null, flags, 'expected a list of filter flags');
  return buildFilters(flags.map((flag, flagIndex) => ({ flag, where: { flagIndex } }))).flags;
}
