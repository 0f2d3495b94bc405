import ELK from 'elkjs/lib/elk.bundled.js';
import { describe, expect, it } from 'vitest';
import { moveCard, moveIsland, overlaps } from './geometry';
import { computeLayout } from './mapLayout';
import type { LayoutGraph, LayoutResult, Point, Rect } from './types';

const elk = new ELK();

/**
 * A synthetic map shaped like the demo cluster: clients → service → backend in a few
 * namespaces, DNS to kube-system, peers outside the cluster.
 */
function demoLikeGraph(): LayoutGraph {
  const graph: LayoutGraph = { nodes: [], edges: [] };
  const node = (id: string, island: string, width = 208, height = 64) => graph.nodes.push({ id, island, width, height });
  const edge = (source: string, target: string, flows = 10) =>
    graph.edges.push({ id: `${source}->${target}`, source, target, labelWidth: 110, labelHeight: 18, flows });
  node('kube-system/coredns', 'ns:kube-system');
  node('svc:kube-system/kube-dns', 'ns:kube-system', 184, 48);
  edge('svc:kube-system/kube-dns', 'kube-system/coredns', 100);
  for (const [ns, clients, servers] of [
    ['cilium-test', ['pod-to-a', 'pod-to-a-allowed-cnp', 'pod-to-a-l3-denied-cnp', 'pod-to-b-intra-node', 'pod-to-b-multi-node-clusterip'], ['echo-a', 'echo-b']],
    ['shop', ['frontend', 'checkout'], ['cart', 'catalog', 'redis']],
  ] as const) {
    for (const s of servers) {
      node(`${ns}/${s}`, `ns:${ns}`);
      node(`svc:${ns}/${s}`, `ns:${ns}`, 184, 48);
      edge(`svc:${ns}/${s}`, `${ns}/${s}`);
    }
    clients.forEach((c, i) => {
      node(`${ns}/${c}`, `ns:${ns}`);
      edge(`${ns}/${c}`, `svc:${ns}/${servers[i % servers.length]}`, 5 + i);
      edge(`${ns}/${c}`, 'svc:kube-system/kube-dns', 3);
    });
  }
  node('monitoring/prometheus', 'ns:monitoring');
  node('reserved:host', '~cluster', 184, 48);
  node('reserved:remote-node', '~cluster', 184, 48);
  node('fqdn:www.google.com', '~world', 184, 48);
  node('ip:1.1.1.1', '~world', 184, 48);
  edge('monitoring/prometheus', 'reserved:host');
  edge('monitoring/prometheus', 'reserved:remote-node');
  edge('cilium-test/pod-to-a', 'fqdn:www.google.com');
  edge('cilium-test/pod-to-a', 'ip:1.1.1.1');
  return graph;
}

function absoluteCards(graph: LayoutGraph, result: LayoutResult): Map<string, Rect> {
  const out = new Map<string, Rect>();
  for (const n of graph.nodes) {
    const at = result.nodes[n.id];
    const island = result.islands[n.island];
    if (!at || !island) throw new Error(`${n.id} has no place`);
    out.set(n.id, { x: island.x + at.x, y: island.y + at.y, width: n.width, height: n.height });
  }
  return out;
}

