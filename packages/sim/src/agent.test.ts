import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConfig, buildHealthz, buildServiceList, createScenario, startSimulator, type Simulator } from './index.js';

type Target = { socketPath: string } | { url: string };

function get(target: Target, path: string, timeoutMs = 2000, method = 'GET'): Promise<{ status: number; text: string; type: string }> {
  return new Promise((resolve, reject) => {
    const opts: http.RequestOptions =
      'socketPath' in target ? { socketPath: target.socketPath, path, method } : { ...urlParts(target.url), path, method };
    // A fresh connection per request: what a client sees after the agent went away, not a stale pooled socket.
    const req = http.request({ ...opts, agent: false, timeout: timeoutMs }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text, type: String(res.headers['content-type']) }));
    });
    req.on('timeout', () => req.destroy(new Error('client timeout')));
    req.on('error', reject);
    req.end();
  });
}

function urlParts(url: string) {
  const u = new URL(url);
  return { host: u.hostname, port: Number(u.port) };
}

async function getJson(target: Target, path: string): Promise<any> {
  const res = await get(target, path);
  expect(res.status).toBe(200);
  expect(res.type).toBe('application/json');
  return JSON.parse(res.text);
}

let dir: string;
let sim: Simulator;
let unix: Target;
let tcp: Target;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'starmap-sim-'));
  sim = await startSimulator({ seed: 2, agentSocketPath: join(dir, 'cilium.sock'), agentHttpPort: 0, backfillSeconds: 2 });
  unix = { socketPath: sim.agentSocketPath! };
  tcp = { url: sim.agentHttpUrl! };
});

