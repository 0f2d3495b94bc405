/**
 * Agent status here is synthetic (built from the /v1/healthz model in Cilium's openapi.yaml),
 * derived into badges by @starmap/core exactly as the server does it.
 */
import { describe, expect, it } from 'vitest';
import {
  compareNodes,
  deriveDatapathModes,
  parseStatusResponse,
  type AgentDatapath,
  type DatapathModes,
  type DatapathResponse,
} from '@starmap/core';
import { datapathExplanations } from './explanations';
import {
  compactValue,
  datapathView,
  formatSourceValue,
  PRIMARY_BADGE_IDS,
  sourceEndpoints,
  splitChips,
  valueMeaning,
  worstState,
} from './badgeModel';

function healthz(node: string, over: Record<string, unknown> = {}): unknown {
  return {
    cilium: { state: 'Ok', msg: '1.19.4 (v1.19.4-abc123)' },
    cluster: { self: `prod/${node}` },
    'kube-proxy-replacement': {
      mode: 'True',
      features: {
        socketLB: { enabled: true },
        nodePort: { enabled: true, mode: 'DSR', dsrMode: 'IP Option/Extension', algorithm: 'Maglev', portMin: 30000, portMax: 32767 },
      },
    },
    routing: { 'inter-host-routing-mode': 'Native', 'intra-host-routing-mode': 'BPF' },
    masquerading: { enabled: true, enabledProtocols: { ipv4: true }, mode: 'BPF' },
    'attach-mode': 'tcx',
    'datapath-mode': 'veth',
    encryption: { mode: 'Disabled' },
    ...over,
  };
}

function modes(json: unknown): DatapathModes {
  const parsed = parseStatusResponse(json);
  if (!parsed.ok) throw new Error(parsed.error);
  return deriveDatapathModes(parsed.value);
}

function agent(target: string, m: DatapathModes | null, over: Partial<AgentDatapath> = {}): AgentDatapath {
  return { target, phase: m ? 'connected' : 'reconnecting', lastError: null, modes: m, updatedAt: m ? '2026-01-10T12:00:00.000Z' : null, ...over };
}

/** What the server sends: agents plus `compareNodes` over those that answered. */
function response(agents: AgentDatapath[]): DatapathResponse {
  const byNode = new Map<string, DatapathModes>();
  for (const a of agents) if (a.modes) byNode.set(a.modes.nodeName ?? a.target, a.modes);
  return { agents, differences: byNode.size > 1 ? compareNodes(byNode) : [] };
}

describe('datapathView with one agent', () => {
  const view = datapathView(response([agent('unix:/var/run/cilium/cilium.sock', modes(healthz('node-a')))]), null);

  it('makes one chip per badge with its own value and state, and names the agent', () => {
    if (view.kind !== 'ready') throw new Error(view.kind);
    const routing = view.chips.find((c) => c.id === 'routing')!;
    expect(routing).toMatchObject({ value: 'Native', state: 'ok', difference: null, shortLabel: 'Routing' });
    expect(routing.perNode).toHaveLength(1);
    expect(view.chips.find((c) => c.id === 'load-balancer')!.value).toMatch(/^DSR/);
    expect(view.source).toMatchObject({ target: 'unix:/var/run/cilium/cilium.sock', node: 'node-a', agentVersion: '1.19.4' });
    expect(view.unreachable).toEqual([]);
  });

  it('puts the important badges first and the rest behind "+N"', () => {
    if (view.kind !== 'ready') throw new Error(view.kind);
    const { visible, hidden } = splitChips(view.chips, false);
    expect(visible.map((c) => c.id)).toEqual([...PRIMARY_BADGE_IDS]);
    expect(hidden.map((c) => c.id)).toEqual(['datapath-mode', 'bandwidth-manager', 'cluster']);
    expect(splitChips(view.chips, true)).toEqual({ visible: view.chips, hidden: [] });
  });
});

describe('splitChips promotes chips that need attention', () => {
  it('shows a non-primary badge that warns or differs', () => {
    const view = datapathView(response([agent('a', modes(healthz('node-a')))]), null);
    if (view.kind !== 'ready') throw new Error(view.kind);
    const devices = view.chips.find((c) => c.id === 'datapath-mode')!;
    const chips = view.chips.map((c) => (c.id === 'datapath-mode' ? { ...c, state: 'warn' as const } : c));
    expect(splitChips(chips, false).visible.map((c) => c.id)).toContain('datapath-mode');
    expect(splitChips(view.chips, false).hidden).toContainEqual(devices);
  });
});

