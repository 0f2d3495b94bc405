import ELK from 'elkjs/lib/elk.bundled.js';
import { describe, expect, it } from 'vitest';
import { edgeLabel } from './edgeStyle';
import { escapeXml, exportFileName, mapToSvg } from './exportMap';
import { computeLayout } from './layout/mapLayout';
import { buildMapGraph, cardSize } from './mapGraph';
import { flowBetween, podOf, testFlows, testSnapshot } from './testMap';

async function laidOut(hidden: string[] = []) {
  const snapshot = testSnapshot([...testFlows(), flowBetween(podOf('shop', 'a<b&c', 1), podOf('shop', 'cart', 7070))]);
  const graph = buildMapGraph(snapshot, hidden, []);
  const { result } = await computeLayout(new ELK(), {
    mode: 'full',
    aspect: 1.5,
    previous: null,
    graph: {
      nodes: graph.nodes.map((n) => ({ id: n.id, island: graph.islandOf.get(n.id)!, ...cardSize(n.kind) })),
      edges: graph.edges.map((e) => ({ id: e.id, source: e.source, target: e.target, labelWidth: 100, labelHeight: 18, flows: e.edge.flows })),
    },
  });
  return { graph, layout: result };
}

describe('SVG export', () => {
  it('draws every island, card and edge of the map, with labels and drop counts', async () => {
    const { graph, layout } = await laidOut();
    const out = mapToSvg(graph, layout, { title: 'Service map', subtitle: 'all namespaces' })!;
    expect(out.svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(out.svg.endsWith('</svg>')).toBe(true);
    for (const node of graph.nodes) expect(out.svg).toContain(`data-node-id="${escapeXml(node.id)}"`);
    expect(out.svg.match(/<path d=/g)).toHaveLength(graph.edges.length);
    for (const island of graph.islands) expect(out.svg).toContain(`>${island.title}<`);
    const dropped = graph.edges.find((e) => e.id === 'shop/frontend->svc:shop/cart')!;
    expect(out.svg).toContain(`>${edgeLabel(dropped.edge).port}<`);
    expect(out.svg).toContain(`>${edgeLabel(dropped.edge).volume}  ✕ 3<`);
    // The folded service shows on its backend's card.
    expect(out.svg).toContain('svc cart');
    expect(out.svg).toContain('marker-end="url(#arrow-mixed)"');
  });

  it('escapes names, so odd workload names cannot break the document', async () => {
    const { graph, layout } = await laidOut();
    const out = mapToSvg(graph, layout, { title: 'a & b', subtitle: '<x>' })!;
    expect(out.svg).toContain('a&lt;b&amp;c');
    expect(out.svg).not.toContain('a<b&c');
    expect(out.svg).toContain('>a &amp; b<');
  });

  it('is as large as the laid-out map plus its margins and heading', async () => {
    const { graph, layout } = await laidOut();
    const out = mapToSvg(graph, layout, { title: '', subtitle: '' })!;
    const xs = Object.values(layout.islands).map((b) => [b.x, b.x + b.width]).flat();
    const ys = Object.values(layout.islands).map((b) => [b.y, b.y + b.height]).flat();
    expect(out.width).toBe(Math.ceil(Math.max(...xs) - Math.min(...xs) + 48));
    expect(out.height).toBe(Math.ceil(Math.max(...ys) - Math.min(...ys) + 48 + 46));
  });

  it('returns nothing for an empty layout', () => {
    expect(mapToSvg(buildMapGraph(testSnapshot([]), [], []), { islands: {}, nodes: {}, routes: {} }, { title: '', subtitle: '' })).toBeNull();
  });

  it('names files after the namespaces and the time', () => {
    const now = new Date(Date.UTC(2024, 4, 1, 10, 20, 30, 456));
    expect(exportFileName([], now, 'png')).toBe('starmap-map-all-2024-05-01T10-20-30Z.png');
    expect(exportFileName(['shop', 'kube-system'], now, 'svg')).toBe('starmap-map-shop+kube-system-2024-05-01T10-20-30Z.svg');
  });
});
