import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import type { IslandNode as IslandNodeType } from './types';

function IslandNodeComponent({ data }: NodeProps<IslandNodeType>) {
  const { island } = data;
  const count = `${island.nodeCount.toLocaleString('en-US')} ${island.nodeCount === 1 ? 'node' : 'nodes'}`;
  return (
    <div
      className={`map-island map-island--${island.kind}${island.peersOnly ? ' is-peers-only' : ''}`}
      data-testid="map-island"
      data-island-id={island.id}
      data-namespace={island.namespace || undefined}
      data-peers-only={island.peersOnly}
    >
      <div className="map-island__title" title={`${island.kind === 'namespace' ? `Namespace ${island.title}` : island.title} · drag to move this box`}>
        <span className="map-island__name">{island.title}</span>
        <span className="map-island__count">{count}</span>
        {island.peersOnly && (
          <span className="map-island__peers" title="This namespace is not selected; it shows only what talks to the selected ones">
            peers only
          </span>
        )}
      </div>
    </div>
  );
}

export const IslandNode = memo(IslandNodeComponent);
