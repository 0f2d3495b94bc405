/**
 * One island laid out by ELK: the layered algorithm (left to right, clients before servers,
 * orthogonal edges with room kept for their labels) for islands of ordinary size, and the fast
 * box packer beyond that, where a layered drawing would be one endless column anyway.
 */
import type { ELK, ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api';
import { ISLAND_MIN_WIDTH, ISLAND_PADDING, overlaps } from './geometry';
import type { CardPlacement, EdgeRoute, LayoutEdgeInput, LayoutNodeInput, Point, Rect } from './types';

/** Above this many cards an island is packed in a grid instead of layered. */
export const LAYERED_MAX_NODES = 250;

const PADDING = `[top=${ISLAND_PADDING.top},left=${ISLAND_PADDING.left},bottom=${ISLAND_PADDING.bottom},right=${ISLAND_PADDING.right}]`;

const LAYERED_OPTIONS: Record<string, string> = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.edgeRouting': 'ORTHOGONAL',
  'elk.padding': PADDING,
  'elk.spacing.nodeNode': '18',
  'elk.layered.spacing.nodeNodeBetweenLayers': '36',
  'elk.layered.spacing.edgeNodeBetweenLayers': '14',
  'elk.spacing.edgeLabel': '3',
  'elk.spacing.edgeEdge': '10',
  'elk.layered.spacing.edgeEdgeBetweenLayers': '10',
  'elk.edgeLabels.placement': 'CENTER',
  'elk.separateConnectedComponents': 'true',
  'elk.spacing.componentComponent': '28',
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
  'elk.json.edgeCoords': 'ROOT',
  'elk.json.shapeCoords': 'ROOT',
};

const BOX_OPTIONS: Record<string, string> = {
  'elk.algorithm': 'box',
  'elk.padding': PADDING,
  'elk.spacing.nodeNode': '18',
  'elk.box.packingMode': 'GROUP_INC',
};

export interface IslandLayout {
  width: number;
  height: number;
  /** Card positions in the island's coordinates. */
  nodes: Record<string, CardPlacement>;
  routes: Record<string, EdgeRoute>;
}

function nearRoute(p: Point, points: readonly Point[], slack: number): boolean {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const q of points) {
    minX = Math.min(minX, q.x);
    minY = Math.min(minY, q.y);
    maxX = Math.max(maxX, q.x);
    maxY = Math.max(maxY, q.y);
  }
  return p.x >= minX - slack && p.x <= maxX + slack && p.y >= minY - slack && p.y <= maxY + slack;
}

function labelBox(center: Point, edge: LayoutEdgeInput): Rect {
  return { x: center.x - edge.labelWidth / 2, y: center.y - edge.labelHeight / 2, width: edge.labelWidth, height: edge.labelHeight };
}

function onCard(center: Point, edge: LayoutEdgeInput, cards: readonly Rect[]): boolean {
  const box = labelBox(center, edge);
  return cards.some((c) => overlaps(box, c));
}

/** The middle of the longest route segment whose label would touch no card; null when there is none. */
function freeSpotOnRoute(points: readonly Point[], edge: LayoutEdgeInput, cards: readonly Rect[]): Point | null {
  const segments: { mid: Point; length: number }[] = [];
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    segments.push({ mid: { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 }, length: Math.hypot(b.x - a.x, b.y - a.y) });
  }
  segments.sort((p, q) => q.length - p.length);
  return segments.find((seg) => !onCard(seg.mid, edge, cards))?.mid ?? null;
}

/** `nodes` all belong to `island`; `edges` are those with both ends among them. */
export async function layoutIsland(
  elk: ELK,
  island: string,
  nodes: readonly LayoutNodeInput[],
  edges: readonly LayoutEdgeInput[],
  aspect: number,
  direction: 'RIGHT' | 'DOWN' = 'RIGHT',
): Promise<IslandLayout> {
  const layered = nodes.length <= LAYERED_MAX_NODES;
  const graph: ElkNode = {
    id: `island:${island}`,
    layoutOptions: {
      ...(layered ? { ...LAYERED_OPTIONS, 'elk.direction': direction } : BOX_OPTIONS),
      'elk.aspectRatio': String(Math.max(0.5, Math.min(4, aspect))),
    },
    children: nodes.map((n) => ({ id: n.id, width: n.width, height: n.height })),
    edges: layered
      ? edges
          .filter((e) => e.source !== e.target)
          .map(
            (e): ElkExtendedEdge => ({
              id: e.id,
              sources: [e.source],
              targets: [e.target],
              // ELK places only labels that have a text; the size is what counts.
              labels: [{ id: `${e.id}#label`, text: 'label', width: e.labelWidth, height: e.labelHeight }],
              // Where traffic runs both ways, the busier direction should point left to right.
              layoutOptions: { 'elk.layered.priority.direction': String(Math.min(10_000, Math.max(1, Math.round(e.flows)))) },
            }),
          )
      : [],
  };
  const out = await elk.layout(graph);
  const positions: Record<string, CardPlacement> = {};
  for (const child of out.children ?? []) positions[child.id] = { x: child.x ?? 0, y: child.y ?? 0, island };
  const routes: Record<string, EdgeRoute> = {};
  const byId = new Map(edges.map((e) => [e.id, e]));
  const cards: Rect[] = nodes.flatMap((n) => {
    const at = positions[n.id];
    return at ? [{ x: at.x, y: at.y, width: n.width, height: n.height }] : [];
  });
  for (const edge of out.edges ?? []) {
    const input = byId.get(edge.id);
    const section = edge.sections?.[0];
    if (!input || !section || (edge.sections?.length ?? 0) !== 1) continue;
    const sourceAt = positions[input.source];
    const targetAt = positions[input.target];
    if (!sourceAt || !targetAt) continue;
    const points = [section.startPoint, ...(section.bendPoints ?? []), section.endPoint].map((p) => ({ x: p.x, y: p.y }));
    const label = edge.labels?.[0];
    const labelAt =
      label && label.x !== undefined && label.y !== undefined ? { x: label.x + (label.width ?? 0) / 2, y: label.y + (label.height ?? 0) / 2 } : null;
    // A label ELK left far from its edge would mislead, and one on a card cannot be read: move those onto a free stretch of the route.
    const keep = labelAt && nearRoute(labelAt, points, input.labelWidth / 2 + 24) && !onCard(labelAt, input, cards) ? labelAt : null;
    routes[edge.id] = {
      island,
      points,
      label: keep ?? freeSpotOnRoute(points, input, cards),
      sourceAt: { x: sourceAt.x, y: sourceAt.y },
      targetAt: { x: targetAt.x, y: targetAt.y },
    };
  }
  return { width: Math.max(ISLAND_MIN_WIDTH, out.width ?? 0), height: out.height ?? 0, nodes: positions, routes };
}
