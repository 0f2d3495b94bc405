import { describe, expect, it } from 'vitest';
import { buildMapGraph, islandIdOf, neighbourhood, searchNodes } from './mapGraph';
import { testSnapshot } from './testMap';

describe('map graph', () => {
  const snapshot = testSnapshot();

  it('puts namespaced nodes in their namespace island, cluster identities and outside peers in their own', () => {
    const graph = buildMapGraph(snapshot, [], []);
    expect(graph.islands.map((i) => [i.id, i.title, i.nodeCount])).toEqual([
      ['ns:kube-system', 'kube-system', 2],
      ['ns:shop', 'shop', 3],
      ['~cluster', 'Cluster identities', 1],
      ['~world', 'Outside the cluster', 1],
    ]);
    expect(islandIdOf({ id: 'reserved:world', kind: 'reserved', namespace: '' })).toBe('~world');
    expect(islandIdOf({ id: 'more:ns:shop', kind: 'more', namespace: 'shop' })).toBe('ns:shop');
  });

  it('marks namespaces outside the selection as peers only', () => {
    const graph = buildMapGraph(snapshot, [], ['shop']);
    expect(graph.islands.find((i) => i.id === 'ns:kube-system')?.peersOnly).toBe(true);
    expect(graph.islands.find((i) => i.id === 'ns:shop')?.peersOnly).toBe(false);
  });

  it('leaves hidden nodes out, with their edges, by id or by group', () => {
    const byId = buildMapGraph(snapshot, ['svc:shop/cart'], []);
    expect(byId.nodes.map((n) => n.id)).not.toContain('svc:shop/cart');
    expect(byId.edges.some((e) => e.source === 'svc:shop/cart' || e.destination === 'svc:shop/cart')).toBe(false);
    expect(byId.hiddenNodes).toBe(1);
    const groups = buildMapGraph(snapshot, ['@world', '@cluster'], []);
    expect(groups.islands.map((i) => i.id)).toEqual(['ns:kube-system', 'ns:shop']);
    expect(groups.hiddenNodes).toBe(2);
  });

  it('finds nodes by part of their name or id', () => {
    expect(searchNodes(snapshot.nodes, 'CART')).toEqual(['shop/cart', 'svc:shop/cart']);
    expect(searchNodes(snapshot.nodes, '  ')).toEqual([]);
  });

  it("takes a node's neighbourhood to be the node, its edges and the nodes at their other ends", () => {
    const hood = neighbourhood(snapshot, { kind: 'node', id: 'svc:shop/cart' })!;
    expect([...hood.nodes].sort()).toEqual(['shop/cart', 'shop/frontend', 'svc:shop/cart']);
    expect([...hood.edges].sort()).toEqual(['shop/frontend->svc:shop/cart', 'svc:shop/cart->shop/cart']);
    expect(neighbourhood(snapshot, { kind: 'edge', id: 'missing' })).toBeNull();
  });
});
