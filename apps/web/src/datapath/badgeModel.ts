import type {
  AgentDatapath,
  BadgeSource,
  BadgeState,
  DatapathBadge,
  DatapathBadgeId,
  DatapathResponse,
  NodeDifference,
} from '@starmap/core';

/** Shown in the header without asking; the rest hide behind "+N" unless they need attention. */
export const PRIMARY_BADGE_IDS: readonly DatapathBadgeId[] = [
  'routing',
  'kube-proxy-replacement',
  'host-routing',
  'load-balancer',
  'masquerading',
  'attach-mode',
  'ip-families',
  'encryption',
];

/** Labels short enough for a chip; the dialog uses the badge's own label. */
const SHORT_LABELS: Record<DatapathBadgeId, string> = {
  routing: 'Routing',
  'kube-proxy-replacement': 'KPR',
  'host-routing': 'Host routing',
  'load-balancer': 'LB',
  masquerading: 'Masq',
  'attach-mode': 'Attach',
  'datapath-mode': 'Devices',
  'ip-families': 'IP',
  encryption: 'Encryption',
  'bandwidth-manager': 'BW manager',
  cluster: 'Cluster',
};

export function shortLabel(id: DatapathBadgeId): string {
  return SHORT_LABELS[id] ?? id;
}

/** A chip-sized value: 'Dual stack (IPv4 + IPv6)' reads as 'IPv4 + IPv6'; everything else is kept. */
export function compactValue(id: DatapathBadgeId, value: string): string {
  if (id === 'ip-families') {
    const inner = /^Dual stack \((.+)\)$/.exec(value);
    if (inner?.[1]) return inner[1];
  }
  return value;
}

/** Severity order for the chip of a badge whose nodes disagree: the most worrying state wins. */
const STATE_RANK: Record<BadgeState, number> = { ok: 0, info: 1, unknown: 2, warn: 3 };

export function worstState(states: readonly BadgeState[]): BadgeState {
  let worst: BadgeState = 'ok';
  for (const s of states) if (STATE_RANK[s] > STATE_RANK[worst]) worst = s;
  return worst;
}

/** The word that goes with a state, so colour is never the only signal. */
export function stateWord(state: BadgeState): string {
  switch (state) {
    case 'ok':
      return 'OK';
    case 'info':
      return 'Note';
    case 'warn':
      return 'Warning';
    case 'unknown':
      return 'Unknown';
  }
}

/** One agent's reading of one badge. */
export interface NodeReading {
  /** Node name from the agent, or its address when it never answered. */
  node: string;
  target: string;
  /** Null when this agent has not answered (see `problem`). */
  badge: DatapathBadge | null;
  problem: string | null;
}

export interface ChipModel {
  id: DatapathBadgeId;
  shortLabel: string;
  /** The full value: the badge's, or every distinct value when nodes differ. */
  value: string;
  /** The same, shortened where a long value would crowd the header. */
  compact: string;
  state: BadgeState;
  /** The badge of the first agent that answered: its sources, details and notes fill the dialog. */
  badge: DatapathBadge;
  /** Set when agents report different values for this badge. */
  difference: NodeDifference | null;
  perNode: NodeReading[];
}

export interface AgentSourceInfo {
  target: string;
  node: string | null;
  agentVersion: string | null;
  updatedAt: string | null;
}

export type DatapathView =
  | { kind: 'loading' }
  | { kind: 'unavailable'; title: string; reason: string }
  | {
      kind: 'ready';
      chips: ChipModel[];
      /** The agent whose badges the chips show first. */
      source: AgentSourceInfo;
      agentCount: number;
      /** Agents that have not answered, with why. */
      unreachable: { target: string; problem: string }[];
    };

function agentProblem(agent: AgentDatapath): string {
  if (agent.lastError) return agent.lastError;
  if (agent.phase === 'connecting') return 'waiting for the first answer to GET /v1/healthz';
  return `agent ${agent.phase}, no status read yet`;
}

function nodeOf(agent: AgentDatapath): string {
  return agent.modes?.nodeName ?? agent.target;
}

