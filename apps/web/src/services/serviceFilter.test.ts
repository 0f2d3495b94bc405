import { describe, expect, it } from 'vitest';
import type { ServiceWithTraffic } from '@starmap/core';
import { countByType, filterServices, matchesSearch, namespacesOf, serviceKey, UNTYPED } from './serviceFilter';
import { realServices } from './serviceFixture';

const services = realServices();
const byId = (id: number) => {
  const s = services.find((x) => x.id === id);
  if (!s) throw new Error(`no service ${id} in the fixture`);
  return s;
};
const ids = (list: readonly ServiceWithTraffic[]) => list.map((s) => s.id);
const none = { namespaces: [], types: [], search: '' };

describe('search over the real service list', () => {
  it('matches names, namespace/name, frontend and backend addresses, node names', () => {
    expect(ids(filterServices(services, { ...none, search: 'kube-dns' }))).toEqual([5, 6, 7]);
    expect(ids(filterServices(services, { ...none, search: 'kube-system/hubble' }))).toEqual([12, 13, 14]);
    expect(ids(filterServices(services, { ...none, search: '10.96.0.10:53/udp' }))).toEqual([7]);
    // A backend address finds the frontends that send to it.
    expect(ids(filterServices(services, { ...none, search: '10.0.1.78' }))).toEqual([13]);
    expect(ids(filterServices(services, { ...none, search: 'k8s-master-n1' }))).toEqual([5, 6, 7, 12]);
  });

  it('needs every word to match, in any field and case', () => {
    expect(ids(filterServices(services, { ...none, search: 'KUBE-DNS  udp' }))).toEqual([7]);
    expect(ids(filterServices(services, { ...none, search: 'kube-dns nothing-here' }))).toEqual([]);
    expect(matchesSearch(byId(1), '   ')).toBe(true);
  });

  it('finds IPv6 frontends by their bare address inside the brackets', () => {
    const v6: ServiceWithTraffic = {
      ...byId(7),
      id: 99,
      frontend: { ...byId(7).frontend, ip: '2001:db8:10:96::a' },
      address: '[2001:db8:10:96::a]:53/UDP',
    };
    expect(matchesSearch(v6, '2001:db8:10:96::a')).toBe(true);
    expect(matchesSearch(v6, '[2001:db8:10:96::a]:53')).toBe(true);
  });
});

describe('namespace and type filters', () => {
  it('keeps only the chosen namespaces and types', () => {
    expect(ids(filterServices(services, { ...none, namespaces: ['default'] }))).toEqual([1]);
    expect(filterServices(services, { ...none, namespaces: ['kube-system'] })).toHaveLength(7);
    expect(filterServices(services, { ...none, types: ['NodePort'] })).toHaveLength(0);
    expect(filterServices(services, { ...none, types: ['ClusterIP'] })).toHaveLength(8);
    expect(ids(filterServices(services, { namespaces: ['kube-system'], types: ['ClusterIP'], search: 'relay' }))).toEqual([12]);
  });

  it('counts rows per type in documented order and files untyped frontends apart', () => {
    const mixed: ServiceWithTraffic[] = [
      { ...byId(1), type: 'LoadBalancer' },
      byId(5),
      { ...byId(6), type: null },
      { ...byId(7), type: 'NodePort' },
      { ...byId(12), type: 'NodePort' },
    ];
    expect(countByType(mixed)).toEqual([
      { type: 'ClusterIP', count: 1 },
      { type: 'NodePort', count: 2 },
      { type: 'LoadBalancer', count: 1 },
      { type: UNTYPED, count: 1 },
    ]);
    expect(ids(filterServices(mixed, { ...none, types: [UNTYPED] }))).toEqual([6]);
  });

  it('lists the namespaces that have frontends', () => {
    expect(namespacesOf(services)).toEqual(['default', 'kube-system']);
  });
});

describe('serviceKey', () => {
  it('uses the ID, or the frontend address when there is none', () => {
    expect(serviceKey(byId(7))).toBe('id:7');
    expect(serviceKey({ ...byId(7), id: null })).toBe('addr:10.96.0.10:53/UDP');
  });
});
