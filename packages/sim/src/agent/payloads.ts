/**
 * Cilium agent REST payloads (api/v1/openapi.yaml, 1.19) for one node of the scenario:
 * GET /v1/healthz (StatusResponse), GET /v1/config (DaemonConfiguration), GET /v1/service
 * (Service[]), GET /v1/cluster/nodes (ClusterNodeStatus). Pure functions of the scenario.
 */
import { Prng } from '../scenario/prng.js';
import type { Scenario, ScenarioNode, ScenarioPod, ScenarioService } from '../scenario/types.js';

type Json = Record<string, unknown>;

export interface HubbleStats {
  currentFlows: number;
  maxFlows: number;
  seenFlows: number;
  uptimeNs: number;
  flowsRate: number;
}

export interface AgentPayloadOptions {
  /** Node the agent runs on (default: the first node). */
  nodeName?: string;
  /** Hubble observer numbers of this node. */
  hubble?: HubbleStats;
  /** Agent uptime in ms (for controller timestamps). */
  uptimeMs?: number;
  /** Reference time (default now). */
  nowMs?: number;
}

function agentNode(scenario: Scenario, name?: string): ScenarioNode {
  const node = name ? scenario.nodes.find((n) => n.name === name || n.fullName === name) : scenario.nodes[0];
  if (!node) throw new Error(`scenario has no node ${name ?? '(first)'}`);
  return node;
}

/** Go's time.Duration text, e.g. `1h2m3.5s`, `45.2s`. */
export function goDuration(ns: number): string {
  if (ns <= 0) return '0s';
  let s = ns / 1e9;
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  const secs = Number(s.toFixed(3)).toString();
  if (h > 0) return `${h}h${m}m${secs}s`;
  if (m > 0) return `${m}m${secs}s`;
  return `${secs}s`;
}

function buildHash(scenario: Scenario): string {
  return new Prng(scenario.seed ^ 0x5eed).hex(8);
}

function familyEnabled(scenario: Scenario) {
  return { v4: scenario.ipFamilies !== 'ipv6', v6: scenario.ipFamilies !== 'ipv4' };
}

function nodeAddressing(node: ScenarioNode, scenario: Scenario, withRange: boolean): Json {
  const { v4, v6 } = familyEnabled(scenario);
  return {
    ipv4: v4 ? { enabled: true, ip: withRange ? node.routerIpv4 : node.ipv4, ...(withRange ? { 'alloc-range': node.podCidrV4 } : {}) } : { enabled: false },
    ipv6: v6 ? { enabled: true, ip: withRange ? node.routerIpv6 : node.ipv6, ...(withRange ? { 'alloc-range': node.podCidrV6 } : {}) } : { enabled: false },
  };
}

function nodeElement(node: ScenarioNode, scenario: Scenario, self: ScenarioNode): Json {
  return {
    name: node.fullName,
    'primary-address': nodeAddressing(node, scenario, false),
    source: node.name === self.name ? 'local' : 'custom-resource',
  };
}

function kubeProxyReplacement(scenario: Scenario, node: ScenarioNode): Json {
  const p = scenario.profile;
  const ips = [node.ipv4, node.ipv6].filter((ip): ip is string => ip !== null);
  const common = { devices: ['eth0'], deviceList: [{ name: 'eth0', ip: ips }], directRoutingDevice: 'eth0' };
  if (!p.kubeProxyReplacement) {
    return {
      mode: 'False',
      ...common,
      features: {
        nodePort: { enabled: false },
        hostPort: { enabled: false },
        externalIPs: { enabled: false },
        socketLB: { enabled: false },
        sessionAffinity: { enabled: false },
        gracefulTermination: { enabled: true },
        nat46X64: { enabled: false, service: { enabled: false }, gateway: { enabled: false } },
        socketLBTracing: { enabled: false },
        bpfSocketLBHostnsOnly: false,
      },
    };
  }
  return {
    mode: 'True',
    ...common,
    features: {
      nodePort: {
        enabled: true,
        mode: p.lbMode,
        ...(p.lbMode !== 'SNAT' ? { dsrMode: p.dsrDispatch } : {}),
        algorithm: p.lbAlgorithm,
        acceleration: p.lbAcceleration,
        portMin: 30000,
        portMax: 32767,
        ...(p.lbAlgorithm === 'Maglev' ? { lutSize: 16381 } : {}),
      },
      hostPort: { enabled: true },
      externalIPs: { enabled: true },
      socketLB: { enabled: p.socketLB },
      sessionAffinity: { enabled: true },
      gracefulTermination: { enabled: true },
      nat46X64: { enabled: false, service: { enabled: false }, gateway: { enabled: false } },
      socketLBTracing: { enabled: p.socketLB },
      bpfSocketLBHostnsOnly: false,
    },
  };
}

