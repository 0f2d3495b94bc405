/**
 * Rules across badges: combinations Cilium does not support (warnings) and the reasons behind a
 * fallback (notes). Facts are Cilium's documented requirements:
 *  - DSR dispatch by IP option/extension needs native routing; Geneve dispatch works with native
 *    routing or a Geneve tunnel; no dispatch works over VXLAN (kube-proxy-free guide). Older
 *    releases supported DSR with native routing only.
 *  - BPF host routing needs eBPF kube-proxy replacement and BPF masquerading (tuning guide);
 *    otherwise Cilium uses legacy host routing.
 *  - netkit pod devices need BPF host routing and tcx attachment.
 *  - The bandwidth manager is recommended together with BPF host routing.
 */
import type { HostRoutingFacts } from './host-routing.js';
import type { KprFacts } from './kube-proxy.js';
import { dispatchName, type LbFacts } from './load-balancer.js';
import type { MasqueradingFacts } from './masquerading.js';
import { tunnelProtocolName, type RoutingFacts } from './routing.js';
import type { DeviceFacts } from './devices.js';
import type { DatapathBadge, DatapathBadgeId } from './types.js';

export interface CrossFacts {
  routing: RoutingFacts;
  kpr: KprFacts;
  hostRouting: HostRoutingFacts;
  lb: LbFacts;
  masquerading: MasqueradingFacts;
  devices: DeviceFacts;
  bandwidthEnabled: boolean | null;
  /** daemonConfigurationMap.EnableHostLegacyRouting, when /v1/config was read. */
  legacyRoutingConfigured: boolean | null;
}

type BadgeMap = Map<DatapathBadgeId, DatapathBadge>;

function dsrWithTunnel(facts: CrossFacts, badges: BadgeMap): void {
  const { lb, routing } = facts;
  if ((lb.mode !== 'dsr' && lb.mode !== 'hybrid') || routing.kind !== 'tunnel') return;
  const badge = badges.get('load-balancer');
  if (badge == null) return;
  const what = lb.mode === 'hybrid' ? 'Hybrid mode (DSR for TCP)' : 'DSR';
  const tunnel = tunnelProtocolName(routing.tunnelProtocol) ?? 'an unreported protocol';
  if (routing.tunnelProtocol === 'vxlan') {
    badge.warnings.push(
      `${what} with VXLAN tunnel routing: no DSR dispatch works over VXLAN. IP option/extension dispatch needs native routing; Geneve dispatch needs native routing or a Geneve tunnel.`,
    );
    return;
  }
  if (routing.tunnelProtocol === 'geneve') {
    if (lb.dispatch === 'geneve') {
      badge.notes.push(
        'DSR with Geneve dispatch is supported in Geneve tunnel mode (older Cilium releases supported DSR with native routing only).',
      );
      return;
    }
    if (lb.dispatch != null) {
      badge.warnings.push(
        `${what} with ${dispatchName(lb.dispatch)} dispatch in Geneve tunnel mode: in tunnel mode Cilium supports DSR only with Geneve dispatch; ${dispatchName(lb.dispatch)} dispatch needs native routing.`,
      );
      return;
    }
  }
  badge.warnings.push(
    `${what} with tunnel routing (${tunnel}): DSR needs native routing, except Geneve dispatch over a Geneve tunnel in newer Cilium; the agent did not report a combination that qualifies.`,
  );
}

function hostRoutingRequirements(facts: CrossFacts, badges: BadgeMap): void {
  const badge = badges.get('host-routing');
  if (badge == null || facts.hostRouting.mode == null) return;
  const kprOff = facts.kpr.level === 'off';
  const iptablesMasq = facts.masquerading.enabled === true && facts.masquerading.mode === 'iptables';
  if (facts.hostRouting.mode === 'bpf') {
    if (kprOff) {
      badge.warnings.push(
        'BPF host routing is reported while kube-proxy replacement is off: eBPF kube-proxy replacement is a requirement, and Cilium normally falls back to legacy host routing without it.',
      );
    }
    if (iptablesMasq) {
      badge.warnings.push(
        'BPF host routing is reported together with iptables masquerading: BPF host routing requires BPF masquerading, and Cilium normally falls back to legacy host routing when iptables masquerades.',
      );
    }
    return;
  }
  // Legacy: say why, as far as the agent's answers tell.
  if (facts.legacyRoutingConfigured === true) {
    badge.notes.push('Legacy host routing is configured (bpf.hostLegacyRouting=true).');
  }
  if (kprOff) {
    badge.notes.push('Kube-proxy replacement is off, and BPF host routing requires eBPF kube-proxy replacement, so Cilium uses legacy host routing.');
  }
  if (iptablesMasq) {
    badge.notes.push('Masquerading runs in iptables, and BPF host routing requires BPF masquerading, so Cilium falls back to legacy host routing.');
  }
  const requirementsMet =
    facts.kpr.level === 'full' &&
    facts.masquerading.enabled !== null &&
    !iptablesMasq &&
    facts.legacyRoutingConfigured !== true;
  if (requirementsMet) {
    badge.notes.push(
      'Kube-proxy replacement and masquerading allow BPF host routing, so legacy routing comes from bpf.hostLegacyRouting=true or a kernel older than 5.10.',
    );
  }
}

function podDeviceRequirements(facts: CrossFacts, badges: BadgeMap): void {
  const device = facts.devices.podDevice;
  if (device !== 'netkit' && device !== 'netkit-l2') return;
  const badge = badges.get('datapath-mode');
  if (badge == null) return;
  if (facts.hostRouting.mode === 'legacy') {
    badge.warnings.push('netkit pod devices need BPF host routing, but host routing is legacy (recent Cilium refuses to start with this combination).');
  }
  if (facts.devices.attach === 'tc') {
    badge.warnings.push('netkit pod devices work only with tcx attachment, but the agent reports tc.');
  }
}

function bandwidthWithLegacyRouting(facts: CrossFacts, badges: BadgeMap): void {
  if (facts.bandwidthEnabled !== true || facts.hostRouting.mode !== 'legacy') return;
  badges.get('bandwidth-manager')?.notes.push(
    'Cilium recommends the bandwidth manager together with BPF host routing; with legacy host routing packets take the upper stack and latency can rise.',
  );
}

export function applyConsistencyRules(facts: CrossFacts, badges: BadgeMap): void {
  dsrWithTunnel(facts, badges);
  hostRoutingRequirements(facts, badges);
  podDeviceRequirements(facts, badges);
  bandwidthWithLegacyRouting(facts, badges);
  for (const badge of badges.values()) {
    if (badge.warnings.length > 0) badge.state = 'warn';
  }
}
