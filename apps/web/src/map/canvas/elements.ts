/**
 * React Flow's nodes and edges from the map, the layout and the view state. Objects are reused
 * for everything that did not change, so a delta that touches three edges re-renders three
 * edges, not the map.
 */
import { MarkerType } from '@xyflow/react';
import type { ServiceMapEdge, ServiceMapNode } from '@starmap/core';
import type { AbsoluteRoute } from '../edgeGeometry';
import { edgeLabel, strokeWidth, VERDICT_COLOURS, verdictMix } from '../edgeStyle';
import type { Island, MapGraph } from '../mapGraph';
import { cardSize } from '../mapGraph';
import type { MapSelection } from '../mapParams';
import type { EdgeRoute, LayoutResult, Point, Rect } from '../layout/types';
import type { CardNode, FlowEdge, Focus, IslandNode, MapFlowNode } from './types';

export interface ElementInputs {
  graph: MapGraph;
  layout: LayoutResult;
  selection: MapSelection | null;
  /** The selection's neighbourhood; null without a selection. */
  focus: { nodes: ReadonlySet<string>; edges: ReadonlySet<string> } | null;
  matches: ReadonlySet<string>;
  /** A card or island being dragged, at its current (relative or absolute) position. */
  drag: { id: string; position: Point } | null;
}

interface CardMemo {
  node: ServiceMapNode;
  x: number;
  y: number;
  focus: Focus;
  selected: boolean;
  match: boolean;
  out: CardNode;
}

interface IslandMemo {
  island: Island;
  box: Rect;
  out: IslandNode;
}

interface EdgeMemo {
  edge: ServiceMapEdge;
  route: EdgeRoute | undefined;
  islandAt: Point | null;
  focus: Focus;
  selected: boolean;
  out: FlowEdge;
}

/** Keeps the objects of the previous build, per id. */
export class ElementCache {
  cards = new Map<string, CardMemo>();
  islands = new Map<string, IslandMemo>();
  edges = new Map<string, EdgeMemo>();
}

function sameBox(a: Rect, b: Rect): boolean {
  return a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;
}

function absoluteRoute(route: EdgeRoute, at: Point): AbsoluteRoute {
  const move = (p: Point) => ({ x: p.x + at.x, y: p.y + at.y });
  return { points: route.points.map(move), label: route.label && move(route.label), sourceAt: move(route.sourceAt), targetAt: move(route.targetAt) };
}

export function buildElements(inputs: ElementInputs, cache: ElementCache): { nodes: MapFlowNode[]; edges: FlowEdge[] } {
  const { graph, layout, selection, focus, matches, drag } = inputs;
  const next = new ElementCache();
  const nodes: MapFlowNode[] = [];

  for (const island of graph.islands) {
    const placed = layout.islands[island.id];
    if (!placed) continue;
    const box = drag?.id === island.id ? { ...placed, x: drag.position.x, y: drag.position.y } : placed;
    const old = cache.islands.get(island.id);
    const out: IslandNode =
      old && old.island === island && sameBox(old.box, box)
        ? old.out
        : {
            id: island.id,
            type: 'island',
            position: { x: box.x, y: box.y },
            width: box.width,
            height: box.height,
            data: { island },
            draggable: true,
            selectable: false,
            focusable: false,
            dragHandle: '.map-island__title',
            zIndex: 0,
          };
    next.islands.set(island.id, { island, box, out });
    nodes.push(out);
  }

  for (const node of graph.nodes) {
    const islandId = graph.islandOf.get(node.id);
    const placed = layout.nodes[node.id];
    if (!islandId || !placed || !next.islands.has(islandId)) continue;
    const at = drag?.id === node.id ? drag.position : placed;
    const nodeFocus: Focus = focus ? (focus.nodes.has(node.id) ? 'in' : 'out') : 'none';
    const selected = selection?.kind === 'node' && selection.id === node.id;
    const match = matches.has(node.id);
    const old = cache.cards.get(node.id);
    let out: CardNode;
    if (old && old.node === node && old.x === at.x && old.y === at.y && old.focus === nodeFocus && old.selected === selected && old.match === match) {
      out = old.out;
    } else {
      const size = cardSize(node.kind);
      out = {
        id: node.id,
        type: 'card',
        parentId: islandId,
        position: { x: at.x, y: at.y },
        width: size.width,
        height: size.height,
        data: { node, focus: nodeFocus, selected, match },
        draggable: true,
        selectable: false,
        connectable: false,
      };
    }
    next.cards.set(node.id, { node, x: at.x, y: at.y, focus: nodeFocus, selected, match, out });
    nodes.push(out);
  }

  const edges: FlowEdge[] = [];
  for (const edge of graph.edges) {
    if (!next.cards.has(edge.source) || !next.cards.has(edge.destination)) continue;
    const route = layout.routes[edge.id];
    const islandBox = route ? next.islands.get(route.island)?.box : undefined;
    const islandAt = islandBox ? { x: islandBox.x, y: islandBox.y } : null;
    const edgeFocus: Focus = focus ? (focus.edges.has(edge.id) ? 'in' : 'out') : 'none';
    const selected = selection?.kind === 'edge' && selection.id === edge.id;
    const old = cache.edges.get(edge.id);
    let out: FlowEdge;
    if (
      old &&
      old.edge === edge &&
      old.route === route &&
      old.islandAt?.x === islandAt?.x &&
      old.islandAt?.y === islandAt?.y &&
      old.focus === edgeFocus &&
      old.selected === selected
    ) {
      out = old.out;
    } else {
      const mix = verdictMix(edge.verdicts);
      const width = strokeWidth(edge.flows);
      out = {
        id: edge.id,
        type: 'flow',
        source: edge.source,
        target: edge.destination,
        data: {
          edge,
          mix,
          label: edgeLabel(edge),
          width,
          route: route && islandAt ? absoluteRoute(route, islandAt) : null,
          cross: graph.islandOf.get(edge.source) !== graph.islandOf.get(edge.destination),
          focus: edgeFocus,
          selected,
        },
        markerEnd: { type: MarkerType.ArrowClosed, color: VERDICT_COLOURS[mix], width: 14, height: 14, markerUnits: 'userSpaceOnUse' },
        selectable: false,
        focusable: false,
      };
    }
    next.edges.set(edge.id, { edge, route, islandAt, focus: edgeFocus, selected, out });
    edges.push(out);
  }

  cache.cards = next.cards;
  cache.islands = next.islands;
  cache.edges = next.edges;
  return { nodes, edges };
}
