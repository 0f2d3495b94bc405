/**
 * Builds the demo cluster from a seed: the same seed and profile always give the same nodes,
 * pods, addresses and identities.
 */
import { getProfile, type DatapathProfile, type IpFamilies } from '../profiles.js';
import { canonicalIPv6 } from './addresses.js';
import { Prng } from './prng.js';
import type {
  ExternalPeer,
  Scenario,
  ScenarioNamespace,
  ScenarioNode,
  ScenarioPod,
  ScenarioPolicy,
  ScenarioService,
  ScenarioWorkload,
  ServicePort,
} from './types.js';
import { NAMESPACES, WORKLOAD_SPECS, type WorkloadSpec } from './workloads.js';

export interface ScenarioOptions {
  /** Datapath profile name or object (default `native-kpr-dsr`). */
  profile?: string | DatapathProfile;
  /** Cilium cluster name (default `kind-kind`, so Hubble prefixes node names with it). */
  clusterName?: string;
  /** Hubble/Cilium version to report (default 1.19.4). */
  ciliumVersion?: string;
}

/** Cilium's default cluster name: Hubble does not prefix node names with it. */
const CILIUM_DEFAULT_CLUSTER = 'default';

/** Kubernetes' alphabet for generated name suffixes (no vowels, no look-alikes). */
const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

const NODE_NAMES = ['kind-control-plane', 'kind-worker', 'kind-worker2', 'kind-worker3'];
const ZONES = ['zone-a', 'zone-a', 'zone-b', 'zone-c'];

interface AddressPlan {
  nodeV4(i: number): string | null;
  nodeV6(i: number): string | null;
  podCidrV4(i: number): string | null;
  podCidrV6(i: number): string | null;
  podV4(i: number, host: number): string | null;
  podV6(i: number, suffix: number): string | null;
  serviceV4(rng: Prng): string | null;
  serviceV6(rng: Prng): string | null;
  kubernetesV4: string | null;
  kubernetesV6: string | null;
  kubeDnsV4: string | null;
  kubeDnsV6: string | null;
  lbV4: string | null;
  lbV6: string | null;
}

function addressPlan(families: IpFamilies): AddressPlan {
  const v4 = families !== 'ipv6';
  const v6 = families !== 'ipv4';
  if (families === 'ipv6') {
    // Modelled on the IPv6-only cluster of the design's seed notes (2001:db8::/32 routed natively).
    return {
      nodeV4: () => null,
      nodeV6: (i) => canonicalIPv6(`2001:db8:0:1::${(i + 16).toString(16)}`),
      podCidrV4: () => null,
      podCidrV6: (i) => `${canonicalIPv6(`2001:db8:1:${i.toString(16)}::`)}/64`,
      podV4: () => null,
      podV6: (i, s) => canonicalIPv6(`2001:db8:1:${i.toString(16)}::${s.toString(16)}`),
      serviceV4: () => null,
      serviceV6: (rng) => canonicalIPv6(`2001:db8:10:96::${rng.int(0x20, 0xfffe).toString(16)}`),
      kubernetesV4: null,
      kubernetesV6: '2001:db8:10:96::1',
      kubeDnsV4: null,
      kubeDnsV6: '2001:db8:10:96::a',
      lbV4: null,
      lbV6: '2001:db8:0:ff::c8',
    };
  }
  // kind's defaults: docker network 172.18.0.0/16 + fc00:f853:ccd:e793::/64, pods 10.244.0.0/16, services 10.96.0.0/16.
  return {
    nodeV4: (i) => (v4 ? `172.18.0.${i + 2}` : null),
    nodeV6: (i) => (v6 ? canonicalIPv6(`fc00:f853:ccd:e793::${(i + 2).toString(16)}`) : null),
    podCidrV4: (i) => (v4 ? `10.244.${i}.0/24` : null),
    podCidrV6: (i) => (v6 ? `${canonicalIPv6(`fd00:10:244:${i.toString(16)}::`)}/64` : null),
    podV4: (i, h) => (v4 ? `10.244.${i}.${h}` : null),
    podV6: (i, s) => (v6 ? canonicalIPv6(`fd00:10:244:${i.toString(16)}::${s.toString(16)}`) : null),
    serviceV4: (rng) => (v4 ? `10.96.${rng.int(0, 255)}.${rng.int(11, 254)}` : null),
    serviceV6: (rng) => (v6 ? canonicalIPv6(`fd00:10:96::${rng.int(0x20, 0xfffe).toString(16)}`) : null),
    kubernetesV4: v4 ? '10.96.0.1' : null,
    kubernetesV6: null,
    kubeDnsV4: v4 ? '10.96.0.10' : null,
    kubeDnsV6: v6 ? 'fd00:10:96::a' : null,
    lbV4: v4 ? '172.18.255.200' : null,
    lbV6: v6 ? 'fc00:f853:ccd:e793:ff::c8' : null,
  };
}

