export { FilterError } from './errors.js';
export { compileFlowFilter, compileFlowFilters, matchFlowFilters, UNSUPPORTED_FILTER_FIELDS } from './compile.js';
export { namespaceFilters } from './namespace.js';
export { parseLabelSelector, parseCiliumLabel } from './labels.js';
export type { LabelRequirement, LabelOperator, ParsedLabel } from './labels.js';
export type {
  FilterableFlow,
  FilterableEndpoint,
  FilterableService,
  FilterableTCPFlags,
  FlowFilterInput,
  FlowPredicate,
  WorkloadFilterInput,
  EventTypeFilterInput,
} from './types.js';
export * from './cli/index.js';
