/** Words on a node card: its badge, its title, its facts. Pure, shared by the card and the export. */
import type { ServiceMapNode } from '@starmap/core';
import { formatPort } from './edgeStyle';

const WORKLOAD_BADGES: Record<string, string> = {
  Deployment: 'deploy',
  StatefulSet: 'sts',
  DaemonSet: 'ds',
  ReplicaSet: 'rs',
  Job: 'job',
  CronJob: 'cronjob',
  Pod: 'pod',
  ReplicationController: 'rc',
};

const RESERVED_TITLES: Record<string, string> = {
  host: 'Host',
  'remote-node': 'Remote nodes',
  'kube-apiserver': 'kube-apiserver',
  world: 'World',
  health: 'Cilium health',
  ingress: 'Ingress',
  init: 'Initializing endpoints',
  unmanaged: 'Unmanaged endpoints',
  unknown: 'Unknown identity',
};

export function nodeBadge(node: ServiceMapNode): string {
  switch (node.kind) {
    case 'workload':
      return WORKLOAD_BADGES[node.workloadKind] ?? (node.workloadKind ? node.workloadKind.toLowerCase() : 'workload');
    case 'service':
      return 'svc';
    case 'reserved':
      return 'identity';
    case 'fqdn':
      return 'dns';
    case 'ip':
      return node.id.startsWith('cidr:') ? 'cidr' : 'ip';
    default:
      return 'more';
  }
}

export function nodeTitle(node: ServiceMapNode): string {
  if (node.kind === 'reserved') return RESERVED_TITLES[node.name] ?? node.name;
  if (node.kind === 'more') {
    const what = node.namespace ? `in ${node.namespace}` : 'peers';
    return `${node.folded.toLocaleString('en-US')}${node.truncated ? '+' : ''} more ${what}`;
  }
  return node.name;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/** The card's second line: pods and Kubernetes nodes for workloads, addresses for peers. */
export function nodeFacts(node: ServiceMapNode): string {
  const parts: string[] = [];
  if (node.kind === 'workload') {
    const pods = node.pods.length;
    if (pods > 0) parts.push(`${plural(pods, 'pod')}${node.truncated && pods >= 64 ? '+' : ''}`);
    if (node.k8sNodes.length > 0) parts.push(plural(node.k8sNodes.length, 'node'));
  } else if (node.kind === 'reserved' || node.kind === 'fqdn') {
    if (node.ips.length > 0) parts.push(node.ips.length === 1 ? node.ips[0]! : plural(node.ips.length, 'address', 'addresses'));
  } else if (node.kind === 'more') {
    parts.push('folded: the map is full');
  }
  if (parts.length === 0) parts.push(`${plural(node.flows.sent + node.flows.received, 'flow')}`);
  return parts.join(' · ');
}

/** Ports the node serves, busiest first, at most `max`, with how many more there are. */
export function servedPorts(node: ServiceMapNode, max = 3): { shown: string[]; more: number } {
  // Port 0 is no port a server listens on; socket-level trace events carry it.
  const ports = [...node.ports].sort((a, b) => b.flows - a.flows).filter((p) => p.port !== 0);
  const extra = ports.length - max + (node.otherPortFlows > 0 ? 1 : 0);
  return { shown: ports.slice(0, max).map(formatPort), more: Math.max(0, extra) };
}
