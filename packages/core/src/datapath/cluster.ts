/** Cluster name (and the node the agent runs on). */
import { configSource, healthz, makeBadge, unknownBadge, type DeriveContext } from './context.js';
import type { BadgeDetail, DatapathBadge } from './types.js';

const LABEL = 'Cluster';

/** `cluster.self` is '<cluster>/<node>' on agents that know their cluster name. */
export function splitSelf(self: string | null | undefined): { cluster: string | null; node: string | null } {
  if (self == null || self === '') return { cluster: null, node: null };
  const slash = self.indexOf('/');
  if (slash < 0) return { cluster: null, node: self };
  return { cluster: self.slice(0, slash) || null, node: self.slice(slash + 1) || null };
}

export function deriveCluster(ctx: DeriveContext): DatapathBadge {
  const self = ctx.status.cluster?.self;
  const { cluster: fromSelf, node } = splitSelf(self);
  const details: BadgeDetail[] = node == null ? [] : [{ label: 'Node', value: node }];
  const map = ctx.config?.status?.daemonConfigurationMap;
  if (map?.ClusterName) {
    if (map.ClusterID) details.push({ label: 'Cluster ID', value: String(map.ClusterID) });
    return makeBadge('cluster', LABEL, {
      value: map.ClusterName,
      state: 'ok',
      sources: [configSource('status.daemonConfigurationMap.ClusterName', map.ClusterName)],
      details,
    });
  }
  if (fromSelf != null) {
    return makeBadge('cluster', LABEL, {
      value: fromSelf,
      state: 'ok',
      sources: [healthz('cluster.self', self)],
      details,
      notes: ['Read from the node name the agent reports (<cluster>/<node>).'],
    });
  }
  const reason =
    ctx.config == null
      ? 'the cluster name is not in /v1/healthz; it comes from /v1/config (daemonConfigurationMap.ClusterName), which was not read'
      : 'the agent configuration has no ClusterName';
  const badge = unknownBadge('cluster', LABEL, reason);
  badge.details = details;
  return badge;
}
