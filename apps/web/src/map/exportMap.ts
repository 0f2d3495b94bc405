/**
 * The map as a standalone SVG, drawn from the map's data and layout rather than copied from the
 * page: the whole map whatever part is on screen, vector text, no dependence on the page's CSS
 * or fonts loading inside a cloned DOM. The PNG is this SVG rasterized, so both exports match.
 */
import type { ServiceMapNode } from '@starmap/core';
import { mapGeometry } from './edgeLayout';
import { EDGE_LABEL_HEIGHT, edgeLabel, edgeLabelWidth, strokeWidth, VERDICT_COLOURS, verdictMix, type VerdictMix } from './edgeStyle';
import { layoutBounds } from './layout/geometry';
import type { LayoutResult, Rect } from './layout/types';
import type { DrawnEdge, IslandKind, MapGraph } from './mapGraph';
import { nodeBadge, nodeFacts, nodeTitle, servedPorts } from './nodeText';

const MARGIN = 24;
const HEADER = 46;
const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

// Kept in step with the card and island styles in styles.css (map section).
const CARD_FILL: Record<ServiceMapNode['kind'], { fill: string; stroke: string; badge: string; text: string }> = {
  workload: { fill: '#ffffff', stroke: '#9fb3c8', badge: '#1d5fbf', text: '#1b1f24' },
  service: { fill: '#f5f0ff', stroke: '#a78bdb', badge: '#6b3fb8', text: '#1b1f24' },
  reserved: { fill: '#39424e', stroke: '#39424e', badge: '#9fc3ff', text: '#ffffff' },
  fqdn: { fill: '#fff8e6', stroke: '#e0b44c', badge: '#9a6700', text: '#1b1f24' },
  ip: { fill: '#fff8e6', stroke: '#e0b44c', badge: '#9a6700', text: '#1b1f24' },
  more: { fill: '#f3f4f6', stroke: '#9aa3ad', badge: '#57606a', text: '#1b1f24' },
};

const ISLAND_FILL: Record<IslandKind, { fill: string; stroke: string }> = {
  namespace: { fill: '#eef3fa', stroke: '#b8c7da' },
  cluster: { fill: '#eceef1', stroke: '#b9c0c8' },
  world: { fill: '#fdf7ea', stroke: '#e3cf9f' },
};

