import { describe, expect, it } from 'vitest';
import { flow } from '@starmap/proto';
import { createScenario } from './scenario/build.js';
import { FlowGenerator, type Flow } from './index.js';
import { ScenarioLookup } from './scenario/lookup.js';
import { PROFILES } from './profiles.js';

const OP = flow.TraceObservationPoint;

function sample(profile = 'native-kpr-dsr', n = 6000, seed = 7): Flow[] {
  return new FlowGenerator(createScenario(seed, { profile })).take(n);
}

describe('scenario', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    expect(createScenario(5)).toEqual(createScenario(5));
    const a = new FlowGenerator(createScenario(5)).take(1500);
    const b = new FlowGenerator(createScenario(5)).take(1500);
    expect(b).toEqual(a);
    const c = new FlowGenerator(createScenario(6)).take(1500);
    expect(c).not.toEqual(a);
    expect(createScenario(6).pods.map((p) => p.name)).not.toEqual(createScenario(5).pods.map((p) => p.name));
  });

  it('rejects bad input with a clear message', () => {
    expect(() => createScenario(1.5)).toThrow(/seed must be an integer/);
    expect(() => createScenario(1, { profile: 'nope' })).toThrow(/unknown datapath profile "nope".*native-kpr-dsr/);
    expect(() => createScenario(1, { clusterName: 'Bad Name' })).toThrow(/invalid cluster name/);
    expect(() => new FlowGenerator(createScenario(1), { patterns: ['nope'] })).toThrow(/no traffic patterns selected/);
  });

  it('models a kind-like cluster with dual-stack nodes, namespaces and replicated deployments', () => {
    const sc = createScenario(1);
    expect(sc.nodes.map((n) => n.name)).toEqual(['kind-control-plane', 'kind-worker', 'kind-worker2', 'kind-worker3']);
    expect(sc.nodes.map((n) => n.fullName)).toEqual(sc.nodes.map((n) => `kind-kind/${n.name}`));
    for (const n of sc.nodes) {
      expect(n.ipv4).toMatch(/^172\.18\.0\.\d+$/);
      expect(n.ipv6).toMatch(/^fc00:f853:ccd:e793::/);
      expect(n.podCidrV4).toMatch(/^10\.244\.\d+\.0\/24$/);
      expect(n.podCidrV6).toMatch(/^fd00:10:244:/);
    }
    expect(sc.namespaces.map((n) => n.name)).toEqual(expect.arrayContaining(['cilium-test', 'shop', 'kube-system', 'monitoring']));
    const lookup = new ScenarioLookup(sc);
    for (const name of [
      'echo-a', 'echo-b', 'pod-to-a', 'pod-to-a-allowed-cnp', 'pod-to-a-l3-denied-cnp', 'pod-to-b-intra-node',
      'pod-to-b-multi-node-clusterip', 'pod-to-b-multi-node-headless', 'host-to-b-multi-node-clusterip',
      'pod-to-external-1111', 'pod-to-external-fqdn-allow-google-cnp',
    ]) {
      expect(lookup.podsOf('cilium-test', name), name).toHaveLength(1);
    }
    const echoB = lookup.podsOf('cilium-test', 'echo-b')[0]!;
    expect(lookup.podsOf('cilium-test', 'pod-to-b-intra-node')[0]!.node).toBe(echoB.node);
    expect(lookup.podsOf('cilium-test', 'pod-to-b-multi-node-clusterip')[0]!.node).not.toBe(echoB.node);
    expect(lookup.podsOf('cilium-test', 'pod-to-b-multi-node-headless')[0]!.node).not.toBe(echoB.node);

    const frontends = lookup.podsOf('shop', 'frontend');
    expect(frontends.length).toBeGreaterThanOrEqual(3);
    expect(new Set(frontends.map((p) => p.node)).size).toBeGreaterThanOrEqual(2);
    for (const p of frontends) {
      expect(p.name).toMatch(/^frontend-[bcdfghjklmnpqrstvwxz2456789]{9,10}-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      expect(p.labels).toEqual(expect.arrayContaining([
        'k8s:app=frontend',
        'k8s:io.kubernetes.pod.namespace=shop',
        'k8s:io.cilium.k8s.policy.serviceaccount=frontend',
        'k8s:io.cilium.k8s.policy.cluster=kind-kind',
      ]));
      expect(p.labels).toEqual([...p.labels].sort());
    }
    // One identity per workload, distinct across workloads; pod IPs unique.
    const ids = new Map(sc.workloads.filter((w) => !w.hostNetwork).map((w) => [`${w.namespace}/${w.name}`, w.identity]));
    expect(new Set(ids.values()).size).toBe(ids.size);
    const podIps = sc.pods.filter((p) => !p.hostNetwork).flatMap((p) => [p.ipv4, p.ipv6]);
    expect(new Set(podIps).size).toBe(podIps.length);
  });

  it('has ClusterIP, NodePort, LoadBalancer and headless services with backends on several nodes', () => {
    const sc = createScenario(1);
    const lookup = new ScenarioLookup(sc);
    const types = new Set(sc.services.map((s) => (s.headless ? 'headless' : s.type)));
    expect([...types].sort()).toEqual(['ClusterIP', 'LoadBalancer', 'NodePort', 'headless']);
    const frontend = lookup.service('shop', 'frontend');
    expect(frontend.loadBalancerIPs).toEqual(['172.18.255.200', 'fc00:f853:ccd:e793:ff::c8']);
    expect(frontend.clusterIPs.some((ip) => ip.includes(':'))).toBe(true);
    const multiNode = sc.services.filter((s) => new Set(lookup.backendsOf(s).map((p) => p.node)).size >= 2);
    expect(multiNode.map((s) => s.name)).toEqual(expect.arrayContaining(['frontend', 'catalog', 'kube-dns']));
    expect(lookup.service('kube-system', 'kube-dns').clusterIPs).toEqual(['10.96.0.10', 'fd00:10:96::a']);
    expect(lookup.backendsOf(lookup.service('shop', 'payments')).filter((p) => p.terminating)).toHaveLength(1);
    expect(lookup.service('shop', 'recommendations').backendPods).toEqual([]);
  });

  it('follows the IPv6-only profile of the seed notes', () => {
    const sc = createScenario(1, { profile: 'ipv6-only-native' });
    expect(sc.nodes.every((n) => n.ipv4 === null && n.ipv6?.startsWith('2001:db8:'))).toBe(true);
    expect(new ScenarioLookup(sc).service('kube-system', 'kube-dns').clusterIPs).toEqual(['2001:db8:10:96::a']);
    expect(sc.pods.some((p) => p.ipv6 === null)).toBe(false);
  });

  it('names nodes without a prefix in the default cluster, as Hubble does', () => {
    const sc = createScenario(1, { clusterName: 'default' });
    expect(sc.nodes[1]!.fullName).toBe('kind-worker');
    const flows = new FlowGenerator(sc).take(300);
    expect(new Set(flows.map((f) => f.node_name))).toEqual(new Set(flows.map((f) => f.node_name).filter((n) => !n?.includes('/'))));
  });
});

