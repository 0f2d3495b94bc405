import { BackendTraffic, backendKey, type Flow, type ServicesResponse, type ServiceWithTraffic } from '@starmap/core';
import type { AgentSource } from '../sources/agent-source.js';

export interface ServiceFilter {
  namespaces: string[];
  types: string[];
}

/**
 * The agent's service table joined with the flow stream: per backend, how many flows reached it
 * in the window, so a user sees which backends receive traffic and which never do.
 */
export class ServiceTraffic {
  private readonly traffic: BackendTraffic;
  private knownKeys = '';

  constructor(
    private readonly agent: AgentSource,
    windowMs?: number,
  ) {
    this.traffic = new BackendTraffic({ windowMs });
  }

  observe(f: Flow): void {
    this.traffic.observe(f);
  }

  /** Re-reads the backend list after the service table changed. */
  refreshBackends(): void {
    const current = this.agent.serviceTable();
    const keys = new Set<string>();
    if (current.table) {
      for (const row of current.table.rows) {
        for (const b of row.backends) keys.add(backendKey(b.ip, b.port, b.protocol ?? row.frontend.protocol));
      }
    }
    const joined = [...keys].sort().join(',');
    if (joined === this.knownKeys) return;
    this.knownKeys = joined;
    this.traffic.setBackends(keys);
  }

  response(filter: ServiceFilter = { namespaces: [], types: [] }, now = Date.now()): ServicesResponse {
    const current = this.agent.serviceTable();
    if (!current.table) {
      return { source: null, error: current.error, windowMs: this.traffic.windowMs, services: [], warnings: [] };
    }
    const namespaces = new Set(filter.namespaces);
    const types = new Set(filter.types.map((t) => t.toLowerCase()));
    const services: ServiceWithTraffic[] = [];
    for (const row of current.table.rows) {
      if (namespaces.size && !namespaces.has(row.namespace ?? '')) continue;
      if (types.size && !types.has((row.type ?? '').toLowerCase())) continue;
      let flows = 0;
      let drops = 0;
      const backends = row.backends.map((b) => {
        const counts = this.traffic.counts(backendKey(b.ip, b.port, b.protocol ?? row.frontend.protocol), now);
        flows += counts.flows;
        drops += counts.drops;
        return { ...b, flows: counts.flows, drops: counts.drops, lastSeen: counts.lastSeen === null ? null : new Date(counts.lastSeen).toISOString() };
      });
      services.push({ ...row, backends, flows, drops });
    }
    return {
      source: { endpoint: 'GET /v1/service', target: current.target, updatedAt: current.updatedAt.toISOString() },
      error: current.error,
      windowMs: this.traffic.windowMs,
      services,
      warnings: current.table.warnings,
    };
  }
}
