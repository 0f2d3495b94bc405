/**
 * React Flow's nodes and edges from the map, the layout and the view state. Objects are reused
 * for everything that did not change, so a delta that touches three edges re-renders three
 * edges, not the map.
 */
import { MarkerType, Position, type NodeHandle } from '@xyflow/react';
import type { ServiceMapNode } from '@starmap/core';
import { edgeLabel, strokeWidth, VERDICT_COLOURS, verdictMix } from '../edgeStyle';
import { mapGeometry, type PlacedEdge } from '../edgeLayout';
import type { DrawnEdge, Island, MapGraph } from '../mapGraph';
import { cardSize } from '../mapGraph';
import type { MapSelection } from '../mapParams';
import type { LayoutResult, Point, Rect } from '../layout/types';
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
  services: readonly ServiceMapNode[];
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
  drawn: DrawnEdge;
  placed: PlacedEdge;
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

const NONE: readonly ServiceMapNode[] = [];

/**
 * React Flow draws an edge only once it knows both cards' handles. Measuring them takes a
 * render; declaring them (cards have fixed sizes) lets every edge show from the first frame.
 */
function handlesFor(size: { width: number; height: number }): NodeHandle[] {
  return [
    { id: null, type: 'target', position: Position.Left, x: 0, y: size.height / 2, width: 1, height: 1 },
    { id: null, type: 'source', position: Position.Right, x: size.width - 1, y: size.height / 2, width: 1, height: 1 },
  ];
}

function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function sameBox(a: Rect, b: Rect): boolean {
  return a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;
}

function samePlacement(a: PlacedEdge, b: PlacedEdge): boolean {
  return a.path.d === b.path.d && a.path.label.x === b.path.label.x && a.path.label.y === b.path.label.y;
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
    const fresh = graph.servicesOf.get(node.id) ?? NONE;
    // Keep the previous list when it holds the same objects, so the card's data stays identical.
    const services = old && sameList(old.services, fresh) ? old.services : fresh;
    let out: CardNode;
    if (
      old &&
      old.node === node &&
      old.services === services &&
      old.x === at.x &&
      old.y === at.y &&
      old.focus === nodeFocus &&
      old.selected === selected &&
      old.match === match
    ) {
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
        handles: handlesFor(size),
        data: { node, services, focus: nodeFocus, selected, match },
        draggable: true,
        selectable: false,
        connectable: false,
      };
    }
    next.cards.set(node.id, { node, services, x: at.x, y: at.y, focus: nodeFocus, selected, match, out });
    nodes.push(out);
  }

  const edges: FlowEdge[] = [];
  const isCross = (d: DrawnEdge) => graph.islandOf.get(d.source) !== graph.islandOf.get(d.target);
  const geometry = mapGeometry(graph, layout, {
    drag,
    // Labels of edges between islands are drawn only in focus (see styles); they yield to the others.
    labelShown: (d) => !isCross(d) || (focus?.edges.has(d.id) ?? false),
  });
  for (const drawn of graph.edges) {
    const { edge } = drawn;
    const placed = geometry.edges.get(drawn.id);
    if (!placed || !next.cards.has(drawn.source) || !next.cards.has(drawn.target)) continue;
    const edgeFocus: Focus = focus ? (focus.edges.has(drawn.id) ? 'in' : 'out') : 'none';
    const selected = selection?.kind === 'edge' && selection.id === drawn.id;
    const old = cache.edges.get(drawn.id);
    let out: FlowEdge;
    if (
      old &&
      old.drawn.edge === edge &&
      old.drawn.target === drawn.target &&
      samePlacement(old.placed, placed) &&
      old.focus === edgeFocus &&
      old.selected === selected
    ) {
      out = old.out;
    } else {
      const mix = verdictMix(edge.verdicts);
      out = {
        id: drawn.id,
        type: 'flow',
        source: drawn.source,
        target: drawn.target,
        data: {
          edge,
          via: drawn.via,
          mix,
          label: edgeLabel(edge),
          width: strokeWidth(edge.flows),
          placed,
          cross: isCross(drawn),
          focus: edgeFocus,
          selected,
        },
        markerEnd: { type: MarkerType.ArrowClosed, color: VERDICT_COLOURS[mix], width: 14, height: 14, markerUnits: 'userSpaceOnUse' },
        selectable: false,
        focusable: false,
      };
    }
    next.edges.set(drawn.id, { drawn, placed: out.data!.placed, focus: edgeFocus, selected, out });
    edges.push(out);
  }

  cache.cards = next.cards;
  cache.islands = next.islands;
  cache.edges = next.edges;
  return { nodes, edges };
}
