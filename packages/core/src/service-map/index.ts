export { ServiceMapAggregator } from './aggregator.js';
export { applyDelta, diffSnapshots, isEmptyDelta, ServiceMapSequenceError } from './apply-delta.js';
export { mergeSnapshots } from './merge.js';
export { LATENCY_BOUNDS_MS, quantileFromBins } from './latency.js';
export { SERVICE_MAP_DEFAULTS, resolveServiceMapOptions } from './options.js';
export type { ResolvedServiceMapOptions } from './options.js';
export type {
  DropReasonCount,
  L7Counters,
  LatencyBin,
  PortFlows,
  ServiceMapDelta,
  ServiceMapEdge,
  ServiceMapNode,
  ServiceMapNodeKind,
  ServiceMapOptions,
  ServiceMapSnapshot,
  ServiceMapStats,
  VerdictCounts,
} from './types.js';
export { FlowLocator } from './flow-locator.js';
export type { FlowLocatorOptions, FlowPlacement } from './flow-locator.js';
