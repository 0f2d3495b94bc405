import { memo } from 'react';
import type { Flow } from '@starmap/core';
import { formatEndpoint } from '../format/endpoint';
import { dropReasonLabel, flowKind, flowSummary, verdictTone } from '../format/flowText';
import { formatClock, formatFullTime } from '../format/time';

interface FlowRowProps {
  flow: Flow;
  index: number;
  top: number;
  selected: boolean;
  onSelect: (flow: Flow) => void;
}

export const FlowRow = memo(function FlowRow({ flow, index, top, selected, onSelect }: FlowRowProps) {
  const source = formatEndpoint(flow.source);
  const destination = formatEndpoint(flow.destination);
  const summary = flowSummary(flow);
  const tone = verdictTone(flow.verdict);
  const reason = dropReasonLabel(flow);

  return (
    <div
      role="row"
      className={`flow-row${selected ? ' is-selected' : ''}`}
      style={{ transform: `translateY(${top}px)` }}
      data-testid="flow-row"
      data-index={index}
      data-flow-id={flow.id}
      data-source-ns={flow.source.namespace}
      data-destination-ns={flow.destination.namespace}
      data-verdict={flow.verdict}
      aria-rowindex={index + 2}
      aria-selected={selected}
      tabIndex={0}
      onClick={() => onSelect(flow)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          onSelect(flow);
        }
      }}
    >
      <div role="gridcell" className="cell cell--time" title={formatFullTime(flow.time, flow.ts)}>
        {formatClock(new Date(flow.ts))}
      </div>
      <div role="gridcell" className="cell cell--endpoint" title={source.title}>
        <span className="ep-text">
          {source.namespacePrefix && (
            <>
              <span className="ep-ns">{source.namespacePrefix.slice(0, -1)}</span>/
            </>
          )}
          <span className="ep-name">{source.name}</span>
          {source.port && <span className="ep-port">{source.port}</span>}
        </span>
        {source.identityTag && <span className="ep-tag">{source.identityTag}</span>}
      </div>
      <div role="gridcell" className="cell cell--endpoint" title={destination.title}>
        <span className="ep-text">
          {destination.namespacePrefix && (
            <>
              <span className="ep-ns">{destination.namespacePrefix.slice(0, -1)}</span>/
            </>
          )}
          <span className="ep-name">{destination.name}</span>
          {destination.port && <span className="ep-port">{destination.port}</span>}
        </span>
        {destination.identityTag && <span className="ep-tag">{destination.identityTag}</span>}
      </div>
      <div role="gridcell" className="cell cell--kind">
        {flowKind(flow)}
      </div>
      <div role="gridcell" className="cell cell--verdict" title={reason ? `${flow.verdict}: ${reason} (${flow.dropReason})` : flow.verdict}>
        <span className={`verdict verdict--${tone}`}>{flow.verdict}</span>
        {reason && <span className="drop-reason">{reason}</span>}
      </div>
      <div role="gridcell" className="cell cell--summary" title={summary}>
        {summary}
      </div>
    </div>
  );
});
