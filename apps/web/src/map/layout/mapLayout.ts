/**
 * The map's layout: each island laid out by ELK, islands packed to the canvas's shape. An
 * update keeps every position it already has: new cards go beside a neighbour, new islands into
 * free space, grown islands push their neighbours aside. Only 'full' (the re-layout button, or
 * the first map) moves what the user has seen.
 */
import type { ELK } from 'elkjs/lib/elk-api';
import { layoutIsland } from './elkIsland';
import { fitIsland, ISLAND_PADDING, NEIGHBOUR_GAP_X, placeCard, placeIsland, separateIslands, type NeighbourHint } from './geometry';
import type { LayoutEdgeInput, LayoutGraph, LayoutNodeInput, LayoutRequest, LayoutResponse, LayoutResult, Point, Rect } from './types';

function tieKey(a: string, b: string): string {
  return a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
}

/** Edges between each pair of islands. */
function islandTies(index: GraphIndex, edges: readonly LayoutEdgeInput[]): Map<string, number> {
  const ties = new Map<string, number>();
  for (const e of edges) {
    const a = index.nodeById.get(e.source)?.island;
    const b = index.nodeById.get(e.target)?.island;
    if (!a || !b || a === b) continue;
    const key = tieKey(a, b);
    ties.set(key, (ties.get(key) ?? 0) + 1);
  }
  return ties;
}

interface GraphIndex {
  byIsland: Map<string, LayoutNodeInput[]>;
  nodeById: Map<string, LayoutNodeInput>;
  /** Edges with both ends in the island, by island. */
  innerEdges: Map<string, LayoutEdgeInput[]>;
  sizes: Map<string, { width: number; height: number }>;
  allEdges: LayoutEdgeInput[];
}

function indexGraph(graph: LayoutGraph): GraphIndex {
  const byIsland = new Map<string, LayoutNodeInput[]>();
  const nodeById = new Map<string, LayoutNodeInput>();
  const sizes = new Map<string, { width: number; height: number }>();
  for (const node of graph.nodes) {
    nodeById.set(node.id, node);
    sizes.set(node.id, { width: node.width, height: node.height });
    const list = byIsland.get(node.island);
    if (list) list.push(node);
    else byIsland.set(node.island, [node]);
  }
  const innerEdges = new Map<string, LayoutEdgeInput[]>();
  for (const edge of graph.edges) {
    const s = nodeById.get(edge.source);
    const t = nodeById.get(edge.target);
    if (!s || !t || s.island !== t.island) continue;
    const list = innerEdges.get(s.island);
    if (list) list.push(edge);
    else innerEdges.set(s.island, [edge]);
  }
  return { byIsland, nodeById, innerEdges, sizes, allEdges: graph.edges };
}

export async function computeLayout(elk: ELK, request: LayoutRequest): Promise<LayoutResponse> {
  const started = performance.now();
  const index = indexGraph(request.graph);
  const aspect = request.aspect > 0 && Number.isFinite(request.aspect) ? request.aspect : 1.5;
  const { result, engineNodes } =
    request.mode === 'full' || !request.previous
      ? await fullLayout(elk, index, aspect)
      : await updateLayout(elk, request.graph, index, request.previous, aspect);
  return { result, ms: performance.now() - started, engineNodes };
}

