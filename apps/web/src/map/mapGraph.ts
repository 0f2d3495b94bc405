/**
 * What the map draws, from a snapshot: which nodes are hidden, which island (box) each node
 * sits in, and how big its card is. Pure, so the view, the layout and the export agree.
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

export interface MapGraph {
  islands: Island[];
  nodes: ServiceMapNode[];
  edges: ServiceMapEdge[];
  /** Island id of every visible node. */
  islandOf: ReadonlyMap<string, string>;
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
      return { width: 232, height: 64 };
    default:
      return { width: 200, height: 48 };
  }
}

function islandOrder(a: Island, b: Island): number {
  const rank = (i: Island) => (i.kind === 'namespace' ? (i.peersOnly ? 1 : 0) : i.kind === 'cluster' ? 2 : 3);
  return rank(a) - rank(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function buildMapGraph(snapshot: ServiceMapSnapshot, hidden: readonly string[], selectedNamespaces: readonly string[]): MapGraph {
  const hiddenSet = new Set(hidden);
  const selected = new Set(selectedNamespaces);
  const nodes: ServiceMapNode[] = [];
  const islandOf = new Map<string, string>();
  const islands = new Map<string, Island>();
  for (const node of snapshot.nodes) {
    if (isHidden(node, hiddenSet)) continue;
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
  const edges = snapshot.edges.filter((e) => islandOf.has(e.source) && islandOf.has(e.destination));
  return {
    islands: [...islands.values()].sort(islandOrder),
    nodes,
    edges,
    islandOf,
    hiddenNodes: snapshot.nodes.length - nodes.length,
    totalNodes: snapshot.nodes.length,
  };
}

/** Nodes whose name or id contains the query (case-insensitive), in map order. */
export function searchNodes(nodes: readonly ServiceMapNode[], query: string): string[] {
  const q = query.trim().toLowerCase();
  if (q === '') return [];
  return nodes.filter((n) => n.name.toLowerCase().includes(q) || n.id.toLowerCase().includes(q)).map((n) => n.id);
}

/** Ids of the selected node or edge and everything directly connected to it. */
export function neighbourhood(graph: Pick<MapGraph, 'edges'>, selection: { kind: 'node' | 'edge'; id: string } | null): { nodes: Set<string>; edges: Set<string> } | null {
  if (!selection) return null;
  const nodes = new Set<string>();
  const edges = new Set<string>();
  if (selection.kind === 'node') {
    nodes.add(selection.id);
    for (const e of graph.edges) {
      if (e.source === selection.id || e.destination === selection.id) {
        edges.add(e.id);
        nodes.add(e.source);
        nodes.add(e.destination);
      }
    }
  } else {
    const edge = graph.edges.find((e) => e.id === selection.id);
    if (!edge) return null;
    edges.add(edge.id);
    nodes.add(edge.source);
    nodes.add(edge.destination);
  }
  return { nodes, edges };
}
