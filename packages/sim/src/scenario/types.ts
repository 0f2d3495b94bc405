/**
 * The demo cluster as data: nodes, namespaces, workloads, pods, services, policies and the
 * outside world. Plain JSON-compatible objects so tests and other packages can assert against
 * them; `createScenario` builds one from a seed.
 */
import type { DatapathProfile, IpFamilies } from '../profiles.js';

export interface ScenarioNode {
  /** Kubernetes node name, e.g. `kind-worker`. */
  name: string;
  /** The name Hubble reports (`<cluster>/<node>` unless the cluster is named `default`). */
  fullName: string;
  role: 'control-plane' | 'worker';
  zone: string;
  ipv4: string | null;
  ipv6: string | null;
  podCidrV4: string | null;
  podCidrV6: string | null;
  /** cilium_host addresses: the source of host-originated traffic to local pods. */
  routerIpv4: string | null;
  routerIpv6: string | null;
  routerMac: string;
  /** Kubernetes node labels (`key=value`), as flows carry them in `node_labels`. */
  labels: string[];
  /** Where this node's Hubble server listens, as the peer service announces it. */
  hubbleAddress: string;
  /** TLS server name of this node's Hubble server. */
  hubbleServerName: string;
}

export interface ScenarioNamespace {
  name: string;
  /** Kubernetes labels of the namespace. */
  labels: Record<string, string>;
}

export type WorkloadKind = 'Deployment' | 'StatefulSet' | 'DaemonSet';

export interface WorkloadPort {
  name: string;
  port: number;
  protocol: 'TCP' | 'UDP';
}

export interface ScenarioWorkload {
  name: string;
  namespace: string;
  kind: WorkloadKind;
  replicas: number;
  /** Pod labels (without pod-template-hash). */
  podLabels: Record<string, string>;
  serviceAccount: string;
  hostNetwork: boolean;
  ports: WorkloadPort[];
  /** Security identity of the pods; 0 for host-network workloads (they are `reserved:host`). */
  identity: number;
  /** Cilium identity labels (`k8s:…`), sorted as Hubble prints them; empty for host network. */
  identityLabels: string[];
}

export interface ScenarioPod {
  name: string;
  namespace: string;
  workload: string;
  workloadKind: WorkloadKind;
  node: string;
  ipv4: string | null;
  ipv6: string | null;
  hostNetwork: boolean;
  /** Cilium endpoint ID on its node; 0 for host-network pods. */
  endpointId: number;
  identity: number;
  labels: string[];
  mac: string;
  ifName: string;
  ifIndex: number;
  /** Being replaced: still a backend (state terminating), receives no new connections. */
  terminating: boolean;
}

export interface ServicePort {
  name: string;
  port: number;
  targetPort: number;
  protocol: 'TCP' | 'UDP';
  nodePort: number | null;
}

export interface ExternalBackend {
  ipv4: string | null;
  ipv6: string | null;
  port: number;
  nodeName: string;
}

export interface ScenarioService {
  name: string;
  namespace: string;
  type: 'ClusterIP' | 'NodePort' | 'LoadBalancer';
  headless: boolean;
  /** Primary family first; empty for headless services. */
  clusterIPs: string[];
  loadBalancerIPs: string[];
  ports: ServicePort[];
  /** Workload whose pods back the service, or null (selector-less, e.g. `kubernetes`). */
  selector: string | null;
  /** Names of backing pods (same namespace), including terminating ones. */
  backendPods: string[];
  externalBackends: ExternalBackend[];
  extTrafficPolicy: 'Cluster' | 'Local';
  intTrafficPolicy: 'Cluster' | 'Local';
}

export interface ScenarioPolicy {
  name: string;
  /** '' for cluster-wide policies. */
  namespace: string;
  kind: 'CiliumNetworkPolicy' | 'CiliumClusterwideNetworkPolicy' | 'NetworkPolicy';
  labels: string[];
  revision: number;
}

/** A destination outside the cluster. */
export interface ExternalPeer {
  /** DNS name clients use, or '' when they dial the address directly. */
  fqdn: string;
  ipv4: string | null;
  ipv6: string | null;
  port: number;
  /** Identity and labels per family (FQDN-selected peers get a local CIDR identity). */
  identityV4: number;
  identityV6: number;
  labelsV4: string[];
  labelsV6: string[];
}

export interface Scenario {
  seed: number;
  clusterName: string;
  profile: DatapathProfile;
  ipFamilies: IpFamilies;
  nodes: ScenarioNode[];
  namespaces: ScenarioNamespace[];
  workloads: ScenarioWorkload[];
  pods: ScenarioPod[];
  services: ScenarioService[];
  policies: ScenarioPolicy[];
  externals: Record<'oneOneOneOne' | 'google' | 'payments', ExternalPeer>;
  /** Outside clients reaching the LoadBalancer. */
  worldClients: { ipv4: string[]; ipv6: string[] };
  /** World identity per family (2 single-stack; 9/10 `world-ipv4`/`world-ipv6` dual-stack). */
  world: { identityV4: number; identityV6: number; labelsV4: string[]; labelsV6: string[] };
  /** Hubble/Cilium version the cluster runs. */
  ciliumVersion: string;
}
