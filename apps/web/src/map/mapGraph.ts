/**
 * What the map draws, from a snapshot: which nodes are hidden, which island (box) each node
 * sits in, how big its card is, and which services fold into their backend's card. Pure, so
 * the view, the layout and the export agree.
 */
import type { ServiceMapEdge, ServiceMapNode, ServiceMapSnapshot } from '@starmap/core';
import type { HideGroup } from './mapParams';

export type IslandKind = 'namespace' | 'cluster' | 'world';

export interface Island {
  /** `ns:<namespace>`, `~cluster` or `~world`. */
  id: string;
  kind: IslandKind;
  /** The namespace of a namespace island; '' otherwise. */
  namespace: string;
  title: string;
  /** A namespace outside the selection, shown only because selected workloads talk to it. */
  peersOnly: boolean;
  nodeCount: number;
}

/** An edge as drawn: a map edge, with its end moved to the backend's card when it led to a folded service. */
export interface DrawnEdge {
  /** The map edge's id (selection, flows and the URL use it). */
  id: string;
  source: string;
  target: string;
  edge: ServiceMapEdge;
  /** The folded service the edge really leads to, if any. */
  via: string | null;
}

export interface MapGraph {
  islands: Island[];
  /** Cards: visible nodes, folded services left out. */
  nodes: ServiceMapNode[];
  edges: DrawnEdge[];
  /** Island id of every card. */
  islandOf: ReadonlyMap<string, string>;
  /** Services folded into each backend card, by the card's id. */
  servicesOf: ReadonlyMap<string, readonly ServiceMapNode[]>;
  /** The card a folded service is drawn on, by service id. */
  foldedInto: ReadonlyMap<string, string>;
  /** Nodes left out because the user hid them. */
  hiddenNodes: number;
  /** Nodes in the snapshot. */
  totalNodes: number;
}

export const CLUSTER_ISLAND = '~cluster';
export const WORLD_ISLAND = '~world';

/** The island a node belongs to: its namespace, or one of the two boxes for peers without one. */
export function islandIdOf(node: Pick<ServiceMapNode, 'id' | 'kind' | 'namespace'>): string {
  if (node.namespace !== '') return `ns:${node.namespace}`;
  if (node.kind === 'reserved' && node.id !== 'reserved:world' && node.id !== 'reserved:unknown') return CLUSTER_ISLAND;
  if (node.id === 'more:all') return CLUSTER_ISLAND;
  return WORLD_ISLAND;
}

/** Whether the hide list covers the node, by id or by group. */
export function isHidden(node: ServiceMapNode, hidden: ReadonlySet<string>): boolean {
  if (hidden.size === 0) return false;
  if (hidden.has(node.id)) return true;
  const island = islandIdOf(node);
  return (island === WORLD_ISLAND && hidden.has('@world' satisfies HideGroup)) || (island === CLUSTER_ISLAND && hidden.has('@cluster' satisfies HideGroup));
}

export interface CardSize {
  width: number;
  height: number;
}

/** Fixed card sizes per kind: the layout reserves exactly what the card draws. */
export function cardSize(kind: ServiceMapNode['kind']): CardSize {
  switch (kind) {
    case 'workload':
      return { width: 200, height: 62 };
    default:
      return { width: 184, height: 46 };
  }
}