async function fullLayout(elk: ELK, index: GraphIndex, aspect: number): Promise<{ result: LayoutResult; engineNodes: number }> {
  const result: LayoutResult = { islands: {}, nodes: {}, routes: {} };
  const laidOut: { id: string; width: number; height: number }[] = [];
  let engineNodes = 0;
  for (const [island, nodes] of index.byIsland) {
    const layout = await layoutIsland(elk, island, nodes, index.innerEdges.get(island) ?? [], aspect);
    engineNodes += nodes.length;
    Object.assign(result.nodes, layout.nodes);
    Object.assign(result.routes, layout.routes);
    laidOut.push({ id: island, width: layout.width, height: layout.height });
  }
  // Big islands first: the greedy packer fills around them best.
  laidOut.sort((a, b) => b.width * b.height - a.width * a.height || (a.id < b.id ? -1 : 1));
  const ties = islandTies(index, index.allEdges);
  const placed: Rect[] = [];
  const placedIds: string[] = [];
  for (const box of laidOut) {
    const at = placeIsland(placed, box, aspect, placedIds.map((id) => ties.get(tieKey(id, box.id)) ?? 0));
    const rect = { ...at, width: box.width, height: box.height };
    placed.push(rect);
    placedIds.push(box.id);
    result.islands[box.id] = rect;
  }
  return { result, engineNodes };
}

async function updateLayout(
  elk: ELK,
  graph: LayoutGraph,
  index: GraphIndex,
  previous: LayoutResult,
  aspect: number,
): Promise<{ result: LayoutResult; engineNodes: number }> {
  const result: LayoutResult = { islands: {}, nodes: {}, routes: {} };
  // Keep what is still there.
  for (const [island, box] of Object.entries(previous.islands)) if (index.byIsland.has(island)) result.islands[island] = box;
  for (const [id, at] of Object.entries(previous.nodes)) {
    const node = index.nodeById.get(id);
    // A card whose island changed (it cannot, today: islands follow namespaces) is placed anew.
    if (node && node.island === at.island && result.islands[node.island]) result.nodes[id] = at;
  }
  const edgeIds = new Set(graph.edges.map((e) => e.id));
  for (const [id, route] of Object.entries(previous.routes)) if (edgeIds.has(id) && result.islands[route.island]) result.routes[id] = route;

  const lostCards = new Set<string>();
  for (const [id, at] of Object.entries(previous.nodes)) if (!result.nodes[id]) lostCards.add(at.island);

  let engineNodes = 0;
  const touched = new Set<string>();
  const newIslands: { id: string; width: number; height: number }[] = [];
  for (const [island, nodes] of index.byIsland) {
    if (!result.islands[island]) {
      const layout = await layoutIsland(elk, island, nodes, index.innerEdges.get(island) ?? [], aspect);
      engineNodes += nodes.length;
      Object.assign(result.nodes, layout.nodes);
      Object.assign(result.routes, layout.routes);
      newIslands.push({ id: island, width: layout.width, height: layout.height });
      continue;
    }
    const fresh = nodes.filter((n) => !result.nodes[n.id]);
    if (fresh.length > 0) placeNewCards(result, island, fresh, index);
    if (fresh.length > 0 || lostCards.has(island)) {
      fitIsland(result, island, index.sizes);
      touched.add(island);
    }
  }
  // Islands that grew keep their place; whatever they now overlap moves aside.
  separateIslands(result.islands, touched);
  const ties = newIslands.length > 0 ? islandTies(index, graph.edges) : new Map<string, number>();
  for (const box of newIslands) {
    const ids = Object.keys(result.islands);
    const at = placeIsland(ids.map((id) => result.islands[id]!), box, aspect, ids.map((id) => ties.get(tieKey(id, box.id)) ?? 0));
    result.islands[box.id] = { ...at, width: box.width, height: box.height };
  }
  return { result, engineNodes };
}

/**
 * Places new cards of an existing island one by one, those with the most placed neighbours
 * first, so a chain of new cards grows from what is already on screen.
 */