function encryption(scenario: Scenario, node: ScenarioNode): Json {
  const mode = scenario.profile.encryption;
  if (mode === 'Wireguard') {
    const rng = new Prng(scenario.seed ^ 0x3c6ef372);
    const key = () => Buffer.from(Array.from({ length: 32 }, () => rng.int(0, 255))).toString('base64');
    const peers = scenario.nodes.filter((n) => n.name !== node.name);
    return {
      mode: 'Wireguard',
      wireguard: {
        'node-encryption': 'Disabled',
        interfaces: [
          {
            name: 'cilium_wg0',
            'public-key': key(),
            'listen-port': 51871,
            'peer-count': peers.length,
            peers: peers.map((peer) => ({
              'public-key': key(),
              endpoint: `${peer.ipv4 ?? `[${peer.ipv6 ?? ''}]`}:51871`,
              'allowed-ips': [peer.podCidrV4, peer.podCidrV6, peer.ipv4 ? `${peer.ipv4}/32` : null, peer.ipv6 ? `${peer.ipv6}/128` : null].filter(Boolean),
            })),
          },
        ],
      },
    };
  }
  if (mode === 'IPsec') return { mode: 'IPsec', ipsec: { 'decrypt-interfaces': ['eth0'], 'keys-in-use': 1, 'max-seq-number': '0x1f4/0xffffffff', 'error-count': 0 } };
  return { mode: 'Disabled' };
}

function localPods(scenario: Scenario, node: ScenarioNode): ScenarioPod[] {
  return scenario.pods.filter((p) => p.node === node.name && !p.hostNetwork);
}

function ipamStatus(scenario: Scenario, node: ScenarioNode): Json {
  const allocations: Record<string, string> = {};
  const { v4, v6 } = familyEnabled(scenario);
  if (node.routerIpv4) allocations[node.routerIpv4] = 'router';
  if (v6 && node.routerIpv6) allocations[node.routerIpv6] = 'router';
  for (const p of localPods(scenario, node)) {
    if (p.ipv4) allocations[p.ipv4] = `${p.namespace}/${p.name}`;
    if (p.ipv6) allocations[p.ipv6] = `${p.namespace}/${p.name}`;
  }
  const count = localPods(scenario, node).length + 1;
  const parts = [v4 ? `IPv4: ${count}/254 allocated from ${node.podCidrV4}` : null, v6 ? `IPv6: ${count}/18446744073709551614 allocated from ${node.podCidrV6}` : null].filter(Boolean);
  return {
    ...(v4 ? { ipv4: [node.podCidrV4] } : {}),
    ...(v6 ? { ipv6: [node.podCidrV6] } : {}),
    allocations,
    status: parts.join(', '),
  };
}

function controllers(nowMs: number, uptimeMs: number, rng: Prng): Json[] {
  const names = [
    'cilium-health-ep',
    'dns-garbage-collector-job',
    'endpoint-gc',
    'ipcache-inject-labels',
    'k8s-heartbeat',
    'link-cache',
    'sync-host-ips',
    'sync-lb-maps-with-k8s-services',
    'sync-utime',
    'write-cni-file',
  ];
  return names.map((name) => ({
    name,
    uuid: rng.uuid(),
    configuration: { interval: name === 'endpoint-gc' ? '5m0s' : '1m0s', 'error-retry': true, 'error-retry-base': '2s' },
    status: {
      'success-count': Math.max(1, Math.floor(uptimeMs / 60_000)),
      'last-success-timestamp': new Date(nowMs - rng.int(0, 59_000)).toISOString(),
      'failure-count': 0,
      'consecutive-failure-count': 0,
      'last-failure-msg': '',
    },
  }));
}

