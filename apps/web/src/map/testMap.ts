/** A small map for the map's tests, built by the real aggregator from flows. */
import { FlowLocator, ServiceMapAggregator, type Flow, type FlowEndpoint, type ServiceMapSnapshot } from '@starmap/core';
import { makeEndpoint, makeFlow } from '../testing/flowFixture';

export const T0 = Date.UTC(2024, 4, 1, 10, 20, 30);

export function podOf(namespace: string, workload: string, port: number, extra: Partial<FlowEndpoint> = {}): FlowEndpoint {
  return makeEndpoint({
    namespace,
    workload,
    podName: `${workload}-5f7d8b9c4-abcde`,
    labels: [`k8s:app=${workload}`, `k8s:io.kubernetes.pod.namespace=${namespace}`],
    identity: 1000 + workload.length * 7 + namespace.length,
    port,
    ...extra,
  });
}

let counter = 0;

/** A request flow from `source` to `destination`; replies and drops through `extra`. */
export function flowBetween(source: FlowEndpoint, destination: FlowEndpoint, extra: Partial<Flow> = {}): Flow {
  counter++;
  return makeFlow({ id: `t-${counter}`, ts: T0 + counter, source, destination, ...extra });
}

export const frontend = podOf('shop', 'frontend', 41000);
export const cartService = { namespace: 'shop', name: 'cart' };
export const cart = podOf('shop', 'cart', 7070, { service: cartService });
export const coredns = podOf('kube-system', 'coredns', 53, { service: { namespace: 'kube-system', name: 'kube-dns' } });
export const host = makeEndpoint({ namespace: '', podName: '', workload: '', labels: ['reserved:host'], reserved: ['host'], identity: 1, ip: '192.168.0.1', port: 9100 });
export const world = makeEndpoint({ namespace: '', podName: '', workload: '', labels: ['reserved:world'], reserved: ['world'], identity: 2, ip: '1.1.1.1', port: 443 });

/** shop/frontend → svc cart → shop/cart (some dropped by policy), DNS to kube-system, host and world peers. */
export function testFlows(): Flow[] {
  const flows: Flow[] = [];
  for (let i = 0; i < 6; i++) flows.push(flowBetween(frontend, cart));
  for (let i = 0; i < 3; i++) flows.push(flowBetween(frontend, cart, { verdict: 'DROPPED', dropReason: 133, dropReasonName: 'POLICY_DENIED' }));
  flows.push(flowBetween(cart, frontend, { isReply: true }));
  flows.push(flowBetween(frontend, { ...coredns }, { protocol: 'UDP' }));
  flows.push(flowBetween(host, podOf('shop', 'frontend', 8080)));
  flows.push(flowBetween(frontend, world));
  return flows;
}

export function testSnapshot(flows: readonly Flow[] = testFlows()): ServiceMapSnapshot {
  const map = new ServiceMapAggregator();
  map.foldAll(flows);
  return map.snapshot();
}

export function testLocator(snapshot: ServiceMapSnapshot): FlowLocator {
  return new FlowLocator({}, snapshot.nodes);
}
