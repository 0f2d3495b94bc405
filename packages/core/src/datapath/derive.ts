/**
 * Turns an agent's /v1/healthz (and optionally /v1/config) into datapath badges. Pure: the
 * agent responses in, badges out; nothing is fetched here.
 */
import type { DaemonConfiguration } from '../agent/config.js';
import type { AgentStatusResponse } from '../agent/status.js';
import { deriveBandwidthManager } from './bandwidth.js';
import { deriveCluster, splitSelf } from './cluster.js';
import { applyConsistencyRules } from './consistency.js';
import { parseAgentVersion, type DeriveContext } from './context.js';
import { deriveAttachMode, deriveDatapathMode } from './devices.js';
import { deriveEncryption } from './encryption.js';
import { deriveIpFamilies } from './families.js';
import { deriveHostRouting } from './host-routing.js';
import { deriveKubeProxyReplacement } from './kube-proxy.js';
import { deriveLoadBalancer } from './load-balancer.js';
import { deriveMasquerading } from './masquerading.js';
import { deriveRouting } from './routing.js';
import { DATAPATH_BADGE_IDS, type DatapathBadge, type DatapathBadgeId, type DatapathModes } from './types.js';

export function deriveDatapathModes(status: AgentStatusResponse, config?: DaemonConfiguration): DatapathModes {
  const version = parseAgentVersion(status.cilium?.msg);
  const ctx: DeriveContext = { status, config, version };

  const routing = deriveRouting(ctx);
  const kpr = deriveKubeProxyReplacement(ctx);
  const hostRouting = deriveHostRouting(ctx);
  const lb = deriveLoadBalancer(ctx);
  const masquerading = deriveMasquerading(ctx);
  const attach = deriveAttachMode(ctx);
  const podDevice = deriveDatapathMode(ctx);
  const bandwidth = deriveBandwidthManager(ctx);

  const badges = new Map<DatapathBadgeId, DatapathBadge>();
  for (const badge of [
    routing.badge,
    kpr.badge,
    hostRouting.badge,
    lb.badge,
    masquerading.badge,
    attach.badge,
    podDevice.badge,
    deriveIpFamilies(ctx),
    deriveEncryption(ctx),
    bandwidth.badge,
    deriveCluster(ctx),
  ]) {
    badges.set(badge.id, badge);
  }

  applyConsistencyRules(
    {
      routing: routing.facts,
      kpr: kpr.facts,
      hostRouting: hostRouting.facts,
      lb: lb.facts,
      masquerading: masquerading.facts,
      devices: { attach: attach.attach, podDevice: podDevice.podDevice },
      bandwidthEnabled: bandwidth.enabled,
      legacyRoutingConfigured: config?.status?.daemonConfigurationMap?.EnableHostLegacyRouting ?? null,
    },
    badges,
  );

  return {
    agentVersion: version?.text ?? null,
    nodeName: splitSelf(status.cluster?.self).node,
    badges: DATAPATH_BADGE_IDS.map((id) => badges.get(id)!),
  };
}

/** The badge with the given id (every DatapathModes has all of them). */
export function findBadge(modes: DatapathModes, id: DatapathBadgeId): DatapathBadge {
  const badge = modes.badges.find((b) => b.id === id);
  if (badge == null) throw new Error(`no datapath badge '${id}'`);
  return badge;
}
