import { describe, expect, it } from 'vitest';
import { compileFlowFilters, endpointLabel, parseHubbleFilterArgs, type FlowEndpoint } from '@starmap/core';
import { filterBarText, parseFilterText, type SharedFilter } from '../filters/filterModel';
import { endpointFlags, isFilterableKey, isRowActive, narrowToRow, sampleEndpoints, widenFromRow } from './dropRowFilter';

function parsed(text: string): SharedFilter {
  const result = parseFilterText(text);
  if (result.error) throw result.error;
  return result.filter;
}

function endpoint(over: Partial<FlowEndpoint>): FlowEndpoint {
  return {
    identity: 1234,
    namespace: '',
    podName: '',
    workload: '',
    workloadKind: '',
    labels: [],
    reserved: [],
    clusterName: 'kind',
    ip: '10.0.0.1',
    port: 80,
    names: [],
    service: null,
    ...over,
  };
}

const cartPod = endpoint({
  namespace: 'shop',
  podName: 'cart-7d9c5b6f4-x2x9k',
  workload: 'cart',
  workloadKind: 'Deployment',
  labels: ['k8s:io.kubernetes.pod.namespace=shop', 'k8s:app=cart'],
});

/** Does the relay filter written as `text` let a flow from `src` to `dst` through? (Checks the flags really select.) */
function selects(text: string, src: FlowEndpoint, dst: FlowEndpoint): boolean {
  const { whitelist, blacklist } = parseHubbleFilterArgs(text);
  const side = (ep: FlowEndpoint) => ({
    namespace: ep.namespace,
    pod_name: ep.podName,
    labels: ep.labels,
    workloads: ep.workloadKind && ep.workloadKind !== 'reserved' ? [{ name: ep.workload, kind: ep.workloadKind }] : [],
    identity: ep.identity,
  });
  const match = compileFlowFilters(whitelist, blacklist);
  return match({ source: side(src), destination: side(dst), verdict: 2, IP: { source: src.ip, destination: dst.ip } } as never);
}

