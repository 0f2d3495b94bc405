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
  /** 'TCP/8080 +1 · 3.2/s', or the flow count when the recent rate is zero. */
  text: string;
  /** Drops and errors on the edge (0 when none), shown as a red badge. */
  failed: number;
}

export function edgeLabel(edge: ServiceMapEdge): EdgeLabel {
  const port = busiestPort(edge.ports);
  const extraPorts = edge.ports.length - 1 + (edge.otherPortFlows > 0 ? 1 : 0);
  const parts: string[] = [];
  if (port) parts.push(extraPorts > 0 ? `${formatPort(port)} +${extraPorts}` : formatPort(port));
  const rate = formatRate(edge.rate);
  parts.push(rate || `${edge.flows.toLocaleString('en-US')} flow${edge.flows === 1 ? '' : 's'}`);
  return { text: parts.join(' · '), failed: failedFlows(edge.verdicts) };
}

/** Width in px the label takes at the canvas font (11 px system font), for the layout to reserve. */
export function edgeLabelWidth(label: EdgeLabel): number {
  const badge = label.failed > 0 ? 14 + 6.5 * (String(label.failed).length + 1) : 0;
  return Math.ceil(10 + 6.4 * label.text.length + badge);
}

export const EDGE_LABEL_HEIGHT = 18;

/** Dashed when the edge carried L7 (HTTP, DNS, Kafka) events: a proxy sat in the path. */
export function isL7(edge: ServiceMapEdge): boolean {
  return edge.l7 !== null;
}
