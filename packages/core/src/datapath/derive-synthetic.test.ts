/**
 * (d) Synthetic /v1/healthz payloads (built by us from the openapi.yaml models) for the modes and
 * inconsistencies that the real outputs do not cover.
 */
import { describe, expect, it } from 'vitest';
import { parseDaemonConfiguration, parseStatusResponse } from '../agent/parse.js';
import { compareNodes } from './compare.js';
import { deriveDatapathModes, findBadge } from './derive.js';
import { datapathExplanations } from './explanations.js';
import { parseAgentVersion } from './context.js';
import { DATAPATH_BADGE_IDS, type DatapathModes } from './types.js';

function derive(healthz: unknown, cfg?: unknown): DatapathModes {
  const s = parseStatusResponse(healthz);
  if (!s.ok) throw new Error(s.error);
  if (cfg === undefined) return deriveDatapathModes(s.value);
  const c = parseDaemonConfiguration(cfg);
  if (!c.ok) throw new Error(c.error);
  return deriveDatapathModes(s.value, c.value);
}

function values(modes: DatapathModes): Record<string, string> {
  return Object.fromEntries(modes.badges.map((b) => [b.id, b.value]));
}

function allWarnings(modes: DatapathModes): string[] {
  return modes.badges.flatMap((b) => b.warnings);
}

/** A 1.18-style payload; `over` replaces whole top-level sections. */
function healthz118(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    cilium: { state: 'Ok', msg: '1.18.2 (v1.18.2-5bd3a8e2)' },
    cluster: { self: 'prod/node-a', ciliumHealth: { state: 'Ok' } },
    'kube-proxy-replacement': {
      mode: 'True',
      features: {
        socketLB: { enabled: true },
        nodePort: { enabled: true, mode: 'SNAT', algorithm: 'Random', acceleration: 'None', portMin: 30000, portMax: 32767 },
        externalIPs: { enabled: true },
        hostPort: { enabled: true },
      },
    },
    routing: { 'inter-host-routing-mode': 'Native', 'intra-host-routing-mode': 'BPF' },
    masquerading: { enabled: true, enabledProtocols: { ipv4: true }, mode: 'BPF', 'snat-exclusion-cidr-v4': '10.0.0.0/8' },
    'attach-mode': 'tcx',
    'datapath-mode': 'veth',
    'bandwidth-manager': {},
    encryption: { mode: 'Disabled' },
    ...over,
  };
}

function withNodePort(nodePort: Record<string, unknown>): Record<string, unknown> {
  return {
    mode: 'True',
    features: { socketLB: { enabled: true }, nodePort: { enabled: true, portMin: 30000, portMax: 32767, ...nodePort } },
  };
}

describe('VXLAN tunnel with legacy datapath, no kube-proxy replacement', () => {
  const modes = derive(
    healthz118({
      'kube-proxy-replacement': { mode: 'False', features: { socketLB: {}, nodePort: {}, externalIPs: {}, hostPort: {} } },
      routing: { 'inter-host-routing-mode': 'Tunnel', 'intra-host-routing-mode': 'Legacy', 'tunnel-protocol': 'vxlan' },
      masquerading: { enabled: true, enabledProtocols: { ipv4: true }, mode: 'iptables' },
      'attach-mode': 'tc',
    }),
  );

  it('shows every mode, legacy ones as info', () => {
    expect(values(modes)).toEqual({
      routing: 'Tunnel (VXLAN)',
      'kube-proxy-replacement': 'False',
      'host-routing': 'Legacy',
      'load-balancer': 'Not handled by Cilium',
      masquerading: 'iptables (IPv4)',
      'attach-mode': 'TC (legacy)',
      'datapath-mode': 'veth',
      'ip-families': 'Unknown',
      encryption: 'Off',
      'bandwidth-manager': 'Off',
      cluster: 'prod',
    });
    expect(findBadge(modes, 'host-routing').state).toBe('info');
    expect(findBadge(modes, 'attach-mode').state).toBe('info');
    expect(allWarnings(modes)).toEqual([]);
  });

  it('gives both reasons for legacy host routing', () => {
    const notes = findBadge(modes, 'host-routing').notes;
    expect(notes).toHaveLength(2);
    expect(notes[0]).toMatch(/Kube-proxy replacement is off/);
    expect(notes[1]).toMatch(/Masquerading runs in iptables/);
  });

  it('takes the node name from cluster.self', () => {
    expect(modes.nodeName).toBe('node-a');
    expect(findBadge(modes, 'cluster').details).toEqual([{ label: 'Node', value: 'node-a' }]);
  });
});

