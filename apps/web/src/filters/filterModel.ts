/**
 * The one filter the map, the flows table and the drops panel share. It is kept in two parts:
 * the namespaces (the sidebar's selection, `?namespace=` in the URL) and everything else (the
 * `--flag value` text, `?filter=` in the URL). The filter bar shows both as one hubble-CLI line,
 * `--namespace` first, so what a user pastes in comes back out the same.
 */
import {
  FilterArgsError,
  filterStateFromText,
  filterStateToFlags,
  filterStateToText,
  flagsToFilterState,
  hubbleObserveCommand,
  parseHubbleFilterArgs,
  type FilterFlag,
  type FilterState,
} from '@starmap/core';

export const FILTER_PARAM = 'filter';

export interface SharedFilter {
  /** Selected namespaces, sorted (empty = all). */
  namespaces: string[];
  /** Every other part of the filter; its `namespaces` is always empty. */
  rest: FilterState;
}

function sortedUnique(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}

export function cloneState(state: FilterState): FilterState {
  return structuredClone(state);
}

/** A state read from text, its namespaces moved out to the sidebar's part. */
export function splitNamespaces(state: FilterState): SharedFilter {
  const rest = cloneState(state);
  rest.namespaces = [];
  return { namespaces: sortedUnique(state.namespaces), rest };
}

/** The whole filter as one state (what `hubble observe` would be given). */
export function joinedState(filter: SharedFilter): FilterState {
  const state = cloneState(filter.rest);
  state.namespaces = [...filter.namespaces];
  return state;
}

/** The filter bar's text: the whole filter, canonical. */
export function filterBarText(filter: SharedFilter): string {
  return filterStateToText(joinedState(filter));
}

/** What is sent to the server and kept in `?filter=`: the filter without its namespaces. */
export function restFilterText(filter: SharedFilter): string {
  return filterStateToText(filter.rest);
}

export function emptySharedFilter(): SharedFilter {
  return { namespaces: [], rest: filterStateFromText('') };
}

export function isEmptyFilter(filter: SharedFilter): boolean {
  return filter.namespaces.length === 0 && restFilterText(filter) === '';
}

/** Reads filter-bar text; a FilterArgsError names the flag and where it is in `text`. */
export function parseFilterText(text: string): { filter: SharedFilter; error: null } | { filter: null; error: FilterArgsError } {
  try {
    return { filter: splitNamespaces(filterStateFromText(text)), error: null };
  } catch (err) {
    if (err instanceof FilterArgsError) return { filter: null, error: err };
    if (err instanceof Error) return { filter: null, error: new FilterArgsError(null, text, err.message) };
    throw err;
  }
}

/**
 * Why the namespaces and the rest cannot go together (upstream refuses `--namespace` with
 * `--from-pod`, `--from-namespace`, …), or null when they can.
 */
export function combinationError(filter: SharedFilter): FilterArgsError | null {
  if (filter.namespaces.length === 0) return null;
  try {
    parseHubbleFilterArgs(filterBarText(filter));
    return null;
  } catch (err) {
    if (err instanceof FilterArgsError) return err;
    throw err;
  }
}

/** The `hubble observe` command line that shows the same live flows (free text has no flag and is left out). */
export function observeCommand(filter: SharedFilter): string {
  try {
    return hubbleObserveCommand(filterStateToFlags(joinedState(filter)), { follow: true });
  } catch (err) {
    if (err instanceof FilterArgsError) return `# cannot be written as a hubble command: ${err.message}`;
    throw err;
  }
}

export function sameFilter(a: SharedFilter, b: SharedFilter): boolean {
  return filterBarText(a) === filterBarText(b);
}

// ---------------------------------------------------------------- chips

export interface FilterChip {
  /** Stable within one filter: `flag:<index>` or `text`. */
  key: string;
  /** The flag as typed, e.g. `--to-port` or `--not --verdict`; 'text' for free text. */
  label: string;
  value: string;
  /** True for parts the relay cannot apply (Starmap filters them itself). */
  local: boolean;
}

function textWords(state: FilterState): string[] {
  return (state.text ?? '').split(/\s+/).filter((w) => w !== '');
}

/** One chip per flag of the whole filter, in the bar's order, then the free text. */
export function filterChips(filter: SharedFilter): FilterChip[] {
  const state = joinedState(filter);
  const chips: FilterChip[] = filterStateToFlags(state).map((flag, i) => ({
    key: `flag:${i}`,
    label: `${flag.negated ? '--not ' : ''}--${flag.flag}`,
    value: flag.value,
    local: false,
  }));
  const words = textWords(state);
  if (words.length > 0) chips.push({ key: 'text', label: 'text', value: words.join(' '), local: true });
  return chips;
}

/** The filter without one chip. */
export function removeChip(filter: SharedFilter, key: string): SharedFilter {
  const state = joinedState(filter);
  const flags: FilterFlag[] = filterStateToFlags(state);
  if (key === 'text') return splitNamespaces(flagsToFilterState(flags, []));
  const index = Number(key.slice('flag:'.length));
  if (!key.startsWith('flag:') || !Number.isInteger(index)) return filter;
  return splitNamespaces(flagsToFilterState(flags.filter((_, i) => i !== index), textWords(state)));
}

// ---------------------------------------------------------------- URL

/** The raw `?filter=` text ('' when absent). */
export function readFilterParam(search: string): string {
  return (new URLSearchParams(search).get(FILTER_PARAM) ?? '').trim();
}

/** `search` with `?filter=` replaced (left out when empty); other parameters are kept. */
export function writeFilterParam(search: string, text: string): string {
  const params = new URLSearchParams(search);
  if (text.trim() === '') params.delete(FILTER_PARAM);
  else params.set(FILTER_PARAM, text);
  const out = params.toString();
  return out ? `?${out}` : '';
}

export interface FilterFromUrl {
  filter: SharedFilter;
  /** The `?filter=` text when it could not be used (the filter starts empty, the bar shows why). */
  rejected: { text: string; error: FilterArgsError } | null;
}

/**
 * The filter a URL asks for: `?namespace=` for the sidebar, `?filter=` for the rest. A filter
 * text with namespaces of its own wins over `?namespace=` (as upstream's `--namespace` does).
 */
export function filterFromUrl(search: string, sidebarNamespaces: readonly string[]): FilterFromUrl {
  const text = readFilterParam(search);
  const parsed = parseFilterText(text);
  if (parsed.error) return { filter: { namespaces: sortedUnique(sidebarNamespaces), rest: emptySharedFilter().rest }, rejected: { text, error: parsed.error } };
  const filter = parsed.filter.namespaces.length > 0 ? parsed.filter : { ...parsed.filter, namespaces: sortedUnique(sidebarNamespaces) };
  const conflict = combinationError(filter);
  if (conflict) return { filter: { namespaces: filter.namespaces, rest: emptySharedFilter().rest }, rejected: { text: filterBarText(filter), error: conflict } };
  return { filter, rejected: null };
}
