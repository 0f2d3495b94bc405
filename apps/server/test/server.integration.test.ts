import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlowsResponse, NamespacesResponse, StatusResponse } from '@starmap/core';
import type { Starmap } from '../src/runtime.js';
import { getJson, startDemo, StreamClient, until } from './helpers.js';

// The real server against the embedded simulator: real gRPC on loopback, the agent API on a real
// unix socket, a real WebSocket.
let starmap: Starmap;
let sim: NonNullable<Starmap['simulator']>;

const get = <T>(path: string) => getJson<T>(starmap.url, path);

beforeAll(async () => {
  starmap = await startDemo();
  sim = starmap.simulator!;
  await until('relay connected and flows flowing', async () => {
    const { body } = await get<StatusResponse>('/api/status');
    return body.relay.phase === 'connected' && body.relay.flowsReceived > 20 && body.agent.phase === 'connected' && body.nodes.length > 0;
  });
});

afterAll(async () => {
  await starmap?.close();
});

describe('status and health', () => {
  it('reports the relay, the agent read over the unix socket, and the relay nodes', async () => {
    const { status, body } = await get<StatusResponse>('/api/status');
    expect(status).toBe(200);
    expect(body.mode).toBe('demo');
    expect(body.relay.target).toBe(sim.relayAddress);
    expect(body.agent.target).toBe(`unix:${sim.agentSocketPath}`);
    expect(body.agent.ciliumState).toBe('Ok');
    expect(body.nodes.length).toBe(sim.scenario.nodes.length);
    expect(body.nodes.every((n) => n.state === 'NODE_CONNECTED')).toBe(true);
    expect(body.server?.numConnectedNodes).toBe(sim.scenario.nodes.length);
  });

  it('is live and ready while the relay stream is up', async () => {
    expect((await get('/healthz')).status).toBe(200);
    expect((await get('/readyz')).status).toBe(200);
  });
});

describe('GET /api/namespaces', () => {
  it('lists the namespaces the relay knows', async () => {
    const { body } = await get<NamespacesResponse>('/api/namespaces');
    const names = body.namespaces.map((n) => n.namespace);
    const seenInFlows = new Set(
      starmap.services.relay.ring.recent(1_000).flatMap((f) => [f.source.namespace, f.destination.namespace]).filter(Boolean),
    );
    expect(seenInFlows.size).toBeGreaterThanOrEqual(3);
    for (const ns of seenInFlows) expect(names).toContain(ns);
    expect(names).toEqual([...names].sort());
  });
});

describe('GET /api/flows', () => {
  it('pushes the namespace filter down to the relay and returns only that namespace', async () => {
    const before = sim.observer.requests.length;
    const { status, body } = await get<FlowsResponse>('/api/flows?namespace=kube-system&limit=50');
    expect(status).toBe(200);
    expect(body.source).toBe('relay');
    expect(body.flows.length).toBeGreaterThan(0);
    expect(body.flows.length).toBeLessThanOrEqual(50);
    for (const f of body.flows) expect([f.source.namespace, f.destination.namespace]).toContain('kube-system');
    const sent = sim.observer.requests.slice(before);
    // What `hubble observe --namespace kube-system --last 50` sends.
    expect(sent).toContainEqual({
      number: '50',
      whitelist: [{ source_pod: ['kube-system/'] }, { destination_pod: ['kube-system/'] }],
    });
  });

  it.each([
    ['limit=abc', /limit/],
    ['limit=0', /limit must be at least 1/],
    ['limit=100000', /at most 10000/],
    ['namespace=Not_A_Namespace', /namespace/],
    ['bogus=1', /bogus|Unrecognized/i],
  ])('answers %s with a clear 400', async (query, message) => {
    const { status, body } = await get<{ error: string; message: string }>(`/api/flows?${query}`);
    expect(status).toBe(400);
    expect(body.error).toBe('bad_request');
    expect(body.message).toMatch(message);
  });

  it('serves one flow as Hubble prints it, and 404s for unknown ids', async () => {
    const { body } = await get<FlowsResponse>('/api/flows?limit=5');
    const id = body.flows.at(-1)!.id;
    const one = await get<Record<string, any>>(`/api/flows/${encodeURIComponent(id)}`);
    expect(one.status).toBe(200);
    expect(one.body.uuid ?? '').toBe(id);
    expect(typeof one.body.time).toBe('string');
    expect(one.body.verdict).toMatch(/^[A-Z_]+$/);
    expect((await get('/api/flows/no-such-flow')).status).toBe(404);
  });
});

