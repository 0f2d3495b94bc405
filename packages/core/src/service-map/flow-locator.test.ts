import { readFileSync } from 'node:fs';
import { getFlowsResponseFromJson } from '@starmap/proto';
import { describe, expect, it } from 'vitest';
import { normalizeFlow } from '../flows/normalize.js';
import type { Flow } from '../flows/types.js';
import { ServiceMapAggregator } from './aggregator.js';
import { FlowLocator } from './flow-locator.js';
import { makeFlow, pod, randomFlows, reserved } from './test-support.js';
import type { ServiceMapOptions, ServiceMapSnapshot } from './types.js';

const REAL_FLOWS = '/work/shared/real-data/hubble-flows/basic-sample-400-tcp-flows.jsonl';

/** A window long enough that nothing expires while the test folds its flows. */
const NO_EXPIRY: ServiceMapOptions = { windowMs: 48 * 3_600_000, bucketMs: 3_600_000 };

/** Flows per edge and per node as the locator places them. */
function countPlacements(locator: FlowLocator, flows: readonly Flow[]): { edges: Map<string, number>; nodes: Map<string, number> } {
  const edges = new Map<string, number>();
  const nodes = new Map<string, number>();
  for (const flow of flows) {
    const placement = locator.locate(flow);
    if (!placement) continue;
    for (const id of placement.edges) edges.set(id, (edges.get(id) ?? 0) + 1);
    for (const id of new Set(placement.nodes)) nodes.set(id, (nodes.get(id) ?? 0) + 1);
  }
  return { edges, nodes };
}

function edgeCounts(snapshot: ServiceMapSnapshot): Map<string, number> {
  return new Map(snapshot.edges.map((e) => [e.id, e.flows]));
}

describe('FlowLocator', () => {
  it('places every flow of a random cluster on the edges the aggregator counted it on', () => {
    // Direction guesses for flows without is_reply depend on what the aggregator knew when the
    // flow arrived; with is_reply set, placement must match the map exactly.
    const flows = randomFlows(7, 3_000).filter((f) => f.isReply !== null);
    const map = new ServiceMapAggregator(NO_EXPIRY);
    map.foldAll(flows);
    const snapshot = map.snapshot();
    const placed = countPlacements(new FlowLocator({}, snapshot.nodes), flows);
    expect(placed.edges).toEqual(edgeCounts(snapshot));
    expect(snapshot.edges.length).toBeGreaterThan(20);
  });

  it('places real Hubble flows as the map groups them, with and without service nodes', () => {
    const flows = readFileSync(REAL_FLOWS, 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => normalizeFlow(getFlowsResponseFromJson(JSON.parse(line)).flow!))
      .filter((f) => f.isReply !== null);
    for (const services of [true, false]) {
      const map = new ServiceMapAggregator({ ...NO_EXPIRY, services });
      map.foldAll(flows);
      const snapshot = map.snapshot();
      const placed = countPlacements(new FlowLocator({ services }, snapshot.nodes), flows);
      expect(placed.edges).toEqual(edgeCounts(snapshot));
    }
  });

  it('puts a reply on the edge of the request it answers', () => {
    const web = pod('shop', 'web-7d9c5b6f4-x2k8p', { port: 41000, identity: 1000 });
    const cart = pod('shop', 'cart-6b746f74dc-9rcxx', { port: 8080, identity: 1001 });
    const locator = new FlowLocator();
    expect(locator.locate(makeFlow({ source: cart, destination: web, isReply: true }))).toEqual({
      reply: true,
      edges: ['shop/web->shop/cart'],
      nodes: ['shop/web', 'shop/cart'],
    });
  });

  it('draws a flow to a service through the service node, and to a world VIP only up to the service', () => {
    const web = pod('shop', 'web-7d9c5b6f4-x2k8p', { port: 41000, identity: 1000 });
    const service = { namespace: 'shop', name: 'cart' };
    const backend = pod('shop', 'cart-6b746f74dc-9rcxx', { port: 8080, identity: 1001, service });
    const vip = reserved('world', { ip: '10.96.0.20', port: 8080, service });
    const locator = new FlowLocator();
    expect(locator.locate(makeFlow({ source: web, destination: backend }))?.edges).toEqual([
      'shop/web->svc:shop/cart',
      'svc:shop/cart->shop/cart',
    ]);
    expect(locator.locate(makeFlow({ source: web, destination: vip }))?.nodes).toEqual(['shop/web', 'svc:shop/cart']);
    expect(new FlowLocator({ services: false }).locate(makeFlow({ source: web, destination: vip }))?.edges).toEqual([
      'shop/web->ip:10.96.0.20',
    ]);
  });

  it('reads the ports nodes serve from the map to turn a flow without is_reply around', () => {
    const db = pod('bank', 'db-0', { port: 5432, identity: 2000, workloads: [{ name: 'db', kind: 'StatefulSet' }] });
    const api = pod('bank', 'api-7d9c5b6f4-q9z4w', { port: 43000, identity: 2001 });
    const answer = makeFlow({ source: db, destination: api, isReply: null, tcpFlags: ['ACK'] });
    const map = new ServiceMapAggregator(NO_EXPIRY);
    map.fold(makeFlow({ source: api, destination: db, isReply: false }));
    const knowing = new FlowLocator({}, map.snapshot().nodes);
    expect(knowing.locate(answer)).toMatchObject({ reply: true, edges: ['bank/api->bank/db'] });
    // Without the map's ports the low source port rule does not apply (5432 ≥ 1024): the flow keeps its direction.
    expect(new FlowLocator().locate(answer)).toMatchObject({ reply: false, edges: ['bank/db->bank/api'] });
  });

  it('returns null for something that is not a flow', () => {
    expect(new FlowLocator().locate({} as Flow)).toBeNull();
    expect(new FlowLocator().locate(null as unknown as Flow)).toBeNull();
  });
});
