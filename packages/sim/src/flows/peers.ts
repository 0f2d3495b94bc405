/**
 * Connection ends and how an observing node sees them. Hubble describes the same peer
 * differently per node: a local pod carries its endpoint ID, a remote one does not; the local
 * host is `reserved:host`, another node is `reserved:remote-node`.
 */
import type { flow } from '@starmap/proto';
import type { ScenarioNode, ScenarioPod, ScenarioService, Scenario } from '../scenario/types.js';

export type Family = 4 | 6;

export type Peer =
  | { kind: 'pod'; ip: string; pod: ScenarioPod; node: ScenarioNode; names?: string[] }
  | { kind: 'host'; ip: string; node: ScenarioNode; apiserver?: boolean; names?: string[] }
  | { kind: 'world'; ip: string; identity: number; labels: string[]; names?: string[] };

export type Endpoint = flow.Endpoint.$Properties;

/** Picks the address of a family; throws when the object has none (a scenario bug). */
export function ipOf(x: { ipv4: string | null; ipv6: string | null }, family: Family): string {
  const ip = family === 4 ? x.ipv4 : x.ipv6;
  if (!ip) throw new Error(`no IPv${family} address available`);
  return ip;
}

export function hasFamily(x: { ipv4: string | null; ipv6: string | null }, family: Family): boolean {
  return (family === 4 ? x.ipv4 : x.ipv6) !== null;
}

export function podPeer(pod: ScenarioPod, node: ScenarioNode, family: Family): Peer {
  if (pod.hostNetwork) return { kind: 'host', ip: ipOf(pod, family), node };
  return { kind: 'pod', ip: ipOf(pod, family), pod, node };
}

/** The node itself: its interface address, or cilium_host's when it talks to local pods. */
export function hostPeer(node: ScenarioNode, family: Family, opts: { router?: boolean; apiserver?: boolean } = {}): Peer {
  const ip = opts.router ? ipOf({ ipv4: node.routerIpv4, ipv6: node.routerIpv6 }, family) : ipOf(node, family);
  return { kind: 'host', ip, node, ...(opts.apiserver ? { apiserver: true } : {}) };
}

export function worldPeer(scenario: Scenario, ip: string, names?: string[]): Peer {
  const v6 = ip.includes(':');
  const w = scenario.world;
  return {
    kind: 'world',
    ip,
    identity: v6 ? w.identityV6 : w.identityV4,
    labels: v6 ? w.labelsV6 : w.labelsV4,
    ...(names ? { names } : {}),
  };
}

/** A service's virtual IP as seen before translation: Hubble knows no endpoint for it. */
export function vipPeer(scenario: Scenario, service: ScenarioService, family: Family): Peer {
  const vip = service.clusterIPs.find((ip) => ip.includes(':') === (family === 6));
  if (!vip) throw new Error(`service ${service.namespace}/${service.name} has no IPv${family} address`);
  return worldPeer(scenario, vip);
}

export function nodeOf(peer: Peer): ScenarioNode | null {
  return peer.kind === 'world' ? null : peer.node;
}

/** The Endpoint message for `peer` as `observer` reports it. */
export function endpointView(peer: Peer, observer: ScenarioNode, clusterName: string): Endpoint {
  switch (peer.kind) {
    case 'pod': {
      const p = peer.pod;
      return {
        ...(p.node === observer.name ? { ID: p.endpointId } : {}),
        identity: p.identity,
        cluster_name: clusterName,
        namespace: p.namespace,
        labels: p.labels,
        pod_name: p.name,
        workloads: [{ name: p.workload, kind: p.workloadKind }],
      };
    }
    case 'host': {
      const local = peer.node.name === observer.name;
      if (peer.apiserver) {
        return local
          ? { identity: 1, labels: ['reserved:host', 'reserved:kube-apiserver'] }
          : { identity: 7, labels: ['reserved:kube-apiserver', 'reserved:remote-node'] };
      }
      return local ? { identity: 1, labels: ['reserved:host'] } : { identity: 6, labels: ['reserved:remote-node'] };
    }
    case 'world':
      return { identity: peer.identity, labels: peer.labels };
  }
}
