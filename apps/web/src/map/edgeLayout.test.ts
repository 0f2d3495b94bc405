import ELK from 'elkjs/lib/elk.bundled.js';
import { describe, expect, it } from 'vitest';
import { EDGE_LABEL_HEIGHT, edgeLabel, edgeLabelWidth } from './edgeStyle';
import { mapGeometry } from './edgeLayout';
import { overlaps } from './layout/geometry';
import { computeLayout } from './layout/mapLayout';
import type { Rect } from './layout/types';
import { buildMapGraph, cardSize } from './mapGraph';
import { flowBetween, frontend, podOf, testFlows, testSnapshot } from './testMap';

async function laidOut() {
  // A busy namespace: one client calling eight backends, so labels crowd around the client.
  const flows = [...testFlows()];
  for (let i = 0; i < 8; i++) flows.push(flowBetween(frontend, podOf('shop', `backend-${i}`, 8000 + i)));
  const graph = buildMapGraph(testSnapshot(flows), [], []);
  const { result } = await computeLayout(new ELK(), {
    mode: 'full',
    aspect: 1.5,
    previous: null,
    graph: {
      nodes: graph.nodes.map((n) => ({ id: n.id, island: graph.islandOf.get(n.id)!, ...cardSize(n.kind) })),
      edges: graph.edges.map((e) => ({ id: e.id, source: e.source, target: e.target, labelWidth: edgeLabelWidth(edgeLabel(e.edge)), labelHeight: EDGE_LABEL_HEIGHT, flows: e.edge.flows })),
    },
  });
  return { graph, layout: result };
}

describe('map geometry', () => {
  it('puts every card at its island position plus its place inside the island', async () => {
    const { graph, layout } = await laidOut();
    const geometry = mapGeometry(graph, layout);
    const at = layout.nodes['shop/frontend']!;
    const island = layout.islands[at.island]!;
    expect(geometry.cards.get('shop/frontend')).toEqual({ x: island.x + at.x, y: island.y + at.y, ...cardSize('workload') });
  });

  it('keeps the labels of edges inside an island off cards and off each other', async () => {
    const { graph, layout } = await laidOut();
    const inside = (d: { source: string; target: string }) => graph.islandOf.get(d.source) === graph.islandOf.get(d.target);
    const geometry = mapGeometry(graph, layout, { labelShown: inside });
    const boxes: [string, Rect][] = graph.edges.filter(inside).map((d) => {
      const at = geometry.edges.get(d.id)!.path.label;
      const w = edgeLabelWidth(edgeLabel(d.edge));
      return [d.id, { x: at.x - w / 2, y: at.y - EDGE_LABEL_HEIGHT / 2, width: w, height: EDGE_LABEL_HEIGHT }];
    });
    for (const [id, box] of boxes) {
      for (const [card, rect] of geometry.cards) expect(overlaps(box, rect), `${id} on ${card}`).toBe(false);
    }
    expect(boxes.length).toBeGreaterThan(8);
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) expect(overlaps(boxes[i]![1], boxes[j]![1]), `${boxes[i]![0]} on ${boxes[j]![0]}`).toBe(false);
    }
  });

  it('draws a dragged card where it is being dragged, and its edges from there', async () => {
    const { graph, layout } = await laidOut();
    const still = mapGeometry(graph, layout);
    const moved = mapGeometry(graph, layout, { drag: { id: 'shop/frontend', position: { x: 5, y: 900 } } });
    const island = layout.islands[layout.nodes['shop/frontend']!.island]!;
    expect(moved.cards.get('shop/frontend')).toMatchObject({ x: island.x + 5, y: island.y + 900 });
    const edge = 'shop/frontend->svc:shop/cart';
    expect(moved.edges.get(edge)!.path.d).not.toBe(still.edges.get(edge)!.path.d);
    expect(moved.edges.get(edge)!.sourceAt).toEqual({ x: island.x + 5, y: island.y + 900 });
  });
});
