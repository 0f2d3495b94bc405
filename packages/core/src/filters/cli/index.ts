export { FilterArgsError } from './errors.js';
export type { FilterArgsLocation } from './errors.js';
export { parseHubbleFilterArgs } from './parse.js';
export type { ParsedFilterArgs } from './parse.js';
export { formatHubbleFilterArgs, hubbleObserveCommand } from './format.js';
export type { HubbleObserveCommandOptions } from './format.js';
export { filterFlagsToFlowFilters, normalizeFilterFlags } from './build.js';
export { FILTER_FLAG_NAMES, OUTPUT_FORMATS } from './flags.js';
export type { FilterFlag, FilterFlagName, ObserveOptions, OutputFormat } from './flags.js';
export { RESERVED_IDENTITIES, EVENT_TYPES, TRACE_SUBTYPES, AGENT_SUBTYPES } from './monitor.js';
export { PROTOCOLS, VERDICT_NAMES } from './values.js';
export { shellQuote, tokenize } from './tokenize.js';
export type { Token } from './tokenize.js';
export {
  emptyFilterState,
  filterStateToFlags,
  flagsToFilterState,
  filterStateFromText,
  filterStateToText,
  compileLocalFilter,
  hasLocalOnlyFilters,
  LOCAL_ONLY_FILTER_FIELDS,
} from './state.js';
export type { FilterState } from './state.js';
