/**
 * Which map node a flow endpoint belongs to, and the nodes themselves. Lookups go through
 * nested maps keyed by fields the endpoint already carries, so the hot path builds no strings;
 * ids are built once, when a node is created.
 *
 * When the node cap is reached a new workload or peer folds into a 'more' node of its
 * namespace; a few slots are kept back for those, the last one for the catch-all `more:all`.
 */
import type { FlowEndpoint, ServiceRef } from '../flows/types.js';
import type { ResolvedServiceMapOptions } from './options.js';
import { NodeState } from './state.js';
import type { ServiceMapNodeKind } from './types.js';

const WORKLOAD = 0;
const RESERVED = 1;
const FQDN = 2;
const ADDRESS = 3;

const POD_NAMESPACE_LABEL = 'io.kubernetes.pod.namespace=';
const NAMESPACE_CACHE_LIMIT = 16_384;
const POD_WORKLOAD_LIMIT = 50_000;
/** Identities below this are reserved (1–255) or unknown (0): such an endpoint carries no pod labels. */
const FIRST_POD_IDENTITY = 256;

function longestCidrLabel(labels: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestBits = -1;
  for (const label of labels) {
    if (!label.startsWith('cidr:')) continue;
    const slash = label.lastIndexOf('/');
    const bits = slash === -1 ? 0 : Number(label.slice(slash + 1));
    if (bits > bestBits) {
      best = label;
      bestBits = bits;
    }
  }
  return best;
}

export class NodeIndex {
  /** Every node, by id. */
  readonly nodes = new Map<string, NodeState>();
  /** Regular (not 'more') nodes; capped at maxNodes minus the 'more' reserve. */
  regularCount = 0;
  /** Flows whose endpoint was folded into a 'more' node (cumulative). */
  overflowed = 0;
  /** Names remembered across all 'more' nodes. */
  foldedTracked = 0;

  private readonly workloads = new Map<string, Map<string, NodeState>>();
  private readonly services = new Map<string, Map<string, NodeState>>();
  private readonly reserved = new Map<string, NodeState>();
  private readonly fqdns = new Map<string, NodeState>();
  /** Keyed by address, or by the whole `cidr:<prefix>` label. */
  private readonly addresses = new Map<string, NodeState>();
  private readonly moreByNamespace = new Map<string, NodeState>();
  private catchAll: NodeState | null = null;
  private readonly namespaceByIdentity = new Map<number, string>();
  /** Workload names of pods seen with their real identity, by namespace and pod. */
  private readonly podWorkloads = new Map<string, Map<string, string>>();
  private podWorkloadCount = 0;

  // Result of `classify`, kept in fields so classification allocates nothing.
  private classKind = WORKLOAD;
  private classKey = '';

  constructor(
    private readonly options: ResolvedServiceMapOptions,
    private readonly onCreate: (node: NodeState) => void,
  ) {}

  /** The endpoint's namespace; for pods seen on other nodes (no namespace field) read from its labels. */
  namespaceOf(ep: FlowEndpoint): string {
    if (ep.namespace) return ep.namespace;
    const labels = ep.labels;
    if (!labels || labels.length === 0) return '';
    const identity = ep.identity;
    if (identity > 0) {
      const cached = this.namespaceByIdentity.get(identity);
      if (cached !== undefined) return cached;
    }
    let found = '';
    for (const label of labels) {
      const i = label.indexOf(POD_NAMESPACE_LABEL);
      if (i === 0 || (i > 0 && label.charCodeAt(i - 1) === 58 /* ':' */)) {
        found = label.slice(i + POD_NAMESPACE_LABEL.length);
        break;
      }
    }
    if (identity > 0) {
      if (this.namespaceByIdentity.size >= NAMESPACE_CACHE_LIMIT) this.namespaceByIdentity.clear();
      this.namespaceByIdentity.set(identity, found);
    }
    return found;
  }

