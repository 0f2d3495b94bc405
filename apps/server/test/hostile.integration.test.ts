import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlowsResponse, ServiceMapSnapshot, StatusResponse } from '@starmap/core';
// @ts-expect-error plain JS test helper shared with the browser tests
import { startHostileRelay, XSS_POD } from '../../../e2e/support/hostile-relay.mjs';
import { parseConfig } from '../src/config.js';
import { startStarmap, type Starmap } from '../src/runtime.js';
import { getJson, StreamClient, until } from './helpers.js';

// A relay that sends absurd and hostile flows: the server keeps running and serves them as data.
let relay: { address: string; close(): void };
let starmap: Starmap;

const get = <T>(path: string) => getJson<T>(starmap.url, path);

beforeAll(async () => {
  relay = await startHostileRelay(100);
  starmap = await startStarmap(
    parseConfig({ port: 0, webDir: '', hubbleServer: relay.address, ciliumSocket: join(tmpdir(), 'no-such-agent.sock') }),
    { backoff: { initialMs: 100, maxMs: 400, jitter: 0.2 }, relayPollIntervalMs: 300, mapTickMs: 200 },
  );
  await until('hostile flows received', () => starmap.services.relay.streamState.flowsReceived > 30);
});

afterAll(async () => {
  await starmap?.close();
  relay?.close();
});

describe('hostile flows', () => {
  it('keeps the stream connected and normalizes every kind of absurd flow', async () => {
    const status = (await get<StatusResponse>('/api/status')).body;
    expect(status.relay.phase).toBe('connected');
    const { body } = await get<FlowsResponse>('/api/flows?limit=50');
    expect(body.flows.length).toBeGreaterThan(7);
    const unknown = body.flows.find((f) => f.id.startsWith('hostile-') && f.verdict.startsWith('VERDICT_'));
    expect(unknown?.verdict).toBe('VERDICT_99');
    const huge = body.flows.find((f) => f.source.podName.length === 10_240);
    expect(huge).toBeTruthy();
    const empty = body.flows.find((f) => f.source.workload === 'unknown' && f.destination.workload === 'unknown');
    expect(empty).toBeTruthy();
    const badIp = body.flows.find((f) => f.source.ip === 'not-an-ip');
    expect(badIp?.ipVersion).toBe(0);
  });

  it('passes HTML in names through as plain data (the browser renders it as text)', async () => {
    const { body } = await get<FlowsResponse>('/api/flows?limit=50');
    expect(body.flows.some((f) => f.source.podName === XSS_POD)).toBe(true);
    const res = await fetch(`${starmap.url}/api/flows?limit=5`);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
  });

  it('builds a bounded service map and drop counts from them', async () => {
    const map = (await get<ServiceMapSnapshot>('/api/map')).body;
    expect(map.nodes.length).toBeGreaterThan(0);
    for (const n of map.nodes) expect(n.labels.length).toBeLessThanOrEqual(64);
    const drops = (await get<{ byReason: { code: number; text: string }[] }>('/api/drops')).body;
    expect(drops.byReason.find((r) => r.code === 9999)?.text).toBe('unknown drop reason 9999');
  });

  it('streams them over the WebSocket without closing it', async () => {
    const client = await StreamClient.open(starmap.url);
    client.send({ type: 'subscribe', id: 1, namespaces: [] });
    await until('a few batches', () => client.flowsOf(1).length > 10);
    expect(client.socket.readyState).toBe(client.socket.OPEN);
    await client.close();
  });
});

describe('absurd query parameters', () => {
  it.each([
    ['negative limit', '/api/flows?limit=-1'],
    ['infinite limit', '/api/flows?limit=1e309'],
    ['400-digit limit', '/api/flows?limit=' + '9'.repeat(400)],
    ['5000-character namespace', '/api/flows?namespace=' + 'a'.repeat(5000)],
    ['bracketed parameter', '/api/flows?namespace[]=x'],
    ['100-digit window', '/api/map?window=' + '9'.repeat(100)],
    ['NUL service type', '/api/services?type=%00'],
    ['5000-digit port in a filter', '/api/flows?filter=' + encodeURIComponent('--port ' + '9'.repeat(5000))],
  ])('%s → 400 with a JSON message, server still up', async (_label, path) => {
    const res = await fetch(`${starmap.url}${path}`);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: string; message: string };
    expect(body.error).toBe('bad_request');
    expect(body.message.length).toBeGreaterThan(0);
    expect((await fetch(`${starmap.url}/healthz`)).status).toBe(200);
  });
});