export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** Cuts text to roughly fit `width` px at `fontPx`, with an ellipsis. */
function fit(text: string, width: number, fontPx: number): string {
  const max = Math.max(3, Math.floor(width / (fontPx * 0.58)));
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function text(x: number, y: number, content: string, attrs: string): string {
  return `<text x="${x}" y="${y}" ${attrs}>${escapeXml(content)}</text>`;
}

function cardSvg(node: ServiceMapNode, services: readonly ServiceMapNode[], r: Rect): string {
  const c = CARD_FILL[node.kind];
  const dashed = node.kind === 'more' || node.kind === 'service' ? ' stroke-dasharray="5 3"' : '';
  const parts = [`<g data-node-id="${escapeXml(node.id)}">`];
  parts.push(`<rect x="${r.x}" y="${r.y}" width="${r.width}" height="${r.height}" rx="8" fill="${c.fill}" stroke="${c.stroke}" stroke-width="1.2"${dashed}/>`);
  const dropped = node.flows.dropped;
  const dropText = dropped > 0 ? `✕ ${dropped}` : '';
  const nameWidth = r.width - 20 - dropText.length * 7;
  parts.push(text(r.x + 9, r.y + 19, fit(nodeTitle(node), nameWidth, 13), `font-size="13" font-weight="600" fill="${c.text}"`));
  if (dropText) parts.push(text(r.x + r.width - 8, r.y + 19, dropText, `font-size="11" font-weight="700" fill="${VERDICT_COLOURS.dropped}" text-anchor="end"`));
  const badge = nodeBadge(node);
  const badgeWidth = 8 + badge.length * 6;
  parts.push(`<rect x="${r.x + 9}" y="${r.y + 26}" width="${badgeWidth}" height="14" rx="3" fill="${c.badge}" opacity="0.15"/>`);
  parts.push(text(r.x + 13, r.y + 36.5, badge, `font-size="10" font-weight="600" fill="${c.badge}"`));
  parts.push(text(r.x + badgeWidth + 15, r.y + 37, fit(nodeFacts(node), r.width - badgeWidth - 24, 11), `font-size="11" fill="${c.text}" opacity="0.75"`));
  if (r.height >= 56 && node.kind !== 'more') {
    const ports = servedPorts(node);
    const line = [...services.map((s) => `svc ${s.name}`), ...ports.shown, ...(ports.more > 0 ? [`+${ports.more}`] : [])].join('  ');
    if (line) parts.push(text(r.x + 10, r.y + 55, fit(line, r.width - 20, 10.5), `font-size="10.5" font-family="ui-monospace, monospace" fill="${c.text}" opacity="0.8"`));
  }
  parts.push('</g>');
  return parts.join('');
}

export interface SvgExport {
  svg: string;
  width: number;
  height: number;
}

/** The whole map as an SVG document, as the canvas draws it; null when nothing is laid out. */
export function mapToSvg(graph: MapGraph, layout: LayoutResult, heading: { title: string; subtitle: string }): SvgExport | null {
  const bounds = layoutBounds(layout);
  if (!bounds) return null;
  const width = Math.ceil(bounds.width + 2 * MARGIN);
  const height = Math.ceil(bounds.height + 2 * MARGIN + HEADER);
  const isCross = (d: DrawnEdge) => graph.islandOf.get(d.source) !== graph.islandOf.get(d.target);
  const geometry = mapGeometry(graph, layout, { labelShown: (d) => !isCross(d) });

  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${escapeXml(FONT)}">`);
  out.push('<defs>');
  for (const [mix, colour] of Object.entries(VERDICT_COLOURS) as [VerdictMix, string][]) {
    out.push(`<marker id="arrow-${mix}" viewBox="-10 -10 20 20" markerWidth="14" markerHeight="14" markerUnits="userSpaceOnUse" orient="auto-start-reverse" refX="0" refY="0"><polyline points="-5,-4 0,0 -5,4 -5,-4" fill="${colour}" stroke="${colour}" stroke-width="1" stroke-linejoin="round"/></marker>`);
  }
  out.push('</defs>');
  out.push(`<rect width="${width}" height="${height}" fill="#f6f7f9"/>`);
  out.push(text(MARGIN, 30, heading.title, 'font-size="16" font-weight="700" fill="#1b1f24"'));
  out.push(text(MARGIN, 48, heading.subtitle, 'font-size="11.5" fill="#5c6570"'));
  // The map in its own coordinates, moved under the heading.
  out.push(`<g transform="translate(${MARGIN - bounds.x},${MARGIN + HEADER - bounds.y})">`);

  for (const island of graph.islands) {
    const box = geometry.islands.get(island.id);
    if (!box) continue;
    const c = ISLAND_FILL[island.kind];
    const dashed = island.peersOnly ? ' stroke-dasharray="6 4"' : '';
    out.push(`<rect x="${box.x}" y="${box.y}" width="${box.width}" height="${box.height}" rx="12" fill="${c.fill}" stroke="${c.stroke}" stroke-width="1.5"${dashed}/>`);
    const title = island.peersOnly ? `${island.title} (peers only)` : island.title;
    out.push(text(box.x + 14, box.y + 24, title, 'font-size="13" font-weight="700" fill="#33404d"'));
  }

  const labels: string[] = [];
  for (const drawn of graph.edges) {
    const placed = geometry.edges.get(drawn.id);
    if (!placed) continue;
    const { edge } = drawn;
    const mix = verdictMix(edge.verdicts);
    const dash = edge.l7 ? ' stroke-dasharray="7 4"' : '';
    const opacity = isCross(drawn) ? ' stroke-opacity="0.45"' : '';
    out.push(`<path d="${placed.path.d}" fill="none" stroke="${VERDICT_COLOURS[mix]}" stroke-width="${strokeWidth(edge.flows).toFixed(2)}"${dash}${opacity} marker-end="url(#arrow-${mix})"><title>${escapeXml(`${edge.source} → ${edge.destination}`)}</title></path>`);
    if (isCross(drawn)) continue;
    const label = edgeLabel(edge);
    const w = edgeLabelWidth(label);
    const at = placed.path.label;
    const lx = at.x - w / 2;
    const twoLines = label.port !== '';
    const h = twoLines ? EDGE_LABEL_HEIGHT : EDGE_LABEL_HEIGHT / 2 + 3;
    const top = at.y - h / 2;
    labels.push(`<rect x="${lx.toFixed(1)}" y="${top.toFixed(1)}" width="${w}" height="${h}" rx="4" fill="#ffffff" fill-opacity="0.92" stroke="#d9dde3"/>`);
    if (twoLines) labels.push(text(at.x, top + 12, label.port, 'font-size="10.5" fill="#33404d" text-anchor="middle"'));
    const volume = label.failed > 0 ? `${label.volume}  ✕ ${label.failed}` : label.volume;
    labels.push(text(at.x, top + (twoLines ? 25 : 13), volume, 'font-size="10.5" fill="#33404d" text-anchor="middle"'));
  }
  // Labels over all lines, cards over everything (as on screen).
  out.push(...labels);
  for (const node of graph.nodes) {
    const r = geometry.cards.get(node.id);
    if (r) out.push(cardSvg(node, graph.servicesOf.get(node.id) ?? [], r));
  }
  out.push('</g>');
  out.push('</svg>');
  return { svg: out.join('\n'), width, height };
}

/** Rasterizes an SVG export at `scale` (2 = sharp on high-density screens). */
export async function svgToPng(exported: SvgExport, scale = 2): Promise<Blob> {
  // Browsers cap canvas sizes (Chromium: 16,384 px a side); keep within that.
  const s = Math.min(scale, 16_000 / exported.width, 16_000 / exported.height);
  const image = new Image();
  image.decoding = 'async';
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(exported.svg)}`;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(exported.width * s));
  canvas.height = Math.max(1, Math.round(exported.height * s));
  const context = canvas.getContext('2d');
  if (!context) throw new Error('this browser cannot draw on a canvas');
  context.scale(s, s);
  context.drawImage(image, 0, 0, exported.width, exported.height);
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the browser could not encode the PNG'))), 'image/png');
  });
}

export function downloadBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** `starmap-map-shop-2024-05-01T10-20-30Z.svg` */
export function exportFileName(namespaces: readonly string[], now: Date, extension: 'svg' | 'png'): string {
  const scope = namespaces.length === 0 ? 'all' : namespaces.join('+').slice(0, 80);
  const stamp = now.toISOString().replace(/\.\d+Z$/, 'Z').replace(/:/g, '-');
  return `starmap-map-${scope.replace(/[^a-zA-Z0-9+._-]/g, '_')}-${stamp}.${extension}`;
}
