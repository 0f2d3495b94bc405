/** Keeping a copy of the map in sync on the receiving side (the browser), without the aggregator. */
import type { ServiceMapDelta, ServiceMapEdge, ServiceMapNode, ServiceMapSnapshot } from './types.js';

/** A delta that does not follow the snapshot it is applied to: ask the server for a new snapshot. */
export class ServiceMapSequenceError extends Error {
  constructor(
    readonly expected: number,
    readonly received: number,
  ) {
    super(`service map delta ${received} does not follow snapshot ${expected - 1}; a new snapshot is needed`);
    this.name = 'ServiceMapSequenceError';
  }
}

function byId(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function patch<T extends { id: string }>(list: readonly T[], removed: readonly string[], upserts: readonly T[]): T[] {
  if (removed.length === 0 && upserts.length === 0) return list.slice();
  const byKey = new Map(list.map((item) => [item.id, item]));
  for (const id of removed) byKey.delete(id);
  for (const item of upserts) byKey.set(item.id, item);
  return [...byKey.values()].sort(byId);
}

/** The snapshot with the delta applied; pure (the input is not modified). Throws ServiceMapSequenceError on a gap. */
export function applyDelta(snapshot: ServiceMapSnapshot, delta: ServiceMapDelta): ServiceMapSnapshot {
  if (delta.seq !== snapshot.seq + 1) throw new ServiceMapSequenceError(snapshot.seq + 1, delta.seq);
  return {
    ...snapshot,
    seq: delta.seq,
    now: delta.now,
    nodes: patch<ServiceMapNode>(snapshot.nodes, delta.removedNodes, delta.nodes),
    edges: patch<ServiceMapEdge>(snapshot.edges, delta.removedEdges, delta.edges),
  };
}

export function isEmptyDelta(delta: ServiceMapDelta): boolean {
  return delta.nodes.length === 0 && delta.edges.length === 0 && delta.removedNodes.length === 0 && delta.removedEdges.length === 0;
}

function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((v, i) => sameJson(v, bb[i]));
  }
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

function changes<T extends { id: string }>(prev: readonly T[], next: readonly T[]): { upserts: T[]; removed: string[] } {
  const before = new Map(prev.map((item) => [item.id, item]));
  const upserts: T[] = [];
  for (const item of next) {
    const old = before.get(item.id);
    if (!old || !sameJson(old, item)) upserts.push(item);
    before.delete(item.id);
  }
  return { upserts, removed: [...before.keys()].sort() };
}

/**
 * The delta that turns `prev` into `next`: for a main thread that merges partial maps from
 * workers and still wants to send compact deltas.
 */
export function diffSnapshots(prev: ServiceMapSnapshot, next: ServiceMapSnapshot): ServiceMapDelta {
  const nodes = changes(prev.nodes, next.nodes);
  const edges = changes(prev.edges, next.edges);
  return {
    seq: prev.seq + 1,
    now: next.now,
    nodes: nodes.upserts,
    edges: edges.upserts,
    removedNodes: nodes.removed,
    removedEdges: edges.removed,
  };
}
