import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { moveCard as moveCardIn, moveIsland as moveIslandIn } from './layout/geometry';
import { LayoutClient } from './layout/layoutClient';
import type { LayoutGraph, LayoutResult, Point } from './layout/types';

export interface MapLayoutState {
  layout: LayoutResult | null;
  /** A layout is being computed. */
  busy: boolean;
  error: string | null;
  /** Duration and size of the last layout, for the status line. */
  last: { ms: number; engineNodes: number; mode: 'full' | 'update' } | null;
  /** The same for the last full layout. */
  lastFull: { ms: number; engineNodes: number } | null;
  /** Counts full layouts, so the view can fit itself to each new one. */
  generation: number;
  inWorker: boolean;
}

/** Ids, islands and sizes: what the layout depends on (counts and labels do not move cards). */
function structureKey(graph: LayoutGraph): string {
  let key = '';
  for (const n of graph.nodes) key += `${n.id}\u0001${n.island}\u0001${n.width}x${n.height}\u0002`;
  key += '\u0003';
  for (const e of graph.edges) key += `${e.id}\u0002`;
  return key;
}

/**
 * Keeps a layout for a changing graph: a full layout for the first graph and on request, then
 * updates that only place what is new. Layouts run in a worker, one at a time; a change that
 * arrives meanwhile is laid out right after, against the newest graph.
 */
export function useMapLayout(
  graph: LayoutGraph,
  aspect: number,
): MapLayoutState & { relayout: () => void; moveCard: (id: string, position: Point) => void; moveIsland: (id: string, position: Point) => void } {
  const [state, setState] = useState<MapLayoutState>({ layout: null, busy: false, error: null, last: null, lastFull: null, generation: 0, inWorker: true });
  const client = useRef<LayoutClient | null>(null);
  const layoutRef = useRef<LayoutResult | null>(null);
  const graphRef = useRef(graph);
  const aspectRef = useRef(aspect);
  const running = useRef(false);
  const again = useRef(false);
  const wantFull = useRef(false);
  /** Bumped by every local edit (a drag), so a layout computed from older positions is not applied over it. */
  const edits = useRef(0);
  graphRef.current = graph;
  aspectRef.current = aspect;
  const key = useMemo(() => structureKey(graph), [graph]);
  const sizes = useMemo(() => new Map(graph.nodes.map((n) => [n.id, { width: n.width, height: n.height }])), [graph]);
  const sizesRef = useRef(sizes);
  sizesRef.current = sizes;

  const run = useCallback(() => {
    const layoutClient = client.current;
    if (!layoutClient) return;
    if (running.current) {
      again.current = true;
      return;
    }
    const current = graphRef.current;
    if (current.nodes.length === 0) {
      layoutRef.current = null;
      setState((s) => ({ ...s, layout: null, busy: false, error: null }));
      return;
    }
    const mode = wantFull.current || !layoutRef.current ? 'full' : 'update';
    wantFull.current = false;
    running.current = true;
    const editsAtStart = edits.current;
    setState((s) => ({ ...s, busy: true }));
    layoutClient
      .layout({ mode, graph: current, previous: mode === 'full' ? null : layoutRef.current, aspect: aspectRef.current })
      .then(
        (response) => {
          if (client.current !== layoutClient) return;
          if (mode === 'update' && edits.current !== editsAtStart) {
            // The user moved something meanwhile: lay out again from the moved positions.
            again.current = true;
          } else {
            layoutRef.current = response.result;
            setState((s) => ({
              ...s,
              layout: response.result,
              error: null,
              last: { ms: response.ms, engineNodes: response.engineNodes, mode },
              lastFull: mode === 'full' ? { ms: response.ms, engineNodes: response.engineNodes } : s.lastFull,
              generation: mode === 'full' ? s.generation + 1 : s.generation,
              inWorker: layoutClient.inWorker,
            }));
          }
        },
        (err: unknown) => {
          if (client.current !== layoutClient) return;
          setState((s) => ({ ...s, error: err instanceof Error ? err.message : String(err), inWorker: layoutClient.inWorker }));
        },
      )
      .finally(() => {
        if (client.current !== layoutClient) return;
        running.current = false;
        if (again.current) {
          again.current = false;
          run();
        } else {
          setState((s) => ({ ...s, busy: false }));
        }
      });
  }, []);

  useEffect(() => {
    const created = new LayoutClient();
    client.current = created;
    running.current = false;
    run();
    return () => {
      client.current = null;
      created.dispose();
    };
  }, [run]);

  useEffect(() => {
    run();
  }, [key, run]);

  const relayout = useCallback(() => {
    wantFull.current = true;
    run();
  }, [run]);

  const moveCard = useCallback((id: string, position: Point) => {
    const current = layoutRef.current;
    if (!current) return;
    edits.current++;
    const next = moveCardIn(current, id, position, sizesRef.current);
    layoutRef.current = next;
    setState((s) => ({ ...s, layout: next }));
  }, []);

  const moveIsland = useCallback((id: string, position: Point) => {
    const current = layoutRef.current;
    if (!current) return;
    edits.current++;
    const next = moveIslandIn(current, id, position);
    layoutRef.current = next;
    setState((s) => ({ ...s, layout: next }));
  }, []);

  return { ...state, relayout, moveCard, moveIsland };
}
