/** IP families the node runs. Not part of /v1/healthz; read from /v1/config. */
import type { NodeAddressing } from '../agent/config.js';
import { configSource, makeBadge, unknownBadge, type DeriveContext } from './context.js';
import type { BadgeDetail, BadgeSource, DatapathBadge } from './types.js';

const LABEL = 'IP families';

function describe(v4: boolean, v6: boolean): string | null {
  if (v4 && v6) return 'Dual stack (IPv4 + IPv6)';
  if (v4) return 'IPv4 only';
  if (v6) return 'IPv6 only';
  return null;
}

function fromAddressing(addressing: NodeAddressing): { v4: boolean; v6: boolean; sources: BadgeSource[]; details: BadgeDetail[] } {
  // The agent leaves out the element of a disabled family, and `enabled` when false.
  const v4 = addressing.ipv4?.enabled ?? false;
  const v6 = addressing.ipv6?.enabled ?? false;
  const details: BadgeDetail[] = [];
  if (v4 && addressing.ipv4?.['alloc-range']) details.push({ label: 'IPv4 pod range', value: addressing.ipv4['alloc-range'] });
  if (v6 && addressing.ipv6?.['alloc-range']) details.push({ label: 'IPv6 pod range', value: addressing.ipv6['alloc-range'] });
  return {
    v4,
    v6,
    details,
    sources: [
      configSource('status.addressing.ipv4.enabled', v4),
      configSource('status.addressing.ipv6.enabled', v6),
    ],
  };
}

export function deriveIpFamilies(ctx: DeriveContext): DatapathBadge {
  if (ctx.config == null) {
    return unknownBadge(
      'ip-families',
      LABEL,
      'IP families are not part of /v1/healthz; they come from /v1/config (status.addressing), which was not read',
    );
  }
  const status = ctx.config.status;
  let found: { v4: boolean; v6: boolean; sources: BadgeSource[]; details: BadgeDetail[] } | null = null;
  if (status?.addressing != null) {
    found = fromAddressing(status.addressing);
  } else {
    const map = status?.daemonConfigurationMap;
    if (map?.EnableIPv4 != null || map?.EnableIPv6 != null) {
      const v4 = map.EnableIPv4 ?? false;
      const v6 = map.EnableIPv6 ?? false;
      found = {
        v4,
        v6,
        details: [],
        sources: [
          configSource('status.daemonConfigurationMap.EnableIPv4', v4),
          configSource('status.daemonConfigurationMap.EnableIPv6', v6),
        ],
      };
    }
  }
  if (found == null) {
    return unknownBadge('ip-families', LABEL, 'the agent configuration has neither status.addressing nor EnableIPv4/EnableIPv6');
  }
  const value = describe(found.v4, found.v6);
  if (value == null) {
    return unknownBadge('ip-families', LABEL, 'the agent configuration reports neither IPv4 nor IPv6 as enabled', found.sources);
  }
  return makeBadge('ip-families', LABEL, { value, state: 'ok', sources: found.sources, details: found.details });
}
