import { useMemo, useRef, useState, type ReactNode } from 'react';
import { endpointLabel, type DropCount, type DropReasonSummary, type DropsSummary, type Flow, type FlowEndpoint } from '@starmap/core';
import { isEmptyFilter } from '../filters/filterModel';
import type { SharedFilterControl } from '../filters/useSharedFilter';
import { isFilterableKey, isRowActive, narrowToRow, sampleEndpoints, widenFromRow, type DropDimension } from './dropRowFilter';
import { dropsEmptyText, windowText } from './dropsText';
import { sparkBars } from './sparkline';

interface DropsPanelProps {
  summary: DropsSummary | null;
  error: string | null;
  control: SharedFilterControl;
  /** Live flows, to find how an endpoint of a row was named. */
  flows: readonly Flow[];
  onClose: () => void;
}

const ROWS_SHOWN = 6;

/**
 * What is being dropped, where and why, over the map's window and the shared filter. Clicking a
 * row narrows the filter to those drops (the map and the flows follow); clicking it again widens.
 */
export function DropsPanel({ summary, error, control, flows, onClose }: DropsPanelProps) {
  const { filter } = control;

  // Flows change every frame; how the panel's endpoints were named only needs looking up when the counts change.
  const flowsRef = useRef(flows);
  flowsRef.current = flows;
  const samples = useMemo(() => {
    const keysOf = (rows: readonly DropCount[]) => new Set(rows.map((r) => r.key));
    return {
      source: sampleEndpoints(flowsRef.current, 'source', keysOf(summary?.bySource ?? []), endpointLabel),
      destination: sampleEndpoints(flowsRef.current, 'destination', keysOf(summary?.byDestination ?? []), endpointLabel),
    };
  }, [summary]);
  const sampleOf = (dimension: DropDimension, key: string): FlowEndpoint | undefined =>
    dimension === 'source' || dimension === 'destination' ? samples[dimension].get(key) : undefined;

  const click = (dimension: DropDimension, key: string) => {
    const sample = sampleOf(dimension, key);
    const next = isRowActive(filter, dimension, key, sample) ? widenFromRow(filter, dimension, key, sample) : narrowToRow(filter, dimension, key, sample);
    control.apply(next);
  };
  const active = (dimension: DropDimension, key: string) => isRowActive(filter, dimension, key, sampleOf(dimension, key));

  let body: ReactNode;
  if (error !== null && summary === null) {
    body = <p className="drops-note drops-note--bad">Cannot read drop counts: {error}</p>;
  } else if (summary === null) {
    body = <p className="drops-note">Counting drops…</p>;
  } else if (summary.total === 0) {
    const empty = dropsEmptyText(summary.windowMs, { namespaces: filter.namespaces, filtered: control.restText !== '' });
    body = (
      <div className="drops-empty" data-testid="drops-empty">
        <p className="empty-title">{empty.title}</p>
        <p className="empty-detail">{empty.detail}</p>
      </div>
    );
  } else {
    body = (
      <>
        <DropsGroup title="Reasons" count={summary.byReason.length}>
          {(limit) =>
            summary.byReason.slice(0, limit).map((reason) => (
              <ReasonRow key={reason.code} reason={reason} total={summary.total} bucketMs={summary.bucketMs} active={active('reason', reason.name)} onClick={() => click('reason', reason.name)} />
            ))
          }
        </DropsGroup>
        <CountGroup title="Namespaces" dimension="namespace" rows={summary.byNamespace} total={summary.total} active={active} onClick={click} />
        <CountGroup title="Sources" dimension="source" rows={summary.bySource} total={summary.total} active={active} onClick={click} />
        <CountGroup title="Destinations" dimension="destination" rows={summary.byDestination} total={summary.total} active={active} onClick={click} />
        <CountGroup title="Nodes" dimension="node" rows={summary.byNode} total={summary.total} active={active} onClick={click} />
      </>
    );
  }

  return (
    <aside className="drops-panel" id="drops-panel" aria-label="Drops" data-testid="drops-panel" data-total={summary?.total ?? ''}>
      <div className="drops-head">
        <h2 className="drops-title">Drops</h2>
        {summary && (
          <span className="drops-scope" title={isEmptyFilter(filter) ? 'Whole cluster' : `Filter: ${control.barText}`}>
            <strong data-testid="drops-total">{summary.total.toLocaleString('en-US')}</strong> in the last {windowText(summary.windowMs)}
          </span>
        )}
        <button type="button" className="icon-button" onClick={onClose} aria-label="Close the drops panel" title="Close">
          ×
        </button>
      </div>
      <div className="drops-body">
        {body}
        {summary && summary.total > 0 && <p className="drops-hint">Click a row to narrow the map and the flows to it; click it again to widen.</p>}
      </div>
    </aside>
  );
}

