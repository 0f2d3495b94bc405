import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseServiceList } from './parse.js';
import { normalizeServiceList } from './service-table.js';
import { formatL3n4Addr } from './address.js';

// Real `cilium service list -o json` (= GET /v1/service) of a 2-node cluster, Cilium ≥ 1.15.
// Source and provenance: ../shared/real-data/README.md (cilium-cli/service-list-1.15plus.json).
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const realFile = path.resolve(repoRoot, '../shared/real-data/cilium-cli/service-list-1.15plus.json');
const realBody = readFileSync(realFile, 'utf8');

interface RawBackend { ip: string; port: number; protocol: string; nodeName?: string; state: string; weight: number }
interface RawService {
  spec: {
    id: number;
    'frontend-address': { ip: string; port: number; protocol: string; scope: string };
    'backend-addresses'?: RawBackend[];
    flags: { name: string; namespace: string; type: string; extTrafficPolicy: string; intTrafficPolicy: string };
  };
}
const raw = JSON.parse(realBody) as RawService[];

function table() {
  const parsed = parseServiceList(realBody);
  if (!parsed.ok) throw new Error(parsed.error);
  return normalizeServiceList(parsed.value);
}

describe('normalizeServiceList on the real service list', () => {
  it('has one row per service object, sorted by ID', () => {
    const t = table();
    expect(t.rows).toHaveLength(raw.length);
    expect(t.rows.map((r) => r.id)).toEqual(raw.map((s) => s.spec.id).sort((a, b) => a - b));
    expect(t.warnings).toEqual([]);
  });

  it('keeps every frontend, name, namespace, type and policy of the raw JSON', () => {
    const byId = new Map(table().rows.map((r) => [r.id, r]));
    for (const svc of raw) {
      const row = byId.get(svc.spec.id)!;
      const fe = svc.spec['frontend-address'];
      expect(row.frontend).toEqual({ ip: fe.ip, port: fe.port, protocol: fe.protocol.toUpperCase(), scope: fe.scope });
      expect(row.address).toBe(`${fe.ip}:${fe.port}/${fe.protocol.toUpperCase()}`);
      expect(row.name).toBe(svc.spec.flags.name);
      expect(row.namespace).toBe(svc.spec.flags.namespace);
      expect(row.type).toBe(svc.spec.flags.type);
      expect(row.extTrafficPolicy).toBe(svc.spec.flags.extTrafficPolicy);
      expect(row.intTrafficPolicy).toBe(svc.spec.flags.intTrafficPolicy);
    }
  });

  it('keeps every backend with its node, state and weight', () => {
    const rows = table().rows;
    const rawBackends = raw.flatMap((s) => s.spec['backend-addresses'] ?? []);
    const rowBackends = rows.flatMap((r) => r.backends);
    expect(rowBackends).toHaveLength(rawBackends.length);
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const svc of raw) {
      const backends = byId.get(svc.spec.id)!.backends;
      (svc.spec['backend-addresses'] ?? []).forEach((be, i) => {
        expect(backends[i]).toMatchObject({
          ip: be.ip,
          port: be.port,
          state: be.state,
          weight: be.weight,
          nodeName: be.nodeName ?? null,
          address: `${be.ip}:${be.port}/${be.protocol}`,
        });
      });
    }
    const nodes = new Set(rowBackends.map((b) => b.nodeName).filter((n) => n != null));
    expect(nodes).toEqual(new Set(rawBackends.map((b) => b.nodeName).filter((n) => n != null)));
  });

  it('prints kube-dns over UDP the Cilium way', () => {
    const dnsUdp = table().rows.find((r) => r.address === '10.96.0.10:53/UDP');
    expect(dnsUdp?.name).toBe('kube-dns');
    expect(dnsUdp?.namespace).toBe('kube-system');
    expect(dnsUdp?.backends.map((b) => b.address).sort()).toEqual(['10.0.0.220:53/UDP', '10.0.1.184:53/UDP']);
    expect(dnsUdp?.activeBackends).toBe(2);
  });
});

