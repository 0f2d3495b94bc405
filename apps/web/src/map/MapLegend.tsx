import { VERDICT_COLOURS } from './edgeStyle';

function Line({ colour, dashed, width = 3 }: { colour: string; dashed?: boolean; width?: number }) {
  return (
    <svg width="30" height="10" aria-hidden="true" className="map-legend__line">
      <line x1="1" y1="5" x2="29" y2="5" stroke={colour} strokeWidth={width} strokeDasharray={dashed ? '7 4' : undefined} />
    </svg>
  );
}

/** What colours, widths, dashes, labels and card styles mean: one strip under the map. */
export function MapLegend({ status, busy }: { status: string; busy: boolean }) {
  return (
    <section
      className="map-legend"
      data-testid="map-legend"
      aria-label="Map legend"
      title="Click a card or a label for its flows · hover a card for its labels · drag cards and namespace titles"
    >
      <span className="map-legend__item">
        <Line colour={VERDICT_COLOURS.forwarded} /> forwarded
      </span>
      <span className="map-legend__item">
        <Line colour={VERDICT_COLOURS.dropped} /> dropped
      </span>
      <span className="map-legend__item">
        <Line colour={VERDICT_COLOURS.mixed} /> both
      </span>
      <span className="map-legend__item" title="The edge carried L7 events (HTTP, DNS, Kafka): a proxy sat in the path">
        <Line colour={VERDICT_COLOURS.other} dashed /> L7 seen
      </span>
      <span className="map-legend__item" title="Line width grows with the logarithm of the flows in the window">
        <Line colour={VERDICT_COLOURS.other} width={1.5} />
        <Line colour={VERDICT_COLOURS.other} width={6} /> more flows
      </span>
      <span
        className="map-legend__item"
        title="Busiest destination port (+ how many others) · flows per second over the last 30 s, or the flows in the window when it was quiet · ✕ flows dropped"
      >
        <span className="map-legend__label">
          TCP/8080 · 3.2/s <span className="map-edge-label__drops">✕ 7</span>
        </span>
        port, rate, drops
      </span>
      <span className="map-legend__sep" aria-hidden="true" />
      <span className="map-legend__card map-legend__card--workload">workload</span>
      <span className="map-legend__card map-legend__card--service">service</span>
      <span className="map-legend__card map-legend__card--reserved">cluster identity</span>
      <span className="map-legend__card map-legend__card--ip">outside the cluster</span>
      <span className="map-legend__card map-legend__card--more" title="The map reached its node limit; the rest of a namespace is folded into one card">
        N more
      </span>
      <span className={`map-legend__status${busy ? ' is-busy' : ''}`} data-testid="map-status">
        {status}
      </span>
    </section>
  );
}
