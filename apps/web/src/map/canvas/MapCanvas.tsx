import { useCallback } from 'react';
import {
  Background,
  ControlButton,
  Controls,
  MiniMap,
  ReactFlow,
  useStore,
  type Node,
  type NodeChange,
  type NodeMouseHandler,
  type EdgeMouseHandler,
  type OnNodeDrag,
} from '@xyflow/react';
import { FIT_VIEW } from './fitView';
import { EDGE_TYPES, NODE_TYPES } from './flowTypes';
import type { FlowEdge, MapFlowNode } from './types';

interface MapCanvasProps {
  nodes: MapFlowNode[];
  edges: FlowEdge[];
  /** Many nodes: render only what is in view. */
  large: boolean;
  onSelectNode: (id: string) => void;
  onSelectEdge: (id: string) => void;
  onClearSelection: () => void;
  onDrag: (id: string, position: { x: number; y: number }) => void;
  onDragStop: (node: MapFlowNode) => void;
  /** The user panned or zoomed (not the program). */
  onUserMove: () => void;
  minimap: boolean;
  onToggleMinimap: () => void;
}

const MINIMAP_COLOURS: Record<string, string> = {
  workload: '#7ea6de',
  service: '#b59be6',
  reserved: '#39424e',
  fqdn: '#e0b44c',
  ip: '#e0b44c',
  more: '#9aa3ad',
};

function minimapColour(node: Node): string {
  if (node.type === 'island') return 'rgba(184, 199, 218, 0.35)';
  const kind = (node.data as { node?: { kind?: string } }).node?.kind ?? 'workload';
  return MINIMAP_COLOURS[kind] ?? '#7ea6de';
}

const FIT_OPTIONS = FIT_VIEW;
// Below this zoom, edge labels and card details are too small to read; they are hidden.
const DETAIL_ZOOM = 0.45;

export function MapCanvas({ nodes, edges, large, onSelectNode, onSelectEdge, onClearSelection, onDrag, onDragStop, onUserMove, minimap, onToggleMinimap }: MapCanvasProps) {
  const zoomedOut = useStore((s) => s.transform[2] < DETAIL_ZOOM);

  const onNodesChange = useCallback(
    (changes: NodeChange<MapFlowNode>[]) => {
      for (const change of changes) {
        if (change.type === 'position' && change.dragging && change.position) onDrag(change.id, change.position);
      }
    },
    [onDrag],
  );
  const onNodeClick: NodeMouseHandler<MapFlowNode> = useCallback(
    (_event, node) => {
      if (node.type === 'card') onSelectNode(node.id);
      else onClearSelection();
    },
    [onSelectNode, onClearSelection],
  );
  const onEdgeClick: EdgeMouseHandler<FlowEdge> = useCallback((_event, edge) => onSelectEdge(edge.id), [onSelectEdge]);
  const onNodeDragStop: OnNodeDrag<MapFlowNode> = useCallback((_event, node) => onDragStop(node), [onDragStop]);

  return (
    <div className={`map-canvas${zoomedOut ? ' is-zoomed-out' : ''}`}>
      <ReactFlow<MapFlowNode, FlowEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={NODE_TYPES}
        edgeTypes={EDGE_TYPES}
        onNodesChange={onNodesChange}
        onNodeClick={onNodeClick}
        onEdgeClick={onEdgeClick}
        onPaneClick={onClearSelection}
        onNodeDragStart={onUserMove}
        onNodeDragStop={onNodeDragStop}
        onMoveStart={(event) => {
          if (event) onUserMove();
        }}
        nodesConnectable={false}
        elementsSelectable={false}
        zoomOnDoubleClick={false}
        onlyRenderVisibleElements={large}
        minZoom={0.05}
        maxZoom={2.5}
        fitViewOptions={FIT_OPTIONS}
        attributionPosition="top-left"
      >
        <Background gap={24} size={1} color="#d5dae1" />
        <Controls position="bottom-left" showInteractive={false} fitViewOptions={FIT_OPTIONS}>
          <ControlButton onClick={onToggleMinimap} title={minimap ? 'Hide the overview map' : 'Show the overview map'} aria-pressed={minimap} data-testid="map-minimap-toggle">
            <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true">
              <rect x="1.5" y="2.5" width="13" height="11" fill="none" stroke="currentColor" strokeWidth="1.5" />
              <rect x="8" y="8" width="5" height="4" fill="currentColor" />
            </svg>
          </ControlButton>
        </Controls>
        {minimap && (
          <MiniMap
            position="bottom-right"
            pannable
            zoomable
            nodeColor={minimapColour}
            nodeStrokeWidth={0}
            maskColor="rgba(246, 247, 249, 0.75)"
            ariaLabel="Map overview"
            style={{ width: 180, height: 120 }}
          />
        )}
      </ReactFlow>
    </div>
  );
}