function placeNewCards(result: LayoutResult, island: string, fresh: LayoutNodeInput[], index: GraphIndex): void {
  const inner = index.innerEdges.get(island) ?? [];
  const edgesOf = new Map<string, LayoutEdgeInput[]>();
  for (const e of inner) {
    if (e.source === e.target) continue;
    for (const id of [e.source, e.target]) {
      const list = edgesOf.get(id);
      if (list) list.push(e);
      else edgesOf.set(id, [e]);
    }
  }
  const members = index.byIsland.get(island) ?? [];
  const rectOf = (id: string): Rect | null => {
    const at = result.nodes[id];
    const size = index.sizes.get(id);
    return at && size ? { ...at, ...size } : null;
  };
  const pending = new Set(fresh.map((n) => n.id));
  while (pending.size > 0) {
    // The pending card with the most placed neighbours (ties by id, for a stable result).
    let pick: string | null = null;
    let pickScore = -1;
    for (const id of [...pending].sort()) {
      const score = (edgesOf.get(id) ?? []).filter((e) => result.nodes[e.source === id ? e.target : e.source]).length;
      if (score > pickScore) {
        pick = id;
        pickScore = score;
      }
    }
    const id = pick!;
    pending.delete(id);
    const size = index.sizes.get(id)!;
    const placed: Rect[] = [];
    for (const m of members) {
      const r = m.id === id ? null : rectOf(m.id);
      if (r) placed.push(r);
    }
    const at = placeCard(placed, size, neighbourHint(id, edgesOf.get(id) ?? [], edgesOf, rectOf), (card) => insideIsland(result, island, card));
    result.nodes[id] = { ...at, island };
    // A route the new card now sits on would run under it: let that edge be drawn afresh.
    const card = { ...at, ...size };
    for (const [edgeId, route] of Object.entries(result.routes)) {
      if (route.island === island && routeCrosses(route.points, card)) delete result.routes[edgeId];
    }
  }
}

/** Whether a card at `card` (island coordinates) fits in the island's box as it is. */
function insideIsland(result: LayoutResult, island: string, card: Rect): boolean {
  const box = result.islands[island];
  if (!box) return false;
  return (
    card.x >= ISLAND_PADDING.left &&
    card.y >= ISLAND_PADDING.top &&
    card.x + card.width <= box.width - ISLAND_PADDING.right &&
    card.y + card.height <= box.height - ISLAND_PADDING.bottom
  );
}

/** Whether a polyline passes through a rectangle (segments are tested by sampling; routes are short). */
function routeCrosses(points: readonly Point[], rect: Rect): boolean {
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    const steps = Math.max(1, Math.ceil(Math.hypot(b.x - a.x, b.y - a.y) / 8));
    for (let k = 0; k <= steps; k++) {
      const x = a.x + ((b.x - a.x) * k) / steps;
      const y = a.y + ((b.y - a.y) * k) / steps;
      if (x > rect.x && x < rect.x + rect.width && y > rect.y && y < rect.y + rect.height) return true;
    }
  }
  return false;
}

function neighbourHint(
  id: string,
  edges: readonly LayoutEdgeInput[],
  edgesOf: ReadonlyMap<string, LayoutEdgeInput[]>,
  rectOf: (id: string) => Rect | null,
): NeighbourHint | null {
  // The busiest edge to a placed neighbour decides where the card goes.
  const ranked = [...edges].sort((a, b) => b.flows - a.flows || (a.id < b.id ? -1 : 1));
  for (const edge of ranked) {
    const other = edge.source === id ? edge.target : edge.source;
    const anchor = rectOf(other);
    if (!anchor) continue;
    const side = edge.source === other ? 'right' : 'left';
    // Line up with the anchor's other neighbours on that side, if they stand in one column.
    const xs = new Set<number>();
    for (const e of edgesOf.get(other) ?? []) {
      const peer = side === 'right' ? (e.source === other ? e.target : null) : e.target === other ? e.source : null;
      if (!peer || peer === id) continue;
      const r = rectOf(peer);
      if (r && (side === 'right' ? r.x > anchor.x + anchor.width : r.x + r.width < anchor.x)) xs.add(r.x);
    }
    const columnX = xs.size === 1 ? [...xs][0]! : null;
    return { anchor, side, columnX: columnX !== null && Math.abs(columnX - anchor.x) > NEIGHBOUR_GAP_X / 2 ? columnX : null };
  }
  return null;
}
