/**
 * Masquerading: rewriting the source of pod traffic that leaves the cluster network to the
 * node's address, done in eBPF or by iptables, per IP family.
 */
import {
  configSource,
  healthz,
  lower,
  makeBadge,
  notReported,
  unknownBadge,
  type DeriveContext,
} from './context.js';
import type { BadgeDetail, BadgeSource, DatapathBadge } from './types.js';

const LABEL = 'Masquerading';

export interface MasqueradingFacts {
  /** null when masquerading is off or its implementation is unknown. */
  mode: 'bpf' | 'iptables' | null;
  enabled: boolean | null;
}

function families(ipv4: boolean, ipv6: boolean): string {
  return [ipv4 ? 'IPv4' : null, ipv6 ? 'IPv6' : null].filter((f) => f != null).join(', ');
}

function fromConfig(ctx: DeriveContext): { badge: DatapathBadge; facts: MasqueradingFacts } | null {
  const status = ctx.config?.status;
  if (status?.masquerade == null) return null;
  const sources = [configSource('status.masquerade', status.masquerade)];
  if (!status.masquerade) {
    return {
      badge: makeBadge('masquerading', LABEL, { value: 'Off', state: 'info', sources }),
      facts: { mode: null, enabled: false },
    };
  }
  const v4 = status.masqueradeProtocols?.ipv4 ?? false;
  const v6 = status.masqueradeProtocols?.ipv6 ?? false;
  const fams = families(v4, v6);
  return {
    badge: makeBadge('masquerading', LABEL, {
      value: fams === '' ? 'On' : `On (${fams})`,
      state: 'info',
      sources,
      notes: ['Only /v1/config was available, which does not say whether BPF or iptables masquerades.'],
    }),
    facts: { mode: null, enabled: true },
  };
}

export function deriveMasquerading(ctx: DeriveContext): { badge: DatapathBadge; facts: MasqueradingFacts } {
  const m = ctx.status.masquerading;
  if (m == null) {
    return (
      fromConfig(ctx) ?? {
        badge: unknownBadge('masquerading', LABEL, notReported(ctx, 'masquerading', null)),
        facts: { mode: null, enabled: null },
      }
    );
  }
  const sources: BadgeSource[] = [];
  // Same reading as `cilium-dbg status`: per-family flags win over the overall flag when present.
  let enabled: boolean;
  let fams = '';
  if (m.enabledProtocols == null) {
    enabled = m.enabled ?? false;
    sources.push(healthz('masquerading.enabled', enabled));
  } else {
    const v4 = m.enabledProtocols.ipv4 ?? false;
    const v6 = m.enabledProtocols.ipv6 ?? false;
    sources.push(healthz('masquerading.enabledProtocols.ipv4', v4), healthz('masquerading.enabledProtocols.ipv6', v6));
    enabled = v4 || v6;
    fams = families(v4, v6);
  }
  if (!enabled) {
    return {
      badge: makeBadge('masquerading', LABEL, { value: 'Off', state: 'info', sources }),
      facts: { mode: null, enabled: false },
    };
  }
  const details: BadgeDetail[] = [];
  if (m['ip-masq-agent']) details.push({ label: 'ip-masq-agent', value: 'Enabled' });
  const v4Cidr = m['snat-exclusion-cidr-v4'] ?? m['snat-exclusion-cidr'];
  if (v4Cidr) details.push({ label: 'Not masqueraded (IPv4)', value: v4Cidr });
  if (m['snat-exclusion-cidr-v6']) details.push({ label: 'Not masqueraded (IPv6)', value: m['snat-exclusion-cidr-v6'] });

  const mode = lower(m.mode);
  const suffix = fams === '' ? '' : ` (${fams})`;
  if (mode === 'bpf' || mode === 'iptables') {
    sources.push(healthz('masquerading.mode', m.mode));
    return {
      badge: makeBadge('masquerading', LABEL, {
        value: `${mode === 'bpf' ? 'BPF' : 'iptables'}${suffix}`,
        state: mode === 'bpf' ? 'ok' : 'info',
        sources,
        details,
      }),
      facts: { mode, enabled: true },
    };
  }
  return {
    badge: makeBadge('masquerading', LABEL, {
      value: `On${suffix}`,
      state: 'unknown',
      sources,
      details,
      reasonUnknown:
        mode == null
          ? 'masquerading is on but the agent did not say whether BPF or iptables does it'
          : `'${m.mode}' at masquerading.mode is not a value Starmap knows`,
    }),
    facts: { mode: null, enabled: true },
  };
}
