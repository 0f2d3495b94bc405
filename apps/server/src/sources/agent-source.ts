import { compareNodes, type AgentConnection, type DatapathModes, type DatapathResponse, type ServiceTable } from '@starmap/core';
import type { AgentEndpoint } from './agent-client.js';
import { AgentPoller, type AgentPollIntervals, type AgentResource } from './agent-poller.js';

export interface AgentSourceOptions {
  endpoints: AgentEndpoint[];
  intervals?: Partial<AgentPollIntervals>;
  timeoutMs?: number;
  onChange?: (what: AgentResource | 'connection') => void;
}

/**
 * All configured Cilium agents (one per node, or just one). The header shows their combined
 * state; the datapath badges show each agent, and which modes differ between them.
 */
export class AgentSource {
  readonly pollers: AgentPoller[];

  constructor(options: AgentSourceOptions) {
    this.pollers = options.endpoints.map(
      (endpoint) => new AgentPoller({ endpoint, intervals: options.intervals, timeoutMs: options.timeoutMs, onChange: options.onChange }),
    );
  }

  start(): void {
    for (const p of this.pollers) p.start();
  }

  stop(): void {
    for (const p of this.pollers) p.stop();
  }

  /** One line for the header: the first agent, or a count when there are several. */
  connection(): AgentConnection {
    const first = this.pollers[0];
    if (!first) {
      return { target: '', phase: 'disabled', since: new Date(0).toISOString(), lastError: null, ciliumState: null, ciliumVersion: null };
    }
    if (this.pollers.length === 1) return { ...first.state };
    const up = this.pollers.filter((p) => p.state.phase === 'connected');
    const down = this.pollers.filter((p) => p.state.phase !== 'connected');
    return {
      target: `${this.pollers.length} agents`,
      phase: down.length === 0 ? 'connected' : up.length === 0 ? down[0]!.state.phase : 'reconnecting',
      since: first.state.since,
      lastError: down.length ? `${down.length} of ${this.pollers.length} agents unreachable; ${down[0]!.target}: ${down[0]!.state.lastError}` : null,
      ciliumState: up[0]?.state.ciliumState ?? null,
      ciliumVersion: up[0]?.state.ciliumVersion ?? null,
    };
  }

  datapath(): DatapathResponse {
    const agents = this.pollers.map((p) => ({
      target: p.target,
      phase: p.state.phase,
      lastError: p.state.lastError,
      modes: p.modes,
      updatedAt: p.statusUpdatedAt?.toISOString() ?? null,
    }));
    const byNode = new Map<string, DatapathModes>();
    for (const a of agents) if (a.modes) byNode.set(a.modes.nodeName ?? a.target, a.modes);
    return { agents, differences: byNode.size > 1 ? compareNodes(byNode) : [] };
  }

  /** The service table of the first agent that has one (service tables are cluster-wide). */
  serviceTable(): { table: ServiceTable; target: string; updatedAt: Date; error: string | null } | { table: null; error: string | null } {
    for (const p of this.pollers) {
      const s = p.serviceTable;
      if (s.table && s.updatedAt) return { table: s.table, target: p.target, updatedAt: s.updatedAt, error: s.error ?? p.state.lastError };
    }
    const errors = this.pollers.map((p) => p.serviceTable.error ?? p.state.lastError).filter(Boolean);
    return { table: null, error: errors[0] ?? null };
  }
}
