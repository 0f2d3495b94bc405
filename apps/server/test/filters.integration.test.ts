import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DropsSummary, FlowsResponse, ServiceMapSnapshot } from '@starmap/core';
import type { Starmap } from '../src/runtime.js';
import { getJson, startDemo, StreamClient, until } from './helpers.js';

// hubble-CLI filters pushed down to the simulator's relay over real gRPC.
let starmap: Starmap;
let sim: NonNullable<Starmap['simulator']>;

const get = <T>(path: string) => getJson<T>(starmap.url, path);

beforeAll(async () => {
  starmap = await startDemo({ demoRate: 400 });
  sim = starmap.simulator!;
  await until('flows', () => starmap.services.relay.ring.size > 500);
});

afterAll(async () => {
  await starmap?.close();
});

describe('filters pushed down to the relay', () => {
  it('sends `--namespace cilium-test --verdict DROPPED` as the FlowFilters hubble observe sends, and returns only matching flows', async () => {
    const before = sim.observer.requests.length;
    const filter = encodeURIComponent('--namespace cilium-test --verdict DROPPED');
    const { status, body } = await get<FlowsResponse>(`/api/flows?filter=${filter}&limit=200`);
    expect(status).toBe(200);
    expect(body.source).toBe('relay');
    expect(body.flows.length).toBeGreaterThan(0);
    for (const f of body.flows) {
      expect(f.verdict).toBe('DROPPED');
      expect([f.source.namespace, f.destination.namespace]).toContain('cilium-test');
    }
    expect(sim.observer.requests.slice(before)).toContainEqual({
      number: '200',
      whitelist: [
        { source_pod: ['cilium-test/'], verdict: ['DROPPED'] },
        { destination_pod: ['cilium-test/'], verdict: ['DROPPED'] },
      ],
    });
  });

  it('puts a negated flag in the blacklist', async () => {
    const before = sim.observer.requests.length;
    const { status, body } = await get<FlowsResponse>(`/api/flows?filter=${encodeURIComponent('--not --protocol tcp')}&limit=100`);
    expect(status).toBe(200);
    expect(body.flows.every((f) => f.protocol !== 'TCP')).toBe(true);
    const sent = sim.observer.requests.slice(before).at(-1) as { blacklist?: unknown[] };
    expect(sent.blacklist).toEqual([{ protocol: ['tcp'] }]);
  });

  it('filters the free-text part locally and never sends it to the relay', async () => {
    const before = sim.observer.requests.length;
    const { body } = await get<FlowsResponse>(`/api/flows?filter=${encodeURIComponent('--namespace kube-system coredns')}&limit=100`);
    expect(body.flows.length).toBeGreaterThan(0);
    for (const f of body.flows) expect(JSON.stringify(f)).toContain('coredns');
    expect(JSON.stringify(sim.observer.requests.slice(before))).not.toContain('coredns');
  });

  it.each([
    ['--verdict SOMETIMES', /--verdict/],
    ['--port 70000', /--port/],
    ['--namespace', /--namespace/],
    ['--frobnicate 1', /frobnicate/],
  ])('answers %s with a 400 naming the flag', async (text, message) => {
    const { status, body } = await get<{ message: string }>(`/api/flows?filter=${encodeURIComponent(text)}`);
    expect(status).toBe(400);
    expect(body.message).toMatch(message);
  });

  it('scopes the map with the same filter', async () => {
    // Drops are a small share of the demo's traffic: wait until some have happened.
    const body = await until('a map of dropped flows', async () => {
      const { body: map } = await get<ServiceMapSnapshot>(`/api/map?filter=${encodeURIComponent('--verdict DROPPED')}`);
      return map.edges.length > 0 && map;
    });
    for (const e of body.edges) expect(e.verdicts.dropped).toBe(e.flows);
  });
});

describe('drops', () => {
  it('counts drops by reason, namespace, workload and node, and narrows with the filter', async () => {
    const all = await until('drops in the demo', async () => {
      const { body } = await get<DropsSummary>('/api/drops');
      return body.total > 0 && body;
    });
    expect(all.byReason.reduce((n, r) => n + r.count, 0)).toBe(all.total);
    expect(all.byNode.reduce((n, r) => n + r.count, 0)).toBe(all.total);
    for (const r of all.byReason) {
      expect(r.text.length).toBeGreaterThan(0);
      expect(r.series.reduce((a, b) => a + b, 0)).toBe(r.count);
    }
    const top = all.byReason[0]!;
    const narrowed = (await get<DropsSummary>(`/api/drops?filter=${encodeURIComponent(`--drop-reason-desc ${top.name}`)}`)).body;
    expect(narrowed.byReason.map((r) => r.name)).toEqual([top.name]);
    expect(narrowed.total).toBeGreaterThan(0);
  });

  it('sends drop counts beside the map over the WebSocket', async () => {
    const client = await StreamClient.open(starmap.url);
    client.send({ type: 'map-subscribe', id: 9, namespaces: [], filter: '--verdict DROPPED' });
    await until('a drops message for the map', () => client.messages.some((m) => m.type === 'drops' && m.subscription === 9));
    await client.close();
  });
});

describe('changing the filter of a live subscription', () => {
  it('switches to the new filter, and leaves no stream open on the relay (backfills close, live flows share one stream)', async () => {
    const base = sim.observer.activeStreams();
    const client = await StreamClient.open(starmap.url);
    client.send({ type: 'subscribe', id: 1, namespaces: [], filter: '--namespace shop', backfill: 50 });
    await until('flows of shop', () => client.flowsOf(1).length > 5);
    for (const f of client.flowsOf(1)) expect([f.source.namespace, f.destination.namespace]).toContain('shop');
    client.send({ type: 'subscribe', id: 2, namespaces: [], filter: '--namespace cilium-test --verdict DROPPED', backfill: 50 });
    await until('dropped flows of cilium-test', () => client.flowsOf(2).length > 0, 15_000);
    for (const f of client.flowsOf(2)) {
      expect(f.verdict).toBe('DROPPED');
      expect([f.source.namespace, f.destination.namespace]).toContain('cilium-test');
    }
    expect(starmap.services.feeds.count).toBe(1);
    await until('no extra relay stream', () => sim.observer.activeStreams() === base);
    client.send({ type: 'subscribe', id: 3, namespaces: [], filter: '--verdict SOMETIMES' });
    await until('an error for the bad filter', () => client.messages.some((m) => m.type === 'error' && /--verdict/.test(m.message)));
    await client.close();
    await until('the subscription to end', () => starmap.services.feeds.count === 0);
    expect(sim.observer.activeStreams()).toBe(base);
  });
});
