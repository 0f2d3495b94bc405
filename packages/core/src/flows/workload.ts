/**
 * How a flow endpoint is named on the dashboard: the way operators think of it (a Deployment, a
 * reserved identity, an external name), not the way the datapath sees it (an IP, a pod replica).
 */

/** Reserved identities in the order that wins when a peer carries several (kube-apiserver is also 'world'). */
const RESERVED_PRECEDENCE = [
  'kube-apiserver',
  'host',
  'remote-node',
  'health',
  'ingress',
  'init',
  'unmanaged',
  'world-ipv4',
  'world-ipv6',
  'world',
] as const;

/** Numeric reserved identities (pkg/identity/numericidentity.go), for flows without labels. */
const RESERVED_BY_IDENTITY: Record<number, string> = {
  1: 'host',
  2: 'world',
  3: 'unmanaged',
  4: 'health',
  5: 'init',
  6: 'remote-node',
  7: 'kube-apiserver',
  8: 'ingress',
  9: 'world-ipv4',
  10: 'world-ipv6',
};

/** Label keys used to name a workload when the flow carries no `workloads` field, in order. */
export const DEFAULT_WORKLOAD_LABEL_KEYS: readonly string[] = ['app.kubernetes.io/name', 'app', 'k8s-app'];

export function reservedIdentities(labels: readonly string[], identity: number): string[] {
  const found: string[] = [];
  for (const label of labels) {
    if (label.startsWith('reserved:')) found.push(label.slice('reserved:'.length));
  }
  if (found.length === 0) {
    const byNumber = RESERVED_BY_IDENTITY[identity];
    if (byNumber) found.push(byNumber);
  }
  return found.sort((a, b) => rank(a) - rank(b));
}

function rank(reserved: string): number {
  const i = (RESERVED_PRECEDENCE as readonly string[]).indexOf(reserved);
  return i === -1 ? RESERVED_PRECEDENCE.length : i;
}

/** Value of `key` among Cilium labels such as `k8s:app=reviews` (any source prefix). */
export function labelValue(labels: readonly string[], key: string): string | undefined {
  for (const label of labels) {
    const colon = label.indexOf(':');
    const body = colon === -1 ? label : label.slice(colon + 1);
    const eq = body.indexOf('=');
    if (eq === -1) continue;
    if (body.slice(0, eq) === key) return body.slice(eq + 1);
  }
  return undefined;
}

// Deployment pods: <name>-<replicaset hash>-<5 chars>; DaemonSet/Job pods: <name>-<5 chars>;
// StatefulSet pods: <name>-<ordinal>.
const DEPLOYMENT_SUFFIX = /-[bcdfghjklmnpqrstvwxz2456789]{6,10}-[bcdfghjklmnpqrstvwxz2456789]{5}$/;
const SHORT_SUFFIX = /-[bcdfghjklmnpqrstvwxz2456789]{5}$/;
const ORDINAL_SUFFIX = /-\d+$/;

/** Pod name without its replica suffix: `reviews-v1-545db77b95-s6jb8` → `reviews-v1`. */
export function trimReplicaSuffix(podName: string): string {
  for (const suffix of [DEPLOYMENT_SUFFIX, SHORT_SUFFIX, ORDINAL_SUFFIX]) {
    const trimmed = podName.replace(suffix, '');
    if (trimmed !== podName && trimmed.length > 0) return trimmed;
  }
  return podName;
}

export interface WorkloadNameInput {
  podName: string;
  labels: readonly string[];
  identity: number;
  workloads: readonly { name: string; kind: string }[];
  ip: string;
  names: readonly string[];
}

export interface WorkloadNaming {
  /** Label keys tried in order before the pod name (default DEFAULT_WORKLOAD_LABEL_KEYS). */
  labelKeys?: readonly string[];
}

/**
 * The workload an endpoint belongs to: the `workloads` field, else a naming label, else the
 * pod name without its replica suffix; reserved identities name themselves; external peers are
 * named by their DNS name, else their IP.
 */
export function workloadName(
  input: WorkloadNameInput,
  naming: WorkloadNaming = {},
): { name: string; kind: string } {
  const first = input.workloads[0];
  if (first && first.name) return { name: first.name, kind: first.kind };
  if (input.podName) {
    for (const key of naming.labelKeys ?? DEFAULT_WORKLOAD_LABEL_KEYS) {
      const value = labelValue(input.labels, key);
      if (value) return { name: value, kind: '' };
    }
    return { name: trimReplicaSuffix(input.podName), kind: '' };
  }
  const reserved = reservedIdentities(input.labels, input.identity)[0];
  if (reserved && !reserved.startsWith('world')) return { name: reserved, kind: 'reserved' };
  const dnsName = input.names[0];
  if (dnsName) return { name: dnsName, kind: 'fqdn' };
  if (reserved) return { name: reserved, kind: 'reserved' };
  for (const key of naming.labelKeys ?? DEFAULT_WORKLOAD_LABEL_KEYS) {
    const value = labelValue(input.labels, key);
    if (value) return { name: value, kind: '' };
  }
  return { name: input.ip || 'unknown', kind: input.ip ? 'ip' : '' };
}
