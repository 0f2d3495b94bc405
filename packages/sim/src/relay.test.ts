import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { namespaceFilters } from '@starmap/core';
import { HealthClient, ObserverClient, PeerClient, flow, health, peer, relay, type GetFlowsRequest } from '@starmap/proto';
import { startSimulator, type Simulator } from './index.js';

type Res = { flow?: flow.IFlow | null; node_status?: unknown; node_name?: string | null; time?: { seconds?: unknown; nanos?: number | null } | null };

const ns = (t: { seconds?: unknown; nanos?: number | null } | null | undefined) =>
  BigInt(String(t?.seconds ?? 0)) * 1_000_000_000n + BigInt(t?.nanos ?? 0);
const ts = (n: bigint) => ({ seconds: Number(n / 1_000_000_000n), nanos: Number(n % 1_000_000_000n) });

let sim: Simulator;
let client: ObserverClient;

/** Runs a GetFlows call to its end (or until `take` flows arrived, then cancels). */
function getFlows(req: GetFlowsRequest, take?: number, c: ObserverClient = client): Promise<{ flows: flow.IFlow[]; messages: Res[]; call: grpc.ClientReadableStream<Res> }> {
  return new Promise((resolve, reject) => {
    const call = c.GetFlows(req) as unknown as grpc.ClientReadableStream<Res>;
    const flows: flow.IFlow[] = [];
    const messages: Res[] = [];
    let done = false;
    call.on('data', (m: Res) => {
      messages.push(m);
      if (m.flow) flows.push(m.flow);
      if (take !== undefined && flows.length >= take && !done) {
        done = true;
        resolve({ flows, messages, call });
      }
    });
    call.on('error', (err: grpc.ServiceError) => {
      if (!done) reject(err);
    });
    call.on('end', () => {
      if (!done) resolve({ flows, messages, call });
    });
  });
}

const unary = <T>(fn: (cb: (err: grpc.ServiceError | null, res?: T) => void) => void) =>
  new Promise<T>((resolve, reject) => fn((err, res) => (err ? reject(err) : resolve(res as T))));

