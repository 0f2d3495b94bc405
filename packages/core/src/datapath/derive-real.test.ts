/**
 * Badges derived from real agent output. The agent's JSON was not published with these outputs,
 * so each fixture rebuilds the /v1/healthz payload from the lines the text shows, using the field
 * each line is printed from (cilium-dbg's status formatter: e.g. "Host Routing: Legacy" is
 * host-routing.mode, "Masquerading: IPTables [IPv4: Enabled, IPv6: Disabled]" is
 * masquerading.mode=iptables with enabledProtocols.ipv4=true). Fields the text does not show are
 * left out, as are false booleans (the agent omits them).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseDaemonConfiguration, parseStatusResponse } from '../agent/parse.js';
import type { AgentStatusResponse } from '../agent/status.js';
import type { DaemonConfiguration } from '../agent/config.js';
import { deriveDatapathModes, findBadge } from './derive.js';
import type { DatapathModes } from './types.js';

function status(json: unknown): AgentStatusResponse {
  const parsed = parseStatusResponse(json);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
}

function config(json: unknown): DaemonConfiguration {
  const parsed = parseDaemonConfiguration(json);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
}

function values(modes: DatapathModes): Record<string, string> {
  return Object.fromEntries(modes.badges.map((b) => [b.id, b.value]));
}

// (a) Synthetic from real: ../shared/real-data/cilium-cli/kind-cilium-1.15.0-rc.1-status-verbose.txt
// (`cilium status --verbose`, Cilium 1.15.0-rc.1 on kind, repository BurlyLuo/wcni-kind,
// LabasCode/cilium/cilium-1.15.0-rc.1/.../1-native-routing/cilium-status.verbose, commit d578d07d975a).
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const kindVerbose = readFileSync(
  path.resolve(repoRoot, '../shared/real-data/cilium-cli/kind-cilium-1.15.0-rc.1-status-verbose.txt'),
  'utf8',
);

const kind115Healthz = {
  kvstore: { state: 'Ok', msg: 'Disabled' },
  kubernetes: {
    state: 'Ok',
    msg: '1.27 (v1.27.3) [linux/amd64]',
    'k8s-api-versions': [
      'EndpointSliceOrEndpoint',
      'cilium/v2::CiliumClusterwideNetworkPolicy',
      'cilium/v2::CiliumEndpoint',
      'cilium/v2::CiliumNetworkPolicy',
      'cilium/v2::CiliumNode',
      'cilium/v2alpha1::CiliumCIDRGroup',
      'core/v1::Namespace',
      'core/v1::Pods',
      'core/v1::Service',
      'networking.k8s.io/v1::NetworkPolicy',
    ],
  },
  'kube-proxy-replacement': {
    mode: 'True',
    devices: ['eth0'],
    deviceList: [{ name: 'eth0', ip: ['172.18.0.2', 'fc00:f853:ccd:e793::2', 'fe80::42:acff:fe12:2'] }],
    directRoutingDevice: 'eth0',
    features: {
      socketLB: { enabled: true },
      socketLBTracing: { enabled: true },
      nodePort: { enabled: true, mode: 'SNAT', algorithm: 'Random', acceleration: 'Disabled', portMin: 30000, portMax: 32767 },
      sessionAffinity: { enabled: true },
      gracefulTermination: { enabled: true },
      nat46X64: {},
      externalIPs: { enabled: true },
      hostPort: { enabled: true },
    },
  },
  'host-firewall': { mode: 'Disabled' },
  srv6: {},
  'cni-chaining': { mode: 'none' },
  cilium: { state: 'Ok', msg: '1.15.0-rc.1 (v1.15.0-rc.1-f582c55c)' },
  nodeMonitor: { cpus: 128, npages: 64, pagesize: 4096 },
  cluster: { ciliumHealth: { state: 'Ok', msg: '' } },
  ipam: { status: 'IPv4: 2/254 allocated from 10.0.1.0/24, ', allocations: { '10.0.1.140': 'router', '10.0.1.254': 'health' } },
  'ipv4-big-tcp': {},
  'ipv6-big-tcp': {},
  'bandwidth-manager': {},
  'host-routing': { mode: 'Legacy' },
  masquerading: { enabled: true, enabledProtocols: { ipv4: true }, mode: 'iptables' },
  'clock-source': { mode: 'ktime' },
  proxy: { ip: '10.0.1.140', 'port-range': '10000-20000', 'total-redirects': 0, 'envoy-deployment-mode': 'embedded' },
  'identity-range': { 'min-identity': 256, 'max-identity': 65535 },
  hubble: { state: 'Ok', observer: { 'current-flows': 4095, 'max-flows': 4095 }, metrics: { state: 'Disabled' } },
  'bpf-maps': { 'dynamic-size-ratio': 0.0025, maps: [{ name: 'IPv4 service', size: 65536 }, { name: 'NAT', size: 202105 }] },
  encryption: { mode: 'Disabled' },
};

describe('(a) kind, Cilium 1.15.0-rc.1, KPR + native routing (synthetic from real)', () => {
  it('the fixture mirrors the lines of the real output', () => {
    // Guards against the fixture drifting from the file it is built from.
    for (const line of [
      /KubeProxyReplacement:\s+True\s+\[eth0\s+172\.18\.0\.2 fc00:f853:ccd:e793::2 fe80::42:acff:fe12:2 \(Direct Routing\)\]/,
      /Cilium:\s+Ok\s+1\.15\.0-rc\.1 \(v1\.15\.0-rc\.1-f582c55c\)/,
      /BandwidthManager:\s+Disabled/,
      /Host Routing:\s+Legacy/,
      /Masquerading:\s+IPTables \[IPv4: Enabled, IPv6: Disabled\]/,
      /Socket LB:\s+Enabled/,
      /Mode:\s+SNAT/,
      /Backend Selection:\s+Random/,
      /XDP Acceleration:\s+Disabled/,
      /NodePort:\s+Enabled \(Range: 30000-32767\)/,
      /externalIPs:\s+Enabled/,
      /HostPort:\s+Enabled/,
      /Encryption:\s+Disabled/,
    ]) {
      expect(kindVerbose).toMatch(line);
    }
    expect(kindVerbose).not.toMatch(/^Routing:/m);
    expect(kindVerbose).not.toMatch(/Attach Mode:/);
  });

  const modes = deriveDatapathModes(status(kind115Healthz));

  it('reads the reported modes', () => {
    expect(modes.agentVersion).toBe('1.15.0-rc.1');
    expect(values(modes)).toMatchObject({
      'kube-proxy-replacement': 'True',
      'host-routing': 'Legacy',
      'load-balancer': 'SNAT',
      masquerading: 'iptables (IPv4)',
      encryption: 'Off',
      'bandwidth-manager': 'Off',
    });
    expect(findBadge(modes, 'kube-proxy-replacement').details).toEqual([
      { label: 'Socket LB', value: 'Enabled' },
      { label: 'NodePort', value: 'Enabled (30000-32767)' },
      { label: 'ExternalIPs', value: 'Enabled' },
      { label: 'HostPort', value: 'Enabled' },
      { label: 'Session affinity', value: 'Enabled' },
      { label: 'Graceful termination', value: 'Enabled' },
      { label: 'NAT46/64', value: 'Disabled' },
    ]);
    expect(findBadge(modes, 'load-balancer').details).toEqual([
      { label: 'Backend selection', value: 'Random' },
      { label: 'Acceleration', value: 'Off' },
    ]);
    expect(findBadge(modes, 'host-routing').sources).toEqual([
      { from: '/v1/healthz', path: 'host-routing.mode', value: 'Legacy' },
    ]);
  });

  it('explains legacy host routing by the iptables masquerading', () => {
    const hr = findBadge(modes, 'host-routing');
    expect(hr.state).toBe('info');
    expect(hr.warnings).toEqual([]);
    expect(hr.notes.join(' ')).toMatch(/iptables.*BPF host routing requires BPF masquerading/);
  });

  it('cannot know what 1.15 does not report, and says why', () => {
    const routing = findBadge(modes, 'routing');
    expect(routing.state).toBe('unknown');
    expect(routing.reasonUnknown).toContain('Cilium 1.15.0-rc.1 predates it; it was added in 1.16');
    expect(routing.reasonUnknown).toContain('/v1/config');
    expect(routing.notes[0]).toContain('(Direct Routing)');
    expect(findBadge(modes, 'attach-mode').state).toBe('unknown');
    expect(findBadge(modes, 'datapath-mode').state).toBe('unknown');
    expect(findBadge(modes, 'ip-families').reasonUnknown).toContain('/v1/config');
    expect(findBadge(modes, 'cluster').state).toBe('unknown');
    expect(modes.badges.filter((b) => b.state === 'warn')).toEqual([]);
  });

  it('fills routing, families and cluster from /v1/config (synthetic config for the same setup)', () => {
    // The setup folder is named 1-native-routing and its cni.yaml sets native routing; the
    // addressing matches the IPAM line (IPv4 only, 10.0.1.0/24). The cluster name is the one the
    // cluster-health section prints ("cilium-kpr/...").
    const withConfig = deriveDatapathModes(
      status(kind115Healthz),
      config({
        status: {
          addressing: { ipv4: { enabled: true, ip: '10.0.1.140', 'alloc-range': '10.0.1.0/24' } },
          daemonConfigurationMap: { ClusterName: 'cilium-kpr', RoutingMode: 'native', EnableIPv4: true, EnableIPv6: false },
        },
      }),
    );
    expect(values(withConfig)).toMatchObject({ routing: 'Native', 'ip-families': 'IPv4 only', cluster: 'cilium-kpr' });
    expect(findBadge(withConfig, 'routing').sources).toEqual([
      { from: '/v1/config', path: 'status.daemonConfigurationMap.RoutingMode', value: 'native' },
    ]);
    expect(findBadge(withConfig, 'ip-families').details).toEqual([{ label: 'IPv4 pod range', value: '10.0.1.0/24' }]);
  });
});

// (b) The IPv6-only cluster of DESIGN.md's seed notes (/work/shared/DESIGN.md, "A real IPv6-only
// cluster"): Cilium 1.19.0, `cilium-dbg status --verbose` shows "KubeProxyReplacement: True",
// "Routing: Network: Native Host: BPF", "Attach Mode: TCX"; IPv6 masquerading is off and the
// cluster is IPv6-only. Synthetic from real: only those facts are encoded.
describe('(b) IPv6-only cluster, Cilium 1.19.0 (DESIGN.md seed notes)', () => {
  const healthz = {
    cilium: { state: 'Ok', msg: '1.19.0' },
    'kube-proxy-replacement': { mode: 'True' },
    routing: { 'inter-host-routing-mode': 'Native', 'intra-host-routing-mode': 'BPF' },
    'attach-mode': 'tcx',
    masquerading: { enabledProtocols: {} },
  };
  const cfg = { status: { addressing: { ipv6: { enabled: true, 'alloc-range': '2001:db8:1::/64' } } } };
  const modes = deriveDatapathModes(status(healthz), config(cfg));

  it('shows native routing, KPR, BPF host routing, TCX and IPv6 only', () => {
    expect(values(modes)).toMatchObject({
      routing: 'Native',
      'kube-proxy-replacement': 'True',
      'host-routing': 'BPF',
      'attach-mode': 'TCX',
      masquerading: 'Off',
      'ip-families': 'IPv6 only',
    });
    for (const id of ['routing', 'kube-proxy-replacement', 'host-routing', 'attach-mode', 'ip-families'] as const) {
      expect(findBadge(modes, id).state).toBe('ok');
    }
    expect(findBadge(modes, 'host-routing').sources).toEqual([
      { from: '/v1/healthz', path: 'routing.intra-host-routing-mode', value: 'BPF' },
    ]);
  });

  it('BPF host routing with masquerading off is consistent', () => {
    expect(modes.badges.flatMap((b) => b.warnings)).toEqual([]);
  });

  it('leaves unreported 1.19 fields unknown with a reason naming the version', () => {
    expect(findBadge(modes, 'datapath-mode').reasonUnknown).toContain('agent 1.19.0; Cilium 1.16+ normally reports it');
    expect(findBadge(modes, 'load-balancer').state).toBe('unknown');
  });
});

// (c) Real `cilium status` output published in Cilium's own issues, pull requests and docs.
describe('(c) outputs from Cilium issues and docs', () => {
  it('cilium/cilium PR #10083 (2020): KubeProxyReplacement Probe with NodePort SNAT', () => {
    // https://github.com/cilium/cilium/pull/10083 — description:
    //   KubeProxyReplacement:   Probe   [NodePort (SNAT, 30000-32767), ExternalIPs, HostReachableServices (TCP, UDP)]
    //   Cilium:                 Ok      OK
    //   NodeMonitor:            Disabled
    const modes = deriveDatapathModes(
      status({
        cilium: { state: 'Ok', msg: 'OK' },
        'kube-proxy-replacement': {
          mode: 'Probe',
          features: {
            nodePort: { enabled: true, mode: 'SNAT', portMin: 30000, portMax: 32767 },
            externalIPs: { enabled: true },
            hostReachableServices: { enabled: true, protocols: ['TCP', 'UDP'] },
          },
        },
      }),
    );
    const kpr = findBadge(modes, 'kube-proxy-replacement');
    expect(kpr.value).toBe('Probe');
    expect(kpr.state).toBe('info');
    expect(kpr.notes[0]).toMatch(/^Probe \(before 1\.14\)/);
    expect(kpr.details).toEqual([
      { label: 'Socket LB (host-reachable services)', value: 'Enabled (TCP, UDP)' },
      { label: 'NodePort', value: 'Enabled (30000-32767)' },
      { label: 'ExternalIPs', value: 'Enabled' },
    ]);
    expect(findBadge(modes, 'load-balancer').value).toBe('SNAT');
    expect(modes.agentVersion).toBeNull();
    expect(findBadge(modes, 'routing').reasonUnknown).toContain('Cilium < 1.16? the agent did not report its version');
  });

  it('cilium/cilium Documentation/network/kubernetes/kubeproxy-free.rst: KPR True with all features', () => {
    // Commit 011b49409877, "Validate the Setup":
    //   KubeProxyReplacement:   True	[eth0 (Direct Routing), eth1]
    //   KubeProxyReplacement Details:
    //     Status: True; Socket LB: Enabled; Protocols: TCP, UDP; Devices: eth0 (Direct Routing), eth1
    //     Mode: SNAT; Backend Selection: Random; Session Affinity: Enabled
    //     Graceful Termination: Enabled; NAT46/64 Support: Enabled; XDP Acceleration: Disabled
    //     Services: ClusterIP, NodePort (Range: 30000-32767), LoadBalancer, externalIPs, HostPort: Enabled
    const modes = deriveDatapathModes(
      status({
        'kube-proxy-replacement': {
          mode: 'True',
          devices: ['eth0', 'eth1'],
          deviceList: [{ name: 'eth0', ip: null }, { name: 'eth1', ip: null }],
          directRoutingDevice: 'eth0',
          features: {
            socketLB: { enabled: true },
            nodePort: { enabled: true, mode: 'SNAT', algorithm: 'Random', acceleration: 'Disabled', portMin: 30000, portMax: 32767 },
            sessionAffinity: { enabled: true },
            gracefulTermination: { enabled: true },
            nat46X64: { enabled: true },
            externalIPs: { enabled: true },
            hostPort: { enabled: true },
          },
        },
      }),
    );
    const kpr = findBadge(modes, 'kube-proxy-replacement');
    expect(kpr.state).toBe('ok');
    expect(kpr.details.filter((d) => d.value.startsWith('Enabled')).map((d) => d.label)).toEqual([
      'Socket LB',
      'NodePort',
      'ExternalIPs',
      'HostPort',
      'Session affinity',
      'Graceful termination',
      'NAT46/64',
    ]);
    expect(kpr.notes).toEqual([]);
    expect(findBadge(modes, 'load-balancer').details).toContainEqual({ label: 'Acceleration', value: 'Off' });
  });

  it('cilium/cilium PR #32036 (2024): Routing: Network: Tunnel [vxlan] Host: Legacy', () => {
    // https://github.com/cilium/cilium/pull/32036 — example in the description:
    //   Routing:                              Network: Tunnel [vxlan]   Host: Legacy
    const modes = deriveDatapathModes(
      status({
        routing: { 'inter-host-routing-mode': 'Tunnel', 'intra-host-routing-mode': 'Legacy', 'tunnel-protocol': 'vxlan' },
      }),
    );
    expect(findBadge(modes, 'routing')).toMatchObject({
      value: 'Tunnel (VXLAN)',
      state: 'ok',
      details: [{ label: 'Tunnel protocol', value: 'VXLAN' }],
    });
    expect(findBadge(modes, 'host-routing')).toMatchObject({ value: 'Legacy', state: 'info' });
    // Nothing else is known, so no reason for the fallback can be given.
    expect(findBadge(modes, 'host-routing').notes).toEqual([]);
  });

  it('cilium/cilium issue #14927 (2021): Partial KPR with everything but ClusterIP disabled', () => {
    // https://github.com/cilium/cilium/issues/14927 — description:
    //   KubeProxyReplacement Details:
    //     Status:             Partial
    //     Session Affinity:   Disabled
    //     Services: ClusterIP Enabled; NodePort, LoadBalancer, externalIPs, HostPort Disabled
    const modes = deriveDatapathModes(
      status({
        kubernetes: { state: 'Ok' },
        'kube-proxy-replacement': {
          mode: 'Partial',
          features: { nodePort: {}, hostPort: {}, externalIPs: {}, sessionAffinity: {} },
        },
      }),
    );
    const kpr = findBadge(modes, 'kube-proxy-replacement');
    expect(kpr).toMatchObject({ value: 'Partial', state: 'info' });
    expect(kpr.details).toEqual([
      { label: 'NodePort', value: 'Disabled' },
      { label: 'ExternalIPs', value: 'Disabled' },
      { label: 'HostPort', value: 'Disabled' },
      { label: 'Session affinity', value: 'Disabled' },
    ]);
    expect(findBadge(modes, 'load-balancer')).toMatchObject({ value: 'Not handled by Cilium', state: 'info' });
  });

  it('cilium/cilium issue #32065 (2024): 1.15.1 in tunnel mode shows "(Direct Routing)" but no routing', () => {
    // https://github.com/cilium/cilium/issues/32065 — the reporter runs tunnels; the output shows:
    //   KubeProxyReplacement:    True   [ens3   192.168.44.37 fe80::f816:3eff:fe57:7c52 (Direct Routing)]
    //   CNI Chaining:            portmap
    //   Cilium:                  Ok   1.15.1 (v1.15.1-a368c8f0)
    //   IPv4 BIG TCP: Disabled; IPv6 BIG TCP: Disabled
    const modes = deriveDatapathModes(
      status({
        'kube-proxy-replacement': {
          mode: 'True',
          devices: ['ens3'],
          deviceList: [{ name: 'ens3', ip: ['192.168.44.37', 'fe80::f816:3eff:fe57:7c52'] }],
          directRoutingDevice: 'ens3',
        },
        'host-firewall': { mode: 'Disabled' },
        'cni-chaining': { mode: 'portmap' },
        cilium: { state: 'Ok', msg: '1.15.1 (v1.15.1-a368c8f0)' },
        'ipv4-big-tcp': {},
        'ipv6-big-tcp': {},
      }),
    );
    const routing = findBadge(modes, 'routing');
    expect(routing.value).toBe('Unknown');
    expect(routing.reasonUnknown).toContain('Cilium 1.15.1 predates it');
    expect(routing.notes).toEqual([
      'The "(Direct Routing)" mark on ens3 in the kube-proxy replacement devices does not mean native routing; agents show it in tunnel mode too.',
    ]);
    expect(findBadge(modes, 'kube-proxy-replacement').value).toBe('True');
    // No features in the payload: nothing is claimed about them.
    expect(findBadge(modes, 'kube-proxy-replacement').details).toEqual([]);
    expect(findBadge(modes, 'load-balancer').state).toBe('unknown');
  });
});
