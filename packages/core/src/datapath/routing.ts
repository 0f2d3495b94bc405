/** Routing between nodes: native (Linux routing table) or a VXLAN/Geneve tunnel. */
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

const LABEL = 'Routing';

export type RoutingKind = 'native' | 'tunnel';

/** What the other readers need to know about routing. */
export interface RoutingFacts {
  kind: RoutingKind | null;
  /** 'vxlan' | 'geneve' | other lower-case protocol, null when not known. */
  tunnelProtocol: string | null;
}

const PROTOCOL_NAMES: Record<string, string> = { vxlan: 'VXLAN', geneve: 'Geneve' };

export function tunnelProtocolName(protocol: string | null): string | null {
  if (protocol == null) return null;
  return PROTOCOL_NAMES[protocol] ?? protocol;
}

function routingBadge(kind: RoutingKind, protocol: string | null, sources: BadgeSource[]): DatapathBadge {
  if (kind === 'native') {
    return makeBadge('routing', LABEL, { value: 'Native', state: 'ok', sources });
  }
  const name = tunnelProtocolName(protocol);
  return makeBadge('routing', LABEL, {
    value: name == null ? 'Tunnel' : `Tunnel (${name})`,
    state: 'ok',
    sources,
    details: [{ label: 'Tunnel protocol', value: name ?? 'not reported' }],
  });
}

function fromHealthz(ctx: DeriveContext): { badge: DatapathBadge; facts: RoutingFacts } | null {
  const routing = ctx.status.routing;
  const raw = routing?.['inter-host-routing-mode'];
  const mode = lower(raw);
  if (routing == null || mode == null) return null;
  const protocol = lower(routing['tunnel-protocol']);
  const sources = [healthz('routing.inter-host-routing-mode', raw)];
  if (mode === 'native') return { badge: routingBadge('native', null, sources), facts: { kind: 'native', tunnelProtocol: null } };
  if (mode === 'tunnel') {
    sources.push(healthz('routing.tunnel-protocol', routing['tunnel-protocol']));
    return { badge: routingBadge('tunnel', protocol, sources), facts: { kind: 'tunnel', tunnelProtocol: protocol } };
  }
  return {
    badge: unrecognisedBadge('routing', LABEL, raw ?? '', sources[0]!),
    facts: { kind: null, tunnelProtocol: null },
  };
}

/** Agents before 1.16 only expose the routing mode in their configuration. */
function fromConfig(ctx: DeriveContext): { badge: DatapathBadge; facts: RoutingFacts } | null {
  const map = ctx.config?.status?.daemonConfigurationMap;
  if (map == null) return null;
  const routingMode = lower(map.RoutingMode);
  if (routingMode === 'native' || routingMode === 'tunnel') {
    const sources = [configSource('status.daemonConfigurationMap.RoutingMode', map.RoutingMode)];
    if (routingMode === 'native') {
      return { badge: routingBadge('native', null, sources), facts: { kind: 'native', tunnelProtocol: null } };
    }
    const protocol = lower(map.TunnelProtocol) ?? lower(map.Tunnel);
    if (map.TunnelProtocol != null) {
      sources.push(configSource('status.daemonConfigurationMap.TunnelProtocol', map.TunnelProtocol));
    }
    return { badge: routingBadge('tunnel', protocol, sources), facts: { kind: 'tunnel', tunnelProtocol: protocol } };
  }
  // Before 1.14 the single `Tunnel` option held disabled | vxlan | geneve.
  const tunnel = lower(map.Tunnel);
  if (tunnel != null) {
    const sources = [configSource('status.daemonConfigurationMap.Tunnel', map.Tunnel)];
    if (tunnel === 'disabled') {
      return { badge: routingBadge('native', null, sources), facts: { kind: 'native', tunnelProtocol: null } };
    }
    return { badge: routingBadge('tunnel', tunnel, sources), facts: { kind: 'tunnel', tunnelProtocol: tunnel } };
  }
  return null;
}

export function deriveRouting(ctx: DeriveContext): { badge: DatapathBadge; facts: RoutingFacts } {
  const found = fromHealthz(ctx) ?? fromConfig(ctx);
  if (found != null) return found;
  const hint =
    ctx.config == null
      ? 'its /v1/config (RoutingMode) would tell'
      : 'its /v1/config has no RoutingMode or Tunnel either';
  const badge = unknownBadge('routing', LABEL, notReported(ctx, 'the routing mode', 16, hint));
  const kpr = ctx.status['kube-proxy-replacement'];
  if (kpr?.directRoutingDevice) {
    badge.notes.push(
      `The "(Direct Routing)" mark on ${kpr.directRoutingDevice} in the kube-proxy replacement devices does not mean native routing; agents show it in tunnel mode too.`,
    );
  }
  return { badge, facts: { kind: null, tunnelProtocol: null } };
}