describe('datapathView with agents that differ', () => {
  const tunnel = healthz('node-b', {
    routing: { 'inter-host-routing-mode': 'Tunnel', 'intra-host-routing-mode': 'BPF', 'tunnel-protocol': 'VXLAN' },
  });
  const view = datapathView(
    response([
      agent('http://10.0.0.1:9962', modes(healthz('node-a'))),
      agent('http://10.0.0.2:9962', modes(tunnel)),
      agent('http://10.0.0.3:9962', null, { lastError: 'connect ECONNREFUSED 10.0.0.3:9962' }),
    ]),
    null,
  );

  it('shows every distinct value on the chip, one reading per node, and the unreachable agent', () => {
    if (view.kind !== 'ready') throw new Error(view.kind);
    const routing = view.chips.find((c) => c.id === 'routing')!;
    expect(routing.difference?.distinct).toEqual(['Native', 'Tunnel (VXLAN)']);
    expect(routing.value).toBe('Native / Tunnel (VXLAN)');
    expect(routing.perNode.map((r) => [r.node, r.badge?.value ?? null, r.problem])).toEqual([
      ['node-a', 'Native', null],
      ['node-b', 'Tunnel (VXLAN)', null],
      ['http://10.0.0.3:9962', null, 'connect ECONNREFUSED 10.0.0.3:9962'],
    ]);
    expect(view.chips.find((c) => c.id === 'attach-mode')!.difference).toBeNull();
    expect(view.agentCount).toBe(3);
    expect(view.unreachable).toEqual([{ target: 'http://10.0.0.3:9962', problem: 'connect ECONNREFUSED 10.0.0.3:9962' }]);
  });

  it('colours a chip by the most worrying state of its nodes', () => {
    expect(worstState(['ok', 'info'])).toBe('info');
    expect(worstState(['ok', 'unknown', 'info'])).toBe('unknown');
    expect(worstState(['unknown', 'warn', 'ok'])).toBe('warn');
    expect(worstState([])).toBe('ok');
  });
});

describe('datapathView when no mode can be known', () => {
  it('waits while loading, or says the server failed', () => {
    expect(datapathView(undefined, null)).toEqual({ kind: 'loading' });
    const failed = datapathView(undefined, 'Failed to fetch');
    expect(failed.kind === 'unavailable' && failed.reason).toContain('Failed to fetch');
  });

  it('explains a missing agent configuration', () => {
    const v = datapathView({ agents: [], differences: [] }, null);
    expect(v.kind === 'unavailable' && v.reason).toContain('--cilium-socket');
  });

  it('says why an agent that never answered gives no modes', () => {
    const down = datapathView(response([agent('unix:/var/run/cilium/cilium.sock', null, { lastError: 'connect ENOENT' })]), null);
    expect(down).toMatchObject({ kind: 'unavailable', title: 'Datapath unknown' });
    expect(down.kind === 'unavailable' && down.reason).toContain('connect ENOENT');
    const waiting = datapathView(response([agent('unix:/x.sock', null, { phase: 'connecting' })]), null);
    expect(waiting.kind === 'unavailable' && waiting.reason).toContain('Waiting for the first answer');
  });
});

describe('explanation helpers', () => {
  it('finds the meaning of values that carry detail in parentheses', () => {
    const lb = datapathExplanations['load-balancer'].values;
    expect(valueMeaning(lb, 'DSR (IP option/extension)')).toBe(lb.DSR);
    expect(valueMeaning(lb, 'SNAT')).toBe(lb.SNAT);
    expect(valueMeaning(datapathExplanations.masquerading.values, 'bpf (IPv4)')).toBe(datapathExplanations.masquerading.values.BPF);
    expect(valueMeaning(lb, 'Something new')).toBeNull();
  });

  it('shortens only values that crowd the header', () => {
    expect(compactValue('ip-families', 'Dual stack (IPv4 + IPv6)')).toBe('IPv4 + IPv6');
    expect(compactValue('ip-families', 'IPv6 only')).toBe('IPv6 only');
    expect(compactValue('load-balancer', 'DSR (Geneve)')).toBe('DSR (Geneve)');
  });

  it('prints source values as JSON and names the endpoints once', () => {
    expect(formatSourceValue('Native')).toBe('"Native"');
    expect(formatSourceValue(true)).toBe('true');
    expect(formatSourceValue(null)).toBe('null');
    expect(
      sourceEndpoints([
        { from: '/v1/healthz', path: 'a', value: 1 },
        { from: '/v1/config', path: 'b', value: 2 },
        { from: '/v1/healthz', path: 'c', value: 3 },
      ]),
    ).toBe('GET /v1/healthz, GET /v1/config');
    expect(sourceEndpoints([])).toBe('no agent field');
  });
});
