/**
 * The map's part of the URL, next to `namespace` and `view`: hidden nodes (`hide`, repeatable),
 * the window (`window=15m`) and the selected node or edge (`select=node:<id>` / `select=edge:<id>`),
 * so a link reproduces what its sender saw.
 */
export const HIDE_PARAM = 'hide';
export const WINDOW_PARAM = 'window';
export const SELECT_PARAM = 'select';
export const SERVICES_PARAM = 'services';

export const WINDOW_CHOICES = [
  { label: '1m', ms: 60_000 },
  { label: '5m', ms: 5 * 60_000 },
  { label: '15m', ms: 15 * 60_000 },
  { label: '1h', ms: 60 * 60_000 },
] as const;
export const DEFAULT_WINDOW_MS = 5 * 60_000;

/** Hide tokens that stand for a group of nodes rather than one id. */
export const HIDE_GROUPS = {
  '@world': 'Everything outside the cluster (world addresses, DNS names, CIDRs)',
  '@cluster': 'Cluster identities (host, remote nodes, kube-apiserver, health…)',
} as const;
export type HideGroup = keyof typeof HIDE_GROUPS;

export type MapSelection = { kind: 'node'; id: string } | { kind: 'edge'; id: string };

export interface MapParams {
  hidden: string[];
  windowMs: number;
  selection: MapSelection | null;
  /** Draw every service as a card of its own (`services=cards`) instead of folding single-backend services into their backend. */
  serviceCards: boolean;
}

export function windowLabel(ms: number): string {
  return WINDOW_CHOICES.find((c) => c.ms === ms)?.label ?? `${Math.round(ms / 60_000)}m`;
}

export function readMapParams(search: string): MapParams {
  const params = new URLSearchParams(search);
  const hidden = [...new Set(params.getAll(HIDE_PARAM).map((h) => h.trim()).filter((h) => h !== ''))].sort();
  const windowText = params.get(WINDOW_PARAM);
  const windowMs = WINDOW_CHOICES.find((c) => c.label === windowText)?.ms ?? DEFAULT_WINDOW_MS;
  return { hidden, windowMs, selection: parseSelection(params.get(SELECT_PARAM)), serviceCards: params.get(SERVICES_PARAM) === 'cards' };
}

function parseSelection(value: string | null): MapSelection | null {
  if (!value) return null;
  const colon = value.indexOf(':');
  const kind = value.slice(0, colon);
  const id = value.slice(colon + 1);
  if (colon < 0 || id === '' || (kind !== 'node' && kind !== 'edge')) return null;
  return { kind, id };
}

/** `search` with the map's parameters replaced (defaults left out); other parameters are kept. */
export function writeMapParams(search: string, next: MapParams): string {
  const params = new URLSearchParams(search);
  params.delete(HIDE_PARAM);
  for (const id of [...new Set(next.hidden)].sort()) params.append(HIDE_PARAM, id);
  if (next.windowMs === DEFAULT_WINDOW_MS) params.delete(WINDOW_PARAM);
  else params.set(WINDOW_PARAM, windowLabel(next.windowMs));
  if (next.selection) params.set(SELECT_PARAM, `${next.selection.kind}:${next.selection.id}`);
  else params.delete(SELECT_PARAM);
  if (next.serviceCards) params.set(SERVICES_PARAM, 'cards');
  else params.delete(SERVICES_PARAM);
  const text = params.toString();
  return text ? `?${text}` : '';
}
