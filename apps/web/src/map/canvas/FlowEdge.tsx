import { memo } from 'react';
import { BaseEdge, EdgeLabelRenderer, useInternalNode, type EdgeProps, type InternalNode } from '@xyflow/react';
import { edgePath, near } from '../edgeGeometry';
import { edgeLabelWidth, VERDICT_COLOURS } from '../edgeStyle';
import type { Rect } from '../layout/types';
import { useMapActions } from './mapActions';
import type { FlowEdge as FlowEdgeType } from './types';

function rectOf(node: InternalNode): Rect {
  return {
    x: node.internals.positionAbsolute.x,
    y: node.internals.positionAbsolute.y,
    width: node.measured.width ?? node.width ?? 0,
    height: node.measured.height ?? node.height ?? 0,
  };
}

function FlowEdgeComponent({ id, source, target, data, markerEnd }: EdgeProps<FlowEdgeType>) {
  const from = useInternalNode(source);
  const to = useInternalNode(target);
  const actions = useMapActions();
  if (!from || !to || !data) return null;
  const { edge, mix, label, width, focus, selected, cross } = data;
  const a = rectOf(from);
  const b = rectOf(to);
  const { placed } = data;
  // React Flow moves cards during a drag before the map's state follows: draw from where they stand.
  const path = near(a, placed.sourceAt) && near(b, placed.targetAt) ? placed.path : edgePath(a, b, source === target ? null : placed.route, edgeLabelWidth(label));
  const colour = VERDICT_COLOURS[mix];
  const classes = ['map-edge', `map-edge--${mix}`, `is-focus-${focus}`];
  if (selected) classes.push('is-selected');
  if (cross) classes.push('is-cross');
  return (
    <>
      <g className={classes.join(' ')} data-testid="map-edge" data-edge-id={id} data-dropped={label.failed} data-verdict={mix}>
        {selected && <path d={path.d} className="map-edge__halo" strokeWidth={width + 8} fill="none" />}
        <BaseEdge
          id={id}
          path={path.d}
          markerEnd={markerEnd}
          interactionWidth={Math.max(14, width + 8)}
          style={{ stroke: colour, strokeWidth: width, strokeDasharray: edge.l7 ? '7 4' : undefined }}
        />
      </g>
      <EdgeLabelRenderer>
        <button
          type="button"
          className={`map-edge-label nodrag nopan is-focus-${focus}${selected ? ' is-selected' : ''}${cross ? ' is-cross' : ''}`}
          style={{ transform: `translate(-50%, -50%) translate(${path.label.x}px, ${path.label.y}px)` }}
          data-testid="map-edge-label"
          data-edge-id={id}
          title={`${edge.source} → ${edge.destination}`}
          onClick={() => actions.select('edge', id)}
        >
          {label.port && <span className="map-edge-label__port">{label.port}</span>}
          <span className="map-edge-label__volume">
            {label.volume}
            {label.failed > 0 && <span className="map-edge-label__drops">✕ {label.failed.toLocaleString('en-US')}</span>}
          </span>
        </button>
      </EdgeLabelRenderer>
    </>
  );
}

export const FlowEdge = memo(FlowEdgeComponent);
