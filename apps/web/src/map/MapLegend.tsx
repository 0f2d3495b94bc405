import { useState } from 'react';
import { VERDICT_COLOURS } from './edgeStyle';

function Line({ colour, dashed, width = 3 }: { colour: string; dashed?: boolean; width?: number }) {
  return (
    <svg width="34" height="12" aria-hidden="true" className="map-legend__line">
      <line x1="1" y1="6" x2="33" y2="6" stroke={colour} strokeWidth={width} strokeDasharray={dashed ? '7 4' : undefined} />
    </svg>
  );
}

/** What colours, widths, dashes, labels and card styles mean. */
export function MapLegend() {
  const [open, setOpen] = useState(true);
  return (
    <section className={`map-legend${open ? '' : ' is-closed'}`} data-testid="map-legend" aria-label="Map legend">
      <button type="button" className="map-legend__toggle" onClick={() => setOpen(!open)} aria-expanded={open}>
        Legend {open ? '▾' : '▸'}
      </button>
      {open && (
        <div className="map-legend__body">
          <div className="map-legend__row">
            <Line colour={VERDICT_COLOURS.forwarded} /> forwarded
          </div>
          <div className="map-legend__row">
            <Line colour={VERDICT_COLOURS.dropped} /> dropped
          </div>
          <div className="map-legend__row">
            <Line colour={VERDICT_COLOURS.mixed} /> some forwarded, some dropped
          </div>
          <div className="map-legend__row">
            <Line colour={VERDICT_COLOURS.forwarded} dashed /> L7 seen (through the proxy)
          </div>
          <div className="map-legend__row">
            <Line colour={VERDICT_COLOURS.other} width={1.5} />
            <Line colour={VERDICT_COLOURS.other} width={6} /> thicker: more flows (log scale)
          </div>
          <div className="map-legend__row">
            <span className="map-legend__label">
              TCP/8080 · 3.2/s <span className="map-edge-label__drops">✕ 7</span>
            </span>
          </div>
          <div className="map-legend__note">busiest port (+ others) · flows/s over the last 30 s, or flows in the window when quiet · ✕ dropped flows</div>
          <div className="map-legend__cards">
            <span className="map-legend__card map-legend__card--workload">workload</span>
            <span className="map-legend__card map-legend__card--service">service</span>
            <span className="map-legend__card map-legend__card--reserved">cluster identity</span>
            <span className="map-legend__card map-legend__card--ip">outside the cluster</span>
            <span className="map-legend__card map-legend__card--more">N more (map full)</span>
          </div>
          <div className="map-legend__note">Click a card or a label for its flows; hover a card for its labels; drag cards and namespace titles.</div>
        </div>
      )}
    </section>
  );
}
