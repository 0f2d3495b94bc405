import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useReactFlow } from '@xyflow/react';
import { FIT_VIEW } from './canvas/fitView';
import { cardCenter } from './edgeLayout';
import type { LayoutResult } from './layout/types';
import type { MapGraph } from './mapGraph';
import type { MapSelection } from './mapParams';

interface ViewportInput {
  graph: MapGraph;
  layout: LayoutResult | null;
  /** Counts full layouts: each one is fitted in view. */
  generation: number;
  /** The selection as drawn (a folded service selected by link stands for its backend's card). */
  selection: MapSelection | null;
  matches: readonly string[];
  query: string;
  stage: { width: number; height: number };
}

/**
 * Where the view looks. It follows the map, fitting it whole after every change, until the
 * user pans, zooms, drags or clicks; a new full layout (or "Fit") follows again. A selection
 * hidden by the side panel is brought back into view; a search centres its first match.
 */
export function useMapViewport({ graph, layout, generation, selection, matches, query, stage }: ViewportInput) {
  const flow = useReactFlow();
  const [following, setFollowing] = useState(true);
  const fittedGeneration = useRef(-1);
  const hasCards = graph.nodes.length > 0;

  useEffect(() => {
    if (!layout || !hasCards) return;
    if (generation !== fittedGeneration.current) {
      fittedGeneration.current = generation;
      setFollowing(true);
    } else if (!following) {
      return;
    }
    const frame = requestAnimationFrame(() => void flow.fitView(FIT_VIEW));
    return () => cancelAnimationFrame(frame);
  }, [layout, generation, hasCards, flow, following]);

  const stopFollowing = useCallback(() => setFollowing(false), []);
  const fit = useCallback(() => {
    setFollowing(true);
    void flow.fitView({ ...FIT_VIEW, duration: 250 });
  }, [flow]);

  const selectionCenter = useMemo(() => {
    if (!layout || !selection) return null;
    if (selection.kind === 'node') return cardCenter(graph, layout, selection.id);
    const drawn = graph.edges.find((e) => e.id === selection.id);
    const a = drawn && cardCenter(graph, layout, drawn.source);
    const b = drawn && cardCenter(graph, layout, drawn.target);
    return a && b ? { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 } : null;
  }, [layout, selection, graph]);
  const selectionCenterRef = useRef(selectionCenter);
  selectionCenterRef.current = selectionCenter;
  const followingRef = useRef(following);
  followingRef.current = following;
  useEffect(() => {
    const center = selectionCenterRef.current;
    if (followingRef.current || !center) return;
    const { x, y, zoom } = flow.getViewport();
    const sx = center.x * zoom + x;
    const sy = center.y * zoom + y;
    const margin = 40;
    if (sx < margin || sy < margin || sx > stage.width - margin || sy > stage.height - margin) {
      void flow.setCenter(center.x, center.y, { zoom, duration: 300 });
    }
    // When the selection or the stage changes, not on every map update.
  }, [selection?.id, stage, flow]);

  const centerOn = useCallback(
    (id: string) => {
      const center = layout && cardCenter(graph, layout, id);
      if (!center) return;
      setFollowing(false);
      void flow.setCenter(center.x, center.y, { zoom: Math.max(flow.getZoom(), 0.9), duration: 300 });
    },
    [layout, graph, flow],
  );
  const centerOnRef = useRef(centerOn);
  centerOnRef.current = centerOn;
  const matchesRef = useRef(matches);
  matchesRef.current = matches;
  const matchIndex = useRef(0);
  useEffect(() => {
    matchIndex.current = 0;
    const timer = setTimeout(() => {
      const first = matchesRef.current[0];
      if (first) centerOnRef.current(first);
    }, 350);
    return () => clearTimeout(timer);
    // Centre when the query changes, not when the map ticks.
  }, [query]);
  const nextMatch = useCallback(() => {
    if (matches.length === 0) return;
    matchIndex.current = (matchIndex.current + 1) % matches.length;
    centerOn(matches[matchIndex.current]!);
  }, [matches, centerOn]);

  return { following, stopFollowing, fit, nextMatch };
}