  private classify(ep: FlowEndpoint, ns: string): void {
    if (ns !== '' || ep.podName !== '') {
      this.classKind = WORKLOAD;
      this.classKey = ep.workload || ep.podName || ep.ip || 'unknown';
      // A pod reached before its identity resolved (e.g. through the L7 proxy) has no labels, so its
      // name would fall back to the pod name; use the name its labelled flows gave instead.
      if (ep.podName !== '' && !(ep.identity >= FIRST_POD_IDENTITY)) {
        const learned = this.podWorkloads.get(ns)?.get(ep.podName);
        if (learned !== undefined) this.classKey = learned;
      }
      return;
    }
    const first = ep.reserved[0];
    if (first !== undefined && !first.startsWith('world')) {
      this.classKind = RESERVED;
      this.classKey = first;
      return;
    }
    const dnsName = ep.names[0];
    if (dnsName) {
      this.classKind = FQDN;
      this.classKey = dnsName;
      return;
    }
    if (first !== undefined) {
      if (this.options.worldPeers === 'ip') {
        const key = longestCidrLabel(ep.labels) ?? ep.ip;
        if (key) {
          this.classKind = ADDRESS;
          this.classKey = key;
          return;
        }
      }
      this.classKind = RESERVED;
      this.classKey = 'world';
      return;
    }
    // No identity information at all: the address is all we know.
    this.classKind = ep.ip ? ADDRESS : RESERVED;
    this.classKey = ep.ip || 'unknown';
  }

  /**
   * Whether the endpoint is a backend worth drawing behind a service node: a pod or a reserved
   * identity such as host, not a world address (which is then usually the service's own VIP).
   */
  isBackend(ep: FlowEndpoint, ns: string): boolean {
    this.classify(ep, ns);
    return this.classKind === WORKLOAD || (this.classKind === RESERVED && this.classKey !== 'world' && this.classKey !== 'unknown');
  }

  /** Remembers which workload a pod belongs to, from a flow that carried the pod's real identity. */
  learnPodWorkload(ep: FlowEndpoint, node: { readonly namespace: string; readonly name: string }): void {
    if (!(ep.identity >= FIRST_POD_IDENTITY) || ep.podName === '') return;
    let pods = this.podWorkloads.get(node.namespace);
    if (pods?.get(ep.podName) === node.name) return;
    if (this.podWorkloadCount >= POD_WORKLOAD_LIMIT) {
      this.podWorkloads.clear();
      this.podWorkloadCount = 0;
      pods = undefined;
    }
    if (!pods) {
      pods = new Map();
      this.podWorkloads.set(node.namespace, pods);
    }
    if (!pods.has(ep.podName)) this.podWorkloadCount++;
    pods.set(ep.podName, node.name);
  }

  /** Service node id for a service a flow names. */
  static serviceId(ref: ServiceRef): string {
    return `svc:${ref.namespace}/${ref.name}`;
  }

  /** `learnPodWorkload` for an endpoint whose node is not at hand (the flow locator creates no nodes). */
  learnEndpoint(ep: FlowEndpoint, ns: string): void {
    if (!(ep.identity >= FIRST_POD_IDENTITY) || ep.podName === '') return;
    this.classify(ep, ns);
    if (this.classKind === WORKLOAD) this.learnPodWorkload(ep, { namespace: ns, name: this.classKey });
  }

  /** The endpoint's own node if it exists; never creates one. */
  find(ep: FlowEndpoint, ns: string): NodeState | undefined {
    this.classify(ep, ns);
    switch (this.classKind) {
      case WORKLOAD:
        return this.workloads.get(ns)?.get(this.classKey);
      case RESERVED:
        return this.reserved.get(this.classKey);
      case FQDN:
        return this.fqdns.get(this.classKey);
      default:
        return this.addresses.get(this.classKey);
    }
  }

  /** The endpoint's node, created if there is room, else the 'more' node it folds into. */
  resolve(ep: FlowEndpoint, ns: string, bucket: number): NodeState {
    const found = this.find(ep, ns);
    if (found) return found;
    const key = this.classKey;
    const { kind, id, name, namespace } = this.classifiedNode(ns);
    if (!this.hasRoom()) return this.fold(namespace, id, bucket);
    const node = this.create(id, kind, namespace, name, key);
    const map = this.mapFor(node, true);
    map?.set(key, node);
    return node;
  }

  /** The id of the endpoint's own node, as `resolve` names it (before any folding into a 'more' node); creates nothing. */
  idOf(ep: FlowEndpoint, ns: string): string {
    this.classify(ep, ns);
    return this.classifiedNode(ns).id;
  }