describe('generated flows', () => {
  const flows = sample();
  const sc = createScenario(7);

  it('carry the fields Hubble 1.19 sets on every flow', () => {
    const nodeNames = new Set(sc.nodes.map((n) => n.fullName));
    for (const f of flows) {
      expect(f.uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(f.emitter).toEqual({ name: 'Hubble', version: expect.stringMatching(/^1\.19\.4\+g[0-9a-f]{8}$/) });
      expect(nodeNames.has(f.node_name ?? '')).toBe(true);
      expect(f.Summary).toBeTruthy();
      expect(f.event_type?.type).toBeGreaterThan(0);
      if (f.Type === flow.FlowType.L3_L4) expect(f.ethernet?.source).toMatch(/^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/);
    }
    expect(new Set(flows.map((f) => f.uuid)).size).toBe(flows.length);
  });

  it('spans namespaces, nodes and both IP families', () => {
    const namespaces = new Set(flows.flatMap((f) => [f.source?.namespace, f.destination?.namespace]).filter(Boolean));
    expect([...namespaces]).toEqual(expect.arrayContaining(['cilium-test', 'shop', 'kube-system', 'monitoring']));
    expect(new Set(flows.map((f) => f.node_name)).size).toBe(4);
    const v6 = flows.filter((f) => f.IP?.ipVersion === flow.IPVersion.IPv6);
    const v4 = flows.filter((f) => f.IP?.ipVersion === flow.IPVersion.IPv4);
    expect(v4.length).toBeGreaterThan(v6.length);
    expect(v6.length).toBeGreaterThan(50);
    expect(v6.every((f) => f.IP?.source?.includes(':') && f.IP.destination?.includes(':'))).toBe(true);
  });

  it('has policy drops of pod-to-a-l3-denied-cnp with the drop event type and denying policy', () => {
    const drops = flows.filter((f) => f.verdict === flow.Verdict.DROPPED && f.event_type?.type === 1 && f.source?.pod_name?.startsWith('pod-to-a-l3-denied-cnp-'));
    expect(drops.length).toBeGreaterThan(0);
    for (const d of drops) {
      expect(d.drop_reason_desc).toBe(flow.DropReason.POLICY_DENIED);
      expect(d.event_type).toEqual({ type: 1, sub_type: 133 });
      expect(d.destination?.pod_name).toMatch(/^echo-a-/);
      expect(d.traffic_direction).toBe(flow.TrafficDirection.INGRESS);
      expect(d.ingress_denied_by?.[0]).toMatchObject({ name: 'pod-to-a-l3-denied-cnp', namespace: 'cilium-test', kind: 'CiliumNetworkPolicy' });
      expect(d.l4?.TCP?.flags).toEqual({ SYN: true });
    }
    // Every drop's event sub type is its drop reason.
    const allDrops = flows.filter((f) => f.event_type?.type === 1);
    expect(allDrops.every((d) => d.event_type?.sub_type === d.drop_reason_desc && d.verdict === flow.Verdict.DROPPED)).toBe(true);
    const reasons = new Set(allDrops.map((d) => d.drop_reason_desc));
    expect(reasons.size).toBeGreaterThanOrEqual(3);
  });

  it('shows other drop reasons over a longer run', () => {
    const long = sample('native-kpr-dsr', 40000, 11);
    const reasons = new Set(long.filter((f) => f.event_type?.type === 1).map((f) => f.drop_reason_desc));
    for (const r of [
      flow.DropReason.POLICY_DENIED,
      flow.DropReason.POLICY_DENY,
      flow.DropReason.STALE_OR_UNROUTABLE_IP,
      flow.DropReason.SERVICE_BACKEND_NOT_FOUND,
      flow.DropReason.CT_MAP_INSERTION_FAILED,
      flow.DropReason.INVALID_SOURCE_IP,
    ]) {
      expect(reasons.has(r), flow.DropReason[r]).toBe(true);
    }
  });

  it('has DNS requests and responses through the proxy to CoreDNS', () => {
    const dns = flows.filter((f) => f.l7?.dns);
    const requests = dns.filter((f) => f.l7?.type === flow.L7FlowType.REQUEST);
    const responses = dns.filter((f) => f.l7?.type === flow.L7FlowType.RESPONSE);
    expect(requests.length).toBeGreaterThan(20);
    expect(responses.length).toBe(requests.length);
    for (const r of requests) {
      expect(r.Type).toBe(flow.FlowType.L7);
      expect(r.event_type).toEqual({ type: 129 });
      expect(r.destination?.pod_name).toMatch(/^coredns-/);
      expect(r.destination_service).toEqual({ name: 'kube-dns', namespace: 'kube-system' });
      expect(r.l7?.dns?.query).toMatch(/\.$/);
      expect(r.l7?.dns?.qtypes?.length).toBe(1);
      expect(r.Summary).toBe(`DNS Query ${r.l7?.dns?.query} ${r.l7?.dns?.qtypes?.[0]}`);
    }
    const ok = responses.filter((r) => r.l7?.dns?.rcode === 0 && (r.l7.dns.ips?.length ?? 0) > 0);
    const nx = responses.filter((r) => r.l7?.dns?.rcode === 3);
    expect(ok.length).toBeGreaterThan(0);
    expect(nx.length).toBeGreaterThan(0);
    expect(responses.every((r) => Number(r.l7?.latency_ns) > 0 && r.is_reply?.value === true)).toBe(true);
    expect(ok.some((r) => r.l7?.dns?.query === 'echo-a.cilium-test.svc.cluster.local.')).toBe(true);
  });

  it('has HTTP L7 flows on the shop', () => {
    const http = flows.filter((f) => f.l7?.http);
    expect(http.some((f) => f.l7?.http?.url?.startsWith('http://shop.example.com/'))).toBe(true);
    expect(http.some((f) => f.l7?.type === flow.L7FlowType.RESPONSE && f.l7.http?.code === 200)).toBe(true);
  });

  it('has world, host, remote-node and kube-apiserver peers', () => {
    const labels = new Set(flows.flatMap((f) => [...(f.source?.labels ?? []), ...(f.destination?.labels ?? [])]));
    for (const l of ['reserved:world-ipv4', 'reserved:world-ipv6', 'reserved:host', 'reserved:remote-node', 'reserved:kube-apiserver', 'fqdn:www.google.com']) {
      expect(labels.has(l), l).toBe(true);
    }
    const to1111 = flows.filter((f) => f.IP?.destination === '1.1.1.1');
    expect(to1111.length).toBeGreaterThan(0);
    expect(to1111[0]?.destination?.identity).toBe(9);
    const google = flows.filter((f) => f.destination_names?.includes('www.google.com'));
    expect(google.length).toBeGreaterThan(0);
    // World ingress to the LoadBalancer keeps the client address (DSR) and names the service.
    const ingress = flows.filter((f) => f.source?.labels?.includes('reserved:world-ipv4') && f.destination?.pod_name?.startsWith('frontend-'));
    expect(ingress.length).toBeGreaterThan(0);
    expect(ingress.every((f) => f.destination_service?.name === 'frontend')).toBe(true);
  });

  it('tells local endpoints (with endpoint ID) from remote ones and traces both ends of cross-node packets', () => {
    const lookup = new ScenarioLookup(sc);
    for (const f of flows.slice(0, 2000)) {
      for (const ep of [f.source, f.destination]) {
        if (!ep?.pod_name || !ep.namespace) continue;
        const pod = lookup.pod(ep.namespace, ep.pod_name);
        const local = f.node_name === lookup.node(pod.node).fullName;
        expect(ep.ID !== undefined, `${ep.pod_name} on ${f.node_name}`).toBe(local);
      }
    }
    const points = new Set(flows.map((f) => f.trace_observation_point).filter((p) => p !== undefined));
    for (const p of [OP.TO_ENDPOINT, OP.TO_NETWORK, OP.TO_PROXY, OP.TO_HOST]) expect(points.has(p), OP[p]).toBe(true);
    // Trace events carry the observation point as sub type (to-endpoint is 0).
    for (const f of flows.filter((x) => x.event_type?.type === 4)) {
      const p = f.trace_observation_point as number;
      expect(f.event_type?.sub_type).toBe(p === OP.TO_ENDPOINT ? 0 : p);
    }
  });

  it('progresses TCP flags from SYN to FIN with replies marked', () => {
    const conn = flows.filter((f) => f.l4?.TCP && f.event_type?.type === 4);
    const flags = new Set(conn.map((f) => f.Summary));
    for (const s of ['TCP Flags: SYN', 'TCP Flags: SYN, ACK', 'TCP Flags: ACK', 'TCP Flags: ACK, PSH', 'TCP Flags: ACK, FIN']) expect(flags.has(s), s).toBe(true);
    for (const f of conn.filter((x) => x.Summary === 'TCP Flags: SYN, ACK')) {
      expect(f.is_reply?.value).toBe(true);
      expect(f.reply).toBe(true);
      expect(f.trace_reason).toBe(flow.TraceReason.REPLY);
    }
    // A new connection's SYN is NEW; only retransmissions of dropped SYNs find an entry already.
    const syns = conn.filter((x) => x.Summary === 'TCP Flags: SYN');
    const fresh = syns.filter((f) => f.trace_reason === flow.TraceReason.NEW);
    expect(fresh.length).toBeGreaterThan(syns.length * 0.9);
  });

  it('reflects the datapath profile in observation points and address families', () => {
    const vxlan = sample('vxlan-legacy', 3000);
    const vpoints = new Set(vxlan.map((f) => f.trace_observation_point));
    expect(vpoints.has(OP.TO_OVERLAY)).toBe(true);
    expect(vpoints.has(OP.TO_NETWORK)).toBe(false);
    expect(vxlan.some((f) => f.Type === flow.FlowType.SOCK)).toBe(false);
    expect(vxlan.every((f) => f.IP?.ipVersion === flow.IPVersion.IPv4)).toBe(true);
    // kube-proxy translates after the pod: the client's side sees the service VIP.
    const echoA = createScenario(7, { profile: 'vxlan-legacy' }).services.find((s) => s.name === 'echo-a')!;
    expect(vxlan.some((f) => f.IP?.destination === echoA.clusterIPs[0] && f.trace_observation_point === OP.TO_STACK)).toBe(true);

    const v6only = sample('ipv6-only-native', 3000);
    expect(v6only.every((f) => f.IP?.ipVersion === flow.IPVersion.IPv6)).toBe(true);
    expect(v6only.some((f) => f.IP?.encrypted === true)).toBe(true);

    expect(flows.some((f) => f.Type === flow.FlowType.SOCK && f.sock_xlate_point === flow.SocketTranslationPoint.SOCK_XLATE_POINT_POST_DIRECTION_FWD && f.verdict === flow.Verdict.TRANSLATED)).toBe(true);
    expect(Object.keys(PROFILES)).toEqual(['native-kpr-dsr', 'vxlan-legacy', 'hybrid', 'ipv6-only-native']);
  });
});