describe('WebSocket /api/stream', () => {
  it('backfills one namespace with the filter pushed down to the relay, then streams its live flows without a relay stream per client', async () => {
    const streamsBefore = sim.observer.activeStreams();
    const requestsBefore = sim.observer.requests.length;
    const client = await StreamClient.open(starmap.url);
    client.send({ type: 'subscribe', id: 7, namespaces: ['cilium-test'], backfill: 20 });
    const flows = await until('40 flows of cilium-test', () => {
      const got = client.flowsOf(7);
      return got.length >= 40 && got;
    });
    for (const f of flows) expect([f.source.namespace, f.destination.namespace]).toContain('cilium-test');
    expect(client.messages.some((m) => m.type === 'hello')).toBe(true);
    expect(client.messages.some((m) => m.type === 'status')).toBe(true);
    // The backfill asked the relay for history with the namespace as FlowFilters.
    expect(sim.observer.requests.slice(requestsBefore)).toContainEqual({
      number: '20',
      whitelist: [{ source_pod: ['cilium-test/'] }, { destination_pod: ['cilium-test/'] }],
    });
    // Live flows are cut from the server's one stream: no stream per client stays open.
    expect(sim.observer.activeStreams()).toBe(streamsBefore);
    expect(starmap.services.feeds.count).toBe(1);
    await client.close();
    await until('the subscription to end', () => starmap.services.feeds.count === 0);
  });

  it('answers malformed messages with an error and keeps the socket open', async () => {
    const client = await StreamClient.open(starmap.url);
    client.socket.send('not json');
    client.send({ type: 'subscribe', id: 1, namespaces: ['../etc'] });
    client.send({ type: 'ping', t: 42 });
    await until('a pong', () => client.messages.some((m) => m.type === 'pong'));
    const errors = client.messages.filter((m) => m.type === 'error').map((m) => (m as { message: string }).message);
    expect(errors).toEqual([expect.stringMatching(/not valid JSON/), expect.stringMatching(/namespaces\.0/)]);
    await client.close();
  });

  it('closes a client that sends an oversized message, and the server stays up', async () => {
    const client = await StreamClient.open(starmap.url);
    const closed = new Promise<number>((resolve) => client.socket.once('close', (code) => resolve(code)));
    client.socket.send('x'.repeat(200 * 1024));
    expect(await closed).toBe(1009);
    expect((await get('/healthz')).status).toBe(200);
  });
});

describe('relay outage', () => {
  it('says it is reconnecting, keeps what it had, and resumes by itself', async () => {
    const ring = starmap.services.relay.ring;
    await sim.stopRelay();
    // The first error is the stream being cut; the next ones are failed reconnects.
    const down = await until('phase reconnecting after a failed reconnect', async () => {
      const { body } = await get<StatusResponse>('/api/status');
      return body.relay.phase === 'reconnecting' && body.relay.attempt >= 2 && body;
    });
    expect(down.relay.lastError).toMatch(/relay .*unreachable/i);
    expect(down.relay.nextRetryAt).not.toBeNull();
    expect((await get('/readyz')).status).toBe(503);
    const kept = ring.size;
    expect(kept).toBeGreaterThan(0);
    const cached = await get<FlowsResponse>('/api/flows?limit=10');
    expect(cached.status).toBe(200);
    expect(cached.body.source).toBe('cache');
    expect(cached.body.flows.length).toBe(10);

    const receivedBefore = down.relay.flowsReceived;
    await sim.startRelay();
    await until('flows to resume', async () => {
      const { body } = await get<StatusResponse>('/api/status');
      return body.relay.phase === 'connected' && body.relay.flowsReceived > receivedBefore + 20;
    }, 15_000);
    expect(ring.size).toBeGreaterThanOrEqual(kept);
  });
});
