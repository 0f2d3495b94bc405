/** How an edge looks: colour by verdict mix, width by volume, its label. Shared by the canvas, the legend and the export. */
import type { PortFlows, ServiceMapEdge, VerdictCounts } from '@starmap/core';

export type VerdictMix = 'forwarded' | 'dropped' | 'mixed' | 'other';

export const VERDICT_COLOURS: Record<VerdictMix, string> = {
  forwarded: '#2e9a4e',
  dropped: '#d32f2f',
  mixed: '#e08a00',
  other: '#7a8591',
};

/** Flows that did not get through: drops and datapath errors. */
export function failedFlows(v: VerdictCounts): number {
  return v.dropped + v.error;
}

/** Everything else Hubble reports is traffic that went on (traced, translated, redirected, audited). */
export function passedFlows(v: VerdictCounts): number {
  return v.forwarded + v.redirected + v.translated + v.traced + v.audit;
}

export function verdictMix(v: VerdictCounts): VerdictMix {
  const failed = failedFlows(v);
  const passed = passedFlows(v);
  if (failed > 0 && passed > 0) return 'mixed';
  if (failed > 0) return 'dropped';
  if (passed > 0) return 'forwarded';
  return 'other';
}

/** Stroke width in px: grows with the logarithm of the flows, so a busy edge stands out without drowning the rest. */
export function strokeWidth(flows: number): number {
  return Math.min(7, 1.5 + Math.log10(1 + Math.max(0, flows)) * 1.6);
}

export function formatPort(p: Pick<PortFlows, 'protocol' | 'port'>): string {
  if (p.port === null) return p.protocol || 'other';
  return `${p.protocol || '?'}/${p.port}`;
}

export function formatRate(perSecond: number): string {
  if (perSecond >= 100) return `${Math.round(perSecond)}/s`;
  if (perSecond >= 10) return `${perSecond.toFixed(0)}/s`;
  if (perSecond >= 0.1) return `${perSecond.toFixed(1)}/s`;
  if (perSecond > 0) return '<0.1/s';
  return '';
}

function busiestPort(ports: readonly PortFlows[]): PortFlows | undefined {
  let best: PortFlows | undefined;
  for (const p of ports) if (!best || p.flows > best.flows) best = p;
  return best;
}

export interface EdgeLabel {
  /** First line: the busiest port and how many others, 'TCP/8080 +1'; '' when no port is known. */
  port: string;
  /** Second line: the rate, '3.2/s', or the flow count when the recent rate is zero. */
  volume: string;
  /** Both on one line, for titles and tests. */
  text: string;
  /** Drops and errors on the edge (0 when none), shown as a red badge after the volume. */
  failed: number;
}

export function edgeLabel(edge: ServiceMapEdge): EdgeLabel {
  const busiest = busiestPort(edge.ports);
  const extraPorts = edge.ports.length - 1 + (edge.otherPortFlows > 0 ? 1 : 0);
  const port = busiest ? (extraPorts > 0 ? `${formatPort(busiest)} +${extraPorts}` : formatPort(busiest)) : '';
  const volume = formatRate(edge.rate) || `${edge.flows.toLocaleString('en-US')} flow${edge.flows === 1 ? '' : 's'}`;
  return { port, volume, text: port ? `${port} · ${volume}` : volume, failed: failedFlows(edge.verdicts) };
}

/** Two lines at 10.5 px: this is the box the layout keeps free for a label. */
export const EDGE_LABEL_HEIGHT = 30;

/** Width in px of the label box at the canvas font (10.5 px system font). */
export function edgeLabelWidth(label: EdgeLabel): number {
  const badge = label.failed > 0 ? 10 + 6.2 * (String(label.failed).length + 2) : 0;
  return Math.ceil(12 + Math.max(6.2 * label.port.length, 6.2 * label.volume.length + badge));
}

/** Dashed when the edge carried L7 (HTTP, DNS, Kafka) events: a proxy sat in the path. */
export function isL7(edge: ServiceMapEdge): boolean {
  return edge.l7 !== null;
}