afterAll(async () => {
  await sim?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('Cilium agent API', () => {
  it('listens on the unix socket and on loopback TCP', () => {
    expect(sim.agentSocketPath).toBe(join(dir, 'cilium.sock'));
    expect(sim.agentHttpUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('GET /v1/healthz reports the native-kpr-dsr datapath', async () => {
    for (const target of [unix, tcp]) {
      const s = await getJson(target, '/v1/healthz');
      expect(s.cilium).toEqual({ state: 'Ok', msg: expect.stringMatching(/^1\.19\.4 \(v1\.19\.4-[0-9a-f]{8}\)$/) });
      expect(s.kubernetes.state).toBe('Ok');
      const kpr = s['kube-proxy-replacement'];
      expect(kpr.mode).toBe('True');
      expect(kpr.features.nodePort).toMatchObject({ enabled: true, mode: 'DSR', dsrMode: 'IP Option/Extension', algorithm: 'Maglev', acceleration: 'None', portMin: 30000, portMax: 32767 });
      expect(kpr.features.socketLB).toEqual({ enabled: true });
      expect(kpr.features.externalIPs).toEqual({ enabled: true });
      expect(kpr.features.hostPort).toEqual({ enabled: true });
      expect(s.routing).toEqual({ 'inter-host-routing-mode': 'Native', 'intra-host-routing-mode': 'BPF' });
      expect(s.masquerading).toMatchObject({ enabled: true, mode: 'BPF', enabledProtocols: { ipv4: true, ipv6: true } });
      expect(s['attach-mode']).toBe('tcx');
      expect(s['datapath-mode']).toBe('veth');
      expect(s.encryption).toEqual({ mode: 'Disabled' });
      expect(s['bandwidth-manager'].enabled).toBe(true);
      expect(s.cluster.self).toBe('kind-kind/kind-control-plane');
      expect(s.cluster.nodes).toHaveLength(4);
      expect(s.hubble.observer['max-flows']).toBe(4095);
      expect(s.hubble.observer['current-flows']).toBeGreaterThanOrEqual(0);
    }
  });

  it('GET /v1/config carries IP families and the cluster name', async () => {
    const c = await getJson(unix, '/v1/config');
    expect(c.status.addressing.ipv4).toMatchObject({ enabled: true, 'alloc-range': '10.244.0.0/24' });
    expect(c.status.addressing.ipv6).toMatchObject({ enabled: true, 'alloc-range': 'fd00:10:244::/64' });
    expect(c.status.daemonConfigurationMap.ClusterName).toBe('kind-kind');
    expect(c.status.daemonConfigurationMap.RoutingMode).toBe('native');
    expect(c.status.datapathMode).toBe('veth');
  });

  it('GET /v1/service lists frontends with backends consistent with the scenario', async () => {
    const list: any[] = await getJson(tcp, '/v1/service');
    const sc = sim.scenario;
    const node = sc.nodes[0]!;
    const ids = list.map((s) => s.spec.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const s of list) {
      expect(s.status.realized).toEqual(s.spec);
      expect(['TCP', 'UDP']).toContain(s.spec['frontend-address'].protocol);
      expect(['ClusterIP', 'NodePort', 'LoadBalancer']).toContain(s.spec.flags.type);
      for (const b of s.spec['backend-addresses']) expect(['active', 'terminating', 'quarantined', 'maintenance']).toContain(b.state);
    }
    // A NodePort appears once per node address plus the wildcard.
    const echoB = list.filter((s) => s.spec.flags.name === 'echo-b' && s.spec.flags.type === 'NodePort').map((s) => s.spec['frontend-address'].ip);
    expect(echoB.sort()).toEqual([node.ipv4, node.ipv6, '0.0.0.0', '::'].sort());
    expect(list.filter((s) => s.spec.flags.name === 'echo-b-headless')).toEqual([]);
    // Backends are the pods' addresses, on several nodes.
    const fe = list.find((s) => s.spec.flags.name === 'frontend' && s.spec.flags.type === 'LoadBalancer' && !s.spec['frontend-address'].ip.includes(':'));
    expect(fe.spec['frontend-address']).toEqual({ ip: '172.18.255.200', port: 80, protocol: 'TCP', scope: 'external' });
    const pods = sc.pods.filter((p) => p.workload === 'frontend');
    expect(fe.spec['backend-addresses'].map((b: any) => b.ip).sort()).toEqual(pods.map((p) => p.ipv4).sort());
    expect(new Set(fe.spec['backend-addresses'].map((b: any) => b.nodeName)).size).toBeGreaterThanOrEqual(2);
    expect(fe.spec['backend-addresses'].every((b: any) => b.port === 8080)).toBe(true);
    const dnsV6 = list.find((s) => s.spec.flags.name === 'kube-dns' && s.spec['frontend-address'].ip === 'fd00:10:96::a' && s.spec['frontend-address'].protocol === 'UDP');
    expect(dnsV6.spec['backend-addresses'].every((b: any) => b.ip.includes(':') && b.port === 53)).toBe(true);
    const payments = list.find((s) => s.spec.flags.name === 'payments');
    expect(payments.spec['backend-addresses'].map((b: any) => b.state).sort()).toEqual(['active', 'active', 'terminating']);
    const rec = list.find((s) => s.spec.flags.name === 'recommendations');
    expect(rec.spec['backend-addresses']).toEqual([]);
  });

  it('uses the keys real `cilium service list -o json` output has', async () => {
    const real = JSON.parse(readFileSync(new URL('../../../../shared/real-data/cilium-cli/service-list-1.15plus.json', import.meta.url), 'utf8'));
    const ours: any[] = await getJson(tcp, '/v1/service');
    const keys = (objs: any[], pick: (o: any) => any) => new Set(objs.flatMap((o) => Object.keys(pick(o) ?? {})));
    const realSpec = keys(real, (o) => o.spec);
    const realFlags = keys(real, (o) => o.spec.flags);
    const realFrontend = keys(real, (o) => o.spec['frontend-address']);
    const realBackend = new Set(real.flatMap((o: any) => o.spec['backend-addresses'].flatMap((b: any) => Object.keys(b))));
    for (const k of realSpec) expect(keys(ours, (o) => o.spec).has(k), k).toBe(true);
    for (const k of realFlags) expect(keys(ours, (o) => o.spec.flags).has(k), k).toBe(true);
    for (const k of realFrontend) expect(keys(ours, (o) => o.spec['frontend-address']).has(k), k).toBe(true);
    const ourBackend = new Set(ours.flatMap((o) => o.spec['backend-addresses'].flatMap((b: any) => Object.keys(b))));
    for (const k of realBackend) expect(ourBackend.has(k as string), k as string).toBe(true);
  });

  it('answers unknown paths with 404 JSON and other methods with 405', async () => {
    const res = await get(tcp, '/v1/nope');
    expect(res.status).toBe(404);
    expect(JSON.parse(res.text)).toEqual({ code: 404, message: 'path /v1/nope was not found' });
    const put = await get(tcp, '/v1/service', 2000, 'PUT');
    expect(put.status).toBe(405);
  });
});

describe('agent fault modes', () => {
  it('hang: the request never completes and the client times out', async () => {
    await sim.agent.setFault('hang');
    try {
      await expect(get(unix, '/v1/healthz', 300)).rejects.toThrow(/client timeout/);
      await expect(get(tcp, '/v1/healthz', 300)).rejects.toThrow(/client timeout/);
    } finally {
      await sim.agent.setFault('none');
    }
    expect((await get(tcp, '/v1/healthz')).status).toBe(200);
  });

  it('http500: every path fails with a JSON error', async () => {
    await sim.agent.setFault('http500');
    try {
      const res = await get(unix, '/v1/healthz');
      expect(res.status).toBe(500);
      expect(typeof JSON.parse(res.text)).toBe('string');
    } finally {
      await sim.agent.setFault('none');
    }
  });

  it('malformed-json: 200 with a body that does not parse', async () => {
    await sim.agent.setFault('malformed-json');
    try {
      const res = await get(tcp, '/v1/service');
      expect(res.status).toBe(200);
      expect(res.text.length).toBeGreaterThan(0);
      expect(() => JSON.parse(res.text)).toThrow();
    } finally {
      await sim.agent.setFault('none');
    }
  });

  it('down: connections are refused (TCP) and the socket is gone (unix), then it comes back on the same address', async () => {
    await sim.agent.setFault('down');
    expect(sim.agent.fault).toBe('down');
    await expect(get(tcp, '/v1/healthz')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await expect(get(unix, '/v1/healthz')).rejects.toMatchObject({ code: 'ENOENT' });
    await sim.agent.setFault('none');
    expect((await get(tcp, '/v1/healthz')).status).toBe(200);
    expect((await get(unix, '/v1/config')).status).toBe(200);
  });

  it('rejects an unknown fault mode', async () => {
    await expect(sim.agent.setFault('explode' as never)).rejects.toThrow(/unknown agent fault "explode"/);
  });
});

describe('datapath profiles in the agent payloads', () => {
  it('vxlan-legacy: tunnel, no kube-proxy replacement, legacy host routing, iptables, tc', () => {
    const sc = createScenario(1, { profile: 'vxlan-legacy' });
    const s = buildHealthz(sc) as any;
    expect(s['kube-proxy-replacement'].mode).toBe('False');
    expect(s['kube-proxy-replacement'].features.nodePort.enabled).toBe(false);
    expect(s.routing).toEqual({ 'inter-host-routing-mode': 'Tunnel', 'intra-host-routing-mode': 'Legacy', 'tunnel-protocol': 'vxlan' });
    expect(s.masquerading).toMatchObject({ enabled: true, mode: 'iptables' });
    expect(s['attach-mode']).toBe('tc');
    const c = buildConfig(sc) as any;
    expect(c.status.addressing.ipv6).toEqual({ enabled: false });
    expect(c.status.deviceMTU).toBe(1450);
  });

  it('hybrid: kube-proxy replacement with hybrid load balancing', () => {
    const s = buildHealthz(createScenario(1, { profile: 'hybrid' })) as any;
    expect(s['kube-proxy-replacement'].features.nodePort.mode).toBe('Hybrid');
    expect(s['datapath-mode']).toBe('netkit');
  });

  it('ipv6-only-native: IPv6 only, masquerading off, WireGuard', () => {
    const sc = createScenario(1, { profile: 'ipv6-only-native' });
    const s = buildHealthz(sc) as any;
    expect(s['kube-proxy-replacement'].mode).toBe('True');
    expect(s.routing['intra-host-routing-mode']).toBe('BPF');
    expect(s['attach-mode']).toBe('tcx');
    expect(s.masquerading.enabledProtocols).toEqual({ ipv4: false, ipv6: false });
    expect(s.encryption.mode).toBe('Wireguard');
    expect(s.encryption.wireguard.interfaces[0].name).toBe('cilium_wg0');
    const c = buildConfig(sc) as any;
    expect(c.status.addressing.ipv4).toEqual({ enabled: false });
    expect(c.status.addressing.ipv6.enabled).toBe(true);
    const dns = (buildServiceList(sc) as any[]).filter((x) => x.spec.flags.name === 'kube-dns' && x.spec['frontend-address'].port === 53);
    expect(dns.map((x) => x.spec['frontend-address'].ip)).toEqual(['2001:db8:10:96::a', '2001:db8:10:96::a']);
  });
});