function expectTidy(graph: LayoutGraph, result: LayoutResult): void {
  const cards = [...absoluteCards(graph, result)];
  for (let i = 0; i < cards.length; i++) {
    for (let j = i + 1; j < cards.length; j++) {
      expect(overlaps(cards[i]![1], cards[j]![1]), `${cards[i]![0]} overlaps ${cards[j]![0]}`).toBe(false);
    }
  }
  for (const n of graph.nodes) {
    const box = result.islands[n.island]!;
    const card = absoluteCards(graph, result).get(n.id)!;
    expect(card.x >= box.x && card.y >= box.y && card.x + card.width <= box.x + box.width && card.y + card.height <= box.y + box.height, `${n.id} inside ${n.island}`).toBe(true);
  }
  // Route labels must be readable: none on a card.
  const edgeById = new Map(graph.edges.map((e) => [e.id, e]));
  for (const [id, route] of Object.entries(result.routes)) {
    const edge = edgeById.get(id);
    const island = result.islands[route.island];
    if (!edge || !route.label || !island) continue;
    const box = { x: island.x + route.label.x - edge.labelWidth / 2, y: island.y + route.label.y - edge.labelHeight / 2, width: edge.labelWidth, height: edge.labelHeight };
    for (const [cardId, card] of cards) expect(overlaps(box, card), `label of ${id} on ${cardId}`).toBe(false);
  }
  const islands = Object.entries(result.islands);
  for (let i = 0; i < islands.length; i++) {
    for (let j = i + 1; j < islands.length; j++) {
      expect(overlaps(islands[i]![1], islands[j]![1]), `${islands[i]![0]} overlaps ${islands[j]![0]}`).toBe(false);
    }
  }
}

const at = (r: Rect): Point => ({ x: r.x, y: r.y });