/** GET /v1/healthz: what `cilium-dbg status -o json` prints. */
export function buildHealthz(scenario: Scenario, opts: AgentPayloadOptions = {}): Json {
  const node = agentNode(scenario, opts.nodeName);
  const p = scenario.profile;
  const nowMs = opts.nowMs ?? Date.now();
  const uptimeMs = opts.uptimeMs ?? 0;
  const rng = new Prng(scenario.seed ^ 0x27d4eb2f);
  const hubble = opts.hubble ?? { currentFlows: 0, maxFlows: 4095, seenFlows: 0, uptimeNs: uptimeMs * 1e6, flowsRate: 0 };
  const { v4, v6 } = familyEnabled(scenario);
  const pct = hubble.maxFlows > 0 ? ((100 * hubble.currentFlows) / hubble.maxFlows).toFixed(2) : '0.00';
  const pods = localPods(scenario, node);
  const l7Redirects = pods.filter((x) => ['frontend', 'catalog'].includes(x.workload)).length + pods.length;
  return {
    cilium: { state: 'Ok', msg: `${scenario.ciliumVersion} (v${scenario.ciliumVersion}-${buildHash(scenario)})` },
    kvstore: { state: 'Ok', msg: 'Disabled' },
    kubernetes: {
      state: 'Ok',
      msg: '1.33 (v1.33.1) [linux/amd64]',
      'k8s-api-versions': [
        'EndpointSliceOrEndpoint',
        'cilium/v2::CiliumClusterwideNetworkPolicy',
        'cilium/v2::CiliumEndpoint',
        'cilium/v2::CiliumNetworkPolicy',
        'cilium/v2::CiliumNode',
        'cilium/v2alpha1::CiliumCIDRGroup',
        'core/v1::Namespace',
        'core/v1::Pods',
        'core/v1::Service',
        'networking.k8s.io/v1::NetworkPolicy',
      ],
    },
    'host-firewall': { mode: 'Disabled' },
    'cni-chaining': { mode: 'none' },
    hubble: {
      state: 'Ok',
      msg: `Current/Max Flows: ${hubble.currentFlows}/${hubble.maxFlows} (${pct}%), Flows/s: ${hubble.flowsRate.toFixed(2)}`,
      observer: {
        'current-flows': hubble.currentFlows,
        'max-flows': hubble.maxFlows,
        'seen-flows': hubble.seenFlows,
        uptime: goDuration(hubble.uptimeNs),
      },
      metrics: { state: 'Ok' },
    },
    'datapath-mode': p.datapathMode,
    'attach-mode': p.attachMode,
    'kube-proxy-replacement': kubeProxyReplacement(scenario, node),
    ipam: ipamStatus(scenario, node),
    nodeMonitor: { cpus: 4, npages: 64, pagesize: 4096, lost: 0, unknown: 0 },
    cluster: {
      ciliumHealth: { state: 'Ok', msg: 'Health check successful' },
      self: node.fullName,
      nodes: scenario.nodes.map((n) => nodeElement(n, scenario, node)),
    },
    controllers: controllers(nowMs, uptimeMs, rng),
    proxy: {
      ip: node.routerIpv4 ?? node.routerIpv6,
      'port-range': '10000-20000',
      'total-redirects': l7Redirects,
      'total-ports': 2,
      'envoy-deployment-mode': 'external',
    },
    'identity-range': { 'min-identity': 256, 'max-identity': 65535 },
    'ipv4-big-tcp': { enabled: false, maxGRO: 65536, maxGSO: 65536 },
    'ipv6-big-tcp': { enabled: false, maxGRO: 65536, maxGSO: 65536 },
    'bandwidth-manager': p.bandwidthManager ? { enabled: true, congestionControl: 'cubic', devices: ['eth0'] } : { enabled: false },
    masquerading: {
      enabled: p.masquerading.enabled,
      enabledProtocols: { ipv4: v4 && p.masquerading.ipv4, ipv6: v6 && p.masquerading.ipv6 },
      mode: p.masquerading.mode,
      'ip-masq-agent': false,
      ...(v4 && p.ipv4NativeRoutingCIDR ? { 'snat-exclusion-cidr-v4': p.ipv4NativeRoutingCIDR } : {}),
      ...(v6 && p.ipv6NativeRoutingCIDR ? { 'snat-exclusion-cidr-v6': p.ipv6NativeRoutingCIDR } : {}),
    },
    routing: {
      'inter-host-routing-mode': p.routing,
      'intra-host-routing-mode': p.hostRouting,
      ...(p.routing === 'Tunnel' ? { 'tunnel-protocol': p.tunnelProtocol } : {}),
    },
    'clock-source': { mode: 'ktime' },
    srv6: { enabled: false },
    encryption: encryption(scenario, node),
    'bpf-maps': {
      'dynamic-size-ratio': 0.0025,
      maps: [
        ['Auth', 524288],
        ['Non-TCP connection tracking', 65536],
        ['TCP connection tracking', 131072],
        ['Endpoint policy', 65535],
        ['IP cache', 512000],
        ['IPv4 masquerading agent', 16384],
        ['IPv6 masquerading agent', 16384],
        ['IPv4 fragmentation', 8192],
        ['IPv4 service', 65536],
        ['IPv6 service', 65536],
        ['IPv4 service backend', 65536],
        ['IPv6 service backend', 65536],
        ['NAT', 131072],
        ['Neighbor table', 131072],
        ['Session affinity', 65536],
        ['Sock reverse NAT', 65536],
      ].map(([name, size]) => ({ name, size })),
    },
  };
}