/** Draws values that must be unique within a scope (identities, endpoint IDs, host octets). */
class UniqueDraw {
  private readonly used = new Set<string>();
  constructor(private readonly rng: Prng) {}
  draw<T extends string | number>(make: (rng: Prng) => T): T {
    for (;;) {
      const v = make(this.rng);
      const key = String(v);
      if (!this.used.has(key)) {
        this.used.add(key);
        return v;
      }
    }
  }
  reserve(value: string | number): void {
    this.used.add(String(value));
  }
}

function buildNodes(rng: Prng, plan: AddressPlan, clusterName: string): ScenarioNode[] {
  return NODE_NAMES.map((name, i) => {
    const ipv4 = plan.nodeV4(i);
    const ipv6 = plan.nodeV6(i);
    const zone = ZONES[i] ?? 'zone-a';
    const role = i === 0 ? 'control-plane' : 'worker';
    const labels = [
      'beta.kubernetes.io/arch=amd64',
      'beta.kubernetes.io/os=linux',
      'kubernetes.io/arch=amd64',
      `kubernetes.io/hostname=${name}`,
      'kubernetes.io/os=linux',
      `topology.kubernetes.io/zone=${zone}`,
      ...(role === 'control-plane'
        ? ['node-role.kubernetes.io/control-plane=', 'node.kubernetes.io/exclude-from-external-load-balancers=']
        : []),
    ].sort();
    const hubbleHost = ipv4 ?? `[${ipv6 ?? ''}]`;
    return {
      name,
      fullName: clusterName === CILIUM_DEFAULT_CLUSTER ? name : `${clusterName}/${name}`,
      role,
      zone,
      ipv4,
      ipv6,
      podCidrV4: plan.podCidrV4(i),
      podCidrV6: plan.podCidrV6(i),
      routerIpv4: plan.podV4(i, rng.int(100, 250)),
      routerIpv6: plan.podV6(i, rng.int(0x100, 0xfff0)),
      routerMac: rng.mac(),
      labels,
      hubbleAddress: `${hubbleHost}:4244`,
      hubbleServerName: `${name}.${clusterName}.hubble-grpc.cilium.io`,
    } satisfies ScenarioNode;
  });
}

function identityLabels(spec: WorkloadSpec, clusterName: string): string[] {
  return [
    ...Object.entries(spec.podLabels).map(([k, v]) => `k8s:${k}=${v}`),
    `k8s:io.cilium.k8s.namespace.labels.kubernetes.io/metadata.name=${spec.namespace}`,
    `k8s:io.cilium.k8s.policy.cluster=${clusterName}`,
    `k8s:io.cilium.k8s.policy.serviceaccount=${spec.serviceAccount}`,
    `k8s:io.kubernetes.pod.namespace=${spec.namespace}`,
  ].sort();
}

/** Node index per replica, honouring the connectivity check's same-node / other-node pods. */
function placeReplicas(rng: Prng, nodes: ScenarioNode[], echoBNode: number): (spec: WorkloadSpec) => number[] {
  const workers = nodes.map((_, i) => i).filter((i) => i > 0);
  const otherWorkers = workers.filter((i) => i !== echoBNode);
  return (spec) => {
    if (spec.kind === 'DaemonSet') return nodes.map((_, i) => i);
    if (spec.namespace === 'cilium-test') {
      if (spec.name === 'echo-b' || spec.name === 'pod-to-b-intra-node') return [echoBNode];
      if (spec.name.includes('multi-node')) return [rng.pick(otherWorkers)];
    }
    const start = rng.int(0, workers.length - 1);
    return Array.from({ length: spec.replicas }, (_, r) => {
      if (spec.placement === 'control-plane-first' && r === 0) return 0;
      return workers[(start + r) % workers.length] as number;
    });
  };
}

