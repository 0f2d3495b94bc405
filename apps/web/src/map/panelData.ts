/** What the side panel lists for a node or an edge, from the map and the live flows. */
import { dropReasonInfo, type DropReasonInfo, type Flow, type FlowLocator, type ServiceMapEdge, type ServiceMapNode } from '@starmap/core';
import type { DrawnEdge } from './mapGraph';
import type { MapSelection } from './mapParams';

export interface DropRow extends Pick<DropReasonInfo, 'code' | 'text' | 'description' | 'hint' | 'category'> {
  /** Upstream enum name as the flows carried it. */
  name: string;
  flows: number;
}

export interface PeerRow {
  edge: ServiceMapEdge;
  /** The folded service the connection goes through, if any. */
  via: string | null;
  /** The node at the other end. */
  peer: string;
  direction: 'out' | 'in';
}

function sumDrops(edges: readonly ServiceMapEdge[]): DropRow[] {
  const byCode = new Map<number, { name: string; flows: number }>();
  for (const e of edges) {
    for (const d of e.drops) {
      const row = byCode.get(d.code);
      if (row) row.flows += d.flows;
      else byCode.set(d.code, { name: d.name, flows: d.flows });
    }
  }
  return [...byCode]
    .map(([code, { name, flows }]) => {
      const info = dropReasonInfo(code);
      return { code, name: name || info.name, flows, text: info.text, description: info.description, hint: info.hint, category: info.category };
    })
    .sort((a, b) => b.flows - a.flows || a.code - b.code);
}

/** Drop reasons of an edge, busiest first, with Cilium's own text for each code. */
export function edgeDrops(edge: ServiceMapEdge): DropRow[] {
  return sumDrops([edge]);
}

/**
 * Drop reasons of flows touching a card (drawn edges: a folded service's hop to its backend is
 * not among them). A flow through a service card is counted on both of its hops, so for a
 * service only the hops into it are summed.
 */
export function nodeDrops(node: ServiceMapNode, edges: readonly DrawnEdge[]): DropRow[] {
  const touching = edges.filter((e) => e.target === node.id || (node.kind !== 'service' && e.source === node.id));
  return sumDrops(touching.map((e) => e.edge));
}

/** The card's busiest connections, both ways. */
export function topPeers(nodeId: string, edges: readonly DrawnEdge[], limit = 8): PeerRow[] {
  const rows: PeerRow[] = [];
  for (const d of edges) {
    if (d.source === nodeId) rows.push({ edge: d.edge, via: d.via, peer: d.target, direction: 'out' });
    else if (d.target === nodeId) rows.push({ edge: d.edge, via: d.via, peer: d.source, direction: 'in' });
  }
  return rows.sort((a, b) => b.edge.flows - a.edge.flows || (a.edge.id < b.edge.id ? -1 : 1)).slice(0, limit);
}

/**
 * The flows of the selected node or edge among `flows` (kept in their order), placed by the
 * aggregator's own rules. `alsoNodes`: services folded into the selected card, whose flows
 * are the card's too. `placementOf` caches placements across calls.
 */
export function selectionFlows(
  flows: readonly Flow[],
  selection: MapSelection,
  placementOf: (flow: Flow) => { edges: string[]; nodes: string[] } | null,
  alsoNodes: readonly string[] = [],
  limit = 2_000,
): Flow[] {
  const ids = selection.kind === 'node' ? new Set([selection.id, ...alsoNodes]) : null;
  const out: Flow[] = [];
  for (const flow of flows) {
    const placement = placementOf(flow);
    if (!placement) continue;
    const hit = ids === null ? placement.edges.includes(selection.id) : placement.nodes.some((id) => ids.has(id));
    if (hit) {
      out.push(flow);
      if (out.length >= limit) break;
    }
  }
  return out;
}

/** A cache of placements for one locator; flows are immutable, so a WeakMap keyed by the flow is safe. */
export function placementCache(locator: FlowLocator): (flow: Flow) => { edges: string[]; nodes: string[] } | null {
  const cache = new WeakMap<Flow, { edges: string[]; nodes: string[] } | null>();
  return (flow) => {
    let placement = cache.get(flow);
    if (placement === undefined) {
      placement = locator.locate(flow);
      cache.set(flow, placement);
    }
    return placement;
  };
}