  /** Kind, id, name and namespace of the node the last `classify` call chose. */
  private classifiedNode(ns: string): { kind: ServiceMapNodeKind; id: string; name: string; namespace: string } {
    const key = this.classKey;
    switch (this.classKind) {
      case WORKLOAD:
        return { kind: 'workload', id: `${ns}/${key}`, name: key, namespace: ns };
      case RESERVED:
        return { kind: 'reserved', id: `reserved:${key}`, name: key, namespace: '' };
      case FQDN:
        return { kind: 'fqdn', id: `fqdn:${key}`, name: key, namespace: '' };
      default:
        return key.startsWith('cidr:')
          ? { kind: 'ip', id: key, name: key.slice('cidr:'.length), namespace: '' }
          : { kind: 'ip', id: `ip:${key}`, name: key, namespace: '' };
    }
  }

  resolveService(ref: ServiceRef, bucket: number): NodeState {
    const existing = this.services.get(ref.namespace)?.get(ref.name);
    if (existing) return existing;
    const id = NodeIndex.serviceId(ref);
    if (!this.hasRoom()) return this.fold(ref.namespace, id, bucket);
    const node = this.create(id, 'service', ref.namespace, ref.name, ref.name);
    this.mapFor(node, true)?.set(ref.name, node);
    return node;
  }

  /** The 'more' node for a namespace if it already exists. */
  existingMore(namespace: string): NodeState | undefined {
    return this.moreByNamespace.get(namespace) ?? this.catchAll ?? undefined;
  }

  /** The 'more' node for a namespace, created if the reserve allows, else the catch-all. */
  moreFor(namespace: string): NodeState {
    const existing = this.moreByNamespace.get(namespace);
    if (existing) return existing;
    if (this.moreByNamespace.size < this.options.moreNodeReserve - 1) {
      const id = namespace === '' ? 'more:external' : `more:ns:${namespace}`;
      const node = this.create(id, 'more', namespace, 'more', namespace);
      this.moreByNamespace.set(namespace, node);
      return node;
    }
    return this.catchAllNode();
  }

  catchAllNode(): NodeState {
    if (!this.catchAll) this.catchAll = this.create('more:all', 'more', '', 'more', '');
    return this.catchAll;
  }

  remove(node: NodeState): void {
    this.nodes.delete(node.id);
    if (node.kind === 'more') {
      this.foldedTracked -= node.members?.size ?? 0;
      if (node === this.catchAll) this.catchAll = null;
      else this.moreByNamespace.delete(node.indexKey);
      return;
    }
    this.regularCount--;
    const map = this.mapFor(node, false);
    if (map && map.get(node.indexKey) === node) {
      map.delete(node.indexKey);
      if (map.size === 0) {
        if (node.kind === 'workload') this.workloads.delete(node.namespace);
        else if (node.kind === 'service') this.services.delete(node.namespace);
      }
    }
  }

  /** Forgets folded names last seen before the window. */
  pruneMembers(node: NodeState, oldestLiveBucket: number): void {
    if (!node.members) return;
    for (const [name, bucket] of node.members) {
      if (bucket < oldestLiveBucket) {
        node.members.delete(name);
        this.foldedTracked--;
      }
    }
  }

  private hasRoom(): boolean {
    return this.regularCount < this.options.maxNodes - this.options.moreNodeReserve;
  }

  private fold(namespace: string, id: string, bucket: number): NodeState {
    this.overflowed++;
    const more = this.moreFor(namespace);
    const members = more.members as Map<string, number>;
    const prev = members.get(id);
    if (prev === undefined) {
      if (this.foldedTracked < this.options.maxFoldedTracked) {
        members.set(id, bucket);
        this.foldedTracked++;
      } else if (bucket > more.membersRefusedBucket) {
        more.membersRefusedBucket = bucket;
      }
    } else if (prev < bucket) {
      members.set(id, bucket);
    }
    return more;
  }

  private create(id: string, kind: ServiceMapNodeKind, namespace: string, name: string, indexKey: string): NodeState {
    const node = new NodeState(id, kind, namespace, name, this.options);
    node.indexKey = indexKey;
    this.nodes.set(id, node);
    if (kind !== 'more') this.regularCount++;
    this.onCreate(node);
    return node;
  }

  private mapFor(node: NodeState, create: boolean): Map<string, NodeState> | undefined {
    switch (node.kind) {
      case 'workload':
      case 'service': {
        const outer = node.kind === 'workload' ? this.workloads : this.services;
        let inner = outer.get(node.namespace);
        if (!inner && create) {
          inner = new Map();
          outer.set(node.namespace, inner);
        }
        return inner;
      }
      case 'reserved':
        return this.reserved;
      case 'fqdn':
        return this.fqdns;
      case 'ip':
        return this.addresses;
      default:
        return undefined;
    }
  }
}
