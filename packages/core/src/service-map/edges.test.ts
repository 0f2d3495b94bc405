import { describe, expect, it } from 'vitest';
import type { Flow, FlowEndpoint, Verdict } from '../flows/types.js';
import { ServiceMapAggregator } from './aggregator.js';
import { LATENCY_BOUNDS_MS } from './latency.js';
import { dnsResponse, httpRequest, httpResponse, makeFlow, pod, reserved } from './test-support.js';
import type { ServiceMapEdge, ServiceMapSnapshot } from './types.js';

const web = (port = 41000) => pod('shop', 'web-7d9c5b6f4-x2k8p', { port, ip: '10.0.1.5' });
const cart = (port = 8080) => pod('shop', 'cart-6b746f74dc-9rcxx', { port, ip: '10.0.2.7' });

function edge(snapshot: ServiceMapSnapshot, id: string): ServiceMapEdge {
  const found = snapshot.edges.find((e) => e.id === id);
  if (!found) throw new Error(`no edge ${id} in ${snapshot.edges.map((e) => e.id).join(', ')}`);
  return found;
}

describe('edge counters', () => {
  it('counts flows per verdict', () => {
    const map = new ServiceMapAggregator();
    const verdicts: Verdict[] = ['FORWARDED', 'FORWARDED', 'DROPPED', 'ERROR', 'AUDIT', 'REDIRECTED', 'TRANSLATED', 'TRACED', 'TRACED'];
    for (const verdict of verdicts) map.fold(makeFlow({ source: web(), destination: cart(), verdict }));
    const e = edge(map.snapshot(), 'shop/web->shop/cart');
    expect(e.verdicts).toEqual({ forwarded: 2, dropped: 1, error: 1, audit: 1, redirected: 1, translated: 1, traced: 2, unknown: 0 });
    expect(e.flows).toBe(9);
  });

  it('lists drop reasons with code, name and count, and counts drops on both nodes', () => {
    const map = new ServiceMapAggregator();
    const drop = (dropReason: number, dropReasonName: string): Flow =>
      makeFlow({ source: web(), destination: cart(), verdict: 'DROPPED', dropReason, dropReasonName, isReply: null, tcpFlags: ['SYN'] });
    map.fold(drop(133, 'POLICY_DENIED'));
    map.fold(drop(133, 'POLICY_DENIED'));
    map.fold(drop(181, 'POLICY_DENY'));
    map.fold(makeFlow({ source: web(), destination: cart() }));
    const snap = map.snapshot();
    expect(edge(snap, 'shop/web->shop/cart').drops).toEqual([
      { code: 133, name: 'POLICY_DENIED', flows: 2 },
      { code: 181, name: 'POLICY_DENY', flows: 1 },
    ]);
    const nodes = Object.fromEntries(snap.nodes.map((n) => [n.id, n.flows]));
    expect(nodes).toEqual({ 'shop/web': { sent: 4, received: 0, dropped: 3 }, 'shop/cart': { sent: 0, received: 4, dropped: 3 } });
  });

  it('keeps one edge per pair with the destination ports it saw', () => {
    const map = new ServiceMapAggregator();
    map.fold(makeFlow({ source: web(), destination: cart(8080) }));
    map.fold(makeFlow({ source: web(), destination: cart(8080) }));
    map.fold(makeFlow({ source: web(), destination: cart(9090) }));
    map.fold(makeFlow({ source: web(), destination: cart(53), protocol: 'UDP' }));
    map.fold(makeFlow({ source: web(null as unknown as number), destination: cart(null as unknown as number), protocol: 'ICMPv4' }));
    const snap = map.snapshot();
    expect(snap.edges).toHaveLength(1);
    expect(edge(snap, 'shop/web->shop/cart').ports).toEqual([
      { protocol: 'ICMPv4', port: null, flows: 1 },
      { protocol: 'TCP', port: 8080, flows: 2 },
      { protocol: 'TCP', port: 9090, flows: 1 },
      { protocol: 'UDP', port: 53, flows: 1 },
    ]);
  });

  it('bounds the ports of an edge and counts the rest as other', () => {
    const map = new ServiceMapAggregator({ maxPortsPerEdge: 2, maxPortsPerNode: 2 });
    for (const port of [1000, 1001, 1002, 1003, 1003]) map.fold(makeFlow({ source: web(), destination: cart(port) }));
    const snap = map.snapshot();
    const e = edge(snap, 'shop/web->shop/cart');
    expect(e.ports.map((p) => p.port)).toEqual([1000, 1001]);
    expect(e.otherPortFlows).toBe(3);
    expect(snap.nodes.find((n) => n.id === 'shop/cart')).toMatchObject({ otherPortFlows: 3, truncated: true });
  });
});