describe('native routing + KPR + BPF host routing + DSR', () => {
  const modes = derive(
    healthz118({
      'kube-proxy-replacement': withNodePort({
        mode: 'DSR',
        dsrMode: 'IP Option/Extension',
        algorithm: 'Maglev',
        lutSize: 16381,
        acceleration: 'Native',
      }),
      'datapath-mode': 'netkit',
      'bandwidth-manager': { enabled: true, congestionControl: 'bbr', devices: ['eth0'] },
      encryption: {
        mode: 'Wireguard',
        wireguard: { 'node-encryption': 'Disabled', interfaces: [{ name: 'cilium_wg0', 'listen-port': 51871, 'peer-count': 2 }] },
      },
    }),
    {
      status: {
        addressing: { ipv4: { enabled: true }, ipv6: { enabled: true } },
        daemonConfigurationMap: { ClusterName: 'prod', ClusterID: 3 },
      },
    },
  );

  it('shows the fast path everywhere, without warnings', () => {
    expect(values(modes)).toEqual({
      routing: 'Native',
      'kube-proxy-replacement': 'True',
      'host-routing': 'BPF',
      'load-balancer': 'DSR (IP option/extension)',
      masquerading: 'BPF (IPv4)',
      'attach-mode': 'TCX',
      'datapath-mode': 'netkit',
      'ip-families': 'Dual stack (IPv4 + IPv6)',
      encryption: 'WireGuard',
      'bandwidth-manager': 'Enabled (BBR)',
      cluster: 'prod',
    });
    expect(modes.badges.map((b) => b.state)).toEqual(DATAPATH_BADGE_IDS.map(() => 'ok'));
    expect(allWarnings(modes)).toEqual([]);
  });

  it('lists dispatch, Maglev and XDP with their sources', () => {
    const lb = findBadge(modes, 'load-balancer');
    expect(lb.details).toEqual([
      { label: 'DSR dispatch', value: 'IP option/extension' },
      { label: 'Backend selection', value: 'Maglev (table size 16381)' },
      { label: 'Acceleration', value: 'XDP (native)' },
    ]);
    expect(lb.sources).toContainEqual({
      from: '/v1/healthz',
      path: 'kube-proxy-replacement.features.nodePort.mode',
      value: 'DSR',
    });
    expect(lb.sources).toContainEqual({
      from: '/v1/healthz',
      path: 'kube-proxy-replacement.features.nodePort.dsrMode',
      value: 'IP Option/Extension',
    });
  });

  it('details WireGuard, masquerading exclusions and the cluster ID', () => {
    expect(findBadge(modes, 'encryption').details).toEqual([
      { label: 'Node-to-node traffic', value: 'Disabled' },
      { label: 'cilium_wg0', value: 'port 51871, 2 peers' },
    ]);
    expect(findBadge(modes, 'masquerading').details).toEqual([{ label: 'Not masqueraded (IPv4)', value: '10.0.0.0/8' }]);
    expect(findBadge(modes, 'cluster').details).toEqual([
      { label: 'Node', value: 'node-a' },
      { label: 'Cluster ID', value: '3' },
    ]);
  });
});

