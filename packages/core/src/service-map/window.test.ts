import { describe, expect, it } from 'vitest';
import { ServiceMapAggregator } from './aggregator.js';
import { makeFlow, pod } from './test-support.js';

// Bucket-aligned start so the arithmetic below reads plainly.
const T0 = 1_700_000_000_000;
const S = 1000;

const a = pod('shop', 'web-7d9c5b6f4-x2k8p', { port: 41000 });
const b = pod('shop', 'cart-6b746f74dc-9rcxx', { port: 8080 });
const c = pod('shop', 'db-0', { port: 5432 });

function smallWindow(): ServiceMapAggregator {
  // six 10 s buckets; rate over the last three completed buckets
  return new ServiceMapAggregator({ windowMs: 60 * S, bucketMs: 10 * S, rateWindowMs: 30 * S });
}

describe('sliding window', () => {
  it('removes edges and nodes whose flows left the window, and the delta lists their ids', () => {
    const map = smallWindow();
    map.fold(makeFlow({ source: a, destination: b, ts: T0 + 1 * S }));
    map.fold(makeFlow({ source: a, destination: c, ts: T0 + 31 * S }));
    const first = map.drainDelta();
    expect(first.edges.map((e) => e.id)).toEqual(['shop/web->shop/cart', 'shop/web->shop/db']);

    map.advance(T0 + 59 * S);
    expect(map.snapshot().edges).toHaveLength(2);

    map.advance(T0 + 61 * S); // the bucket [T0, T0+10s) has left the window
    let snap = map.snapshot();
    expect(snap.edges.map((e) => e.id)).toEqual(['shop/web->shop/db']);
    expect(snap.nodes.map((n) => n.id)).toEqual(['shop/db', 'shop/web']);
    const delta = map.drainDelta();
    expect(delta.removedEdges).toEqual(['shop/web->shop/cart']);
    expect(delta.removedNodes).toEqual(['shop/cart']);
    // web's totals changed (one flow fewer), so it is sent again
    expect(delta.nodes.find((n) => n.id === 'shop/web')?.flows.sent).toBe(1);

    map.advance(T0 + 95 * S);
    snap = map.snapshot();
    expect(snap.nodes).toEqual([]);
    expect(snap.edges).toEqual([]);
    const last = map.drainDelta();
    expect(last.removedEdges).toEqual(['shop/web->shop/db']);
    expect(last.removedNodes).toEqual(['shop/db', 'shop/web']);
  });

  it('ignores flows older than the window and counts them as late', () => {
    const map = smallWindow();
    map.advance(T0 + 120 * S);
    map.fold(makeFlow({ source: a, destination: b, ts: T0 + 30 * S }));
    expect(map.snapshot().edges).toEqual([]);
    expect(map.stats().late).toBe(1);
  });

  it('computes the rate over completed buckets of the rate window', () => {
    const map = smallWindow();
    for (let i = 0; i < 6; i++) map.fold(makeFlow({ source: a, destination: b, ts: T0 + 2 * S }));
    for (let i = 0; i < 3; i++) map.fold(makeFlow({ source: a, destination: b, ts: T0 + 12 * S }));
    // the current bucket is not complete yet, so it does not count
    expect(map.snapshot().edges[0]).toMatchObject({ flows: 9, recentFlows: 6, rate: 6 / 30 });
    map.advance(T0 + 20 * S);
    expect(map.snapshot().edges[0]).toMatchObject({ flows: 9, recentFlows: 9, rate: 9 / 30 });
    map.advance(T0 + 40 * S); // rate span is now [T0+10s, T0+40s)
    expect(map.snapshot().edges[0]).toMatchObject({ flows: 9, recentFlows: 3, rate: 3 / 30 });
  });

  it('forgets pods, labels and ports last seen before the window while the node stays', () => {
    const map = smallWindow();
    map.fold(makeFlow({ source: a, destination: pod('shop', 'cart-6b746f74dc-x2k8p', { port: 8080, labels: ['k8s:version=v1'] }), ts: T0 }));
    map.fold(makeFlow({ source: a, destination: pod('shop', 'cart-6b746f74dc-q9z4w', { port: 9090, labels: ['k8s:version=v2'] }), ts: T0 + 40 * S }));
    let cart = map.snapshot().nodes.find((n) => n.id === 'shop/cart')!;
    expect(cart.pods).toHaveLength(2);
    map.advance(T0 + 65 * S);
    cart = map.snapshot().nodes.find((n) => n.id === 'shop/cart')!;
    expect(cart.pods).toEqual(['cart-6b746f74dc-q9z4w']);
    expect(cart.labels).toEqual(['k8s:version=v2']);
    expect(cart.ports).toEqual([{ protocol: 'TCP', port: 9090, flows: 1 }]);
    expect(cart.flows.received).toBe(1);
  });

  it('frees the place of an edge port that left the window for a new port', () => {
    const map = new ServiceMapAggregator({ windowMs: 60 * S, bucketMs: 10 * S, maxPortsPerEdge: 1 });
    map.fold(makeFlow({ source: a, destination: pod('shop', 'cart-6b746f74dc-x2k8p', { port: 8080 }), ts: T0 }));
    map.fold(makeFlow({ source: a, destination: pod('shop', 'cart-6b746f74dc-x2k8p', { port: 9090 }), ts: T0 + 30 * S }));
    map.fold(makeFlow({ source: a, destination: pod('shop', 'cart-6b746f74dc-x2k8p', { port: 9091 }), ts: T0 + 65 * S }));
    const e = map.snapshot().edges[0]!;
    expect(e.ports).toEqual([{ protocol: 'TCP', port: 9091, flows: 1 }]);
    expect(e.otherPortFlows).toBe(1); // 9090 arrived while 8080 still held the only place
  });

  it('takes the clock from flow times when advance is never called', () => {
    const map = smallWindow();
    map.fold(makeFlow({ source: a, destination: b, ts: T0 }));
    map.fold(makeFlow({ source: a, destination: c, ts: T0 + 100 * S }));
    const snap = map.snapshot();
    expect(snap.now).toBe(T0 + 100 * S);
    expect(snap.edges.map((e) => e.id)).toEqual(['shop/web->shop/db']);
  });
});
