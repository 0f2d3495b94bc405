import type { flow } from '@starmap/proto';
import {
  compileFlowFilters,
  compileLocalFilter,
  emptyFilterState,
  filterFlagsToFlowFilters,
  filterStateFromText,
  filterStateToFlags,
  hasLocalOnlyFilters,
  type FilterState,
} from '@starmap/core';

/**
 * What a browser asked to see, split the way `hubble observe` would: FlowFilters the relay
 * applies (pushed down), and the rest (free text, DNS queries) applied here to what arrives.
 */
export interface FlowQuery {
  /** Same key, same relay stream: subscribers share it. */
  key: string;
  whitelist: flow.IFlowFilter[];
  blacklist: flow.IFlowFilter[];
  /** True when nothing is filtered at all (the relay source's own stream serves it). */
  everything: boolean;
  /** Relay-side filters re-checked locally (for maps fed by the unfiltered stream) plus the local-only part. */
  matches: (raw: flow.IFlow) => boolean;
  /** Only the local-only part (for flows that already passed the relay's filters). */
  matchesLocally: (raw: flow.IFlow) => boolean;
  state: FilterState;
}

/**
 * From the hubble-CLI filter text (`--namespace shop --verdict DROPPED`) and, when the text has
 * no namespace of its own, the namespaces chosen in the sidebar. Throws FilterArgsError/FilterError
 * with a message naming the flag.
 */
export function flowQuery(filterText: string | undefined, namespaces: readonly string[] = []): FlowQuery {
  const state = filterText && filterText.trim() ? filterStateFromText(filterText) : emptyFilterState();
  if (state.namespaces.length === 0 && namespaces.length > 0) state.namespaces = [...new Set(namespaces)].sort();
  const { whitelist, blacklist } = filterFlagsToFlowFilters(filterStateToFlags(state));
  const local = hasLocalOnlyFilters(state) ? compileLocalFilter(state) : null;
  const pushed = compileFlowFilters(whitelist, blacklist);
  const everything = whitelist.length === 0 && blacklist.length === 0 && local === null;
  return {
    key: JSON.stringify([whitelist, blacklist, local ? [state.text, state.dnsQueries] : null]),
    whitelist: whitelist as flow.IFlowFilter[],
    blacklist: blacklist as flow.IFlowFilter[],
    everything,
    matches: local ? (raw) => pushed(raw) && local(raw) : (raw) => pushed(raw),
    matchesLocally: local ?? (() => true),
    state,
  };
}
