/** kube-proxy replacement: which service types Cilium's eBPF load balancer handles itself. */
import type { AgentKubeProxyReplacement } from '../agent/status.js';
import {
  enabledWord,
  healthz,
  lower,
  makeBadge,
  notReported,
  unknownBadge,
  unrecognisedBadge,
  type DeriveContext,
} from './context.js';
import type { BadgeDetail, BadgeSource, DatapathBadge } from './types.js';

const LABEL = 'kube-proxy replacement';
const P = 'kube-proxy-replacement';

/** full = True/Strict, partial = Probe/Partial (pre-1.14), off = False/Disabled. */
export type KprLevel = 'full' | 'partial' | 'off';

const MODES: Record<string, { value: string; level: KprLevel; note?: string }> = {
  true: { value: 'True', level: 'full' },
  false: { value: 'False', level: 'off' },
  strict: {
    value: 'Strict',
    level: 'full',
    note: 'Strict is the pre-1.14 name of full replacement (True today); the agent refuses to start if the kernel lacks a feature.',
  },
  probe: {
    value: 'Probe',
    level: 'partial',
    note: 'Probe (before 1.14) turned on each feature the kernel supports and left the rest to kube-proxy; the details list what this agent got.',
  },
  partial: {
    value: 'Partial',
    level: 'partial',
    note: 'Partial (before 1.14) handles only the features switched on in the configuration; kube-proxy handles the rest.',
  },
  disabled: { value: 'Disabled', level: 'off' },
};

export interface KprFacts {
  level: KprLevel | null;
}

function feature(
  details: BadgeDetail[],
  sources: BadgeSource[],
  label: string,
  path: string,
  flag: { enabled?: boolean | null } | null | undefined,
  describe: (enabled: boolean) => string = enabledWord,
): boolean | null {
  if (flag == null) return null;
  const enabled = flag.enabled ?? false;
  details.push({ label, value: describe(enabled) });
  sources.push(healthz(`${P}.features.${path}.enabled`, enabled));
  return enabled;
}

function socketLbDetail(
  kpr: AgentKubeProxyReplacement,
  details: BadgeDetail[],
  sources: BadgeSource[],
  notes: string[],
): boolean | null {
  const features = kpr.features;
  if (features == null) return null;
  if (features.socketLB != null) {
    const hostnsOnly = features.bpfSocketLBHostnsOnly ?? false;
    const enabled = feature(details, sources, 'Socket LB', 'socketLB', features.socketLB, (on) =>
      on ? (hostnsOnly ? 'Enabled (host namespace only)' : 'Enabled') : 'Disabled',
    );
    if (enabled && hostnsOnly) {
      sources.push(healthz(`${P}.features.bpfSocketLBHostnsOnly`, true));
      notes.push(
        'Socket LB skips pod namespaces (bpf-lb-sock-hostns-only): pods reach services through per-packet translation at their interface instead.',
      );
    }
    return enabled;
  }
  const hrs = features.hostReachableServices;
  if (hrs != null) {
    // Before 1.12 socket LB was called host-reachable services.
    const protocols = (hrs.protocols ?? []).join(', ');
    return feature(details, sources, 'Socket LB (host-reachable services)', 'hostReachableServices', hrs, (on) =>
      on ? (protocols === '' ? 'Enabled' : `Enabled (${protocols})`) : 'Disabled',
    );
  }
  return null;
}

export function deriveKubeProxyReplacement(ctx: DeriveContext): { badge: DatapathBadge; facts: KprFacts } {
  const kpr = ctx.status[P];
  const raw = kpr?.mode;
  const mode = lower(raw);
  if (kpr == null || mode == null) {
    return {
      badge: unknownBadge('kube-proxy-replacement', LABEL, notReported(ctx, 'kube-proxy replacement', null)),
      facts: { level: null },
    };
  }
  const modeSource = healthz(`${P}.mode`, raw);
  const known = MODES[mode];
  if (known == null) {
    return {
      badge: unrecognisedBadge('kube-proxy-replacement', LABEL, raw ?? '', modeSource),
      facts: { level: null },
    };
  }
  const sources: BadgeSource[] = [modeSource];
  const details: BadgeDetail[] = [];
  const notes: string[] = known.note == null ? [] : [known.note];

  const socketLb = socketLbDetail(kpr, details, sources, notes);
  const features = kpr.features;
  const np = features?.nodePort;
  if (np != null) {
    const range = np.portMin != null && np.portMax != null ? ` (${np.portMin}-${np.portMax})` : '';
    feature(details, sources, 'NodePort', 'nodePort', np, (on) => (on ? `Enabled${range}` : 'Disabled'));
  }
  feature(details, sources, 'ExternalIPs', 'externalIPs', features?.externalIPs);
  feature(details, sources, 'HostPort', 'hostPort', features?.hostPort);
  feature(details, sources, 'Session affinity', 'sessionAffinity', features?.sessionAffinity);
  feature(details, sources, 'Graceful termination', 'gracefulTermination', features?.gracefulTermination);
  feature(details, sources, 'NAT46/64', 'nat46X64', features?.nat46X64);

  if (known.level === 'full' && socketLb === false) {
    notes.push(
      'Socket LB is off: pod traffic to ClusterIPs is translated per packet at the pod interface instead of once at connect().',
    );
  }
  return {
    badge: makeBadge('kube-proxy-replacement', LABEL, {
      value: known.value,
      state: known.level === 'full' ? 'ok' : 'info',
      sources,
      details,
      notes,
    }),
    facts: { level: known.level },
  };
}
