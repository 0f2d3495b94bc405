import { memo, useState } from 'react';
import { Handle, NodeToolbar, Position, type NodeProps } from '@xyflow/react';
import type { ServiceMapNode } from '@starmap/core';
import { nodeBadge, nodeFacts, nodeTitle, servedPorts } from '../nodeText';
import { useMapActions } from './mapActions';
import type { CardNode as CardNodeType } from './types';

const MAX_TOOLTIP_ITEMS = 12;

function List({ title, items }: { title: string; items: readonly string[] }) {
  if (items.length === 0) return null;
  const shown = items.slice(0, MAX_TOOLTIP_ITEMS);
  return (
    <div className="map-tip__group">
      <div className="map-tip__title">{title}</div>
      {shown.map((item) => (
        <div key={item} className="map-tip__item">
          {item}
        </div>
      ))}
      {items.length > shown.length && <div className="map-tip__more">and {items.length - shown.length} more</div>}
    </div>
  );
}

/** What a card shows on hover: the full name, labels, pods, addresses, nodes. */
function CardTooltip({ node, services }: { node: ServiceMapNode; services: readonly ServiceMapNode[] }) {
  return (
    <div className="map-tip" data-testid="map-node-tooltip">
      <div className="map-tip__name">{node.id}</div>
      {node.workloadKind && <div className="map-tip__meta">{node.workloadKind}</div>}
      <List title="Reached through services" items={services.map((s) => `${s.namespace}/${s.name}`)} />
      <List title="Labels" items={node.labels} />
      <List title="Pods" items={node.pods} />
      <List title="Addresses" items={node.ips} />
      <List title="Kubernetes nodes" items={node.k8sNodes} />
      {node.truncated && <div className="map-tip__more">Some lists were cut short: the map keeps a bounded number per node.</div>}
    </div>
  );
}

function CardNodeComponent({ data }: NodeProps<CardNodeType>) {
  const { node, services, focus, selected, match } = data;
  const actions = useMapActions();
  const [hovered, setHovered] = useState(false);
  const ports = servedPorts(node);
  const dropped = node.flows.dropped;
  const classes = ['map-card', `map-card--${node.kind}`, `is-focus-${focus}`];
  if (selected) classes.push('is-selected');
  if (match) classes.push('is-match');
  return (
    <div
      className={classes.join(' ')}
      data-testid="map-node"
      data-node-id={node.id}
      data-node-kind={node.kind}
      data-namespace={node.namespace}
      onMouseEnter={() => setHovered(true)}
      onMouseLeave={() => setHovered(false)}
    >
      <Handle type="target" position={Position.Left} className="map-handle" isConnectable={false} />
      <div className="map-card__top">
        <span className="map-card__name" title={node.id}>
          {nodeTitle(node)}
        </span>
        {dropped > 0 && (
          <span className="map-card__drops" title={`${dropped} dropped flows in the window`}>
            ✕ {dropped.toLocaleString('en-US')}
          </span>
        )}
        <button
          type="button"
          className="map-card__hide nodrag"
          title="Hide this node (remembered in the link)"
          aria-label={`Hide ${node.name}`}
          data-testid="map-node-hide"
          onClick={(event) => {
            event.stopPropagation();
            actions.hide(node.id);
          }}
        >
          ×
        </button>
      </div>
      <div className="map-card__facts">
        <span className={`map-badge map-badge--${node.kind}`}>{nodeBadge(node)}</span>
        {nodeFacts(node)}
      </div>
      {node.kind !== 'more' && (ports.shown.length > 0 || ports.more > 0 || services.length > 0) && (
        <div className="map-card__ports">
          {services.slice(0, 2).map((s) => (
            <span key={s.id} className="map-svc" title={`Service ${s.namespace}/${s.name} leads here`}>
              svc {s.name}
            </span>
          ))}
          {services.length > 2 && <span className="map-svc">+{services.length - 2}</span>}
          {ports.shown.map((p) => (
            <span key={p} className="map-port">
              {p}
            </span>
          ))}
          {ports.more > 0 && <span className="map-port map-port--more">+{ports.more}</span>}
        </div>
      )}
      <Handle type="source" position={Position.Right} className="map-handle" isConnectable={false} />
      <NodeToolbar isVisible={hovered} position={Position.Bottom} offset={6}>
        <CardTooltip node={node} services={services} />
      </NodeToolbar>
    </div>
  );
}

export const CardNode = memo(CardNodeComponent);
