/**
 * Host routing: BPF (packets to and from pods skip iptables and the upper host stack) or legacy
 * (they go through the host's netfilter and routing like any forwarded packet).
 */
import {
  configSource,
  healthz,
  lower,
  makeBadge,
  notReported,
  unknownBadge,
  unrecognisedBadge,
  type DeriveContext,
} from './context.js';
import type { BadgeSource, DatapathBadge } from './types.js';

const LABEL = 'Host routing';

export interface HostRoutingFacts {
  mode: 'bpf' | 'legacy' | null;
}

function read(ctx: DeriveContext): { raw: string; source: BadgeSource } | null {
  const intra = ctx.status.routing?.['intra-host-routing-mode'];
  if (lower(intra) != null) return { raw: intra!, source: healthz('routing.intra-host-routing-mode', intra) };
  // Cilium ≤ 1.15 reported it as its own section.
  const old = ctx.status['host-routing']?.mode;
  if (lower(old) != null) return { raw: old!, source: healthz('host-routing.mode', old) };
  return null;
}

export function deriveHostRouting(ctx: DeriveContext): { badge: DatapathBadge; facts: HostRoutingFacts } {
  const found = read(ctx);
  if (found == null) {
    // Configured legacy routing is certain; configured BPF routing may still have fallen back.
    const legacy = ctx.config?.status?.daemonConfigurationMap?.EnableHostLegacyRouting;
    if (legacy === true) {
      return {
        badge: makeBadge('host-routing', LABEL, {
          value: 'Legacy',
          state: 'info',
          sources: [configSource('status.daemonConfigurationMap.EnableHostLegacyRouting', true)],
          notes: ['Legacy host routing is configured (bpf.hostLegacyRouting=true).'],
        }),
        facts: { mode: 'legacy' },
      };
    }
    return {
      badge: unknownBadge('host-routing', LABEL, notReported(ctx, 'the host routing mode', null)),
      facts: { mode: null },
    };
  }
  const mode = lower(found.raw);
  if (mode === 'bpf') {
    return {
      badge: makeBadge('host-routing', LABEL, { value: 'BPF', state: 'ok', sources: [found.source] }),
      facts: { mode: 'bpf' },
    };
  }
  if (mode === 'legacy') {
    return {
      badge: makeBadge('host-routing', LABEL, { value: 'Legacy', state: 'info', sources: [found.source] }),
      facts: { mode: 'legacy' },
    };
  }
  return { badge: unrecognisedBadge('host-routing', LABEL, found.raw, found.source), facts: { mode: null } };
}
