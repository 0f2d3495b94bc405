/**
 * Datapath profiles: named Cilium configurations the demo cluster can run with. A profile drives
 * both what the agent API reports (/v1/healthz, /v1/config) and how flows look (observation
 * points, IP families, source IP preservation, encryption).
 */

export type IpFamilies = 'dual' | 'ipv4' | 'ipv6';

export interface DatapathProfile {
  name: string;
  description: string;
  ipFamilies: IpFamilies;
  /** `inter-host-routing-mode` */
  routing: 'Native' | 'Tunnel';
  /** '' unless routing is Tunnel. */
  tunnelProtocol: '' | 'vxlan' | 'geneve';
  /** `intra-host-routing-mode`: BPF host routing or the legacy (upper stack) path. */
  hostRouting: 'BPF' | 'Legacy';
  kubeProxyReplacement: boolean;
  /** NodePort/LoadBalancer mode; meaningful only with kube-proxy replacement. */
  lbMode: 'SNAT' | 'DSR' | 'Hybrid';
  dsrDispatch: 'IP Option/Extension' | 'IPIP' | 'Geneve';
  lbAlgorithm: 'Random' | 'Maglev';
  lbAcceleration: 'None' | 'Native' | 'Generic' | 'Best-Effort';
  socketLB: boolean;
  masquerading: { enabled: boolean; mode: 'BPF' | 'iptables'; ipv4: boolean; ipv6: boolean };
  attachMode: 'tc' | 'tcx';
  datapathMode: 'veth' | 'netkit' | 'netkit-l2';
  encryption: 'Disabled' | 'IPsec' | 'Wireguard';
  bandwidthManager: boolean;
  /** Native routing CIDRs announced in the config, '' when unused. */
  ipv4NativeRoutingCIDR: string;
  ipv6NativeRoutingCIDR: string;
}

const nativeKprDsr: DatapathProfile = {
  name: 'native-kpr-dsr',
  description: 'Native routing, kube-proxy replacement with DSR, BPF host routing, BPF masquerading, TCX, dual-stack',
  ipFamilies: 'dual',
  routing: 'Native',
  tunnelProtocol: '',
  hostRouting: 'BPF',
  kubeProxyReplacement: true,
  lbMode: 'DSR',
  dsrDispatch: 'IP Option/Extension',
  lbAlgorithm: 'Maglev',
  lbAcceleration: 'None',
  socketLB: true,
  masquerading: { enabled: true, mode: 'BPF', ipv4: true, ipv6: true },
  attachMode: 'tcx',
  datapathMode: 'veth',
  encryption: 'Disabled',
  bandwidthManager: true,
  ipv4NativeRoutingCIDR: '10.244.0.0/16',
  ipv6NativeRoutingCIDR: 'fd00:10:244::/56',
};

const vxlanLegacy: DatapathProfile = {
  name: 'vxlan-legacy',
  description: 'VXLAN tunnel, kube-proxy (no replacement), legacy host routing, iptables masquerading, TC attach, IPv4',
  ipFamilies: 'ipv4',
  routing: 'Tunnel',
  tunnelProtocol: 'vxlan',
  hostRouting: 'Legacy',
  kubeProxyReplacement: false,
  lbMode: 'SNAT',
  dsrDispatch: 'IP Option/Extension',
  lbAlgorithm: 'Random',
  lbAcceleration: 'None',
  socketLB: false,
  masquerading: { enabled: true, mode: 'iptables', ipv4: true, ipv6: false },
  attachMode: 'tc',
  datapathMode: 'veth',
  encryption: 'Disabled',
  bandwidthManager: false,
  ipv4NativeRoutingCIDR: '',
  ipv6NativeRoutingCIDR: '',
};

const hybrid: DatapathProfile = {
  name: 'hybrid',
  description: 'Native routing, kube-proxy replacement with hybrid load balancing (DSR for TCP, SNAT for UDP), netkit, dual-stack',
  ipFamilies: 'dual',
  routing: 'Native',
  tunnelProtocol: '',
  hostRouting: 'BPF',
  kubeProxyReplacement: true,
  lbMode: 'Hybrid',
  dsrDispatch: 'IP Option/Extension',
  lbAlgorithm: 'Random',
  lbAcceleration: 'None',
  socketLB: true,
  masquerading: { enabled: true, mode: 'BPF', ipv4: true, ipv6: true },
  attachMode: 'tcx',
  datapathMode: 'netkit',
  encryption: 'Disabled',
  bandwidthManager: false,
  ipv4NativeRoutingCIDR: '10.244.0.0/16',
  ipv6NativeRoutingCIDR: 'fd00:10:244::/56',
};

/** Modelled on the IPv6-only cluster in the design's seed notes. */
const ipv6OnlyNative: DatapathProfile = {
  name: 'ipv6-only-native',
  description: 'IPv6-only, native routing, kube-proxy replacement, BPF host routing, TCX, IPv6 masquerading off, WireGuard',
  ipFamilies: 'ipv6',
  routing: 'Native',
  tunnelProtocol: '',
  hostRouting: 'BPF',
  kubeProxyReplacement: true,
  lbMode: 'SNAT',
  dsrDispatch: 'IP Option/Extension',
  lbAlgorithm: 'Random',
  lbAcceleration: 'None',
  socketLB: true,
  masquerading: { enabled: false, mode: 'BPF', ipv4: false, ipv6: false },
  attachMode: 'tcx',
  datapathMode: 'veth',
  encryption: 'Wireguard',
  bandwidthManager: false,
  ipv4NativeRoutingCIDR: '',
  ipv6NativeRoutingCIDR: '2001:db8::/32',
};

export const PROFILES: Readonly<Record<string, DatapathProfile>> = Object.freeze({
  [nativeKprDsr.name]: nativeKprDsr,
  [vxlanLegacy.name]: vxlanLegacy,
  [hybrid.name]: hybrid,
  [ipv6OnlyNative.name]: ipv6OnlyNative,
});

export const DEFAULT_PROFILE = nativeKprDsr.name;

export function profileNames(): string[] {
  return Object.keys(PROFILES);
}

/** Looks a profile up by name; throws with the list of known names otherwise. */
export function getProfile(name: string = DEFAULT_PROFILE): DatapathProfile {
  const profile = PROFILES[name];
  if (!profile) {
    throw new Error(`unknown datapath profile "${name}"; known profiles: ${profileNames().join(', ')}`);
  }
  return profile;
}
