import '@xyflow/react/dist/style.css';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import type { Flow, StatusResponse } from '@starmap/core';
import { quoteList } from '../format/emptyState';
import { useNow } from '../state/useNow';
import { useLiveSocket } from '../stream/StreamProvider';
import { ElementCache, buildElements } from './canvas/elements';
import { MapActionsContext, type MapActions } from './canvas/mapActions';
import { MapCanvas } from './canvas/MapCanvas';
import type { MapFlowNode } from './canvas/types';
import { EDGE_LABEL_HEIGHT, edgeLabel, edgeLabelWidth } from './edgeStyle';
import { downloadBlob, exportFileName, mapToSvg, svgToPng } from './exportMap';
import type { LayoutGraph, Point } from './layout/types';
import { buildMapGraph, cardSize, neighbourhood, searchNodes, type MapGraph } from './mapGraph';
import { mapEmptyMessage } from './mapEmptyState';
import { windowLabel, type MapSelection } from './mapParams';
import { MapLegend } from './MapLegend';
import { MapPanel } from './MapPanel';
import { MapToolbar } from './MapToolbar';
import { nodeTitle } from './nodeText';
import { useMapLayout } from './useMapLayout';
import { useMapParams } from './useMapParams';
import { useServiceMap } from './useServiceMap';

export interface MapViewProps {
  /** Selected namespaces (empty = all), shared with the flows table and the URL. */
  namespaces: readonly string[];
  /** The live flows of those namespaces, newest first (the side panel's flows). */
  flows: readonly Flow[];
  status: StatusResponse | undefined;
  serverProblem: string | null;
  openFlowId: string | null;
  onOpenFlow: (flow: Flow) => void;
}

/** Above this many cards React Flow renders only those in view. */
const LARGE_MAP = 300;

const EMPTY_GRAPH: MapGraph = { islands: [], nodes: [], edges: [], islandOf: new Map(), hiddenNodes: 0, totalNodes: 0 };

function toLayoutGraph(graph: MapGraph): LayoutGraph {
  return {
    nodes: graph.nodes.map((n) => ({ id: n.id, island: graph.islandOf.get(n.id)!, ...cardSize(n.kind) })),
    edges: graph.edges.map((e) => ({
      id: e.id,
      source: e.source,
      target: e.destination,
      labelWidth: edgeLabelWidth(edgeLabel(e)),
      labelHeight: EDGE_LABEL_HEIGHT,
      flows: e.flows,
    })),
  };
}

export function MapView(props: MapViewProps) {
  return (
    <ReactFlowProvider>
      <ServiceMapView {...props} />
    </ReactFlowProvider>
  );
}

