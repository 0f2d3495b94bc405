import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyDelta, type ServiceMapSnapshot } from '@starmap/core';
import type { Starmap } from '../src/runtime.js';
import { flowQuery } from '../src/sources/flow-query.js';
import { getJson, startDemo, StreamClient, until } from './helpers.js';

let starmap: Starmap;

const get = <T>(path: string) => getJson<T>(starmap.url, path);

beforeAll(async () => {
  starmap = await startDemo({ demoRate: 400 });
  await until('flows', () => starmap.services.relay.ring.size > 300);
});

afterAll(async () => {
  await starmap?.close();
});

describe('GET /api/map', () => {
  it('returns the service map of the demo: workloads grouped per namespace, policy drops on the denied edge', async () => {
    const { status } = await get<ServiceMapSnapshot>('/api/map');
    expect(status).toBe(200);
    // The demo's traffic patterns come at random: wait until these three have talked.
    const body = await until('the expected workloads', async () => {
      const { body: map } = await get<ServiceMapSnapshot>('/api/map');
      const ids = new Set(map.nodes.map((n) => n.id));
      return ['cilium-test/echo-a', 'cilium-test/pod-to-a', 'kube-system/coredns'].every((id) => ids.has(id)) && map;
    });
    expect(body.windowMs).toBe(300_000);
    // Replicas fold into their workload: no node id carries a pod's replica suffix.
    expect(body.nodes.filter((n) => n.kind === 'workload').every((n) => !/-[a-z0-9]{5}$/.test(n.id) || n.pods.length > 0)).toBe(true);
    await until('the denied edge', async () => {
      const { body: now } = await get<ServiceMapSnapshot>('/api/map');
      const denied = now.edges.find((e) => e.source === 'cilium-test/pod-to-a-l3-denied-cnp' && e.destination.endsWith('echo-a'));
      return denied && denied.verdicts.dropped > 0 && denied.drops.some((d) => d.name === 'POLICY_DENIED');
    });
  });

  it('scopes the map to namespaces and honours the window', async () => {
    const { body } = await get<ServiceMapSnapshot>('/api/map?namespace=shop&window=1m');
    expect(body.windowMs).toBe(60_000);
    expect(body.edges.length).toBeGreaterThan(0);
    const nsOf = new Map(body.nodes.map((n) => [n.id, n.namespace]));
    const touchesShop = (e: { source: string; destination: string }) => nsOf.get(e.source) === 'shop' || nsOf.get(e.destination) === 'shop';
    // A shop flow through a Service is drawn client → service → backend: the second hop may lie
    // outside shop (e.g. kube-dns → coredns), but its service is reached from shop.
    const servicesReachedFromShop = new Set(body.edges.filter(touchesShop).map((e) => e.destination).filter((id) => id.startsWith('svc:')));
    for (const e of body.edges) expect(touchesShop(e) || servicesReachedFromShop.has(e.source), e.id).toBe(true);
  });

  it.each([
    ['window=5', /at least 60 s/],
    ['window=2d', /duration/],
    ['window=10h', /at most 60 min/],
    ['namespace=../x', /namespace/],
  ])('rejects %s with a clear 400', async (query, message) => {
    const { status, body } = await get<{ message: string }>(`/api/map?${query}`);
    expect(status).toBe(400);
    expect(body.message).toMatch(message);
  });
});

describe('map over the WebSocket', () => {
  it('sends a snapshot, then deltas that keep the browser copy equal to the server map', async () => {
    const client = await StreamClient.open(starmap.url);
    client.send({ type: 'map-subscribe', id: 3, namespaces: ['cilium-test'], windowMs: 120_000 });
    await until('a snapshot and two deltas', () => {
      const snaps = client.messages.filter((m) => m.type === 'map-snapshot');
      const deltas = client.messages.filter((m) => m.type === 'map-delta');
      return snaps.length === 1 && deltas.length >= 2;
    }, 15_000);
    let copy: ServiceMapSnapshot | null = null;
    for (const m of client.messages) {
      if (m.type === 'map-snapshot') copy = m.snapshot;
      if (m.type === 'map-delta') copy = applyDelta(copy!, m.delta);
    }
    expect(copy!.nodes.some((n) => n.id === 'cilium-test/echo-a')).toBe(true);
    // The server's map for the same scope, at the same sequence, is identical.
    const server = starmap.services.maps.snapshot(flowQuery(undefined, ['cilium-test']), 120_000);
    if (server.seq === copy!.seq) {
      expect(copy!.edges.map((e) => e.id)).toEqual(server.edges.map((e) => e.id));
    }
    const mapsBefore = starmap.services.maps.mapCount;
    client.send({ type: 'map-unsubscribe' });
    await until('the map to be released', () => starmap.services.maps.mapCount === mapsBefore - 1);
    await client.close();
  });
});