function islandOrder(a: Island, b: Island): number {
  const rank = (i: Island) => (i.kind === 'namespace' ? (i.peersOnly ? 1 : 0) : i.kind === 'cluster' ? 2 : 3);
  return rank(a) - rank(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export interface GraphOptions {
  /**
   * Draw a service that leads to exactly one workload of its namespace on that workload's card
   * instead of as a card of its own: chains get half as long, the map half as wide.
   */
  foldServices: boolean;
}

/** Services that lead to exactly one visible workload of their own namespace, and that workload. */
function foldableServices(nodes: ReadonlyMap<string, ServiceMapNode>, edges: readonly ServiceMapEdge[]): Map<string, string> {
  const out = new Map<string, string[]>();
  for (const e of edges) {
    const from = nodes.get(e.source);
    if (from?.kind !== 'service') continue;
    const list = out.get(e.source);
    if (list) list.push(e.destination);
    else out.set(e.source, [e.destination]);
  }
  const folded = new Map<string, string>();
  for (const [service, targets] of out) {
    const backend = targets.length === 1 ? nodes.get(targets[0]!) : undefined;
    if (backend && backend.kind === 'workload' && backend.namespace === nodes.get(service)!.namespace) folded.set(service, backend.id);
  }
  return folded;
}

export function buildMapGraph(
  snapshot: ServiceMapSnapshot,
  hidden: readonly string[],
  selectedNamespaces: readonly string[],
  options: GraphOptions = { foldServices: true },
): MapGraph {
  const hiddenSet = new Set(hidden);
  const selected = new Set(selectedNamespaces);
  const visible = new Map<string, ServiceMapNode>();
  for (const node of snapshot.nodes) if (!isHidden(node, hiddenSet)) visible.set(node.id, node);
  const visibleEdges = snapshot.edges.filter((e) => visible.has(e.source) && visible.has(e.destination));
  const foldedInto = options.foldServices ? foldableServices(visible, visibleEdges) : new Map<string, string>();

  const nodes: ServiceMapNode[] = [];
  const islandOf = new Map<string, string>();
  const islands = new Map<string, Island>();
  const servicesOf = new Map<string, ServiceMapNode[]>();
  for (const node of visible.values()) {
    const backend = foldedInto.get(node.id);
    if (backend !== undefined) {
      const list = servicesOf.get(backend);
      if (list) list.push(node);
      else servicesOf.set(backend, [node]);
      continue;
    }
    nodes.push(node);
    const id = islandIdOf(node);
    islandOf.set(node.id, id);
    let island = islands.get(id);
    if (!island) {
      const kind: IslandKind = id === CLUSTER_ISLAND ? 'cluster' : id === WORLD_ISLAND ? 'world' : 'namespace';
      island = {
        id,
        kind,
        namespace: kind === 'namespace' ? node.namespace : '',
        title: kind === 'namespace' ? node.namespace : kind === 'cluster' ? 'Cluster identities' : 'Outside the cluster',
        peersOnly: kind === 'namespace' && selected.size > 0 && !selected.has(node.namespace),
        nodeCount: 0,
      };
      islands.set(id, island);
    }
    island.nodeCount++;
  }

  const edges: DrawnEdge[] = [];
  for (const edge of visibleEdges) {
    // The hop from a folded service to its backend is inside the card now.
    if (foldedInto.has(edge.source)) continue;
    const backend = foldedInto.get(edge.destination);
    edges.push({ id: edge.id, source: edge.source, target: backend ?? edge.destination, edge, via: backend === undefined ? null : edge.destination });
  }
  return {
    islands: [...islands.values()].sort(islandOrder),
    nodes,
    edges,
    islandOf,
    servicesOf,
    foldedInto,
    hiddenNodes: snapshot.nodes.length - visible.size,
    totalNodes: snapshot.nodes.length,
  };
}

/** Cards whose name or id (or that of a service folded into them) contains the query, case-insensitive, in map order. */
export function searchNodes(graph: Pick<MapGraph, 'nodes' | 'servicesOf'>, query: string): string[] {
  const q = query.trim().toLowerCase();
  if (q === '') return [];
  const hit = (n: ServiceMapNode) => n.name.toLowerCase().includes(q) || n.id.toLowerCase().includes(q);
  return graph.nodes.filter((n) => hit(n) || (graph.servicesOf.get(n.id) ?? []).some(hit)).map((n) => n.id);
}

/** The card that shows a node: itself, or the backend card a folded service is drawn on. */
export function cardOf(graph: Pick<MapGraph, 'foldedInto'>, nodeId: string): string {
  return graph.foldedInto.get(nodeId) ?? nodeId;
}

/** Ids of the selected card or edge and everything directly connected to it. */
export function neighbourhood(
  graph: Pick<MapGraph, 'edges' | 'foldedInto'>,
  selection: { kind: 'node' | 'edge'; id: string } | null,
): { nodes: Set<string>; edges: Set<string> } | null {
  if (!selection) return null;
  const nodes = new Set<string>();
  const edges = new Set<string>();
  if (selection.kind === 'node') {
    const card = cardOf(graph, selection.id);
    nodes.add(card);
    for (const e of graph.edges) {
      if (e.source === card || e.target === card) {
        edges.add(e.id);
        nodes.add(e.source);
        nodes.add(e.target);
      }
    }
  } else {
    const edge = graph.edges.find((e) => e.id === selection.id);
    if (!edge) return null;
    edges.add(edge.id);
    nodes.add(edge.source);
    nodes.add(edge.target);
  }
  return { nodes, edges };
}