function ServiceMapView({ namespaces, flows, status, serverProblem, openFlowId, onOpenFlow }: MapViewProps) {
  const [params, setParams] = useMapParams();
  const { hidden, windowMs, selection } = params;
  const { map } = useServiceMap(namespaces, windowMs);
  const graph = useMemo(() => (map ? buildMapGraph(map, hidden, namespaces) : EMPTY_GRAPH), [map, hidden, namespaces]);
  const layoutGraph = useMemo(() => toLayoutGraph(graph), [graph]);

  const canvasRef = useRef<HTMLDivElement>(null);
  const [aspect, setAspect] = useState(1.6);
  useLayoutEffect(() => {
    const el = canvasRef.current;
    if (!el) return;
    const measure = () => {
      const { width, height } = el.getBoundingClientRect();
      if (width > 0 && height > 0) setAspect(width / height);
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  const layout = useMapLayout(layoutGraph, aspect);

  // --- selection, search, drag
  const [query, setQuery] = useState('');
  const matches = useMemo(() => searchNodes(graph.nodes, query), [graph.nodes, query]);
  const matchSet = useMemo(() => new Set(matches), [matches]);
  const focus = useMemo(() => {
    if (selection) return neighbourhood(graph, selection);
    if (matches.length === 0) return null;
    return { nodes: matchSet, edges: new Set(graph.edges.filter((e) => matchSet.has(e.source) && matchSet.has(e.destination)).map((e) => e.id)) };
  }, [graph, selection, matches, matchSet]);
  const [drag, setDrag] = useState<{ id: string; position: Point } | null>(null);

  const cache = useRef(new ElementCache());
  const elements = useMemo(
    () =>
      layout.layout
        ? buildElements({ graph, layout: layout.layout, selection, focus, matches: matchSet, drag }, cache.current)
        : { nodes: [] as MapFlowNode[], edges: [] },
    [graph, layout.layout, selection, focus, matchSet, drag],
  );

  const select = useCallback((next: MapSelection | null) => setParams({ selection: next }), [setParams]);
  const hide = useCallback(
    (id: string) => setParams({ hidden: [...new Set([...hidden, id])], selection: selection?.kind === 'node' && selection.id === id ? null : selection }),
    [hidden, selection, setParams],
  );
  const hideRef = useRef(hide);
  hideRef.current = hide;
  const actions = useMemo<MapActions>(
    () => ({ select: (kind, id) => select({ kind, id }), hide: (id) => hideRef.current(id) }),
    [select],
  );
  const onDrag = useCallback((id: string, position: Point) => setDrag({ id, position }), []);
  const { moveCard, moveIsland } = layout;
  const onDragStop = useCallback(
    (node: MapFlowNode) => {
      if (node.type === 'island') moveIsland(node.id, node.position);
      else moveCard(node.id, node.position);
      setDrag(null);
    },
    [moveCard, moveIsland],
  );

  // --- view: fit each new full layout, center search matches
  // The view follows the map (fits it whole) until the user pans or zooms; a new full layout fits again.
  const flow = useReactFlow();
  const userMoved = useRef(false);
  const fittedGeneration = useRef(-1);
  useEffect(() => {
    if (!layout.layout || elements.nodes.length === 0) return;
    if (layout.generation !== fittedGeneration.current) {
      fittedGeneration.current = layout.generation;
      userMoved.current = false;
    } else if (userMoved.current) {
      return;
    }
    const frame = requestAnimationFrame(() => void flow.fitView({ padding: 0.06, maxZoom: 1 }));
    return () => cancelAnimationFrame(frame);
  }, [layout.layout, layout.generation, elements.nodes.length, flow]);
  const onUserMove = useCallback(() => {
    userMoved.current = true;
  }, []);

  const matchIndex = useRef(0);
  const centerOn = useCallback(
    (id: string) => {
      const at = layout.layout?.nodes[id];
      const island = at && layout.layout?.islands[at.island];
      const node = graph.nodes.find((n) => n.id === id);
      if (!at || !island || !node) return;
      const size = cardSize(node.kind);
      void flow.setCenter(island.x + at.x + size.width / 2, island.y + at.y + size.height / 2, { zoom: Math.max(flow.getZoom(), 0.9), duration: 300 });
    },
    [layout.layout, graph.nodes, flow],
  );
  useEffect(() => {
    matchIndex.current = 0;
    if (matches.length === 0) return;
    const timer = setTimeout(() => centerOn(matches[0]!), 350);
    return () => clearTimeout(timer);
    // Center when the query changes, not when the map ticks.
  }, [query]);
  const nextMatch = useCallback(() => {
    if (matches.length === 0) return;
    matchIndex.current = (matchIndex.current + 1) % matches.length;
    const id = matches[matchIndex.current]!;
    centerOn(id);
  }, [matches, centerOn]);

  // --- export
  const exportMap = useCallback(
    async (format: 'png' | 'svg') => {
      if (!layout.layout) return;
      const now = new Date();
      const scope = namespaces.length === 0 ? 'all namespaces' : quoteList(namespaces);
      const exported = mapToSvg(graph, layout.layout, {
        title: `Service map — ${scope}`,
        subtitle: `Flows in the ${windowLabel(windowMs)} before ${now.toISOString()} · ${graph.nodes.length} nodes, ${graph.edges.length} edges${hidden.length ? ` · hidden: ${hidden.join(', ')}` : ''} · Starmap`,
      });
      if (!exported) return;
      const name = exportFileName(namespaces, now, format);
      if (format === 'svg') downloadBlob(new Blob([exported.svg], { type: 'image/svg+xml' }), name);
      else downloadBlob(await svgToPng(exported), name);
    },
    [graph, layout.layout, namespaces, windowMs, hidden],
  );
  const [exportError, setExportError] = useState<string | null>(null);
  const onExport = useCallback(
    (format: 'png' | 'svg') => {
      setExportError(null);
      exportMap(format).catch((err: unknown) => setExportError(`Export failed: ${err instanceof Error ? err.message : String(err)}`));
    },
    [exportMap],
  );

  // --- status and empty state
  const socket = useLiveSocket();
  const socketState = useSyncExternalStore(socket.onStateChange, socket.getState);
  const now = useNow(1_000, map === null || graph.nodes.length === 0);
  const empty = mapEmptyMessage({
    status,
    serverProblem,
    socket: socketState,
    received: map !== null,
    totalNodes: graph.totalNodes,
    hiddenNodes: graph.hiddenNodes,
    namespaces,
    windowMs,
    now,
  });
  const statusText = [
    `${graph.nodes.length.toLocaleString('en-US')} nodes · ${graph.edges.length.toLocaleString('en-US')} edges`,
    graph.hiddenNodes > 0 ? `${graph.hiddenNodes} hidden` : '',
    layout.busy ? 'laying out…' : '',
    layout.lastFull ? `full layout ${Math.round(layout.lastFull.ms)} ms${layout.inWorker ? '' : ' (main thread)'}` : '',
  ]
    .filter(Boolean)
    .join(' · ');
  const nameOf = useCallback((id: string) => {
    const node = map?.nodes.find((n) => n.id === id);
    return node ? nodeTitle(node) : id;
  }, [map]);

  return (
    <main className="map-view" data-testid="map-view">
      <MapToolbar
        query={query}
        onQuery={setQuery}
        matchCount={matches.length}
        onNextMatch={nextMatch}
        windowMs={windowMs}
        onWindow={(ms) => setParams({ windowMs: ms })}
        hidden={hidden}
        onHidden={(next) => setParams({ hidden: next })}
        nameOf={nameOf}
        onRelayout={layout.relayout}
        onFit={() => void flow.fitView({ padding: 0.06, maxZoom: 1, duration: 250 })}
        onExport={onExport}
        canExport={layout.layout !== null && graph.nodes.length > 0}
        status={statusText}
        busy={layout.busy}
      />
      {(layout.error || exportError) && (
        <p className="map-error" role="alert" data-testid="map-error">
          {layout.error ? `The layout failed: ${layout.error}. Try “Re-layout”; the cards keep their last positions.` : exportError}
        </p>
      )}
      <div className="map-body">
        <div className="map-stage" ref={canvasRef}>
          <MapActionsContext.Provider value={actions}>
            <MapCanvas
              nodes={elements.nodes}
              edges={elements.edges}
              large={graph.nodes.length > LARGE_MAP}
              onSelectNode={(id) => select({ kind: 'node', id })}
              onSelectEdge={(id) => select({ kind: 'edge', id })}
              onClearSelection={() => select(null)}
              onDrag={onDrag}
              onDragStop={onDragStop}
              onUserMove={onUserMove}
            />
          </MapActionsContext.Provider>
          {empty && (
            <div className="map-empty" data-testid="map-empty">
              <p className="empty-title">{empty.title}</p>
              <p className="empty-detail">{empty.detail}</p>
              {graph.totalNodes > 0 && graph.hiddenNodes === graph.totalNodes && (
                <button type="button" className="map-button" onClick={() => setParams({ hidden: [] })}>
                  Show all
                </button>
              )}
            </div>
          )}
          {!empty && layout.layout === null && (
            <div className="map-empty" data-testid="map-laying-out">
              <p className="empty-title">Laying out {graph.nodes.length.toLocaleString('en-US')} nodes…</p>
            </div>
          )}
        </div>
        {selection && map && (
          <MapPanel
            selection={selection}
            map={map}
            flows={flows}
            windowMs={windowMs}
            hidden={hidden.includes(selection.id)}
            onClose={() => select(null)}
            onSelect={select}
            onHide={hide}
            openFlowId={openFlowId}
            onOpenFlow={onOpenFlow}
          />
        )}
      </div>
      <MapLegend />
    </main>
  );
}