describe('normalizeServiceList on other shapes', () => {
  // Synthetic from real: the three frontends that `cilium service list` prints for
  // default/kubernetes-intranet on Cilium 1.18.6 (no backends), source
  // ../shared/real-data/cilium-cli/tke-cilium-1.18.6-bpf-lb-list-service-list-db-show-frontends.txt.
  const tke118 = [
    { spec: { id: 4, 'frontend-address': { ip: '0.0.0.0', port: 30965, protocol: 'TCP', scope: 'external' }, 'backend-addresses': null, flags: { type: 'NodePort', name: 'kubernetes-intranet', namespace: 'default' } } },
    { spec: { id: 7, 'frontend-address': { ip: '192.168.60.179', port: 443, protocol: 'TCP', scope: 'external' }, flags: { type: 'ClusterIP', name: 'kubernetes-intranet', namespace: 'default' } } },
    { spec: { id: 6, 'frontend-address': { ip: '10.15.1.8', port: 443, protocol: 'TCP', scope: 'external' }, 'backend-addresses': [], flags: { type: 'LoadBalancer', name: 'kubernetes-intranet', namespace: 'default' } } },
  ];

  it('accepts services without backends (null, missing or empty)', () => {
    const parsed = parseServiceList(tke118);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const t = normalizeServiceList(parsed.value);
    expect(t.rows.map((r) => [r.id, r.address, r.type, r.backends.length])).toEqual([
      [4, '0.0.0.0:30965/TCP', 'NodePort', 0],
      [6, '10.15.1.8:443/TCP', 'LoadBalancer', 0],
      [7, '192.168.60.179:443/TCP', 'ClusterIP', 0],
    ]);
  });

  it('prints IPv6 frontends and backends in brackets and reads lower-case schema values', () => {
    const parsed = parseServiceList([
      {
        spec: {
          id: 12,
          'frontend-address': { ip: '2001:db8:10:96::a', port: 53, protocol: 'udp', scope: 'external' },
          'backend-addresses': [{ ip: '2001:db8:1::10', port: 53, nodeName: 'node-b', zone: 'zone-a', state: 'terminating' }],
          flags: { type: 'clusterip', trafficPolicy: 'Local' },
        },
      },
    ]);
    if (!parsed.ok) throw new Error(parsed.error);
    const [row] = normalizeServiceList(parsed.value).rows;
    expect(row?.address).toBe('[2001:db8:10:96::a]:53/UDP');
    expect(row?.type).toBe('ClusterIP');
    // Older agents only had `trafficPolicy`, which was the external policy.
    expect(row?.extTrafficPolicy).toBe('Local');
    expect(row?.intTrafficPolicy).toBeNull();
    expect(row?.backends[0]).toMatchObject({
      address: '[2001:db8:1::10]:53/UDP',
      protocol: 'UDP',
      zone: 'zone-a',
      state: 'terminating',
      weight: null,
      preferred: false,
    });
    expect(row?.activeBackends).toBe(0);
  });

  it('falls back to status.realized and defaults omitted values the way the agent omits them', () => {
    const parsed = parseServiceList([
      { status: { realized: { 'frontend-address': { ip: '10.96.0.1' }, 'backend-addresses': [{ ip: '172.18.0.2', port: 6443 }] } } },
    ]);
    if (!parsed.ok) throw new Error(parsed.error);
    const t = normalizeServiceList(parsed.value);
    expect(t.rows[0]).toMatchObject({ id: null, address: '10.96.0.1:0', type: null, name: null });
    expect(t.rows[0]?.backends[0]).toMatchObject({ address: '172.18.0.2:6443', state: 'active', protocol: null });
  });

  it('warns about a frontend without an IP instead of failing', () => {
    const parsed = parseServiceList([{ spec: { id: 3, 'frontend-address': { port: 80, protocol: 'TCP' } } }]);
    if (!parsed.ok) throw new Error(parsed.error);
    expect(normalizeServiceList(parsed.value).warnings).toEqual(['service 3: the frontend has no IP address']);
  });
});

describe('formatL3n4Addr', () => {
  it('prints addresses like cilium-dbg', () => {
    expect(formatL3n4Addr('10.96.0.10', 53, 'UDP')).toBe('10.96.0.10:53/UDP');
    expect(formatL3n4Addr('2001:db8:10:96::a', 53, 'UDP')).toBe('[2001:db8:10:96::a]:53/UDP');
    expect(formatL3n4Addr('0.0.0.0', 30965, null)).toBe('0.0.0.0:30965');
  });
});
