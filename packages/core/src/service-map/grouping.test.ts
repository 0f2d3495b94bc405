import { describe, expect, it } from 'vitest';
import { ServiceMapAggregator } from './aggregator.js';
import { endpoint, makeFlow, pod, reserved } from './test-support.js';
import type { ServiceMapSnapshot } from './types.js';

function nodeIds(snapshot: ServiceMapSnapshot): string[] {
  return snapshot.nodes.map((n) => n.id);
}

function node(snapshot: ServiceMapSnapshot, id: string) {
  const found = snapshot.nodes.find((n) => n.id === id);
  if (!found) throw new Error(`no node ${id} in ${nodeIds(snapshot).join(', ')}`);
  return found;
}

describe('grouping endpoints into nodes', () => {
  it('folds the replicas of one Deployment into one node named without the replica suffix', () => {
    const map = new ServiceMapAggregator();
    const server = pod('shop', 'db-0', { port: 5432 });
    for (const replica of ['foo-7d9c5b6f4-x2k8p', 'foo-7d9c5b6f4-q9z4w', 'foo-6b746f74dc-9rcxx']) {
      map.fold(makeFlow({ source: pod('shop', replica, { port: 40000 }), destination: server }));
    }
    const snap = map.snapshot();
    expect(nodeIds(snap)).toEqual(['shop/db', 'shop/foo']);
    const foo = node(snap, 'shop/foo');
    expect(foo.kind).toBe('workload');
    expect(foo.namespace).toBe('shop');
    expect(foo.name).toBe('foo');
    expect(foo.pods).toEqual(['foo-6b746f74dc-9rcxx', 'foo-7d9c5b6f4-q9z4w', 'foo-7d9c5b6f4-x2k8p']);
    expect(foo.flows.sent).toBe(3);
    expect(snap.edges.map((e) => e.id)).toEqual(['shop/foo->shop/db']);
    expect(snap.edges[0]!.flows).toBe(3);
  });

  it('uses the workload the flow names and keeps its kind', () => {
    const map = new ServiceMapAggregator();
    const api = pod('shop', 'api-abc12', { workloads: [{ name: 'api', kind: 'Deployment' }], port: 8080 });
    map.fold(makeFlow({ source: pod('shop', 'web-7d9c5b6f4-x2k8p'), destination: api }));
    expect(node(map.snapshot(), 'shop/api').workloadKind).toBe('Deployment');
  });

  it('puts a pod seen on another node (no namespace field, only labels) on the same node as when seen locally', () => {
    const map = new ServiceMapAggregator();
    const labels = ['k8s:app=reviews', 'k8s:io.kubernetes.pod.namespace=bookinfo', 'k8s:io.cilium.k8s.namespace.labels.team=a'];
    const local = pod('bookinfo', 'reviews-v2-7bf8c9648f-r7bs2', { labels, identity: 100, port: 9080 });
    const remote = pod('bookinfo', 'reviews-v2-7bf8c9648f-r7bs2', { labels, identity: 100, remote: true, port: 9080 });
    const client = pod('bookinfo', 'productpage-v1-6b746f74dc-9rcxx', { labels: ['k8s:app=productpage', 'k8s:io.kubernetes.pod.namespace=bookinfo'], identity: 200 });
    map.fold(makeFlow({ source: client, destination: local }));
    map.fold(makeFlow({ source: client, destination: remote }));
    const snap = map.snapshot();
    expect(nodeIds(snap)).toEqual(['bookinfo/productpage', 'bookinfo/reviews']);
    expect(snap.edges).toHaveLength(1);
    expect(snap.edges[0]!.flows).toBe(2);
    // namespace labels describe the namespace, not the workload
    expect(node(snap, 'bookinfo/reviews').labels).toEqual(['k8s:app=reviews', 'k8s:io.kubernetes.pod.namespace=bookinfo']);
  });

  it('keeps a pod on its workload node when a later flow shows it without labels (identity not yet resolved)', () => {
    const map = new ServiceMapAggregator();
    const client = pod('bookinfo', 'productpage-v1-6b746f74dc-9rcxx', { labels: ['k8s:app=productpage'], identity: 3418 });
    const labelled = pod('bookinfo', 'details-v1-79f774bdb9-m4j4k', { labels: ['k8s:app=details'], identity: 5239, port: 9080 });
    const bare = pod('bookinfo', 'details-v1-79f774bdb9-m4j4k', { labels: ['reserved:world'], identity: 2, port: 9080 });
    expect(bare.workload).toBe('details-v1'); // what naming alone gives
    map.fold(makeFlow({ source: client, destination: labelled }));
    map.fold(makeFlow({ source: client, destination: bare }));
    const snap = map.snapshot();
    expect(nodeIds(snap)).toEqual(['bookinfo/details', 'bookinfo/productpage']);
    expect(node(snap, 'bookinfo/details').labels).toEqual(['k8s:app=details']);
    expect(snap.edges[0]!.flows).toBe(2);
  });

  it('shows reserved identities as their own nodes, kube-apiserver as itself although it is also world', () => {
    const map = new ServiceMapAggregator();
    const client = pod('shop', 'web-7d9c5b6f4-x2k8p');
    map.fold(makeFlow({ source: client, destination: reserved(['kube-apiserver', 'world'], { ip: '10.0.0.1', port: 443 }) }));
    map.fold(makeFlow({ source: reserved('host', { ip: '192.168.1.10' }), destination: pod('shop', 'web-7d9c5b6f4-x2k8p', { port: 80 }) }));
    map.fold(makeFlow({ source: reserved('remote-node', { ip: '192.168.1.11' }), destination: reserved('health', { ip: '10.0.0.9', port: 4240 }) }));
    const snap = map.snapshot();
    expect(nodeIds(snap)).toEqual(['reserved:health', 'reserved:host', 'reserved:kube-apiserver', 'reserved:remote-node', 'shop/web']);
    const apiserver = node(snap, 'reserved:kube-apiserver');
    expect(apiserver.kind).toBe('reserved');
    expect(apiserver.namespace).toBe('');
    expect(apiserver.ips).toEqual(['10.0.0.1']);
    expect(apiserver.ports).toEqual([{ protocol: 'TCP', port: 443, flows: 1 }]);
  });

  it('gives world peers a node per DNS name, else per address, else per CIDR label', () => {
    const map = new ServiceMapAggregator();
    const client = pod('shop', 'web-7d9c5b6f4-x2k8p');
    map.fold(makeFlow({ source: client, destination: reserved('world', { ip: '1.1.1.1', names: ['one.one.one.one'], port: 443 }) }));
    map.fold(makeFlow({ source: client, destination: reserved('world', { ip: '1.0.0.1', names: ['one.one.one.one'], port: 443 }) }));
    map.fold(makeFlow({ source: client, destination: reserved('world', { ip: '8.8.8.8', port: 53 }) }));
    map.fold(
      makeFlow({
        source: client,
        destination: endpoint({ labels: ['reserved:world', 'cidr:10.0.0.0/8', 'cidr:10.1.0.0/16'], ip: '10.1.2.3', port: 5432 }),
      }),
    );
    const snap = map.snapshot();
    expect(nodeIds(snap)).toEqual(['cidr:10.1.0.0/16', 'fqdn:one.one.one.one', 'ip:8.8.8.8', 'shop/web']);
    expect(node(snap, 'fqdn:one.one.one.one')).toMatchObject({ kind: 'fqdn', name: 'one.one.one.one', ips: ['1.0.0.1', '1.1.1.1'] });
    expect(node(snap, 'ip:8.8.8.8')).toMatchObject({ kind: 'ip', name: '8.8.8.8' });
    expect(node(snap, 'cidr:10.1.0.0/16')).toMatchObject({ kind: 'ip', name: '10.1.0.0/16' });
  });

  it("shows all nameless world peers as reserved:world with worldPeers: 'single'", () => {
    const map = new ServiceMapAggregator({ worldPeers: 'single' });
    const client = pod('shop', 'web-7d9c5b6f4-x2k8p');
    map.fold(makeFlow({ source: client, destination: reserved('world', { ip: '8.8.8.8', port: 53 }) }));
    map.fold(makeFlow({ source: client, destination: reserved('world', { ip: '9.9.9.9', port: 53 }) }));
    map.fold(makeFlow({ source: client, destination: reserved('world', { ip: '1.1.1.1', names: ['one.one.one.one'], port: 443 }) }));
    const snap = map.snapshot();
    expect(nodeIds(snap)).toEqual(['fqdn:one.one.one.one', 'reserved:world', 'shop/web']);
    expect(node(snap, 'reserved:world')).toMatchObject({ kind: 'reserved', name: 'world', ips: ['8.8.8.8', '9.9.9.9'] });
    expect(node(snap, 'reserved:world').flows.received).toBe(2);
  });

  it('draws client → service → backend when a flow names the destination service', () => {
    const map = new ServiceMapAggregator();
    const svc = { namespace: 'shop', name: 'cart' };
    const client = pod('shop', 'web-7d9c5b6f4-x2k8p');
    map.fold(makeFlow({ source: client, destination: pod('shop', 'cart-6b746f74dc-9rcxx', { port: 8080, service: svc }) }));
    map.fold(makeFlow({ source: client, destination: pod('shop', 'cart-6b746f74dc-q9z4w', { port: 8080, service: svc }) }));
    // the service's own VIP, seen before translation: no backend hop
    map.fold(makeFlow({ source: client, destination: reserved('world', { ip: '10.96.0.12', port: 80, service: svc }) }));
    const snap = map.snapshot();
    expect(nodeIds(snap)).toEqual(['shop/cart', 'shop/web', 'svc:shop/cart']);
    expect(node(snap, 'svc:shop/cart')).toMatchObject({ kind: 'service', namespace: 'shop', name: 'cart' });
    const edges = Object.fromEntries(snap.edges.map((e) => [e.id, e.flows]));
    expect(edges).toEqual({ 'shop/web->svc:shop/cart': 3, 'svc:shop/cart->shop/cart': 2 });
    expect(node(snap, 'svc:shop/cart').ports).toEqual([
      { protocol: 'TCP', port: 80, flows: 1 },
      { protocol: 'TCP', port: 8080, flows: 2 },
    ]);
  });

  it('leaves services out with services: false', () => {
    const map = new ServiceMapAggregator({ services: false });
    const svc = { namespace: 'shop', name: 'cart' };
    map.fold(makeFlow({ source: pod('shop', 'web-7d9c5b6f4-x2k8p'), destination: pod('shop', 'cart-6b746f74dc-9rcxx', { port: 8080, service: svc }) }));
    expect(map.snapshot().edges.map((e) => e.id)).toEqual(['shop/web->shop/cart']);
  });

  it('keeps only flows touching the namespace scope, with peers outside it still shown', () => {
    const map = new ServiceMapAggregator({ namespaces: ['shop'] });
    map.fold(makeFlow({ source: pod('shop', 'web-7d9c5b6f4-x2k8p'), destination: pod('kube-system', 'coredns-5d78c9869d-x2k8p', { port: 53 }) }));
    map.fold(makeFlow({ source: pod('monitoring', 'prometheus-0'), destination: pod('shop', 'web-7d9c5b6f4-x2k8p', { port: 9090 }) }));
    map.fold(makeFlow({ source: pod('monitoring', 'prometheus-0'), destination: pod('kube-system', 'coredns-5d78c9869d-x2k8p', { port: 9153 }) }));
    const snap = map.snapshot();
    expect(snap.edges.map((e) => e.id)).toEqual(['monitoring/prometheus->shop/web', 'shop/web->kube-system/coredns']);
    expect(map.stats().outOfScope).toBe(1);
  });
});