function DropsGroup({ title, count, children }: { title: string; count: number; children: (limit: number) => ReactNode }) {
  const [all, setAll] = useState(false);
  const limit = all ? count : ROWS_SHOWN;
  return (
    <section className="drops-group">
      <h3 className="drops-group-title">{title}</h3>
      <div className="drops-rows">{children(limit)}</div>
      {count > ROWS_SHOWN && (
        <button type="button" className="drops-more" onClick={() => setAll(!all)}>
          {all ? 'Show fewer' : `Show ${count - ROWS_SHOWN} more`}
        </button>
      )}
    </section>
  );
}

function ReasonRow({ reason, total, bucketMs, active, onClick }: { reason: DropReasonSummary; total: number; bucketMs: number; active: boolean; onClick: () => void }) {
  const share = total > 0 ? reason.count / total : 0;
  return (
    <button
      type="button"
      className={`drops-row drops-row--reason${active ? ' is-active' : ''}`}
      data-testid="drops-reason-row"
      data-reason={reason.name}
      data-count={reason.count}
      aria-pressed={active}
      title={`${reason.text} (${reason.name}, code ${reason.code}): ${reason.count} drops. ${active ? 'Click to remove from the filter.' : 'Click to show only these drops.'}`}
      onClick={onClick}
    >
      <span className="drops-share" style={{ width: `${Math.round(share * 100)}%` }} aria-hidden="true" />
      <span className="drops-reason-text">{reason.text}</span>
      <span className="drops-count">{reason.count.toLocaleString('en-US')}</span>
      <span className="drops-reason-meta">
        <code className="drops-reason-name">{reason.name}</code>
        <span className={`drops-category drops-category--${reason.category}`}>{reason.category}</span>
      </span>
      <Sparkline series={reason.series} bucketMs={bucketMs} />
    </button>
  );
}

function CountGroup({
  title,
  dimension,
  rows,
  total,
  active,
  onClick,
}: {
  title: string;
  dimension: DropDimension;
  rows: readonly DropCount[];
  total: number;
  active: (dimension: DropDimension, key: string) => boolean;
  onClick: (dimension: DropDimension, key: string) => void;
}) {
  return (
    <DropsGroup title={title} count={rows.length}>
      {(limit) =>
        rows.slice(0, limit).map((row) => {
          const filterable = isFilterableKey(row.key);
          const on = filterable && active(dimension, row.key);
          return (
            <button
              key={row.key}
              type="button"
              className={`drops-row${on ? ' is-active' : ''}`}
              data-testid={`drops-${dimension}-row`}
              data-key={row.key}
              data-count={row.count}
              aria-pressed={on}
              disabled={!filterable}
              title={filterable ? `${row.key}: ${row.count} drops. ${on ? 'Click to remove from the filter.' : 'Click to show only these drops.'}` : 'Many distinct values counted together'}
              onClick={() => onClick(dimension, row.key)}
            >
              <span className="drops-share" style={{ width: `${Math.round((row.count / Math.max(1, total)) * 100)}%` }} aria-hidden="true" />
              <span className="drops-key">{row.key}</span>
              <span className="drops-count">{row.count.toLocaleString('en-US')}</span>
            </button>
          );
        })
      }
    </DropsGroup>
  );
}

const SPARK_W = 90;
const SPARK_H = 16;

function Sparkline({ series, bucketMs }: { series: readonly number[]; bucketMs: number }) {
  const bars = sparkBars(series, SPARK_W, SPARK_H);
  const peak = Math.max(0, ...series);
  return (
    <svg
      className="drops-spark"
      width={SPARK_W}
      height={SPARK_H}
      viewBox={`0 0 ${SPARK_W} ${SPARK_H}`}
      role="img"
      aria-label={`Drops per ${Math.round(bucketMs / 1000)} s, oldest first; peak ${peak}`}
      data-testid="drops-sparkline"
    >
      <line x1="0" y1={SPARK_H - 0.5} x2={SPARK_W} y2={SPARK_H - 0.5} className="drops-spark-base" />
      {bars.map((b, i) => (b.height > 0 ? <rect key={i} x={b.x} y={b.y} width={b.width} height={b.height} /> : null))}
    </svg>
  );
}
