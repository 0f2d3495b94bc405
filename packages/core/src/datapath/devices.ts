/**
 * How Cilium hooks into devices: tc or tcx attachment of its programs, and the pod device type
 * (veth pair or netkit).
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
import type { DatapathBadge } from './types.js';

export interface DeviceFacts {
  attach: 'tc' | 'tcx' | null;
  podDevice: 'veth' | 'netkit' | 'netkit-l2' | 'ipvlan' | null;
}

export function deriveAttachMode(ctx: DeriveContext): { badge: DatapathBadge; attach: DeviceFacts['attach'] } {
  const label = 'Attach mode';
  const raw = ctx.status['attach-mode'];
  const mode = lower(raw);
  if (mode == null) {
    return { badge: unknownBadge('attach-mode', label, notReported(ctx, 'the program attach mode', 16)), attach: null };
  }
  const source = healthz('attach-mode', raw);
  if (mode === 'tcx') {
    return { badge: makeBadge('attach-mode', label, { value: 'TCX', state: 'ok', sources: [source] }), attach: 'tcx' };
  }
  if (mode === 'tc') {
    return {
      badge: makeBadge('attach-mode', label, { value: 'TC (legacy)', state: 'info', sources: [source] }),
      attach: 'tc',
    };
  }
  return { badge: unrecognisedBadge('attach-mode', label, raw ?? '', source), attach: null };
}

const POD_DEVICES: Record<string, { value: string; kind: NonNullable<DeviceFacts['podDevice']> }> = {
  veth: { value: 'veth', kind: 'veth' },
  netkit: { value: 'netkit', kind: 'netkit' },
  'netkit-l2': { value: 'netkit (L2)', kind: 'netkit-l2' },
  ipvlan: { value: 'ipvlan', kind: 'ipvlan' },
};

export function deriveDatapathMode(ctx: DeriveContext): { badge: DatapathBadge; podDevice: DeviceFacts['podDevice'] } {
  const label = 'Pod devices';
  const fromStatus = ctx.status['datapath-mode'];
  const fromConfig = ctx.config?.status?.datapathMode;
  const raw = lower(fromStatus) != null ? fromStatus! : lower(fromConfig) != null ? fromConfig! : null;
  if (raw == null) {
    const hint = ctx.config == null ? undefined : 'nor did /v1/config (status.datapathMode)';
    return {
      badge: unknownBadge('datapath-mode', label, notReported(ctx, 'the datapath (pod device) mode', 16, hint)),
      podDevice: null,
    };
  }
  const source = raw === fromStatus ? healthz('datapath-mode', raw) : configSource('status.datapathMode', raw);
  const known = POD_DEVICES[lower(raw)!];
  if (known == null) return { badge: unrecognisedBadge('datapath-mode', label, raw, source), podDevice: null };
  const notes =
    known.kind === 'ipvlan' ? ['Current Cilium releases no longer offer the ipvlan datapath mode.'] : [];
  return {
    badge: makeBadge('datapath-mode', label, {
      value: known.value,
      state: known.kind === 'ipvlan' ? 'info' : 'ok',
      sources: [source],
      notes,
    }),
    podDevice: known.kind,
  };
}
