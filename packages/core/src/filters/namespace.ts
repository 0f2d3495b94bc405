import type { flow } from '@starmap/proto';
import { FilterError } from './errors.js';

/**
 * The whitelist `hubble observe --namespace a --namespace b` sends: one filter selecting flows
 * *from* any pod in those namespaces, one selecting flows *to* them (the two are ORed).
 * No namespaces means no filter (everything passes).
 */
export function namespaceFilters(namespaces: readonly string[]): { whitelist: flow.IFlowFilter[] } {
  if (!Array.isArray(namespaces)) throw new FilterError('namespace', namespaces, 'expected a list of namespaces');
  if (namespaces.length === 0) return { whitelist: [] };
  const prefixes = namespaces.map((ns) => {
    if (typeof ns !== 'string' || ns === '' || ns.includes('/')) {
      throw new FilterError('namespace', ns, 'expected a non-empty namespace name without "/"');
    }
    return `${ns}/`;
  });
  return { whitelist: [{ source_pod: [...prefixes] }, { destination_pod: [...prefixes] }] };
}