describe('DSR and hybrid with tunnel routing', () => {
  const tunnel = (protocol: string) => ({
    'inter-host-routing-mode': 'Tunnel',
    'intra-host-routing-mode': 'BPF',
    'tunnel-protocol': protocol,
  });

  it('warns about hybrid mode over VXLAN', () => {
    const modes = derive(
      healthz118({
        routing: tunnel('vxlan'),
        'kube-proxy-replacement': withNodePort({ mode: 'Hybrid', dsrMode: 'IP Option/Extension' }),
      }),
    );
    const lb = findBadge(modes, 'load-balancer');
    expect(lb.value).toBe('Hybrid (IP option/extension)');
    expect(lb.details).toContainEqual({ label: 'Per protocol', value: 'DSR for TCP, SNAT for UDP' });
    expect(lb.state).toBe('warn');
    expect(lb.warnings).toHaveLength(1);
    expect(lb.warnings[0]).toMatch(/^Hybrid mode \(DSR for TCP\) with VXLAN tunnel routing: no DSR dispatch works over VXLAN/);
    // Only the load-balancer badge carries it.
    expect(modes.badges.filter((b) => b.state === 'warn').map((b) => b.id)).toEqual(['load-balancer']);
  });

  it('accepts DSR with Geneve dispatch over a Geneve tunnel', () => {
    const modes = derive(
      healthz118({ routing: tunnel('geneve'), 'kube-proxy-replacement': withNodePort({ mode: 'DSR', dsrMode: 'Geneve' }) }),
    );
    const lb = findBadge(modes, 'load-balancer');
    expect(lb).toMatchObject({ value: 'DSR (Geneve)', state: 'ok', warnings: [] });
    expect(lb.notes[0]).toMatch(/Geneve dispatch is supported in Geneve tunnel mode/);
    expect(findBadge(modes, 'routing').value).toBe('Tunnel (Geneve)');
  });

  it('warns about IP-option dispatch over a Geneve tunnel', () => {
    const modes = derive(
      healthz118({
        routing: tunnel('geneve'),
        'kube-proxy-replacement': withNodePort({ mode: 'DSR', dsrMode: 'IP Option/Extension' }),
      }),
    );
    expect(findBadge(modes, 'load-balancer').warnings).toEqual([
      'DSR with IP option/extension dispatch in Geneve tunnel mode: in tunnel mode Cilium supports DSR only with Geneve dispatch; IP option/extension dispatch needs native routing.',
    ]);
  });

  it('warns when the dispatch mode is not reported in tunnel mode', () => {
    const modes = derive(healthz118({ routing: tunnel('geneve'), 'kube-proxy-replacement': withNodePort({ mode: 'DSR' }) }));
    const lb = findBadge(modes, 'load-balancer');
    expect(lb.details).toContainEqual({ label: 'DSR dispatch', value: 'not reported' });
    expect(lb.warnings[0]).toMatch(/DSR needs native routing, except Geneve dispatch over a Geneve tunnel/);
  });

  it('does not warn about SNAT over a tunnel', () => {
    const modes = derive(healthz118({ routing: tunnel('vxlan') }));
    expect(allWarnings(modes)).toEqual([]);
  });
});

describe('host routing and pod device requirements', () => {
  it('warns when BPF host routing is reported without KPR or with iptables masquerading', () => {
    const modes = derive(
      healthz118({
        'kube-proxy-replacement': { mode: 'False' },
        masquerading: { enabled: true, enabledProtocols: { ipv4: true }, mode: 'iptables' },
      }),
    );
    const hr = findBadge(modes, 'host-routing');
    expect(hr.state).toBe('warn');
    expect(hr.warnings).toHaveLength(2);
    expect(hr.warnings[0]).toMatch(/kube-proxy replacement is off.*falls back to legacy host routing/);
    expect(hr.warnings[1]).toMatch(/iptables masquerading.*requires BPF masquerading/);
  });

  it('explains legacy host routing when the visible requirements are met', () => {
    const modes = derive(
      healthz118({ routing: { 'inter-host-routing-mode': 'Native', 'intra-host-routing-mode': 'Legacy' } }),
    );
    expect(findBadge(modes, 'host-routing').notes).toEqual([
      'Kube-proxy replacement and masquerading allow BPF host routing, so legacy routing comes from bpf.hostLegacyRouting=true or a kernel older than 5.10.',
    ]);
  });

  it('says so when legacy host routing is configured', () => {
    const modes = derive(
      healthz118({ routing: { 'inter-host-routing-mode': 'Native', 'intra-host-routing-mode': 'Legacy' } }),
      { status: { daemonConfigurationMap: { EnableHostLegacyRouting: true } } },
    );
    expect(findBadge(modes, 'host-routing').notes).toEqual(['Legacy host routing is configured (bpf.hostLegacyRouting=true).']);
  });

  it('warns about netkit with legacy host routing and tc attachment', () => {
    const modes = derive(
      healthz118({
        routing: { 'inter-host-routing-mode': 'Native', 'intra-host-routing-mode': 'Legacy' },
        'attach-mode': 'tc',
        'datapath-mode': 'netkit-l2',
        'bandwidth-manager': { enabled: true },
      }),
    );
    const dev = findBadge(modes, 'datapath-mode');
    expect(dev.value).toBe('netkit (L2)');
    expect(dev.state).toBe('warn');
    expect(dev.warnings).toHaveLength(2);
    expect(dev.warnings[0]).toMatch(/need BPF host routing/);
    expect(dev.warnings[1]).toMatch(/only with tcx/);
    expect(findBadge(modes, 'bandwidth-manager').notes[0]).toMatch(/together with BPF host routing/);
    expect(findBadge(modes, 'bandwidth-manager').value).toBe('Enabled');
  });
});