/** What the header shows: chips per badge, or one sentence on why modes cannot be known. */
export function datapathView(response: DatapathResponse | undefined, loadError: string | null): DatapathView {
  if (response === undefined) {
    return loadError !== null
      ? { kind: 'unavailable', title: 'Datapath unknown', reason: `The Starmap server did not answer GET /api/datapath: ${loadError}` }
      : { kind: 'loading' };
  }
  if (response.agents.length === 0) {
    return {
      kind: 'unavailable',
      title: 'Datapath unknown',
      reason:
        'No Cilium agent is configured, so GET /v1/healthz and /v1/config cannot be read. Start Starmap with --cilium-socket /var/run/cilium/cilium.sock or --cilium-api http://HOST:PORT.',
    };
  }
  const answered = response.agents.filter((a) => a.modes !== null);
  const first = answered[0];
  if (!first?.modes) {
    const agent = response.agents[0]!;
    const reachable = agent.phase === 'connecting';
    return {
      kind: 'unavailable',
      title: reachable ? 'Datapath: waiting' : 'Datapath unknown',
      reason: reachable
        ? `Waiting for the first answer of ${agent.target} to GET /v1/healthz.`
        : `The Cilium agent at ${agent.target} has not answered GET /v1/healthz: ${agentProblem(agent)}.`,
    };
  }

  const chips: ChipModel[] = first.modes.badges.map((badge) => {
    const difference = response.differences.find((d) => d.id === badge.id) ?? null;
    const perNode: NodeReading[] = response.agents.map((agent) => ({
      node: nodeOf(agent),
      target: agent.target,
      badge: agent.modes?.badges.find((b) => b.id === badge.id) ?? null,
      problem: agent.modes ? null : agentProblem(agent),
    }));
    const states = perNode.flatMap((r) => (r.badge ? [r.badge.state] : []));
    return {
      id: badge.id,
      shortLabel: shortLabel(badge.id),
      value: difference ? difference.distinct.join(' / ') : badge.value,
      compact: difference ? difference.distinct.map((v) => compactValue(badge.id, v)).join(' / ') : compactValue(badge.id, badge.value),
      state: worstState(states),
      badge,
      difference,
      perNode,
    };
  });

  return {
    kind: 'ready',
    chips,
    source: { target: first.target, node: first.modes.nodeName, agentVersion: first.modes.agentVersion, updatedAt: first.updatedAt },
    agentCount: response.agents.length,
    unreachable: response.agents.filter((a) => a.modes === null).map((a) => ({ target: a.target, problem: agentProblem(a) })),
  };
}

/**
 * Chips the header shows and the ones behind "+N". Primary badges come first in their usual
 * order; a badge outside them is promoted when it warns or differs between nodes.
 */
export function splitChips(chips: readonly ChipModel[], expanded: boolean): { visible: ChipModel[]; hidden: ChipModel[] } {
  if (expanded) return { visible: [...chips], hidden: [] };
  const visible: ChipModel[] = [];
  const hidden: ChipModel[] = [];
  for (const chip of chips) {
    const important = PRIMARY_BADGE_IDS.includes(chip.id) || chip.state === 'warn' || chip.difference !== null;
    (important ? visible : hidden).push(chip);
  }
  return { visible, hidden };
}

/**
 * The meaning of a value from the explanation's table. Values often carry detail in parentheses
 * ('BPF (IPv4, IPv6)', 'DSR (Geneve dispatch)'), so the bare word is tried too.
 */
export function valueMeaning(values: Readonly<Record<string, string>>, value: string): string | null {
  if (values[value] !== undefined) return values[value];
  const bare = value.replace(/\s*\(.*\)\s*$/, '');
  if (values[bare] !== undefined) return values[bare];
  const lower = bare.toLowerCase();
  const key = Object.keys(values).find((k) => k.toLowerCase() === lower);
  return key !== undefined ? (values[key] ?? null) : null;
}

/** A source value as it appears in the agent's JSON. */
export function formatSourceValue(value: BadgeSource['value']): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

/** Endpoints a badge was read from, for the "Read from" line: `GET /v1/healthz, GET /v1/config`. */
export function sourceEndpoints(sources: readonly BadgeSource[]): string {
  const endpoints = [...new Set(sources.map((s) => s.from))];
  return endpoints.length ? endpoints.map((e) => `GET ${e}`).join(', ') : 'no agent field';
}
