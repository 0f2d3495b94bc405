/**
 * Datapath badges: one per mode the agent reports, each saying where its value came from.
 *
 * state:
 *   ok      – reported, and the fast or usual choice (native routing, BPF host routing, TCX…)
 *   info    – reported; a valid choice that is slower, older or switched off
 *   warn    – reported, but inconsistent with another mode (see `warnings`)
 *   unknown – the agent did not say (see `reasonUnknown`)
 */
export type BadgeState = 'ok' | 'info' | 'warn' | 'unknown';

export type DatapathBadgeId =
  | 'routing'
  | 'kube-proxy-replacement'
  | 'host-routing'
  | 'load-balancer'
  | 'masquerading'
  | 'attach-mode'
  | 'datapath-mode'
  | 'ip-families'
  | 'encryption'
  | 'bandwidth-manager'
  | 'cluster';

/** Badge order in the UI. */
export const DATAPATH_BADGE_IDS: readonly DatapathBadgeId[] = [
  'routing',
  'kube-proxy-replacement',
  'host-routing',
  'load-balancer',
  'masquerading',
  'attach-mode',
  'datapath-mode',
  'ip-families',
  'encryption',
  'bandwidth-manager',
  'cluster',
];

export interface BadgeSource {
  /** Which agent endpoint the value was read from. */
  from: '/v1/healthz' | '/v1/config';
  /** Dotted path inside that response, e.g. 'kube-proxy-replacement.features.nodePort.mode'. */
  path: string;
  value: string | number | boolean | null;
}

/** A sub-value shown under the badge, e.g. { label: 'DSR dispatch', value: 'Geneve' }. */
export interface BadgeDetail {
  label: string;
  value: string;
}

export interface DatapathBadge {
  id: DatapathBadgeId;
  label: string;
  /** Short human value, e.g. 'Tunnel (VXLAN)', 'DSR (Geneve dispatch)', 'Unknown'. */
  value: string;
  state: BadgeState;
  sources: BadgeSource[];
  details: BadgeDetail[];
  /** Set when state is 'unknown': why the value cannot be known. */
  reasonUnknown?: string;
  /** Inconsistencies with other modes; non-empty exactly when state is 'warn'. */
  warnings: string[];
  /** Context that explains the value (e.g. why host routing fell back to legacy). */
  notes: string[];
}

export interface DatapathModes {
  /** Version from `cilium.msg`, e.g. '1.15.0-rc.1'; null if the agent did not say. */
  agentVersion: string | null;
  /** Local node from `cluster.self` ('<cluster>/<node>' → '<node>'); null if not reported. */
  nodeName: string | null;
  /** One badge per DatapathBadgeId, in DATAPATH_BADGE_IDS order. */
  badges: DatapathBadge[];
}

export interface NodeDifference {
  id: DatapathBadgeId;
  label: string;
  /** Badge value per node name. */
  values: Record<string, string>;
  /** The distinct values, in first-seen node order. */
  distinct: string[];
}

export interface DatapathExplanation {
  title: string;
  /** What the mode does, in a few sentences. */
  what: string;
  /** What it needs (kernel versions, other modes). */
  requires: string[];
  /** What it costs (MTU, CPU, memory, features lost). */
  costs: string[];
  /** Meaning of each value the badge can show. */
  values: Record<string, string>;
  /** Cilium documentation page for the topic. */
  docs: string;
}
