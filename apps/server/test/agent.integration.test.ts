import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatapathResponse, ServicesResponse, StatusResponse } from '@starmap/core';
import type { Starmap } from '../src/runtime.js';
import { getJson, startDemo, StreamClient, until } from './helpers.js';

// The server reads the simulator's Cilium agent API over a real unix socket.
let starmap: Starmap;
let sim: NonNullable<Starmap['simulator']>;

const get = <T>(path: string) => getJson<T>(starmap.url, path);

beforeAll(async () => {
  starmap = await startDemo({ demoRate: 400 });
  sim = starmap.simulator!;
  await until('the service table', async () => (await get<ServicesResponse>('/api/services')).body.services.length > 0);
});

afterAll(async () => {
  await starmap?.close();
});

describe('GET /api/datapath', () => {
  it('derives the datapath badges from the agent status of the demo profile', async () => {
    const { body } = await get<DatapathResponse>('/api/datapath');
    expect(body.agents).toHaveLength(1);
    const [agent] = body.agents;
    expect(agent!.target).toBe(`unix:${sim.agentSocketPath}`);
    const badge = (id: string) => agent!.modes!.badges.find((b) => b.id === id)!;
    // The default profile: native routing, KPR, BPF host routing, DSR, BPF masquerading, TCX.
    expect(sim.profile.name).toBe('native-kpr-dsr');
    expect(badge('routing').value).toMatch(/native/i);
    expect(badge('kube-proxy-replacement').value).toMatch(/true|enabled/i);
    expect(badge('host-routing').value).toMatch(/BPF/);
    expect(badge('load-balancer').value).toMatch(/DSR/);
    expect(badge('masquerading').value).toMatch(/BPF/);
    expect(badge('attach-mode').value).toMatch(/TCX/i);
    for (const b of agent!.modes!.badges) expect(b.sources.length + (b.reasonUnknown ? 1 : 0)).toBeGreaterThan(0);
  });
});

describe('GET /api/services', () => {
  it('lists the agent service table with backends and live per-backend flow counts', async () => {
    const { body } = await get<ServicesResponse>('/api/services');
    expect(body.source).toMatchObject({ endpoint: 'GET /v1/service', target: `unix:${sim.agentSocketPath}` });
    expect(body.error).toBeNull();
    const types = new Set(body.services.map((s) => s.type));
    for (const t of ['ClusterIP', 'NodePort', 'LoadBalancer']) expect(types).toContain(t);
    const withBackends = body.services.filter((s) => s.backends.length > 0);
    expect(withBackends.length).toBeGreaterThan(3);
    for (const s of body.services) expect(s.address).toMatch(/^(\d+\.\d+\.\d+\.\d+|\[[0-9a-f:]+\]):\d+\/(TCP|UDP|SCTP|ANY)$/);
    // Traffic reaches some backends in the demo: the counts come from the flow stream.
    await until('a backend with flows', async () => {
      const { body: now } = await get<ServicesResponse>('/api/services');
      return now.services.some((s) => s.backends.some((b) => b.flows > 0 && b.lastSeen));
    });
  });

  it('filters by namespace and type, and rejects unknown types', async () => {
    const ns = await get<ServicesResponse>('/api/services?namespace=kube-system');
    expect(ns.body.services.length).toBeGreaterThan(0);
    expect(ns.body.services.every((s) => s.namespace === 'kube-system')).toBe(true);
    const np = await get<ServicesResponse>('/api/services?type=nodeport');
    expect(np.body.services.length).toBeGreaterThan(0);
    expect(np.body.services.every((s) => s.type === 'NodePort')).toBe(true);
    const bad = await get<{ message: string }>('/api/services?type=Bogus');
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/type must be one of/);
  });

  it('pushes the table and the datapath over the WebSocket', async () => {
    const client = await StreamClient.open(starmap.url);
    await until('services and datapath pushes', () =>
      client.messages.some((m) => m.type === 'services' && m.services.services.length > 0) &&
      client.messages.some((m) => m.type === 'datapath' && m.datapath.agents[0]?.modes),
    );
    await client.close();
  });
});

describe('agent faults', () => {
  async function agentState(): Promise<StatusResponse['agent']> {
    return (await get<StatusResponse>('/api/status')).body.agent;
  }

  it.each([
    ['hang', /no answer within/],
    ['http500', /HTTP 500/],
    ['malformed-json', /invalid JSON/],
    ['down', /does not exist|refused/],
  ] as const)('an agent that is %s degrades clearly, keeps its last table, and recovers', async (fault, message) => {
    await sim.agent.setFault(fault);
    const degraded = await until(`agent ${fault} to show`, async () => {
      const a = await agentState();
      return a.phase === 'reconnecting' && a;
    });
    expect(degraded.lastError).toMatch(message);
    // The flows keep coming and the last good service table stays.
    expect((await get<StatusResponse>('/api/status')).body.relay.phase).toBe('connected');
    const services = await get<ServicesResponse>('/api/services');
    expect(services.body.services.length).toBeGreaterThan(0);
    expect(services.body.error).toMatch(message);
    const datapath = await get<DatapathResponse>('/api/datapath');
    expect(datapath.body.agents[0]!.modes).not.toBeNull();

    await sim.agent.setFault('none');
    await until(`agent to recover from ${fault}`, async () => (await agentState()).phase === 'connected');
    await until('the service table error to clear', async () => (await get<ServicesResponse>('/api/services')).body.error === null);
  });
});