describe('replies fold into the request direction', () => {
  it('uses is_reply: a reply from server to client counts on the client → server edge', () => {
    const map = new ServiceMapAggregator();
    map.fold(makeFlow({ source: web(41000), destination: cart(8080), isReply: false }));
    map.fold(makeFlow({ source: cart(8080), destination: web(41000), isReply: true }));
    const snap = map.snapshot();
    expect(snap.edges.map((e) => e.id)).toEqual(['shop/web->shop/cart']);
    expect(snap.edges[0]!.flows).toBe(2);
    expect(snap.edges[0]!.ports).toEqual([{ protocol: 'TCP', port: 8080, flows: 2 }]);
    expect(map.stats().guessedReplies).toBe(0);
  });

  it('with is_reply unset, a SYN-ACK is a reply and a SYN a request', () => {
    const map = new ServiceMapAggregator();
    map.fold(makeFlow({ source: web(41000), destination: cart(8080), isReply: null, tcpFlags: ['SYN'] }));
    map.fold(makeFlow({ source: cart(8080), destination: web(41000), isReply: null, tcpFlags: ['SYN', 'ACK'] }));
    expect(map.snapshot().edges.map((e) => e.id)).toEqual(['shop/web->shop/cart']);
    expect(map.stats().guessedReplies).toBe(1);
  });

  it('with is_reply unset, a flow from a port the source is known to serve is a reply', () => {
    const map = new ServiceMapAggregator();
    map.fold(makeFlow({ source: web(41000), destination: cart(8080), isReply: false }));
    map.fold(makeFlow({ source: cart(8080), destination: web(41002), isReply: null, tcpFlags: ['ACK', 'FIN'] }));
    const snap = map.snapshot();
    expect(snap.edges.map((e) => e.id)).toEqual(['shop/web->shop/cart']);
    expect(snap.edges[0]!.flows).toBe(2);
  });

  it('a socket-LB translation event towards a service VIP is a request drawn client → service, even when the client is known to serve its port', () => {
    const map = new ServiceMapAggregator();
    const vip = reserved('world-ipv4', { ip: '10.96.0.10', port: 8080 });
    // The client also serves 8080 itself, which would make the port heuristic call the event a reply.
    map.fold(makeFlow({ source: cart(45000), destination: web(8080), isReply: false }));
    map.fold(makeFlow({ source: web(8080), destination: { ...vip, service: { namespace: 'shop', name: 'cart' } }, isReply: null, verdict: 'TRACED', sockXlatePoint: 'SOCK_XLATE_POINT_PRE_DIRECTION_FWD' }));
    const ids = map.snapshot().edges.map((e) => e.id);
    expect(ids).toContain('shop/web->svc:shop/cart');
    expect(ids.some((id) => id.startsWith('ip:10.96.0.10'))).toBe(false);
  });

  it('with is_reply unset and nothing known, a flow from a port below 1024 to a high port is a reply, others keep their direction', () => {
    const map = new ServiceMapAggregator();
    map.fold(makeFlow({ source: reserved('world', { ip: '8.8.8.8', port: 53 }), destination: web(53011), protocol: 'UDP', isReply: null, tcpFlags: [] }));
    map.fold(makeFlow({ source: cart(45000), destination: web(46000), isReply: null }));
    expect(map.snapshot().edges.map((e) => e.id).sort()).toEqual(['shop/cart->shop/web', 'shop/web->ip:8.8.8.8']);
  });
});

describe('cross-node traffic', () => {
  it('counts flows observed entering the overlay or involving remote-node as cross-node', () => {
    const map = new ServiceMapAggregator();
    map.fold(makeFlow({ source: web(), destination: cart(), observationPoint: 'TO_OVERLAY', trafficDirection: 'TRAFFIC_DIRECTION_UNKNOWN', isReply: null }));
    map.fold(makeFlow({ source: reserved('remote-node', { ip: '10.0.9.1', port: 33000 }), destination: cart(), observationPoint: 'TO_ENDPOINT' }));
    map.fold(makeFlow({ source: web(), destination: cart(), observationPoint: 'TO_PROXY' }));
    const snap = map.snapshot();
    expect(edge(snap, 'shop/web->shop/cart').crossNodeFlows).toBe(1);
    expect(edge(snap, 'reserved:remote-node->shop/cart').crossNodeFlows).toBe(1);
  });

  it('counts a flow as cross-node when the remote pod was seen on another node, and records the nodes pods run on', () => {
    const map = new ServiceMapAggregator();
    // node-b delivers to cart: cart lives on node-b
    map.fold(makeFlow({ source: web(), destination: cart(), nodeName: 'node-b', observationPoint: 'TO_ENDPOINT', trafficDirection: 'INGRESS' }));
    // node-a sees web send to cart: web lives on node-a, cart is elsewhere
    map.fold(makeFlow({ source: web(), destination: cart(), nodeName: 'node-a', observationPoint: 'TO_STACK', trafficDirection: 'EGRESS' }));
    // a reply observed on node-a at egress of web's connection: web (the destination) is local
    map.fold(makeFlow({ source: cart(8080), destination: web(41000), isReply: true, nodeName: 'node-a', observationPoint: 'TO_ENDPOINT' }));
    const snap = map.snapshot();
    const e = edge(snap, 'shop/web->shop/cart');
    expect(e.flows).toBe(3);
    // the first flow could not know yet where web runs; the next two could
    expect(e.crossNodeFlows).toBe(2);
    expect(snap.nodes.find((n) => n.id === 'shop/web')!.k8sNodes).toEqual(['node-a']);
    expect(snap.nodes.find((n) => n.id === 'shop/cart')!.k8sNodes).toEqual(['node-b']);
  });

  it('does not count pods on the same node as cross-node', () => {
    const map = new ServiceMapAggregator();
    map.fold(makeFlow({ source: web(), destination: cart(), nodeName: 'node-a', observationPoint: 'TO_ENDPOINT', trafficDirection: 'INGRESS' }));
    map.fold(makeFlow({ source: web(), destination: cart(), nodeName: 'node-a', observationPoint: 'TO_STACK', trafficDirection: 'EGRESS' }));
    expect(edge(map.snapshot(), 'shop/web->shop/cart').crossNodeFlows).toBe(0);
  });
});

