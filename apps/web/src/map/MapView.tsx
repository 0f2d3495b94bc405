import '@xyflow/react/dist/style.css';
import { useCallback, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { ReactFlowProvider } from '@xyflow/react';
import type { Flow, StatusResponse } from '@starmap/core';
import { useNow } from '../state/useNow';
import { useLiveSocket } from '../stream/StreamProvider';
import { ElementCache, buildElements } from './canvas/elements';
import { MapActionsContext, type MapActions } from './canvas/mapActions';
import { MapCanvas } from './canvas/MapCanvas';
import type { MapFlowNode } from './canvas/types';
import { EDGE_LABEL_HEIGHT, edgeLabel, edgeLabelWidth } from './edgeStyle';
import type { LayoutGraph, Point } from './layout/types';
import { buildMapGraph, cardOf, cardSize, neighbourhood, searchNodes, type MapGraph } from './mapGraph';
import { mapEmptyMessage } from './mapEmptyState';
import { MapLegend } from './MapLegend';
import type { MapSelection } from './mapParams';
import { MapPanel } from './MapPanel';
import { MapToolbar } from './MapToolbar';
import { nodeTitle } from './nodeText';
import { useMapExport } from './useMapExport';
import { useMapLayout } from './useMapLayout';
import { useMapParams } from './useMapParams';
import { useMapViewport } from './useMapViewport';
import { useServiceMap } from './useServiceMap';
import { useStageSize } from './useStageSize';

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

const EMPTY_GRAPH: MapGraph = { islands: [], nodes: [], edges: [], islandOf: new Map(), servicesOf: new Map(), foldedInto: new Map(), hiddenNodes: 0, totalNodes: 0 };

function toLayoutGraph(graph: MapGraph): LayoutGraph {
  return {
    nodes: graph.nodes.map((n) => ({ id: n.id, island: graph.islandOf.get(n.id)!, ...cardSize(n.kind) })),
    edges: graph.edges.map((d) => ({
      id: d.id,
      source: d.source,
      target: d.target,
      labelWidth: edgeLabelWidth(edgeLabel(d.edge)),
      labelHeight: EDGE_LABEL_HEIGHT,
      flows: d.edge.flows,
    })),
  };
}

/** The service map view: toolbar, canvas, side panel, legend. */
export function MapView(props: MapViewProps) {
  return (
    <ReactFlowProvider>
      <ServiceMapView {...props} />
    </ReactFlowProvider>
  );
}

function ServiceMapView({ namespaces, flows, status, serverProblem, openFlowId, onOpenFlow }: MapViewProps) {
  const [params, setParams] = useMapParams();
  const { hidden, windowMs, selection, serviceCards } = params;
  const { map } = useServiceMap(namespaces, windowMs);
  const graph = useMemo(
    () => (map ? buildMapGraph(map, hidden, namespaces, { foldServices: !serviceCards }) : EMPTY_GRAPH),
    [map, hidden, namespaces, serviceCards],
  );
  const layoutGraph = useMemo(() => toLayoutGraph(graph), [graph]);
  const [stageRef, stage] = useStageSize<HTMLDivElement>();
  const layout = useMapLayout(layoutGraph, stage.width / stage.height);

  // Selection (from the URL) and search decide what is in focus; the rest is dimmed.
  const [query, setQuery] = useState('');
  const matches = useMemo(() => searchNodes(graph, query), [graph, query]);
  const matchSet = useMemo(() => new Set(matches), [matches]);
  // A folded service selected by link is drawn as its backend's card.
  const cardSelection = useMemo<MapSelection | null>(
    () => (selection?.kind === 'node' ? { kind: 'node', id: cardOf(graph, selection.id) } : selection),
    [selection, graph],
  );
  const focus = useMemo(() => {
    if (cardSelection) return neighbourhood(graph, cardSelection);
    if (matches.length === 0) return null;
    return { nodes: matchSet, edges: new Set(graph.edges.filter((e) => matchSet.has(e.source) && matchSet.has(e.target)).map((e) => e.id)) };
  }, [graph, cardSelection, matches, matchSet]);
  const [drag, setDrag] = useState<{ id: string; position: Point } | null>(null);

  const cache = useRef(new ElementCache());
  const elements = useMemo(
    () =>
      layout.layout
        ? buildElements({ graph, layout: layout.layout, selection: cardSelection, focus, matches: matchSet, drag }, cache.current)
        : { nodes: [] as MapFlowNode[], edges: [] },
    [graph, layout.layout, cardSelection, focus, matchSet, drag],
  );

  const viewport = useMapViewport({ graph, layout: layout.layout, generation: layout.generation, selection: cardSelection, matches, query, stage });
  const { stopFollowing } = viewport;
  const select = useCallback((next: MapSelection | null) => setParams({ selection: next }), [setParams]);
  // A click selects and stops the view from following the map (see useMapViewport).
  const selectByClick = useCallback(
    (next: MapSelection) => {
      stopFollowing();
      select(next);
    },
    [select, stopFollowing],
  );
  const hide = useCallback(
    (id: string) => setParams({ hidden: [...new Set([...hidden, id])], selection: selection?.kind === 'node' && selection.id === id ? null : selection }),
    [hidden, selection, setParams],
  );
  // Cards and edges get one stable object, so that memoized components do not re-render for it.
  const latest = useRef({ selectByClick, hide });
  latest.current = { selectByClick, hide };
  const actions = useMemo<MapActions>(
    () => ({ select: (kind, id) => latest.current.selectByClick({ kind, id }), hide: (id) => latest.current.hide(id) }),
    [],
  );

  const onDrag = useCallback(
    (id: string, position: Point) => {
      stopFollowing();
      setDrag({ id, position });
    },
    [stopFollowing],
  );
  const { moveCard, moveIsland } = layout;
  const onDragStop = useCallback(
    (node: MapFlowNode) => {
      if (node.type === 'island') moveIsland(node.id, node.position);
      else moveCard(node.id, node.position);
      setDrag(null);
    },
    [moveCard, moveIsland],
  );

  // The overview only helps once the view no longer shows the whole map.
  const [minimap, setMinimap] = useState<boolean | null>(null);
  const showMinimap = minimap ?? (!viewport.following || graph.nodes.length > LARGE_MAP);
  const exporter = useMapExport(graph, layout.layout, namespaces, windowMs, hidden);

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
  const nameOf = useCallback(
    (id: string) => {
      const node = map?.nodes.find((n) => n.id === id);
      return node ? nodeTitle(node) : id;
    },
    [map],
  );

  return (
    <main className="map-view" data-testid="map-view">
      <MapToolbar
        query={query}
        onQuery={setQuery}
        matchCount={matches.length}
        onNextMatch={viewport.nextMatch}
        windowMs={windowMs}
        onWindow={(ms) => setParams({ windowMs: ms })}
        hidden={hidden}
        onHidden={(next) => setParams({ hidden: next })}
        serviceCards={serviceCards}
        onServiceCards={(on) => setParams({ serviceCards: on })}
        nameOf={nameOf}
        onRelayout={layout.relayout}
        onFit={viewport.fit}
        onExport={exporter.exportMap}
        canExport={layout.layout !== null && graph.nodes.length > 0}
      />
      {(layout.error || exporter.error) && (
        <p className="map-error" role="alert" data-testid="map-error">
          {layout.error ? `The layout failed: ${layout.error}. Try “Re-layout”; the cards keep their last positions.` : exporter.error}
        </p>
      )}
      <div className="map-body">
        <div className="map-stage" ref={stageRef}>
          <MapActionsContext.Provider value={actions}>
            <MapCanvas
              nodes={elements.nodes}
              edges={elements.edges}
              large={graph.nodes.length > LARGE_MAP}
              onSelectNode={(id) => selectByClick({ kind: 'node', id })}
              onSelectEdge={(id) => selectByClick({ kind: 'edge', id })}
              onClearSelection={() => select(null)}
              onDrag={onDrag}
              onDragStop={onDragStop}
              onUserMove={stopFollowing}
              minimap={showMinimap}
              onToggleMinimap={() => setMinimap(!showMinimap)}
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
            serviceCards={serviceCards}
            onClose={() => select(null)}
            onSelect={selectByClick}
            onHide={hide}
            openFlowId={openFlowId}
            onOpenFlow={onOpenFlow}
          />
        )}
      </div>
      <MapLegend status={statusText} busy={layout.busy} />
    </main>
  );
}
