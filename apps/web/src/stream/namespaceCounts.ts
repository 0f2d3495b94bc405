import type { Flow } from '@starmap/core';

/** Flows per namespace, counting a flow once for each distinct namespace at either end (as a namespace filter matches). */
export function countFlowsByNamespace(flows: readonly Flow[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const flow of flows) {
    const src = flow.source.namespace;
    const dst = flow.destination.namespace;
    if (src) counts.set(src, (counts.get(src) ?? 0) + 1);
    if (dst && dst !== src) counts.set(dst, (counts.get(dst) ?? 0) + 1);
  }
  return counts;
}