function buildWorkloadsAndPods(
  rng: Prng,
  nodes: ScenarioNode[],
  plan: AddressPlan,
  clusterName: string,
): { workloads: ScenarioWorkload[]; pods: ScenarioPod[] } {
  const identities = new UniqueDraw(rng);
  const perNodeHosts = nodes.map((n) => {
    const d = new UniqueDraw(rng);
    // Keep the router address out of the pod pool.
    if (n.routerIpv4) d.reserve(Number(n.routerIpv4.split('.')[3]));
    return d;
  });
  const perNodeEndpointIds = nodes.map(() => new UniqueDraw(rng));
  const nextIfIndex = nodes.map(() => 8);
  const place = placeReplicas(rng, nodes, rng.int(1, nodes.length - 1));

  const workloads: ScenarioWorkload[] = [];
  const pods: ScenarioPod[] = [];
  for (const spec of WORKLOAD_SPECS) {
    const hostNetwork = spec.hostNetwork === true;
    const labels = hostNetwork ? [] : identityLabels(spec, clusterName);
    const identity = hostNetwork ? 0 : identities.draw((r) => r.int(1024, 65000));
    const placement = place(spec);
    workloads.push({
      name: spec.name,
      namespace: spec.namespace,
      kind: spec.kind,
      replicas: placement.length,
      podLabels: { ...spec.podLabels },
      serviceAccount: spec.serviceAccount,
      hostNetwork,
      ports: spec.ports.map((p) => ({ ...p })),
      identity,
      identityLabels: labels,
    });
    const templateHash = rng.string(rng.chance(0.7) ? 10 : 9, NAME_ALPHABET);
    placement.forEach((nodeIndex, replica) => {
      const node = nodes[nodeIndex] as ScenarioNode;
      const name =
        spec.kind === 'StatefulSet'
          ? `${spec.name}-${replica}`
          : spec.kind === 'DaemonSet'
            ? `${spec.name}-${rng.string(5, NAME_ALPHABET)}`
            : `${spec.name}-${templateHash}-${rng.string(5, NAME_ALPHABET)}`;
      const hosts = perNodeHosts[nodeIndex] as UniqueDraw;
      const host = hosts.draw((r) => r.int(2, 254));
      const v6suffix = rng.int(0x100, 0xfff0);
      const endpointId = hostNetwork ? 0 : (perNodeEndpointIds[nodeIndex] as UniqueDraw).draw((r) => r.int(1, 4095));
      const ifIndex = hostNetwork ? 2 : (nextIfIndex[nodeIndex] = (nextIfIndex[nodeIndex] ?? 8) + rng.int(1, 3));
      pods.push({
        name,
        namespace: spec.namespace,
        workload: spec.name,
        workloadKind: spec.kind,
        node: node.name,
        ipv4: hostNetwork ? node.ipv4 : plan.podV4(nodeIndex, host),
        ipv6: hostNetwork ? node.ipv6 : plan.podV6(nodeIndex, v6suffix),
        hostNetwork,
        endpointId,
        identity,
        labels,
        mac: hostNetwork ? node.routerMac : rng.mac(),
        ifName: hostNetwork ? 'eth0' : `lxc${rng.hex(12)}`,
        ifIndex,
        terminating: replica >= placement.length - (spec.terminating ?? 0),
      });
    });
  }
  return { workloads, pods };
}

interface ServiceSpec {
  name: string;
  namespace: string;
  type: ScenarioService['type'];
  selector: string | null;
  ports: ServicePort[];
  headless?: boolean;
  dualStack?: boolean;
  fixed?: { v4: string | null; v6: string | null };
  loadBalancer?: boolean;
  intTrafficPolicy?: 'Cluster' | 'Local';
}

const port = (name: string, p: number, targetPort: number, protocol: 'TCP' | 'UDP' = 'TCP', nodePort: number | null = null): ServicePort => ({
  name,
  port: p,
  targetPort,
  protocol,
  nodePort,
});

