import type { ServiceMapOptions } from './types.js';

export interface ResolvedServiceMapOptions {
  windowMs: number;
  bucketMs: number;
  /** Buckets in the window. */
  buckets: number;
  /** Completed buckets the rate is computed over. */
  rateBuckets: number;
  rateWindowMs: number;
  maxNodes: number;
  maxEdges: number;
  /** Node slots kept back for 'more' nodes (the last one for `more:all`). */
  moreNodeReserve: number;
  /** Edge slots kept back for edges redirected to 'more' nodes (the last one for `more:all->more:all`). */
  moreEdgeReserve: number;
  maxPodsPerNode: number;
  maxLabelsPerNode: number;
  maxIpsPerNode: number;
  maxK8sNodesPerNode: number;
  maxPortsPerNode: number;
  maxPortsPerEdge: number;
  maxFoldedTracked: number;
  namespaces: ReadonlySet<string> | null;
  worldPeers: 'ip' | 'single';
  services: boolean;
}

export const SERVICE_MAP_DEFAULTS = {
  windowMs: 5 * 60_000,
  bucketMs: 10_000,
  rateWindowMs: 30_000,
  maxNodes: 2_000,
  maxEdges: 10_000,
  maxPodsPerNode: 64,
  maxLabelsPerNode: 32,
  maxIpsPerNode: 32,
  maxK8sNodesPerNode: 64,
  maxPortsPerNode: 32,
  maxPortsPerEdge: 16,
  maxFoldedTracked: 20_000,
} as const;

function positiveInteger(name: string, value: number | undefined, fallback: number, min = 1): number {
  const v = value ?? fallback;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min) {
    throw new RangeError(`service map option ${name} must be an integer ≥ ${min}, got ${String(value)}`);
  }
  return v;
}

/** Defaults filled in and checked; throws RangeError with the offending option named. */
export function resolveServiceMapOptions(options: ServiceMapOptions = {}): ResolvedServiceMapOptions {
  const d = SERVICE_MAP_DEFAULTS;
  const bucketMs = positiveInteger('bucketMs', options.bucketMs, d.bucketMs);
  const windowMs = positiveInteger('windowMs', options.windowMs, d.windowMs);
  const buckets = Math.ceil(windowMs / bucketMs);
  if (buckets < 2) {
    throw new RangeError(`service map window (${windowMs} ms) must hold at least two buckets of ${bucketMs} ms`);
  }
  const rateWindowMs = positiveInteger('rateWindowMs', options.rateWindowMs, d.rateWindowMs);
  // The rate reads completed buckets only, so it can span at most the window minus the current bucket.
  const rateBuckets = Math.min(buckets - 1, Math.max(1, Math.round(rateWindowMs / bucketMs)));
  const maxNodes = positiveInteger('maxNodes', options.maxNodes, d.maxNodes, 4);
  const maxEdges = positiveInteger('maxEdges', options.maxEdges, d.maxEdges, 4);
  const worldPeers = options.worldPeers ?? 'ip';
  if (worldPeers !== 'ip' && worldPeers !== 'single') {
    throw new RangeError(`service map option worldPeers must be 'ip' or 'single', got ${String(worldPeers)}`);
  }
  let namespaces: Set<string> | null = null;
  if (options.namespaces !== undefined) {
    if (!Array.isArray(options.namespaces) || options.namespaces.some((n) => typeof n !== 'string')) {
      throw new RangeError('service map option namespaces must be an array of strings');
    }
    if (options.namespaces.length > 0) namespaces = new Set(options.namespaces);
  }
  return {
    windowMs,
    bucketMs,
    buckets,
    rateBuckets,
    rateWindowMs: rateBuckets * bucketMs,
    maxNodes,
    maxEdges,
    moreNodeReserve: Math.min(32, Math.max(1, Math.floor(maxNodes / 10))),
    moreEdgeReserve: Math.min(256, Math.max(1, Math.floor(maxEdges / 20))),
    maxPodsPerNode: positiveInteger('maxPodsPerNode', options.maxPodsPerNode, d.maxPodsPerNode),
    maxLabelsPerNode: positiveInteger('maxLabelsPerNode', options.maxLabelsPerNode, d.maxLabelsPerNode),
    maxIpsPerNode: positiveInteger('maxIpsPerNode', options.maxIpsPerNode, d.maxIpsPerNode),
    maxK8sNodesPerNode: positiveInteger('maxK8sNodesPerNode', options.maxK8sNodesPerNode, d.maxK8sNodesPerNode),
    maxPortsPerNode: positiveInteger('maxPortsPerNode', options.maxPortsPerNode, d.maxPortsPerNode),
    maxPortsPerEdge: positiveInteger('maxPortsPerEdge', options.maxPortsPerEdge, d.maxPortsPerEdge),
    maxFoldedTracked: positiveInteger('maxFoldedTracked', options.maxFoldedTracked, d.maxFoldedTracked, 0),
    namespaces,
    worldPeers,
    services: options.services ?? true,
  };
}
