/** Bandwidth manager: EDT-based pod egress rate limits, optionally with BBR congestion control. */
import { healthz, lower, makeBadge, notReported, unknownBadge, type DeriveContext } from './context.js';
import type { BadgeSource, DatapathBadge } from './types.js';

const LABEL = 'Bandwidth manager';

export function deriveBandwidthManager(ctx: DeriveContext): { badge: DatapathBadge; enabled: boolean | null } {
  const bw = ctx.status['bandwidth-manager'];
  if (bw == null) {
    return { badge: unknownBadge('bandwidth-manager', LABEL, notReported(ctx, 'the bandwidth manager', null)), enabled: null };
  }
  const enabled = bw.enabled ?? false;
  const sources: BadgeSource[] = [healthz('bandwidth-manager.enabled', enabled)];
  if (!enabled) {
    return { badge: makeBadge('bandwidth-manager', LABEL, { value: 'Off', state: 'info', sources }), enabled };
  }
  const cc = lower(bw.congestionControl);
  if (cc != null) sources.push(healthz('bandwidth-manager.congestionControl', bw.congestionControl));
  const devices = bw.devices ?? [];
  return {
    badge: makeBadge('bandwidth-manager', LABEL, {
      value: cc === 'bbr' ? 'Enabled (BBR)' : cc == null ? 'Enabled' : `Enabled (${cc})`,
      state: 'ok',
      sources,
      details: devices.length > 0 ? [{ label: 'Devices', value: devices.join(', ') }] : [],
    }),
    enabled,
  };
}