describe('older agents', () => {
  it('reads a Cilium 1.13 agent with Probe KPR, host-routing section and Tunnel config', () => {
    const modes = derive(
      {
        cilium: { state: 'Ok', msg: '1.13.4 (v1.13.4-4061cdfc)' },
        'kube-proxy-replacement': {
          mode: 'Probe',
          features: {
            socketLB: { enabled: true },
            nodePort: { enabled: true, mode: 'SNAT', algorithm: 'Random', acceleration: 'Disabled', portMin: 30000, portMax: 32767 },
            hostPort: { enabled: true },
            externalIPs: { enabled: true },
          },
        },
        'host-routing': { mode: 'BPF' },
        masquerading: { enabled: true, enabledProtocols: { ipv4: true }, mode: 'BPF' },
        encryption: { mode: 'IPsec', ipsec: { 'keys-in-use': 1, 'error-count': 2, 'decrypt-interfaces': ['eth0'] } },
      },
      { status: { daemonConfigurationMap: { Tunnel: 'geneve', EnableIPv4: true } } },
    );
    expect(values(modes)).toMatchObject({
      routing: 'Tunnel (Geneve)',
      'kube-proxy-replacement': 'Probe',
      'host-routing': 'BPF',
      'ip-families': 'IPv4 only',
      encryption: 'IPsec',
    });
    expect(findBadge(modes, 'routing').sources).toEqual([
      { from: '/v1/config', path: 'status.daemonConfigurationMap.Tunnel', value: 'geneve' },
    ]);
    expect(findBadge(modes, 'attach-mode').reasonUnknown).toBe(
      'the agent did not report the program attach mode (Cilium 1.13.4 predates it; it was added in 1.16)',
    );
    expect(findBadge(modes, 'encryption').notes[0]).toMatch(/reports 2 errors/);
    // Probe counts as partial replacement: no BPF-host-routing warning about KPR being off.
    expect(allWarnings(modes)).toEqual([]);
  });

  it('reads Strict and Disabled as the old names of True and False', () => {
    const strict = derive({ 'kube-proxy-replacement': { mode: 'Strict' } });
    expect(findBadge(strict, 'kube-proxy-replacement')).toMatchObject({ value: 'Strict', state: 'ok' });
    const disabled = derive({
      'kube-proxy-replacement': { mode: 'Disabled' },
      'host-routing': { mode: 'BPF' },
    });
    expect(findBadge(disabled, 'host-routing').state).toBe('warn');
  });

  it('marks values it does not know as unknown, showing them as sent', () => {
    const modes = derive(healthz118({ 'attach-mode': 'tcx2', encryption: { mode: 'Quantum' } }));
    expect(findBadge(modes, 'attach-mode')).toMatchObject({
      value: 'tcx2',
      state: 'unknown',
      reasonUnknown: "'tcx2' at attach-mode is not a value Starmap knows",
    });
    expect(findBadge(modes, 'encryption').value).toBe('Quantum');
  });

  it('returns every badge, unknown, for an empty payload', () => {
    const modes = derive({});
    expect(modes.badges.map((b) => b.id)).toEqual([...DATAPATH_BADGE_IDS]);
    expect(modes.badges.every((b) => b.state === 'unknown' && (b.reasonUnknown ?? '') !== '')).toBe(true);
  });
});