function serviceSpecs(plan: AddressPlan): ServiceSpec[] {
  return [
    { name: 'kubernetes', namespace: 'default', type: 'ClusterIP', selector: null, ports: [port('https', 443, 6443)], fixed: { v4: plan.kubernetesV4, v6: plan.kubernetesV6 } },
    {
      name: 'kube-dns',
      namespace: 'kube-system',
      type: 'ClusterIP',
      selector: 'coredns',
      ports: [port('dns', 53, 53, 'UDP'), port('dns-tcp', 53, 53), port('metrics', 9153, 9153)],
      fixed: { v4: plan.kubeDnsV4, v6: plan.kubeDnsV6 },
    },
    { name: 'hubble-peer', namespace: 'kube-system', type: 'ClusterIP', selector: 'cilium', ports: [port('peer-service', 443, 4244)], intTrafficPolicy: 'Local' },
    { name: 'hubble-relay', namespace: 'kube-system', type: 'ClusterIP', selector: 'hubble-relay', ports: [port('grpc', 80, 4245)] },
    { name: 'hubble-ui', namespace: 'kube-system', type: 'NodePort', selector: 'hubble-ui', ports: [port('http', 80, 8081, 'TCP', 31235)] },
    { name: 'echo-a', namespace: 'cilium-test', type: 'ClusterIP', selector: 'echo-a', ports: [port('http', 8080, 8080)] },
    { name: 'echo-b', namespace: 'cilium-test', type: 'NodePort', selector: 'echo-b', ports: [port('http', 8080, 8080, 'TCP', 31414)] },
    { name: 'echo-b-headless', namespace: 'cilium-test', type: 'ClusterIP', selector: 'echo-b', ports: [port('http', 8080, 8080)], headless: true },
    { name: 'frontend', namespace: 'shop', type: 'LoadBalancer', selector: 'frontend', ports: [port('http', 80, 8080, 'TCP', 30080)], dualStack: true, loadBalancer: true },
    { name: 'cart', namespace: 'shop', type: 'ClusterIP', selector: 'cart', ports: [port('grpc', 7070, 7070)] },
    { name: 'catalog', namespace: 'shop', type: 'ClusterIP', selector: 'catalog', ports: [port('http', 3550, 3550)], dualStack: true },
    { name: 'checkout', namespace: 'shop', type: 'ClusterIP', selector: 'checkout', ports: [port('grpc', 5050, 5050)] },
    { name: 'payments', namespace: 'shop', type: 'ClusterIP', selector: 'payments', ports: [port('grpc', 50051, 50051)] },
    { name: 'redis-cart', namespace: 'shop', type: 'ClusterIP', selector: 'redis', ports: [port('redis', 6379, 6379)] },
    { name: 'recommendations', namespace: 'shop', type: 'NodePort', selector: 'recommendations', ports: [port('http', 8080, 8080, 'TCP', 30088)] },
    { name: 'prometheus', namespace: 'monitoring', type: 'ClusterIP', selector: 'prometheus', ports: [port('web', 9090, 9090)] },
    { name: 'grafana', namespace: 'monitoring', type: 'NodePort', selector: 'grafana', ports: [port('http', 3000, 3000, 'TCP', 32000)] },
  ];
}

function buildServices(rng: Prng, plan: AddressPlan, families: IpFamilies, pods: ScenarioPod[], nodes: ScenarioNode[]): ScenarioService[] {
  const ips = new UniqueDraw(rng);
  const controlPlane = nodes[0] as ScenarioNode;
  return serviceSpecs(plan).map((spec) => {
    let clusterIPs: string[] = [];
    if (!spec.headless) {
      if (spec.fixed) {
        clusterIPs = [spec.fixed.v4, spec.fixed.v6].filter((ip): ip is string => ip !== null);
        // kind gives `kubernetes` a single (primary family) address.
        if (spec.name === 'kubernetes') clusterIPs = clusterIPs.slice(0, 1);
      } else {
        const v4 = families === 'ipv6' ? null : ips.draw((r) => plan.serviceV4(r) ?? '');
        const v6 = families === 'ipv4' || (families === 'dual' && !spec.dualStack) ? null : ips.draw((r) => plan.serviceV6(r) ?? '');
        clusterIPs = [v4, v6].filter((ip): ip is string => ip !== null);
      }
    }
    const backendPods = spec.selector === null ? [] : pods.filter((p) => p.namespace === spec.namespace && p.workload === spec.selector).map((p) => p.name);
    return {
      name: spec.name,
      namespace: spec.namespace,
      type: spec.type,
      headless: spec.headless === true,
      clusterIPs,
      loadBalancerIPs: spec.loadBalancer ? [plan.lbV4, plan.lbV6].filter((ip): ip is string => ip !== null) : [],
      ports: spec.ports,
      selector: spec.selector,
      backendPods,
      externalBackends:
        spec.name === 'kubernetes' ? [{ ipv4: controlPlane.ipv4, ipv6: controlPlane.ipv6, port: 6443, nodeName: controlPlane.name }] : [],
      extTrafficPolicy: 'Cluster',
      intTrafficPolicy: spec.intTrafficPolicy ?? 'Cluster',
    } satisfies ScenarioService;
  });
}