async function waitFor(cond: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

beforeAll(async () => {
  sim = await startSimulator({ seed: 4, flowsPerSecond: 200, backfillSeconds: 10 });
  client = new ObserverClient(sim.relayAddress, grpc.credentials.createInsecure());
});

afterAll(async () => {
  client?.close();
  await sim?.close();
});

describe('observer.Observer/GetFlows', () => {
  it('binds to loopback on an ephemeral port', () => {
    expect(sim.relayAddress).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(sim.relayAddress).not.toBe('127.0.0.1:0');
  });

  it('returns the last N flows, the first N, and everything in a since/until window', async () => {
    sim.pauseFlows();
    try {
      const all = await getFlows({});
      expect(all.flows.length).toBe(sim.observer.numFlows());
      expect(all.flows.length).toBeGreaterThan(1000);
      // Relay tells which nodes it receives from before the first flow.
      expect(all.messages[0]?.node_status).toMatchObject({ state_change: relay.NodeState.NODE_CONNECTED });
      expect((all.messages[0]?.node_status as { node_names: string[] }).node_names).toEqual(sim.scenario.nodes.map((n) => n.fullName));
      const uuids = all.flows.map((f) => f.uuid);

      const last = await getFlows({ number: 20 });
      expect(last.flows.map((f) => f.uuid)).toEqual(uuids.slice(-20));
      const first = await getFlows({ number: 5, first: true });
      expect(first.flows.map((f) => f.uuid)).toEqual(uuids.slice(0, 5));

      // Each response carries node_name (1000) and time (1001) like relay.
      for (const m of last.messages.filter((x) => x.flow)) {
        expect(m.node_name).toBe(m.flow?.node_name);
        expect(ns(m.time)).toBe(ns(m.flow?.time));
      }

      const times = all.flows.map((f) => ns(f.time));
      const since = times[Math.floor(times.length * 0.3)]!;
      const until = times[Math.floor(times.length * 0.6)]!;
      const window = await getFlows({ since: ts(since), until: ts(until) });
      const expected = all.flows.filter((f) => ns(f.time) >= since && ns(f.time) <= until).map((f) => f.uuid);
      expect(window.flows.map((f) => f.uuid)).toEqual(expected);
      expect(expected.length).toBeGreaterThan(100);
    } finally {
      sim.resumeFlows();
    }
  });

  it('follows new flows and closes the stream cleanly on cancel', async () => {
    const before = sim.observer.activeStreams();
    const startNs = BigInt(Date.now()) * 1_000_000n;
    const { flows, call } = await getFlows({ follow: true }, 30);
    expect(flows.every((f) => ns(f.time) >= startNs - 200_000_000n)).toBe(true);
    expect(sim.observer.activeStreams()).toBe(before + 1);
    const ended = new Promise<grpc.StatusObject | grpc.ServiceError>((resolve) => {
      call.on('error', resolve);
      call.on('status', resolve);
    });
    call.cancel();
    const status = await ended;
    expect(status.code).toBe(grpc.status.CANCELLED);
    await waitFor(() => sim.observer.activeStreams() === before);
    expect(sim.observer.subscriptions()).toBe(before);
  });

  it('with number and follow sends the last N, then new ones', async () => {
    const { flows, call } = await getFlows({ number: 10, follow: true }, 25);
    call.cancel();
    expect(flows).toHaveLength(25);
  });

  it('ends a follow stream when until has passed', async () => {
    const until = BigInt(Date.now()) * 1_000_000n + 300_000_000n;
    const { flows } = await getFlows({ follow: true, until: ts(until) });
    expect(flows.length).toBeGreaterThan(0);
    expect(flows.every((f) => ns(f.time) <= until)).toBe(true);
  });

  it('applies a namespace whitelist (as hubble observe --namespace sends it)', async () => {
    const { flows } = await getFlows({ number: 300, ...namespaceFilters(['shop']) });
    expect(flows.length).toBe(300);
    expect(flows.every((f) => f.source?.namespace === 'shop' || f.destination?.namespace === 'shop')).toBe(true);
  });

  it('applies a blacklist', async () => {
    const { flows } = await getFlows({ number: 300, blacklist: [{ verdict: [flow.Verdict.FORWARDED] }] });
    expect(flows.length).toBeGreaterThan(0);
    expect(flows.some((f) => f.verdict === flow.Verdict.FORWARDED)).toBe(false);
    expect(flows.some((f) => f.verdict === flow.Verdict.DROPPED)).toBe(true);
  });

  it('answers an invalid filter with INVALID_ARGUMENT and a clear message', async () => {
    const err = (await getFlows({ number: 5, whitelist: [{ source_ip: ['not-an-ip'] }] }).catch((e: unknown) => e)) as grpc.ServiceError;
    expect(err.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(err.details).toMatch(/source_ip/);
    expect(err.details).toMatch(/not-an-ip/);
    const mask = (await getFlows({ number: 5, field_mask: { paths: ['no_such_field'] } }).catch((e: unknown) => e)) as grpc.ServiceError;
    expect(mask.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(mask.details).toMatch(/no_such_field/);
    expect(sim.observer.activeStreams()).toBe(0);
  });

  it('honours field_mask as the hubble CLI sends it', async () => {
    const { flows } = await getFlows({ number: 50, field_mask: { paths: ['time', 'verdict', 'source.namespace', 'destination.pod_name'] } });
    expect(flows).toHaveLength(50);
    for (const f of flows) {
      expect(f.time).toBeTruthy();
      expect(f.uuid ?? '').toBe('');
      expect(f.source?.labels ?? []).toEqual([]);
      expect(f.IP ?? null).toBeNull();
    }
    expect(flows.some((f) => f.source?.namespace)).toBe(true);
  });

  it('records every request as proto JSON', async () => {
    const n = sim.observer.requests.length;
    await getFlows({ number: 3, whitelist: [{ source_pod: ['shop/'] }] });
    expect(sim.observer.requests.length).toBe(n + 1);
    expect(sim.observer.requests[n]).toEqual({ number: '3', whitelist: [{ source_pod: ['shop/'] }] });
  });
});

describe('observer.Observer unary calls', () => {
  it('GetNodes lists every node as connected', async () => {
    const res = await unary<{ nodes: { name: string; state: number; version: string; address: string; num_flows: unknown; max_flows: unknown }[] }>((cb) => client.GetNodes({}, cb as never));
    expect(res.nodes.map((n) => n.name)).toEqual(sim.scenario.nodes.map((n) => n.fullName));
    for (const n of res.nodes) {
      expect(n.state).toBe(relay.NodeState.NODE_CONNECTED);
      expect(n.version).toBe('1.19.4');
      expect(n.address).toMatch(/^172\.18\.0\.\d+:4244$/);
      expect(Number(String(n.max_flows))).toBe(4095);
    }
    expect(res.nodes.some((n) => Number(String(n.num_flows)) > 0)).toBe(true);
  });

  it('GetNamespaces lists the namespaces seen in flows with their cluster', async () => {
    const res = await unary<{ namespaces: { cluster: string; namespace: string }[] }>((cb) => client.GetNamespaces({}, cb as never));
    expect(res.namespaces.map((n) => n.namespace)).toEqual(expect.arrayContaining(['cilium-test', 'kube-system', 'monitoring', 'shop']));
    expect(res.namespaces.every((n) => n.cluster === 'kind-kind')).toBe(true);
  });

  it('ServerStatus reports ring and node numbers', async () => {
    const res = await unary<{ num_flows: unknown; max_flows: unknown; seen_flows: unknown; uptime_ns: unknown; num_connected_nodes: { value: number }; num_unavailable_nodes: { value: number }; version: string; flows_rate: number }>((cb) =>
      client.ServerStatus({}, cb as never),
    );
    expect(Number(String(res.max_flows))).toBe(4 * 4095);
    expect(Number(String(res.num_flows))).toBeGreaterThan(0);
    expect(Number(String(res.seen_flows))).toBeGreaterThanOrEqual(Number(String(res.num_flows)));
    expect(Number(String(res.uptime_ns))).toBeGreaterThan(0);
    expect(res.num_connected_nodes.value).toBe(4);
    expect(res.num_unavailable_nodes.value).toBe(0);
    expect(res.version).toBe('1.19.4');
    expect(res.flows_rate).toBeGreaterThan(0);
  });

  it('GetAgentEvents is not implemented, as on relay', async () => {
    const call = client.GetAgentEvents({});
    const err = await new Promise<grpc.ServiceError>((resolve) => call.on('error', resolve));
    expect(err.code).toBe(grpc.status.UNIMPLEMENTED);
  });
});

describe('peer.Peer/Notify and health', () => {
  it('announces every node and keeps the stream open until cancelled', async () => {
    const peers = new PeerClient(sim.relayAddress, grpc.credentials.createInsecure());
    const call = peers.Notify({});
    const got: peer.ChangeNotification[] = [];
    let ended = false;
    call.on('data', (m: peer.ChangeNotification) => got.push(m));
    call.on('end', () => (ended = true));
    const errored = new Promise<grpc.ServiceError>((resolve) => call.on('error', resolve));
    await waitFor(() => got.length === 4);
    await new Promise((r) => setTimeout(r, 200));
    expect(ended).toBe(false);
    expect(got.map((n) => n.name)).toEqual(sim.scenario.nodes.map((n) => n.fullName));
    expect(got.every((n) => n.type === peer.ChangeNotificationType.PEER_ADDED && /:4244$/.test(n.address))).toBe(true);
    call.cancel();
    expect((await errored).code).toBe(grpc.status.CANCELLED);
    peers.close();
  });

  it('reports SERVING for hubble.server.Observer and the whole server, NOT_FOUND otherwise', async () => {
    const h = new HealthClient(sim.relayAddress, grpc.credentials.createInsecure());
    for (const service of ['', 'hubble.server.Observer']) {
      const res = await unary<{ status: number }>((cb) => h.Check({ service }, cb as never));
      expect(res.status).toBe(health.HealthCheckResponse.ServingStatus.SERVING);
    }
    const err = (await unary((cb) => h.Check({ service: 'nope' }, cb as never)).catch((e: unknown) => e)) as grpc.ServiceError;
    expect(err.code).toBe(grpc.status.NOT_FOUND);
    h.close();
  });
});

describe('relay restart', () => {
  it('stops (cutting open streams) and starts again on the same address', async () => {
    const address = sim.relayAddress;
    const follow = client.GetFlows({ follow: true });
    const cut = new Promise<grpc.ServiceError>((resolve) => follow.on('error', resolve));
    follow.on('data', () => {});
    await waitFor(() => sim.observer.activeStreams() === 1);
    await sim.stopRelay();
    expect([grpc.status.UNAVAILABLE, grpc.status.CANCELLED, grpc.status.INTERNAL]).toContain((await cut).code);
    expect(sim.observer.activeStreams()).toBe(0);
    expect(sim.observer.subscriptions()).toBe(0);

    const fresh = new ObserverClient(address, grpc.credentials.createInsecure());
    const down = (await unary((cb) => fresh.ServerStatus({}, { deadline: Date.now() + 1000 }, cb as never)).catch((e: unknown) => e)) as grpc.ServiceError;
    expect([grpc.status.UNAVAILABLE, grpc.status.DEADLINE_EXCEEDED]).toContain(down.code);

    fresh.close();

    await sim.startRelay();
    expect(sim.relayAddress).toBe(address);
    const again = new ObserverClient(address, grpc.credentials.createInsecure());
    const back = await getFlows({ number: 5 }, undefined, again);
    expect(back.flows).toHaveLength(5);
    again.close();
  });
});
