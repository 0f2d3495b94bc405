/**
 * Hubble's FlowFilter semantics: a flow passes when it matches at least one whitelist filter (or
 * the whitelist is empty) and no blacklist filter. Inside one FlowFilter every set field must
 * match; inside one field any value may match. A FlowFilter with no field set matches every flow.
 *
 * Fields we cannot evaluate are refused with a FilterError rather than ignored, because ignoring
 * a field widens a whitelist filter (and narrows a blacklist) without telling anyone:
 *  - `experimental.cel_expression` (CEL programs; we have no CEL evaluator);
 *  - any property this module does not know (a newer proto field, or a misspelling).
 */
import { FilterError } from './errors.js';
import { FIELD_COMPILERS, type CompiledField } from './fields.js';
import type { FilterableFlow, FlowFilterInput, FlowPredicate } from './types.js';

/** Fields we know but refuse to evaluate, with the reason given to the caller. */
export const UNSUPPORTED_FILTER_FIELDS: Readonly<Record<string, string>> = {
  'experimental.cel_expression': 'CEL expressions are not supported by Starmap',
};

const matchAll: FlowPredicate = () => true;

function isUnset(value: unknown): boolean {
  return value == null || (Array.isArray(value) && value.length === 0);
}

/** Validates one FlowFilter and returns the predicate for it (all set fields must match). */
export function compileFlowFilter(filter: FlowFilterInput): FlowPredicate {
  if (typeof filter !== 'object' || filter === null || Array.isArray(filter)) {
    throw new FilterError('FlowFilter', filter, 'expected an object');
  }
  const parts: CompiledField[] = [];
  for (const [field, value] of Object.entries(filter)) {
    if (isUnset(value) || field.startsWith('$')) continue;
    if (field === 'experimental') {
      const cel = (value as { cel_expression?: unknown }).cel_expression;
      if (!isUnset(cel)) {
        throw new FilterError('experimental.cel_expression', cel, UNSUPPORTED_FILTER_FIELDS['experimental.cel_expression'] as string);
      }
      continue;
    }
    const compiler = FIELD_COMPILERS[field];
    if (!compiler) throw new FilterError(field, value, 'unknown or unsupported FlowFilter field');
    if (!Array.isArray(value)) throw new FilterError(field, value, 'expected a list of values');
    parts.push(compiler(value, filter));
  }
  if (parts.length === 0) return matchAll;
  parts.sort((a, b) => a.cost - b.cost);
  const tests = parts.map((p) => p.test);
  if (tests.length === 1) return tests[0] as FlowPredicate;
  return (flow) => {
    for (const t of tests) if (!t(flow)) return false;
    return true;
  };
}

function compileList(list: readonly FlowFilterInput[] | null | undefined, name: string): FlowPredicate[] {
  if (list == null) return [];
  if (!Array.isArray(list)) throw new FilterError(name, list, 'expected a list of FlowFilters');
  return list.map(compileFlowFilter);
}

/**
 * Validates both lists once and returns the matcher for the hot path. Throws FilterError on the
 * first bad value.
 */
export function compileFlowFilters(
  whitelist: readonly FlowFilterInput[] | null | undefined,
  blacklist: readonly FlowFilterInput[] | null | undefined,
): (flow: FilterableFlow) => boolean {
  const allow = compileList(whitelist, 'whitelist');
  const deny = compileList(blacklist, 'blacklist');
  if (allow.length === 0 && deny.length === 0) return matchAll;
  return (flow) => {
    if (allow.length > 0) {
      let allowed = false;
      for (const t of allow) {
        if (t(flow)) {
          allowed = true;
          break;
        }
      }
      if (!allowed) return false;
    }
    for (const t of deny) if (t(flow)) return false;
    return true;
  };
}

/** One-off check; compiles the filters on every call, so use compileFlowFilters in loops. */
export function matchFlowFilters(
  flow: FilterableFlow,
  whitelist: readonly FlowFilterInput[] | null | undefined,
  blacklist: readonly FlowFilterInput[] | null | undefined,
): boolean {
  return compileFlowFilters(whitelist, blacklist)(flow);
}