describe('masquerading and IP families from /v1/config only', () => {
  it('uses status.masquerade when /v1/healthz has no masquerading section', () => {
    const modes = derive({}, { status: { masquerade: true, masqueradeProtocols: { ipv4: true, ipv6: true } } });
    expect(findBadge(modes, 'masquerading')).toMatchObject({ value: 'On (IPv4, IPv6)', state: 'info' });
  });

  it('reads a disabled family from a missing addressing element', () => {
    const modes = derive({}, { status: { addressing: { ipv4: { enabled: true, ip: '10.0.0.1' } } } });
    expect(findBadge(modes, 'ip-families').value).toBe('IPv4 only');
  });
});

describe('compareNodes', () => {
  it('lists the badges whose values differ between nodes', () => {
    const a = derive(healthz118({ cluster: { self: 'prod/node-a' } }));
    const b = derive(healthz118({ cluster: { self: 'prod/node-b' }, 'attach-mode': 'tc' }));
    const c = derive(healthz118({ cluster: { self: 'prod/node-c' }, 'attach-mode': 'tc', encryption: { mode: 'Wireguard' } }));
    const diff = compareNodes({ 'node-a': a, 'node-b': b, 'node-c': c });
    expect(diff).toEqual([
      {
        id: 'attach-mode',
        label: 'Attach mode',
        values: { 'node-a': 'TCX', 'node-b': 'TC (legacy)', 'node-c': 'TC (legacy)' },
        distinct: ['TCX', 'TC (legacy)'],
      },
      {
        id: 'encryption',
        label: 'Encryption',
        values: { 'node-a': 'Off', 'node-b': 'Off', 'node-c': 'WireGuard' },
        distinct: ['Off', 'WireGuard'],
      },
    ]);
  });

  it('accepts a Map and reports nothing for identical nodes', () => {
    const one = derive(healthz118());
    expect(compareNodes(new Map([['x', one], ['y', derive(healthz118())]]))).toEqual([]);
  });
});

describe('datapathExplanations', () => {
  it('explains every badge, with each value a derived badge can show', () => {
    for (const id of DATAPATH_BADGE_IDS) {
      const e = datapathExplanations[id];
      expect(e.what.length).toBeGreaterThan(40);
      expect(e.docs).toMatch(/^https:\/\/docs\.cilium\.io\//);
    }
    const seen = [
      derive(healthz118()),
      derive(healthz118({ routing: { 'inter-host-routing-mode': 'Tunnel', 'intra-host-routing-mode': 'Legacy', 'tunnel-protocol': 'geneve' } })),
    ];
    for (const modes of seen) {
      for (const id of ['routing', 'host-routing', 'attach-mode', 'datapath-mode', 'kube-proxy-replacement'] as const) {
        expect(Object.keys(datapathExplanations[id].values)).toContain(findBadge(modes, id).value);
      }
    }
  });

  it('states the costs and requirements the badges refer to', () => {
    expect(datapathExplanations.routing.costs.join(' ')).toContain('50 bytes');
    expect(datapathExplanations['host-routing'].requires.join(' ')).toMatch(/5\.10.*kube-proxy replacement.*masquerading/);
    expect(datapathExplanations['load-balancer'].requires.join(' ')).toMatch(/native routing/);
  });
});

describe('parseAgentVersion', () => {
  it('reads versions from cilium.msg', () => {
    expect(parseAgentVersion('1.15.0-rc.1 (v1.15.0-rc.1-f582c55c)')?.text).toBe('1.15.0-rc.1');
    expect(parseAgentVersion('1.19.0')).toMatchObject({ major: 1, minor: 19, patch: 0 });
    expect(parseAgentVersion('OK')).toBeNull();
    expect(parseAgentVersion(undefined)).toBeNull();
  });
});
