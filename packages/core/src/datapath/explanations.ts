/**
 * What each badge means, what it needs and what it costs — shown when a user asks a badge to
 * explain itself. Written by us from facts in Cilium's documentation.
 */
import type { DatapathBadgeId, DatapathExplanation } from './types.js';

const DOCS = 'https://docs.cilium.io/en/stable';

export const datapathExplanations: Readonly<Record<DatapathBadgeId, DatapathExplanation>> = {
  routing: {
    title: 'Routing between nodes',
    what:
      'How a packet from a pod reaches a pod on another node. In tunnel (encapsulation) mode, the default, every node pair is linked by a VXLAN or Geneve tunnel and the network between nodes only has to carry node addresses. In native routing mode the packet leaves with the pod address and the Linux routing table, plus the network, must know where each pod CIDR lives.',
    requires: [
      'Tunnel: nodes reach each other over IP/UDP — VXLAN uses UDP 8472, Geneve UDP 6081; firewalls must allow it.',
      'Native: the network routes pod CIDRs — a router that knows them, per-node routes (autoDirectNodeRoutes when nodes share an L2 segment) or BGP; ipv4NativeRoutingCIDR / ipv6NativeRoutingCIDR tell Cilium which destinations need no masquerading.',
    ],
    costs: [
      'Tunnel: 50 bytes of every packet go to the VXLAN/Geneve header, so the pod MTU is 50 bytes smaller (jumbo frames make this share small).',
      'Tunnel: the tunnel carries the source security identity, which native routing has to look up instead.',
      'Native: no encapsulation overhead, but the network has to be set up to route pod addresses.',
    ],
    values: {
      Native: 'Packets to other nodes are routed with their pod addresses, without encapsulation.',
      'Tunnel (VXLAN)': 'Packets to other nodes are wrapped in VXLAN (UDP 8472).',
      'Tunnel (Geneve)': 'Packets to other nodes are wrapped in Geneve (UDP 6081).',
    },
    docs: `${DOCS}/network/concepts/routing/`,
  },
  'kube-proxy-replacement': {
    title: 'kube-proxy replacement',
    what:
      'Whether Cilium implements Kubernetes services itself with eBPF hash tables instead of kube-proxy\'s iptables rules. With socket LB, a connection to a ClusterIP is pointed at a backend when the socket connects, before any packet exists, so no DNAT shows up in iptables or nftables; traffic that cannot be caught at the socket is translated per packet by the tc programs. Since Cilium 1.14 the setting is True or False; older agents used Strict, Probe, Partial or Disabled.',
    requires: [
      'Socket LB needs Linux 4.19.57, 5.1.16, 5.2.0 or later (5.0.y kernels lack the fix).',
      'Without kube-proxy the agent must reach the API server directly (k8sServiceHost / k8sServicePort).',
    ],
    costs: [
      'Service lookups are hash-map lookups whose cost does not grow with the number of services, unlike iptables chains.',
      'iptables-based tooling (and rules that expect to see service DNAT) no longer sees service traffic.',
    ],
    values: {
      True: 'Cilium handles ClusterIP, NodePort, LoadBalancer, externalIPs and HostPort itself.',
      False: 'kube-proxy (or nothing) handles services; Cilium still balances ClusterIP traffic from pods per packet.',
      Strict: 'Pre-1.14 name for full replacement; the agent refused to start if the kernel lacked a feature.',
      Probe: 'Pre-1.14: enable every feature the kernel supports and leave the rest to kube-proxy.',
      Partial: 'Pre-1.14: only the features chosen in the configuration; kube-proxy handles the rest.',
      Disabled: 'Pre-1.14 name for no replacement.',
    },
    docs: `${DOCS}/network/kubernetes/kubeproxy-free/`,
  },
  'host-routing': {
    title: 'Host routing',
    what:
      'What happens to a packet between a pod and the node\'s network device. With BPF host routing (Cilium 1.9+) eBPF redirects it straight to the device or the pod, bypassing iptables and the upper host stack, and switches network namespaces faster. With legacy host routing it goes through the host\'s netfilter hooks, connection tracking and routing like any forwarded packet.',
    requires: [
      'BPF: Linux 5.10 or later, eBPF kube-proxy replacement and eBPF masquerading; it works with native routing and with tunnels. If a requirement is missing Cilium falls back to legacy host routing.',
      'Legacy: works from Linux 4.9.17.',
    ],
    costs: [
      'Legacy: every packet passes the netfilter hooks and the conntrack table, which costs throughput and latency.',
      'BPF: iptables rules in the host no longer see pod traffic.',
    ],
    values: {
      BPF: 'Pod traffic bypasses iptables and the upper host stack.',
      Legacy: 'Pod traffic passes through the host stack and iptables.',
    },
    docs: `${DOCS}/operations/performance/tuning/#ebpf-host-routing`,
  },
  'load-balancer': {
    title: 'Load-balancer forwarding mode',
    what:
      'How Cilium forwards NodePort, LoadBalancer and externalIP traffic that arrives at one node for a backend on another. SNAT (the default) rewrites the source to the node, so replies come back through that node. DSR (direct server return) lets the backend answer the client directly and keeps the client address; the service address travels with the packet in an IP option / IPv6 extension header, in Geneve, or in IPIP, and for TCP only on the SYN. Hybrid uses DSR for TCP and SNAT for UDP.',
    requires: [
      'DSR with IP option/extension dispatch needs native routing, and the network must pass packets with unknown IP options.',
      'DSR with Geneve dispatch works with native routing or a Geneve tunnel; no DSR dispatch works with a VXLAN tunnel. Older Cilium releases supported DSR with native routing only.',
      'Clouds that check source/destination addresses (for example AWS) must have that check turned off for DSR.',
      'Maglev backend selection keeps choices consistent across nodes; its lookup table size must be a prime well above 100 × the number of backends.',
    ],
    costs: [
      'SNAT: replies take an extra hop back through the receiving node, and the backend sees the node address instead of the client.',
      'DSR: the advertised MTU is lowered to make room for the service address.',
      'Maglev: more memory per service than random selection.',
    ],
    values: {
      SNAT: 'Requests are source-NATed to the receiving node; replies return through it.',
      DSR: 'Backends reply directly to clients; the client address is preserved.',
      Hybrid: 'DSR for TCP, SNAT for UDP — no MTU change needed for UDP.',
      'Not handled by Cilium': 'kube-proxy forwards NodePort and LoadBalancer traffic.',
    },
    docs: `${DOCS}/network/kubernetes/kubeproxy-free/#direct-server-return-dsr`,
  },
  masquerading: {
    title: 'Masquerading',
    what:
      'Rewriting the source address of pod traffic that leaves the pod network to the node\'s address, so that private pod addresses work outside the cluster. Cilium can do it in eBPF on the node\'s devices or with iptables rules; traffic to the native-routing CIDR (or SNAT exclusion CIDR) keeps the pod address.',
    requires: [
      'BPF masquerading is one of the requirements of BPF host routing; with iptables masquerading Cilium uses legacy host routing.',
    ],
    costs: [
      'iptables: rules and conntrack on every masqueraded packet, and legacy host routing.',
      'Off: pod addresses must be routable wherever pods send traffic.',
    ],
    values: {
      BPF: 'Masquerading in eBPF on the node devices.',
      iptables: 'Masquerading by iptables MASQUERADE rules.',
      Off: 'Pod traffic keeps its pod source address.',
    },
    docs: `${DOCS}/network/concepts/masquerading/`,
  },
  'attach-mode': {
    title: 'Program attach mode',
    what:
      'How Cilium attaches its eBPF programs to network devices: tcx, the newer kernel interface that links programs to a device without qdiscs, or the classic tc (cls_bpf on a clsact qdisc). The programs are the same; tcx is the cleaner, faster way to chain them.',
    requires: ['tcx needs Linux 6.6 or later; on older kernels Cilium uses tc.'],
    costs: ['tc: programs live on a qdisc that other tools can also modify or remove.'],
    values: {
      TCX: 'Programs attached with tcx links.',
      'TC (legacy)': 'Programs attached through a clsact qdisc.',
    },
    docs: `${DOCS}/operations/performance/tuning/`,
  },
  'datapath-mode': {
    title: 'Pod network devices',
    what:
      'The kind of device that connects a pod to the host: a veth pair (the default) or netkit, a device made for eBPF whose program is part of the device itself, so Cilium forwards a pod\'s packets without the extra queueing a veth pair adds. netkit comes as L3 (netkit) or L2 (netkit-l2, with Ethernet headers).',
    requires: [
      'netkit: Linux 6.8 or later (per Cilium\'s tuning guide), BPF host routing and tcx attachment.',
    ],
    costs: [
      'veth: packets crossing the pair are queued once more, which costs some throughput and latency compared with netkit.',
      'netkit: incompatible with some features, e.g. eBPF TPROXY (bpf.tproxy).',
    ],
    values: {
      veth: 'Pods are connected by veth pairs.',
      netkit: 'Pods are connected by L3 netkit devices.',
      'netkit (L2)': 'Pods are connected by netkit devices in L2 mode.',
    },
    docs: `${DOCS}/operations/performance/tuning/#netkit-device-mode`,
  },
  'ip-families': {
    title: 'IP families',
    what:
      'Which address families the node gives pods: IPv4, IPv6 or both (dual stack). Services, policies and masquerading are handled per family.',
    requires: ['IPv6-only and dual-stack clusters need the Kubernetes cluster itself to be configured for IPv6.'],
    costs: ['Dual stack: two sets of maps and routes per node, and services with one frontend per family.'],
    values: {
      'IPv4 only': 'Pods get IPv4 addresses only.',
      'IPv6 only': 'Pods get IPv6 addresses only.',
      'Dual stack (IPv4 + IPv6)': 'Pods get an address of each family.',
    },
    docs: `${DOCS}/network/concepts/ipam/`,
  },
  encryption: {
    title: 'Transparent encryption',
    what:
      'Whether pod traffic between nodes is encrypted by Cilium without the applications knowing: WireGuard (one interface, cilium_wg0, with a key pair per node) or IPsec (kernel XFRM with keys from a secret).',
    requires: [
      'WireGuard: a kernel with WireGuard (mainline since Linux 5.6).',
      'IPsec: a pre-shared key in a Kubernetes secret, rotated by the operator.',
    ],
    costs: [
      'CPU for encryption and a smaller MTU for the encryption headers.',
      'Off: traffic between nodes is readable on the network.',
    ],
    values: {
      WireGuard: 'Traffic between nodes goes through WireGuard tunnels.',
      IPsec: 'Traffic between nodes is encrypted with IPsec.',
      Off: 'No transparent encryption.',
    },
    docs: `${DOCS}/security/network/encryption/`,
  },
  'bandwidth-manager': {
    title: 'Bandwidth manager',
    what:
      'Enforces the kubernetes.io/egress-bandwidth pod annotation with eBPF and EDT (earliest departure time) pacing on the node devices instead of the TBF-based bandwidth CNI plugin, and can switch pods to BBR congestion control.',
    requires: [
      'Recommended together with BPF host routing; legacy host routing can add latency.',
      'BBR for pods needs Linux 5.18 or later.',
    ],
    costs: ['Pacing applies on egress only; rate limits are enforced where traffic leaves the node.'],
    values: {
      'Enabled (BBR)': 'Pod egress is paced and pods use BBR congestion control.',
      Enabled: 'Pod egress rate limits are enforced with EDT.',
      Off: 'Bandwidth annotations are not enforced by Cilium.',
    },
    docs: `${DOCS}/network/kubernetes/bandwidth-manager/`,
  },
  cluster: {
    title: 'Cluster',
    what:
      'The cluster name this agent is configured with (and the node it runs on). The name matters for Cluster Mesh and appears in Hubble flows.',
    requires: ['Cluster Mesh needs a unique name and ID per cluster.'],
    costs: [],
    values: {},
    docs: `${DOCS}/network/clustermesh/`,
  },
};