describe('L7 counters', () => {
  it('counts requests, 5xx responses as errors, and reports p95 latency from the histogram', () => {
    const map = new ServiceMapAggregator();
    for (let i = 0; i < 20; i++) map.fold(makeFlow({ source: web(), destination: cart(), l7: httpRequest() }));
    // 19 fast responses and one slow one: p95 is the 19th of 20, in the fast bin
    for (let i = 0; i < 19; i++) {
      map.fold(makeFlow({ source: cart(8080), destination: web(), isReply: true, l7: httpResponse(i < 2 ? 503 : 200, 4) }));
    }
    map.fold(makeFlow({ source: cart(8080), destination: web(), isReply: true, l7: httpResponse(404, 900) }));
    const l7 = edge(map.snapshot(), 'shop/web->shop/cart').l7!;
    expect(l7.requests).toBe(20);
    expect(l7.responses).toBe(20);
    expect(l7.errors).toBe(2);
    const fastBound = LATENCY_BOUNDS_MS.find((b) => b >= 4)!;
    expect(l7.p95Ms).toBe(fastBound);
    expect(l7.latencyBins.reduce((n, [, c]) => n + c, 0)).toBe(20);
    // with two slow responses out of 20, the 95th percentile is slow
    map.fold(makeFlow({ source: cart(8080), destination: web(), isReply: true, l7: httpResponse(200, 900) }));
    expect(edge(map.snapshot(), 'shop/web->shop/cart').l7!.p95Ms).toBe(LATENCY_BOUNDS_MS.find((b) => b >= 900));
  });

  it('counts DNS answers with a non-zero rcode as errors', () => {
    const map = new ServiceMapAggregator();
    const dns = pod('kube-system', 'coredns-5d78c9869d-x2k8p', { port: 53 });
    map.fold(makeFlow({ source: dns, destination: web(), protocol: 'UDP', isReply: true, l7: dnsResponse(0, 1) }));
    map.fold(makeFlow({ source: dns, destination: web(), protocol: 'UDP', isReply: true, l7: dnsResponse(3, 1) }));
    const l7 = edge(map.snapshot(), 'shop/web->kube-system/coredns').l7!;
    expect(l7).toMatchObject({ requests: 0, responses: 2, errors: 1 });
  });

  it('has no L7 counters on edges without L7 flows', () => {
    const map = new ServiceMapAggregator();
    map.fold(makeFlow({ source: web(), destination: cart() }));
    expect(edge(map.snapshot(), 'shop/web->shop/cart').l7).toBeNull();
  });
});

describe('bad input', () => {
  it('counts malformed flows instead of throwing', () => {
    const map = new ServiceMapAggregator();
    map.fold(null as unknown as Flow);
    map.fold({} as Flow);
    map.fold(makeFlow({ source: web(), destination: cart(), ts: Number.NaN }));
    map.fold(makeFlow({ source: { podName: '' } as unknown as FlowEndpoint, destination: cart() }));
    expect(map.stats().invalid).toBe(4);
    expect(map.snapshot().nodes).toEqual([]);
  });

  it('rejects bad options and a bad clock with errors that name the problem', () => {
    expect(() => new ServiceMapAggregator({ windowMs: 10_000, bucketMs: 10_000 })).toThrow(/at least two buckets/);
    expect(() => new ServiceMapAggregator({ maxNodes: -1 })).toThrow(/maxNodes/);
    expect(() => new ServiceMapAggregator({ worldPeers: 'many' as 'ip' })).toThrow(/worldPeers/);
    expect(() => new ServiceMapAggregator().advance(Number.NaN)).toThrow(/advance/);
  });
});