describe('clicking a drops row narrows the shared filter', () => {
  it('narrows to a drop reason, keeping what was there', () => {
    const next = narrowToRow(parsed('-n shop --to-port 443'), 'reason', 'POLICY_DENIED');
    expect(filterBarText(next)).toBe('--namespace shop --drop-reason-desc POLICY_DENIED --to-port 443');
    // A second reason replaces the first rather than widening to both.
    expect(filterBarText(narrowToRow(next, 'reason', 'CT_MAP_INSERTION_FAILED'))).toContain('--drop-reason-desc CT_MAP_INSERTION_FAILED');
    expect(filterBarText(narrowToRow(next, 'reason', 'CT_MAP_INSERTION_FAILED'))).not.toContain('POLICY_DENIED');
  });

  it('narrows to the dropped flows of a namespace or a node', () => {
    expect(filterBarText(narrowToRow(parsed('-n shop -n default'), 'namespace', 'cilium-test'))).toBe('--namespace cilium-test --verdict DROPPED');
    expect(filterBarText(narrowToRow(parsed(''), 'node', 'kind-kind/kind-worker2'))).toBe('--verdict DROPPED --node-name kind-kind/kind-worker2');
  });

  it('selects a workload by its namespace label and workload name, which combine with namespaces', () => {
    const next = narrowToRow(parsed('-n shop'), 'source', 'shop/cart', cartPod);
    expect(filterBarText(next)).toBe('--namespace shop --verdict DROPPED --from-label k8s:io.kubernetes.pod.namespace=shop --from-workload cart');
    const other = endpoint({ namespace: 'other', workload: 'cart', workloadKind: 'Deployment', labels: ['k8s:io.kubernetes.pod.namespace=other'] });
    const world = endpoint({ workload: 'world', workloadKind: 'reserved', reserved: ['world'] });
    const shopPod = endpoint({ namespace: 'shop', workload: 'payments', workloadKind: 'Deployment', labels: ['k8s:io.kubernetes.pod.namespace=shop'] });
    const text = filterBarText(next);
    expect(selects(text, cartPod, shopPod)).toBe(true);
    expect(selects(text, other, shopPod)).toBe(false);
    expect(selects(text, shopPod, cartPod)).toBe(false);
    // The destination side of the same key.
    const to = filterBarText(narrowToRow(parsed(''), 'destination', 'shop/cart', cartPod));
    expect(selects(to, world, cartPod)).toBe(true);
    expect(selects(to, cartPod, world)).toBe(false);
  });

  it('follows how the name was found when the flow has no workload of its own', () => {
    const byLabel = endpoint({ namespace: 'shop', podName: 'cart-0', workload: 'cart', labels: ['k8s:io.kubernetes.pod.namespace=shop', 'k8s:app=cart'] });
    expect(endpointFlags('from', 'shop/cart', byLabel).map((f) => `--${f.flag} ${f.value}`)).toEqual([
      '--from-label k8s:io.kubernetes.pod.namespace=shop',
      '--from-label app=cart',
    ]);
    const byPod = endpoint({ namespace: 'shop', podName: 'cart-0', workload: 'cart', labels: [] });
    expect(endpointFlags('to', 'shop/cart', byPod)).toEqual([{ flag: 'to-pod', value: 'shop/cart', negated: false }]);
    // A pod prefix cannot stand beside --namespace upstream: the namespace selection gives way.
    const next = narrowToRow(parsed('-n shop'), 'destination', 'shop/cart', byPod);
    expect(filterBarText(next)).toBe('--verdict DROPPED --to-pod shop/cart');
  });

  it('names reserved identities, DNS names and addresses with their own flags', () => {
    expect(endpointFlags('to', 'world-ipv4')).toEqual([{ flag: 'to-identity', value: 'world-ipv4', negated: false }]);
    expect(endpointFlags('to', 'www.google.com', endpoint({ names: ['www.google.com'], workloadKind: 'fqdn' }))[0]?.flag).toBe('to-fqdn');
    expect(endpointFlags('from', '192.0.2.146')[0]?.flag).toBe('from-ip');
    expect(endpointFlags('from', '2606:4700:4700::1111')[0]?.flag).toBe('from-ip');
  });

  it('replaces an earlier endpoint on the same side and leaves the other side alone', () => {
    let f = narrowToRow(parsed(''), 'source', 'shop/cart', cartPod);
    f = narrowToRow(f, 'destination', 'world-ipv4');
    f = narrowToRow(f, 'source', 'cilium-test/pod-to-a');
    expect(filterBarText(f)).toBe(
      '--verdict DROPPED --to-identity world-ipv4 --from-label k8s:io.kubernetes.pod.namespace=cilium-test --from-workload pod-to-a',
    );
  });

  it('knows an active row, and a second click takes its part out', () => {
    const base = parsed('-n shop');
    const reason = narrowToRow(base, 'reason', 'POLICY_DENIED');
    expect(isRowActive(reason, 'reason', 'POLICY_DENIED')).toBe(true);
    expect(isRowActive(base, 'reason', 'POLICY_DENIED')).toBe(false);
    expect(filterBarText(widenFromRow(reason, 'reason', 'POLICY_DENIED'))).toBe('--namespace shop');
    const source = narrowToRow(base, 'source', 'shop/cart', cartPod);
    expect(isRowActive(source, 'source', 'shop/cart', cartPod)).toBe(true);
    expect(isRowActive(source, 'source', 'shop/checkout')).toBe(false);
    expect(filterBarText(widenFromRow(source, 'source', 'shop/cart', cartPod))).toBe('--namespace shop --verdict DROPPED');
    const ns = narrowToRow(base, 'namespace', 'shop');
    expect(isRowActive(ns, 'namespace', 'shop')).toBe(true);
    expect(widenFromRow(ns, 'namespace', 'shop').namespaces).toEqual([]);
  });

  it('does not offer buckets of many as filters', () => {
    expect(isFilterableKey('(other)')).toBe(false);
    expect(isFilterableKey('(unknown)')).toBe(false);
    expect(isFilterableKey('shop/cart')).toBe(true);
  });

  it('finds a live endpoint for a key, preferring one from a dropped flow', () => {
    const forwarded = { verdict: 'FORWARDED', source: { ...cartPod, workloadKind: '' }, destination: endpoint({}) };
    const dropped = { verdict: 'DROPPED', source: cartPod, destination: endpoint({}) };
    const keys = new Set(['shop/cart', 'kind']);
    expect(sampleEndpoints([forwarded, dropped], 'source', keys, endpointLabel).get('shop/cart')).toBe(cartPod);
    expect(sampleEndpoints([dropped, forwarded], 'source', keys, endpointLabel).get('shop/cart')).toBe(cartPod);
    expect(sampleEndpoints([forwarded], 'source', keys, endpointLabel).get('shop/cart')).toBe(forwarded.source);
    expect(sampleEndpoints([forwarded], 'destination', keys, endpointLabel).has('shop/cart')).toBe(false);
    expect(sampleEndpoints([forwarded], 'source', new Set(['other/x']), endpointLabel).size).toBe(0);
  });
});