/** GET /v1/config: the agent's DaemonConfiguration. */
export function buildConfig(scenario: Scenario, opts: AgentPayloadOptions = {}): Json {
  const node = agentNode(scenario, opts.nodeName);
  const p = scenario.profile;
  const { v4, v6 } = familyEnabled(scenario);
  const tunnel = p.routing === 'Tunnel';
  const mtu = tunnel ? 1450 : p.encryption === 'Wireguard' ? 1420 : 1500;
  const options = { Conntrack: 'Enabled', ConntrackAccounting: 'Disabled', Debug: 'Disabled', DropNotification: 'Enabled', MonitorAggregationLevel: 'Medium', PolicyAuditMode: 'Disabled', PolicyTracing: 'Disabled', PolicyVerdictNotification: 'Enabled', TraceNotification: 'Enabled' };
  return {
    spec: { options, 'policy-enforcement': 'default' },
    status: {
      realized: { options, 'policy-enforcement': 'default' },
      immutable: {},
      addressing: nodeAddressing(node, scenario, true),
      'k8s-configuration': '',
      'k8s-endpoint': '',
      nodeMonitor: { cpus: 4, npages: 64, pagesize: 4096, lost: 0, unknown: 0 },
      kvstoreConfiguration: {},
      deviceMTU: mtu,
      routeMTU: mtu,
      enableRouteMTUForCNIChaining: false,
      datapathMode: p.datapathMode,
      'ipam-mode': 'cluster-pool',
      masquerade: p.masquerading.enabled,
      masqueradeProtocols: { ipv4: v4 && p.masquerading.enabled && p.masquerading.ipv4, ipv6: v6 && p.masquerading.enabled && p.masquerading.ipv6 },
      'egress-multi-home-ip-rule-compat': false,
      GSOMaxSize: 65536,
      GROMaxSize: 65536,
      GSOIPv4MaxSize: 65536,
      GROIPv4MaxSize: 65536,
      ipLocalReservedPorts: '',
      daemonConfigurationMap: {
        ClusterName: scenario.clusterName,
        ClusterID: 0,
        EnableIPv4: v4,
        EnableIPv6: v6,
        RoutingMode: tunnel ? 'tunnel' : 'native',
        TunnelProtocol: tunnel ? p.tunnelProtocol : '',
        TunnelPort: tunnel ? (p.tunnelProtocol === 'geneve' ? 6081 : 8472) : 0,
        IPv4NativeRoutingCIDR: v4 ? p.ipv4NativeRoutingCIDR : '',
        IPv6NativeRoutingCIDR: v6 ? p.ipv6NativeRoutingCIDR : '',
        EnableAutoDirectRouting: !tunnel,
        DirectRoutingSkipUnreachable: p.name === 'ipv6-only-native',
        KubeProxyReplacement: p.kubeProxyReplacement ? 'true' : 'false',
        EnableSocketLB: p.kubeProxyReplacement && p.socketLB,
        NodePortMode: p.kubeProxyReplacement ? p.lbMode.toLowerCase() : '',
        LoadBalancerDSRDispatch: p.kubeProxyReplacement && p.lbMode !== 'SNAT' ? 'opt' : '',
        NodePortAlg: p.lbAlgorithm.toLowerCase(),
        NodePortAcceleration: p.lbAcceleration === 'None' ? 'disabled' : p.lbAcceleration.toLowerCase(),
        EnableHostLegacyRouting: p.hostRouting === 'Legacy',
        EnableBPFMasquerade: p.masquerading.enabled && p.masquerading.mode === 'BPF',
        EnableIPv4Masquerade: v4 && p.masquerading.enabled && p.masquerading.ipv4,
        EnableIPv6Masquerade: v6 && p.masquerading.enabled && p.masquerading.ipv6,
        EnableWireguard: p.encryption === 'Wireguard',
        EnableIPSec: p.encryption === 'IPsec',
        EnableBandwidthManager: p.bandwidthManager,
        EnableTCX: p.attachMode === 'tcx',
        DatapathMode: p.datapathMode,
        EnableL7Proxy: true,
        EnableHubble: true,
        HubbleSocketPath: '/var/run/cilium/hubble.sock',
        HubbleListenAddress: ':4244',
        MonitorAggregation: 'medium',
        EnablePolicy: 'default',
      },
    },
  };
}