describe('map layout', () => {
  it('lays out every card without overlaps, inside its island, islands apart', async () => {
    const graph = demoLikeGraph();
    const { result, engineNodes } = await computeLayout(elk, { mode: 'full', graph, previous: null, aspect: 1.5 });
    expect(engineNodes).toBe(graph.nodes.length);
    expectTidy(graph, result);
    expect(Object.keys(result.islands).sort()).toEqual(['ns:cilium-test', 'ns:kube-system', 'ns:monitoring', 'ns:shop', '~cluster', '~world']);
  });

  it('draws edges inside an island left to right, clients before the services they call', async () => {
    const graph = demoLikeGraph();
    const { result } = await computeLayout(elk, { mode: 'full', graph, previous: null, aspect: 1.5 });
    expect(result.nodes['shop/frontend']!.x).toBeLessThan(result.nodes['svc:shop/cart']!.x);
    expect(result.nodes['svc:shop/cart']!.x).toBeLessThan(result.nodes['shop/cart']!.x);
    const route = result.routes['svc:shop/cart->shop/cart']!;
    expect(route.island).toBe('ns:shop');
    expect(route.points.length).toBeGreaterThanOrEqual(2);
    expect(route.label).not.toBeNull();
    // No route for an edge between islands: it is drawn between the cards as they stand.
    expect(result.routes['shop/frontend->svc:kube-system/kube-dns']).toBeUndefined();
  });

  it('breaks a cycle against its quietest edge, so the main traffic still runs left to right', async () => {
    const nodes = ['shop/server', 'svc:shop/server', 'shop/client'].map((id) => ({ id, island: 'ns:shop', width: 208, height: 64 }));
    const edge = (source: string, target: string, flows: number) => ({ id: `${source}->${target}`, source, target, labelWidth: 90, labelHeight: 18, flows });
    // A handful of stray flows drawn server → client (as socket-level traces can be) close a cycle.
    const graph = { nodes, edges: [edge('shop/server', 'shop/client', 2), edge('shop/client', 'svc:shop/server', 300), edge('svc:shop/server', 'shop/server', 300)] };
    const { result } = await computeLayout(elk, { mode: 'full', graph, previous: null, aspect: 1.5 });
    expect(result.nodes['shop/client']!.x).toBeLessThan(result.nodes['svc:shop/server']!.x);
    expect(result.nodes['svc:shop/server']!.x).toBeLessThan(result.nodes['shop/server']!.x);
  });

  it('adds a card next to the neighbour it talks to without moving any card already on screen', async () => {
    const graph = demoLikeGraph();
    const first = await computeLayout(elk, { mode: 'full', graph, previous: null, aspect: 1.5 });
    const before = absoluteCards(graph, first.result);

    graph.nodes.push({ id: 'shop/payments', island: 'ns:shop', width: 208, height: 64 });
    graph.edges.push({ id: 'shop/checkout->shop/payments', source: 'shop/checkout', target: 'shop/payments', labelWidth: 110, labelHeight: 18, flows: 4 });
    const second = await computeLayout(elk, { mode: 'update', graph, previous: first.result, aspect: 1.5 });
    expect(second.engineNodes).toBe(0);
    expectTidy(graph, second.result);
    const after = absoluteCards(graph, second.result);
    for (const [id, rect] of before) {
      if (id.startsWith('shop/') || id.startsWith('svc:shop/')) expect(at(after.get(id)!), id).toEqual(at(rect));
    }
    // Other islands may have moved aside as a whole, but not rearranged.
    for (const [id, rect] of Object.entries(first.result.nodes)) expect(second.result.nodes[id], id).toMatchObject({ x: rect.x, y: rect.y } as Point);
    const checkout = after.get('shop/checkout')!;
    const payments = after.get('shop/payments')!;
    expect(payments.x).toBeGreaterThan(checkout.x + checkout.width);
    expect(payments.x - (checkout.x + checkout.width)).toBeLessThan(300);
  });

  it('puts a new card in its neighbour’s column, growing the island downwards rather than into the island beside it', async () => {
    const card = (x: number, y: number, island: string) => ({ x, y, island });
    const previous: LayoutResult = {
      islands: { 'ns:a': { x: 0, y: 0, width: 1000, height: 124 }, 'ns:b': { x: 1040, y: 0, width: 300, height: 124 } },
      nodes: { 'a/client': card(18, 44, 'ns:a'), 'a/server': card(394, 44, 'ns:a'), 'a/cache': card(782, 44, 'ns:a'), 'b/x': card(18, 44, 'ns:b') },
      routes: {},
    };
    const node = (id: string, island: string) => ({ id, island, width: 200, height: 62 });
    const edge = (source: string, target: string) => ({ id: `${source}->${target}`, source, target, labelWidth: 80, labelHeight: 30, flows: 1 });
    const graph: LayoutGraph = {
      nodes: [node('a/client', 'ns:a'), node('a/server', 'ns:a'), node('a/cache', 'ns:a'), node('b/x', 'ns:b'), node('a/db', 'ns:a')],
      edges: [edge('a/client', 'a/server'), edge('a/server', 'a/cache'), edge('a/server', 'a/db')],
    };
    const { result } = await computeLayout(elk, { mode: 'update', graph, previous, aspect: 1.5 });
    expect(result.nodes['a/db']).toMatchObject({ x: 782 });
    expect(result.nodes['a/db']!.y).toBeGreaterThan(100);
    expect(result.islands['ns:b']).toEqual(previous.islands['ns:b']);
    expect(result.islands['ns:a']).toMatchObject({ x: 0, y: 0, width: 1000 });
    expectTidy(graph, result);
  });

  it('fills a free spot of a column before growing the island', async () => {
    const card = (x: number, y: number) => ({ x, y, island: 'ns:a' });
    const previous: LayoutResult = {
      islands: { 'ns:a': { x: 0, y: 0, width: 632, height: 204 } },
      nodes: { 'a/one': card(18, 44), 'a/two': card(18, 124), 'a/three': card(414, 44) },
      routes: {},
    };
    const node = (id: string) => ({ id, island: 'ns:a', width: 200, height: 62 });
    const graph: LayoutGraph = { nodes: ['a/one', 'a/two', 'a/three', 'a/lonely'].map(node), edges: [] };
    const { result } = await computeLayout(elk, { mode: 'update', graph, previous, aspect: 1.5 });
    expect(result.nodes['a/lonely']).toMatchObject({ x: 414, y: 124 });
    expect(result.islands['ns:a']).toEqual(previous.islands['ns:a']);
  });

  it('places a new namespace in free space and leaves the other islands where they were', async () => {
    const graph = demoLikeGraph();
    const first = await computeLayout(elk, { mode: 'full', graph, previous: null, aspect: 1.5 });
    graph.nodes.push({ id: 'bank/api', island: 'ns:bank', width: 208, height: 64 }, { id: 'bank/db', island: 'ns:bank', width: 208, height: 64 });
    graph.edges.push({ id: 'bank/api->bank/db', source: 'bank/api', target: 'bank/db', labelWidth: 110, labelHeight: 18, flows: 1 });
    const second = await computeLayout(elk, { mode: 'update', graph, previous: first.result, aspect: 1.5 });
    expect(second.engineNodes).toBe(2);
    expectTidy(graph, second.result);
    for (const [id, box] of Object.entries(first.result.islands)) expect(second.result.islands[id], id).toEqual(box);
  });

  it('keeps what is left in place when cards go away, and shrinks their island around the rest', async () => {
    const graph = demoLikeGraph();
    const first = await computeLayout(elk, { mode: 'full', graph, previous: null, aspect: 1.5 });
    const before = absoluteCards(graph, first.result);
    const gone = new Set(['cilium-test/pod-to-a', 'cilium-test/pod-to-a-allowed-cnp']);
    graph.nodes = graph.nodes.filter((n) => !gone.has(n.id));
    graph.edges = graph.edges.filter((e) => !gone.has(e.source) && !gone.has(e.target));
    const second = await computeLayout(elk, { mode: 'update', graph, previous: first.result, aspect: 1.5 });
    expectTidy(graph, second.result);
    for (const [id, rect] of absoluteCards(graph, second.result)) expect(at(rect), id).toEqual(at(before.get(id)!));
    const box = (r: LayoutResult) => r.islands['ns:cilium-test']!;
    expect(box(second.result).width * box(second.result).height).toBeLessThanOrEqual(box(first.result).width * box(first.result).height);
  });

  it('keeps a card where the user dropped it through later updates', async () => {
    const graph = demoLikeGraph();
    const first = await computeLayout(elk, { mode: 'full', graph, previous: null, aspect: 1.5 });
    const sizes = new Map(graph.nodes.map((n) => [n.id, { width: n.width, height: n.height }]));
    const start = first.result.nodes['shop/redis']!;
    const moved = moveCard(first.result, 'shop/redis', { x: start.x + 40, y: start.y + 300 }, sizes);
    const dropped = absoluteCards(graph, moved).get('shop/redis')!;
    expectTidy(graph, moved);
    graph.nodes.push({ id: 'shop/ads', island: 'ns:shop', width: 208, height: 64 });
    graph.edges.push({ id: 'shop/frontend->shop/ads', source: 'shop/frontend', target: 'shop/ads', labelWidth: 110, labelHeight: 18, flows: 1 });
    const next = await computeLayout(elk, { mode: 'update', graph, previous: moved, aspect: 1.5 });
    expect(at(absoluteCards(graph, next.result).get('shop/redis')!)).toEqual(at(dropped));
    expectTidy(graph, next.result);
  });

  it('pushes islands aside when the user drops one onto another', async () => {
    const graph = demoLikeGraph();
    const first = await computeLayout(elk, { mode: 'full', graph, previous: null, aspect: 1.5 });
    const target = first.result.islands['ns:shop']!;
    const moved = moveIsland(first.result, 'ns:monitoring', { x: target.x + 10, y: target.y + 10 });
    expect(moved.islands['ns:monitoring']).toMatchObject({ x: target.x + 10, y: target.y + 10 });
    expectTidy(graph, moved);
  });

  it('packs a namespace of a thousand workloads without the layered layout, compactly', async () => {
    const graph: LayoutGraph = { nodes: [], edges: [] };
    for (let i = 0; i < 1_000; i++) graph.nodes.push({ id: `big/w${i}`, island: 'ns:big', width: 208, height: 64 });
    for (let i = 1; i < 1_000; i++) graph.edges.push({ id: `big/w${i}->big/w0`, source: `big/w${i}`, target: 'big/w0', labelWidth: 100, labelHeight: 18, flows: 1 });
    const { result } = await computeLayout(elk, { mode: 'full', graph, previous: null, aspect: 1.6 });
    const box = result.islands['ns:big']!;
    // A layered drawing would stack 999 clients in one column, some 80,000 px tall.
    expect(box.height).toBeLessThan(box.width * 2);
    expect(Object.keys(result.nodes)).toHaveLength(1_000);
    expect(Object.keys(result.routes)).toHaveLength(0);
  });
});
