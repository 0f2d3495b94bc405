import { quoteList } from '../format/emptyState';

/** `?drops=open` keeps the drops panel open across a reload or a shared link. */
export const DROPS_PARAM = 'drops';

export function readDropsOpen(search: string): boolean {
  return new URLSearchParams(search).get(DROPS_PARAM) === 'open';
}

export function writeDropsOpen(search: string, open: boolean): string {
  const params = new URLSearchParams(search);
  if (open) params.set(DROPS_PARAM, 'open');
  else params.delete(DROPS_PARAM);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** "5 min", "1 h", "90 s". */
export function windowText(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000} h`;
  if (ms % 60_000 === 0) return `${ms / 60_000} min`;
  return `${Math.round(ms / 1000)} s`;
}

/** Why the panel is empty: no drops in this window, for this filter. */
export function dropsEmptyText(windowMs: number, scope: { namespaces: readonly string[]; filtered: boolean }): { title: string; detail: string } {
  const where = scope.namespaces.length === 0 ? '' : ` in ${scope.namespaces.length > 1 ? 'namespaces' : 'namespace'} ${quoteList(scope.namespaces)}`;
  const title = `No drops in the last ${windowText(windowMs)}${where}${scope.filtered ? ' for this filter' : ''}`;
  return {
    title,
    detail: 'Cilium reports a drop when it denies a packet or cannot deliver it; drops show up here by reason, namespace, workload and node.',
  };
}