function buildPolicies(rng: Prng): ScenarioPolicy[] {
  const defs: [string, string, ScenarioPolicy['kind']][] = [
    ['pod-to-a-allowed-cnp', 'cilium-test', 'CiliumNetworkPolicy'],
    ['pod-to-a-l3-denied-cnp', 'cilium-test', 'CiliumNetworkPolicy'],
    ['pod-to-external-fqdn-allow-google-cnp', 'cilium-test', 'CiliumNetworkPolicy'],
    ['frontend-ingress-l7', 'shop', 'CiliumNetworkPolicy'],
    ['catalog-l7-visibility', 'shop', 'CiliumNetworkPolicy'],
    ['payments-allow-checkout', 'shop', 'CiliumNetworkPolicy'],
    ['payments-deny-cart', 'shop', 'CiliumNetworkPolicy'],
    ['dns-visibility', '', 'CiliumClusterwideNetworkPolicy'],
  ];
  return defs.map(([name, namespace, kind]) => ({
    name,
    namespace,
    kind,
    labels: [
      `k8s:io.cilium.k8s.policy.derived-from=${kind}`,
      `k8s:io.cilium.k8s.policy.name=${name}`,
      ...(namespace ? [`k8s:io.cilium.k8s.policy.namespace=${namespace}`] : []),
      `k8s:io.cilium.k8s.policy.uid=${rng.uuid()}`,
    ],
    revision: rng.int(2, 40),
  }));
}

function worldIdentities(families: IpFamilies): Scenario['world'] {
  // Dual-stack clusters split `world` into world-ipv4 (9) and world-ipv6 (10).
  if (families === 'dual') {
    return { identityV4: 9, identityV6: 10, labelsV4: ['reserved:world-ipv4'], labelsV6: ['reserved:world-ipv6'] };
  }
  return { identityV4: 2, identityV6: 2, labelsV4: ['reserved:world'], labelsV6: ['reserved:world'] };
}

function externalPeer(
  world: Scenario['world'],
  fqdn: string,
  ipv4: string | null,
  ipv6: string | null,
  port: number,
  fqdnIdentity: [number, number] | null,
): ExternalPeer {
  return {
    fqdn,
    ipv4,
    ipv6,
    port,
    identityV4: fqdnIdentity ? fqdnIdentity[0] : world.identityV4,
    identityV6: fqdnIdentity ? fqdnIdentity[1] : world.identityV6,
    labelsV4: fqdnIdentity ? [`fqdn:${fqdn}`, ...world.labelsV4] : world.labelsV4,
    labelsV6: fqdnIdentity ? [`fqdn:${fqdn}`, ...world.labelsV6] : world.labelsV6,
  };
}

function buildNamespaces(): ScenarioNamespace[] {
  return NAMESPACES.map((name) => ({
    name,
    labels: { 'kubernetes.io/metadata.name': name },
  }));
}

/** Builds the demo cluster for a seed. Pure and deterministic. */
export function createScenario(seed = 1, opts: ScenarioOptions = {}): Scenario {
  if (!Number.isInteger(seed)) throw new Error(`scenario seed must be an integer, got ${seed}`);
  const profile = typeof opts.profile === 'object' ? opts.profile : getProfile(opts.profile);
  const clusterName = opts.clusterName ?? 'kind-kind';
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(clusterName)) {
    throw new Error(`invalid cluster name "${clusterName}": use lower-case letters, digits and '-'`);
  }
  const families = profile.ipFamilies;
  const rng = new Prng(seed);
  const plan = addressPlan(families);
  const nodes = buildNodes(rng, plan, clusterName);
  const { workloads, pods } = buildWorkloadsAndPods(rng, nodes, plan, clusterName);
  const services = buildServices(rng, plan, families, pods, nodes);
  const world = worldIdentities(families);
  const v4 = families !== 'ipv6';
  const v6 = families !== 'ipv4';
  return {
    seed,
    clusterName,
    profile,
    ipFamilies: families,
    nodes,
    namespaces: buildNamespaces(),
    workloads,
    pods,
    services,
    policies: buildPolicies(rng),
    externals: {
      oneOneOneOne: externalPeer(world, '', v4 ? '1.1.1.1' : null, v6 ? '2606:4700:4700::1111' : null, 443, null),
      google: externalPeer(world, 'www.google.com', v4 ? '142.250.185.196' : null, v6 ? '2a00:1450:4001:82b::2004' : null, 443, [16777217, 16777218]),
      payments: externalPeer(world, 'pay.example.com', v4 ? '203.0.113.40' : null, v6 ? '3fff:0:2::40' : null, 443, null),
    },
    // Documentation ranges (RFC 5737, RFC 9637): clearly not real clients.
    worldClients: {
      ipv4: v4 ? ['198.51.100.23', '198.51.100.171', '203.0.113.9', '203.0.113.77', '192.0.2.146'] : [],
      ipv6: v6 ? ['3fff:0:1::17', '3fff:0:1::2a4', '3fff:0:5::9'] : [],
    },
    world,
    ciliumVersion: opts.ciliumVersion ?? '1.19.4',
  };
}