interface Frontend {
  ip: string;
  port: number;
  protocol: string;
  type: 'ClusterIP' | 'NodePort' | 'LoadBalancer';
}

function frontendsOf(svc: ScenarioService, node: ScenarioNode, scenario: Scenario): Frontend[] {
  if (svc.headless) return [];
  const out: Frontend[] = [];
  const { v4, v6 } = familyEnabled(scenario);
  for (const port of svc.ports) {
    for (const ip of svc.clusterIPs) out.push({ ip, port: port.port, protocol: port.protocol, type: 'ClusterIP' });
    if (svc.type === 'LoadBalancer') {
      for (const ip of svc.loadBalancerIPs) out.push({ ip, port: port.port, protocol: port.protocol, type: 'LoadBalancer' });
    }
    if ((svc.type === 'NodePort' || svc.type === 'LoadBalancer') && port.nodePort !== null) {
      // One frontend per local node address plus the wildcard, as `cilium service list` shows.
      const addrs = [v4 ? node.ipv4 : null, v4 ? '0.0.0.0' : null, v6 ? node.ipv6 : null, v6 ? '::' : null].filter((ip): ip is string => ip !== null);
      for (const ip of addrs) out.push({ ip, port: port.nodePort, protocol: port.protocol, type: 'NodePort' });
    }
  }
  return out;
}

function backendsFor(svc: ScenarioService, frontend: Frontend, node: ScenarioNode, scenario: Scenario): Json[] {
  const v6 = frontend.ip.includes(':');
  const port = svc.ports.find((p) => p.protocol === frontend.protocol && (p.port === frontend.port || p.nodePort === frontend.port));
  if (!port) return [];
  if (svc.externalBackends.length > 0) {
    return svc.externalBackends.flatMap((b) => {
      const ip = v6 ? b.ipv6 : b.ipv4;
      return ip ? [{ ip, port: b.port, protocol: frontend.protocol, state: 'active', preferred: true, weight: 100 }] : [];
    });
  }
  const zones = new Map(scenario.nodes.map((n) => [n.name, n.zone]));
  return scenario.pods
    .filter((p) => p.namespace === svc.namespace && svc.backendPods.includes(p.name))
    .filter((p) => svc.intTrafficPolicy !== 'Local' || frontend.type !== 'ClusterIP' || p.node === node.name)
    .flatMap((p) => {
      const ip = v6 ? p.ipv6 : p.ipv4;
      if (!ip) return [];
      return [
        {
          ip,
          port: port.targetPort,
          nodeName: p.node,
          zone: zones.get(p.node),
          protocol: frontend.protocol,
          state: p.terminating ? 'terminating' : 'active',
          preferred: true,
          weight: p.terminating ? 0 : 100,
        },
      ];
    });
}

/** GET /v1/service: every frontend of the scenario's services as this node's agent sees it. */
export function buildServiceList(scenario: Scenario, opts: AgentPayloadOptions = {}): Json[] {
  const node = agentNode(scenario, opts.nodeName);
  let id = 0;
  const out: Json[] = [];
  for (const svc of scenario.services) {
    for (const fe of frontendsOf(svc, node, scenario)) {
      id++;
      const spec = {
        'backend-addresses': backendsFor(svc, fe, node, scenario),
        flags: {
          extTrafficPolicy: svc.extTrafficPolicy,
          intTrafficPolicy: svc.intTrafficPolicy,
          name: svc.name,
          namespace: svc.namespace,
          natPolicy: 'None',
          trafficPolicy: svc.extTrafficPolicy,
          type: fe.type,
          cluster: scenario.clusterName,
        },
        'frontend-address': { ip: fe.ip, port: fe.port, protocol: fe.protocol, scope: 'external' },
        id,
      };
      out.push({ spec, status: { realized: structuredClone(spec) } });
    }
  }
  return out;
}

/** GET /v1/cluster/nodes: ClusterNodeStatus. */
export function buildClusterNodes(scenario: Scenario, opts: AgentPayloadOptions = {}): Json {
  const node = agentNode(scenario, opts.nodeName);
  return { self: node.fullName, 'nodes-added': scenario.nodes.map((n) => nodeElement(n, scenario, node)), 'client-id': 1 };
}
