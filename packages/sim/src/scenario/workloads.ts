/**
 * What runs in the demo cluster. Cilium's classic connectivity check in `cilium-test` (labels
 * `name=…` as upstream's connectivity-check.yaml has them), a small shop, kube-system
 * add-ons and monitoring.
 */
import type { WorkloadKind, WorkloadPort } from './types.js';

export interface WorkloadSpec {
  name: string;
  namespace: string;
  kind: WorkloadKind;
  replicas: number;
  podLabels: Record<string, string>;
  serviceAccount: string;
  hostNetwork?: boolean;
  ports: WorkloadPort[];
  /** Placement: 'control-plane-first' puts replica 0 on the control plane; DaemonSets go everywhere. */
  placement?: 'workers' | 'control-plane-first';
  /** Replicas (counted from the end) that are terminating. */
  terminating?: number;
}

const http = (port: number, name = 'http'): WorkloadPort => ({ name, port, protocol: 'TCP' });
/** OpenTelemetry's Prometheus exporter port, where the gRPC services expose metrics. */
const metrics: WorkloadPort = { name: 'metrics', port: 9464, protocol: 'TCP' };

function connectivity(name: string, ports: WorkloadPort[] = [], hostNetwork = false): WorkloadSpec {
  return {
    name,
    namespace: 'cilium-test',
    kind: 'Deployment',
    replicas: 1,
    podLabels: { name },
    serviceAccount: 'default',
    hostNetwork,
    ports,
  };
}

function shop(name: string, replicas: number, ports: WorkloadPort[], extra: Partial<WorkloadSpec> = {}): WorkloadSpec {
  return {
    name,
    namespace: 'shop',
    kind: 'Deployment',
    replicas,
    podLabels: { app: name, 'app.kubernetes.io/part-of': 'shop' },
    serviceAccount: name,
    ports,
    ...extra,
  };
}

export const WORKLOAD_SPECS: readonly WorkloadSpec[] = [
  // cilium-test: Cilium's connectivity check
  connectivity('echo-a', [http(8080)]),
  connectivity('echo-b', [http(8080)]),
  connectivity('pod-to-a'),
  connectivity('pod-to-a-allowed-cnp'),
  connectivity('pod-to-a-l3-denied-cnp'),
  connectivity('pod-to-b-intra-node'),
  connectivity('pod-to-b-multi-node-clusterip'),
  connectivity('pod-to-b-multi-node-headless'),
  connectivity('host-to-b-multi-node-clusterip', [], true),
  connectivity('pod-to-external-1111'),
  connectivity('pod-to-external-fqdn-allow-google-cnp'),

  // shop
  shop('frontend', 3, [http(8080)]),
  shop('cart', 2, [{ name: 'grpc', port: 7070, protocol: 'TCP' }, metrics]),
  shop('catalog', 3, [http(3550)]),
  shop('checkout', 2, [{ name: 'grpc', port: 5050, protocol: 'TCP' }, metrics]),
  shop('payments', 3, [{ name: 'grpc', port: 50051, protocol: 'TCP' }, metrics], { terminating: 1 }),
  shop('redis', 1, [{ name: 'redis', port: 6379, protocol: 'TCP' }], { kind: 'StatefulSet' }),
  shop('recommendations', 0, [http(8080)]),

  // kube-system
  {
    name: 'coredns',
    namespace: 'kube-system',
    kind: 'Deployment',
    replicas: 2,
    podLabels: { 'k8s-app': 'kube-dns' },
    serviceAccount: 'coredns',
    ports: [
      { name: 'dns', port: 53, protocol: 'UDP' },
      { name: 'dns-tcp', port: 53, protocol: 'TCP' },
      { name: 'metrics', port: 9153, protocol: 'TCP' },
    ],
    placement: 'control-plane-first',
  },
  {
    name: 'hubble-relay',
    namespace: 'kube-system',
    kind: 'Deployment',
    replicas: 1,
    podLabels: { 'k8s-app': 'hubble-relay', 'app.kubernetes.io/name': 'hubble-relay', 'app.kubernetes.io/part-of': 'cilium' },
    serviceAccount: 'hubble-relay',
    ports: [{ name: 'grpc', port: 4245, protocol: 'TCP' }],
  },
  {
    name: 'hubble-ui',
    namespace: 'kube-system',
    kind: 'Deployment',
    replicas: 1,
    podLabels: { 'k8s-app': 'hubble-ui', 'app.kubernetes.io/name': 'hubble-ui', 'app.kubernetes.io/part-of': 'cilium' },
    serviceAccount: 'hubble-ui',
    ports: [http(8081)],
  },
  {
    name: 'cilium',
    namespace: 'kube-system',
    kind: 'DaemonSet',
    replicas: 0,
    podLabels: { 'k8s-app': 'cilium', 'app.kubernetes.io/name': 'cilium-agent', 'app.kubernetes.io/part-of': 'cilium' },
    serviceAccount: 'cilium',
    hostNetwork: true,
    ports: [
      { name: 'peer-service', port: 4244, protocol: 'TCP' },
      { name: 'prometheus', port: 9962, protocol: 'TCP' },
      { name: 'hubble-metrics', port: 9965, protocol: 'TCP' },
    ],
  },

  // monitoring
  {
    name: 'prometheus',
    namespace: 'monitoring',
    kind: 'Deployment',
    replicas: 1,
    podLabels: { app: 'prometheus', 'app.kubernetes.io/name': 'prometheus' },
    serviceAccount: 'prometheus',
    ports: [http(9090, 'web')],
  },
  {
    name: 'grafana',
    namespace: 'monitoring',
    kind: 'Deployment',
    replicas: 1,
    podLabels: { app: 'grafana', 'app.kubernetes.io/name': 'grafana' },
    serviceAccount: 'grafana',
    ports: [http(3000)],
  },
  {
    name: 'kube-state-metrics',
    namespace: 'monitoring',
    kind: 'Deployment',
    replicas: 1,
    podLabels: { app: 'kube-state-metrics', 'app.kubernetes.io/name': 'kube-state-metrics' },
    serviceAccount: 'kube-state-metrics',
    ports: [http(8080, 'http-metrics')],
  },
  {
    name: 'node-exporter',
    namespace: 'monitoring',
    kind: 'DaemonSet',
    replicas: 0,
    podLabels: { app: 'node-exporter', 'app.kubernetes.io/name': 'node-exporter' },
    serviceAccount: 'node-exporter',
    hostNetwork: true,
    ports: [http(9100, 'metrics')],
  },
];

export const NAMESPACES: readonly string[] = ['default', 'kube-system', 'cilium-test', 'shop', 'monitoring'];

/** Ports Prometheus scrapes per workload (pods) — port name in the workload's port list. */
export const SCRAPE_TARGETS: Readonly<Record<string, number>> = {
  'shop/frontend': 8080,
  'shop/cart': 9464,
  'shop/catalog': 3550,
  'shop/checkout': 9464,
  'shop/payments': 9464,
  'kube-system/coredns': 9153,
  'kube-system/hubble-relay': 4245,
  'monitoring/kube-state-metrics': 8080,
  'monitoring/grafana': 3000,
};
