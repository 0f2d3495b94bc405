import type { ServiceWithTraffic } from '@starmap/core';

/** Service types in the order Cilium documents them; unknown types the agent sends follow. */
export const KNOWN_SERVICE_TYPES = ['ClusterIP', 'NodePort', 'ExternalIPs', 'LoadBalancer', 'HostPort', 'LocalRedirect'] as const;

/** The label the table uses for a frontend the agent sent without a type. */
export const UNTYPED = '(no type)';

export interface ServiceFilter {
  /** Empty = every namespace. */
  namespaces: readonly string[];
  /** Empty = every type. */
  types: readonly string[];
  /** Free text; every word must match somewhere in the row. */
  search: string;
}

/** A key that survives table refreshes: Cilium's ID, or the frontend address when the agent sent none. */
export function serviceKey(service: ServiceWithTraffic): string {
  return service.id !== null ? `id:${service.id}` : `addr:${service.address}`;
}

export function serviceTypeOf(service: ServiceWithTraffic): string {
  return service.type ?? UNTYPED;
}

/** What a search word is compared with: names, addresses (Cilium-printed and bare IPs), ID, type, backend nodes. */
function searchableTexts(service: ServiceWithTraffic): string[] {
  const texts = [
    service.address,
    service.frontend.ip,
    serviceTypeOf(service),
    service.id !== null ? String(service.id) : '',
    service.name ?? '',
    service.namespace ?? '',
    service.name && service.namespace ? `${service.namespace}/${service.name}` : '',
  ];
  for (const backend of service.backends) {
    texts.push(backend.address, backend.ip, backend.nodeName ?? '');
  }
  return texts.filter((t) => t !== '').map((t) => t.toLowerCase());
}

export function matchesSearch(service: ServiceWithTraffic, search: string): boolean {
  const words = search.toLowerCase().split(/\s+/).filter((w) => w !== '');
  if (words.length === 0) return true;
  const texts = searchableTexts(service);
  return words.every((word) => texts.some((text) => text.includes(word)));
}

export function filterServices(services: readonly ServiceWithTraffic[], filter: ServiceFilter): ServiceWithTraffic[] {
  const namespaces = new Set(filter.namespaces);
  const types = new Set(filter.types);
  return services.filter(
    (s) =>
      (namespaces.size === 0 || namespaces.has(s.namespace ?? '')) &&
      (types.size === 0 || types.has(serviceTypeOf(s))) &&
      matchesSearch(s, filter.search),
  );
}

export interface TypeCount {
  type: string;
  count: number;
}

/** Every type present in `services` with its row count: known types in documented order, then the rest by name. */
export function countByType(services: readonly ServiceWithTraffic[]): TypeCount[] {
  const counts = new Map<string, number>();
  for (const s of services) {
    const type = serviceTypeOf(s);
    counts.set(type, (counts.get(type) ?? 0) + 1);
  }
  const known: readonly string[] = KNOWN_SERVICE_TYPES;
  const rank = (type: string) => (known.includes(type) ? known.indexOf(type) : known.length);
  return [...counts.entries()]
    .map(([type, count]) => ({ type, count }))
    .sort((a, b) => rank(a.type) - rank(b.type) || a.type.localeCompare(b.type));
}

/** Namespaces that have at least one frontend, sorted; frontends without one are not listed. */
export function namespacesOf(services: readonly ServiceWithTraffic[]): string[] {
  return [...new Set(services.map((s) => s.namespace).filter((ns): ns is string => ns !== null && ns !== ''))].sort();
}
