import { describe, expect, it } from 'vitest';
import { buildMapGraph, cardOf, islandIdOf, neighbourhood, searchNodes } from './mapGraph';
import { flowBetween, frontend, podOf, testFlows, testSnapshot } from './testMap';

const CARDS = { foldServices: false };

describe('map graph', () => {
  const snapshot = testSnapshot();

  it('puts namespaced nodes in their namespace island, cluster identities and outside peers in their own', () => {
    const graph = buildMapGraph(snapshot, [], [], CARDS);
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
    const byId = buildMapGraph(snapshot, ['shop/cart'], [], CARDS);
    expect(byId.nodes.map((n) => n.id)).not.toContain('shop/cart');
    expect(byId.edges.some((e) => e.source === 'shop/cart' || e.target === 'shop/cart')).toBe(false);
    expect(byId.hiddenNodes).toBe(1);
    const groups = buildMapGraph(snapshot, ['@world', '@cluster'], [], CARDS);
    expect(groups.islands.map((i) => i.id)).toEqual(['ns:kube-system', 'ns:shop']);
    expect(groups.hiddenNodes).toBe(2);
  });

  it('folds a service with one backend workload into that workload’s card, keeping the edge ids', () => {
    const graph = buildMapGraph(snapshot, [], []);
    expect(graph.nodes.map((n) => n.id)).not.toContain('svc:shop/cart');
    expect(graph.foldedInto.get('svc:shop/cart')).toBe('shop/cart');
    expect(graph.servicesOf.get('shop/cart')?.map((s) => s.id)).toEqual(['svc:shop/cart']);
    expect(graph.edges.find((e) => e.id === 'shop/frontend->svc:shop/cart')).toMatchObject({ source: 'shop/frontend', target: 'shop/cart', via: 'svc:shop/cart' });
    // The hop inside the card is not drawn.
    expect(graph.edges.some((e) => e.id === 'svc:shop/cart->shop/cart')).toBe(false);
    expect(graph.islands.find((i) => i.id === 'ns:shop')?.nodeCount).toBe(2);
  });

  it('keeps a service with several backends, or with none drawn, as a card of its own', () => {
    const service = { namespace: 'shop', name: 'api' };
    const flows = [
      ...testFlows(),
      flowBetween(frontend, podOf('shop', 'api-v1', 80, { service })),
      flowBetween(frontend, podOf('shop', 'api-v2', 80, { service })),
    ];
    const graph = buildMapGraph(testSnapshot(flows), [], []);
    expect(graph.nodes.map((n) => n.id)).toContain('svc:shop/api');
    expect(graph.edges.filter((e) => e.source === 'svc:shop/api').map((e) => e.target).sort()).toEqual(['shop/api-v1', 'shop/api-v2']);
  });

  it('finds cards by part of their name or id, or of a service folded into them', () => {
    const graph = buildMapGraph(snapshot, [], []);
    expect(searchNodes(graph, 'CART')).toEqual(['shop/cart']);
    expect(searchNodes(graph, 'kube-dns')).toEqual(['kube-system/coredns']);
    expect(searchNodes(graph, '  ')).toEqual([]);
    expect(cardOf(graph, 'svc:kube-system/kube-dns')).toBe('kube-system/coredns');
  });

  it("takes a card's neighbourhood to be the card, its edges and the cards at their other ends", () => {
    const cards = buildMapGraph(snapshot, [], [], CARDS);
    const hood = neighbourhood(cards, { kind: 'node', id: 'svc:shop/cart' })!;
    expect([...hood.nodes].sort()).toEqual(['shop/cart', 'shop/frontend', 'svc:shop/cart']);
    expect([...hood.edges].sort()).toEqual(['shop/frontend->svc:shop/cart', 'svc:shop/cart->shop/cart']);
    const folded = buildMapGraph(snapshot, [], []);
    expect([...neighbourhood(folded, { kind: 'node', id: 'svc:shop/cart' })!.nodes].sort()).toEqual(['shop/cart', 'shop/frontend']);
    expect(neighbourhood(folded, { kind: 'edge', id: 'missing' })).toBeNull();
  });
});
