/**
 * How Cilium forwards NodePort / LoadBalancer / externalIP traffic to a backend on another node:
 * SNAT, DSR, or hybrid (DSR for TCP, SNAT for UDP).
 */
import {
  healthz,
  lower,
  makeBadge,
  notReported,
  unknownBadge,
  unrecognisedBadge,
  type DeriveContext,
} from './context.js';
import type { BadgeDetail, BadgeSource, DatapathBadge } from './types.js';

const LABEL = 'Load balancing';
const P = 'kube-proxy-replacement.features.nodePort';

export type LbMode = 'snat' | 'dsr' | 'hybrid';
/** How DSR carries the service address to the backend. */
export type DsrDispatch = 'option' | 'ipip' | 'geneve';

export interface LbFacts {
  /** null when Cilium does not handle NodePort or the mode is unknown. */
  mode: LbMode | null;
  dispatch: DsrDispatch | null;
}

const MODE_VALUES: Record<LbMode, string> = { snat: 'SNAT', dsr: 'DSR', hybrid: 'Hybrid' };

const DISPATCH: Record<string, { kind: DsrDispatch; name: string }> = {
  'ip option/extension': { kind: 'option', name: 'IP option/extension' },
  opt: { kind: 'option', name: 'IP option/extension' },
  ipip: { kind: 'ipip', name: 'IPIP' },
  geneve: { kind: 'geneve', name: 'Geneve' },
};

const ACCELERATION: Record<string, string> = {
  none: 'Off',
  disabled: 'Off',
  native: 'XDP (native)',
  generic: 'XDP (generic)',
  'best-effort': 'XDP (best effort)',
};

export function dispatchName(kind: DsrDispatch): string {
  return kind === 'option' ? 'IP option/extension' : kind === 'ipip' ? 'IPIP' : 'Geneve';
}

export function deriveLoadBalancer(ctx: DeriveContext): { badge: DatapathBadge; facts: LbFacts } {
  const none: LbFacts = { mode: null, dispatch: null };
  const kpr = ctx.status['kube-proxy-replacement'];
  const np = kpr?.features?.nodePort;
  if (np == null) {
    const what = kpr == null ? 'kube-proxy replacement' : 'the NodePort load-balancer settings';
    return { badge: unknownBadge('load-balancer', LABEL, notReported(ctx, what, null)), facts: none };
  }
  const sources: BadgeSource[] = [healthz(`${P}.enabled`, np.enabled ?? false)];
  if (!(np.enabled ?? false)) {
    return {
      badge: makeBadge('load-balancer', LABEL, {
        value: 'Not handled by Cilium',
        state: 'info',
        sources,
        notes: ['NodePort, LoadBalancer and externalIP services are left to kube-proxy, so no SNAT/DSR choice applies.'],
      }),
      facts: none,
    };
  }
  const rawMode = np.mode;
  const mode = lower(rawMode);
  if (mode == null) {
    return {
      badge: unknownBadge('load-balancer', LABEL, notReported(ctx, 'the NodePort forwarding mode', null), sources),
      facts: none,
    };
  }
  const modeSource = healthz(`${P}.mode`, rawMode);
  if (mode !== 'snat' && mode !== 'dsr' && mode !== 'hybrid') {
    return { badge: unrecognisedBadge('load-balancer', LABEL, rawMode ?? '', modeSource), facts: none };
  }
  sources.push(modeSource);
  const details: BadgeDetail[] = [];
  let dispatch: DsrDispatch | null = null;
  let value = MODE_VALUES[mode];

  if (mode !== 'snat') {
    const rawDispatch = np.dsrMode;
    const known = DISPATCH[lower(rawDispatch) ?? ''];
    if (rawDispatch != null && rawDispatch !== '') sources.push(healthz(`${P}.dsrMode`, rawDispatch));
    if (known != null) {
      dispatch = known.kind;
      value = `${value} (${known.name})`;
      details.push({ label: 'DSR dispatch', value: known.name });
    } else {
      details.push({ label: 'DSR dispatch', value: rawDispatch == null || rawDispatch === '' ? 'not reported' : rawDispatch });
    }
    if (mode === 'hybrid') details.push({ label: 'Per protocol', value: 'DSR for TCP, SNAT for UDP' });
  }

  const algorithm = lower(np.algorithm);
  if (algorithm != null) {
    sources.push(healthz(`${P}.algorithm`, np.algorithm));
    const table = algorithm === 'maglev' && np.lutSize ? ` (table size ${np.lutSize})` : '';
    details.push({ label: 'Backend selection', value: `${algorithm === 'maglev' ? 'Maglev' : algorithm === 'random' ? 'Random' : np.algorithm}${table}` });
  }
  const acceleration = lower(np.acceleration);
  if (acceleration != null) {
    sources.push(healthz(`${P}.acceleration`, np.acceleration));
    details.push({ label: 'Acceleration', value: ACCELERATION[acceleration] ?? np.acceleration ?? '' });
  }
  return {
    badge: makeBadge('load-balancer', LABEL, { value, state: 'ok', sources, details }),
    facts: { mode, dispatch },
  };
}
