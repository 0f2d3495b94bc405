/**
 * Where every card and edge of the map is drawn, in canvas coordinates: cards from the layout
 * (with a card or island being dragged at its drag position), edges from their routes or as
 * curves, labels moved off cards and off each other. Shared by the canvas and the export.
 */
import { edgePath, routeFits, type AbsoluteRoute, type EdgePath } from './edgeGeometry';
import { EDGE_LABEL_HEIGHT, edgeLabel, edgeLabelWidth } from './edgeStyle';
import { placeLabels, type LabelRequest } from './labelPlacement';
import type { LayoutResult, Point, Rect } from './layout/types';
import { cardSize, type DrawnEdge, type MapGraph } from './mapGraph';

export interface PlacedEdge {
  path: EdgePath;
  /** Top-left corners of the two cards the path was drawn for (a path is stale once they move). */
  sourceAt: Point;
  targetAt: Point;
  route: AbsoluteRoute | null;
}

export interface MapGeometry {
  /** Island boxes in canvas coordinates. */
  islands: Map<string, Rect>;
  cards: Map<string, Rect>;
  edges: Map<string, PlacedEdge>;
}

export function mapGeometry(
  graph: Pick<MapGraph, 'nodes' | 'edges' | 'islandOf'>,
  layout: LayoutResult,
  options: {
    drag?: { id: string; position: Point } | null;
    /** Labels that are drawn; the others are placed after them and do not push them aside. */
    labelShown?: (edge: DrawnEdge) => boolean;
  } = {},
): MapGeometry {
  const drag = options.drag ?? null;
  const islands = new Map<string, Rect>();
  for (const [id, box] of Object.entries(layout.islands)) {
    islands.set(id, drag?.id === id ? { ...box, x: drag.position.x, y: drag.position.y } : box);
  }
  const cards = new Map<string, Rect>();
  for (const node of graph.nodes) {
    const placed = layout.nodes[node.id];
    const island = placed && islands.get(placed.island);
    if (!placed || !island) continue;
    const at = drag?.id === node.id ? drag.position : placed;
    cards.set(node.id, { x: island.x + at.x, y: island.y + at.y, ...cardSize(node.kind) });
  }

  const paths = new Map<string, { drawn: DrawnEdge; placed: PlacedEdge; width: number; routed: boolean }>();
  for (const drawn of graph.edges) {
    const from = cards.get(drawn.source);
    const to = cards.get(drawn.target);
    if (!from || !to) continue;
    const routeRel = layout.routes[drawn.id];
    const island = routeRel && islands.get(routeRel.island);
    let route: AbsoluteRoute | null = null;
    if (routeRel && island && drawn.source !== drawn.target) {
      const move = (p: Point) => ({ x: p.x + island.x, y: p.y + island.y });
      route = { points: routeRel.points.map(move), label: routeRel.label && move(routeRel.label), sourceAt: move(routeRel.sourceAt), targetAt: move(routeRel.targetAt) };
    }
    const width = edgeLabelWidth(edgeLabel(drawn.edge));
    const path = edgePath(from, to, route, width);
    const routed = routeFits(route, from, to);
    paths.set(drawn.id, { drawn, placed: { path, sourceAt: { x: from.x, y: from.y }, targetAt: { x: to.x, y: to.y }, route }, width, routed });
  }

  // Shown labels first, those the layered layout placed before the rest, busier edges before quieter ones.
  const shown = options.labelShown ?? (() => true);
  const ordered = [...paths.values()].sort(
    (a, b) =>
      Number(shown(b.drawn)) - Number(shown(a.drawn)) ||
      Number(b.routed) - Number(a.routed) ||
      b.drawn.edge.flows - a.drawn.edge.flows ||
      (a.drawn.id < b.drawn.id ? -1 : 1),
  );
  const requests: LabelRequest[] = ordered.map(({ drawn, placed, width }) => ({
    id: drawn.id,
    spots: [placed.path.label, ...placed.path.spots],
    width,
    height: EDGE_LABEL_HEIGHT,
  }));
  const labels = placeLabels(requests, [...cards.values()]);
  const edges = new Map<string, PlacedEdge>();
  for (const [id, { placed }] of paths) {
    const label = labels.get(id) ?? placed.path.label;
    edges.set(id, { ...placed, path: { ...placed.path, label } });
  }
  return { islands, cards, edges };
}

/** Centre of a card in canvas coordinates, from the layout; null when it is not laid out. */
export function cardCenter(graph: Pick<MapGraph, 'nodes'>, layout: LayoutResult, id: string): Point | null {
  const at = layout.nodes[id];
  const island = at && layout.islands[at.island];
  const node = graph.nodes.find((n) => n.id === id);
  if (!at || !island || !node) return null;
  const size = cardSize(node.kind);
  return { x: island.x + at.x + size.width / 2, y: island.y + at.y + size.height / 2 };
}
